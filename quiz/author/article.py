"""An article as authors work with it: optional front matter, body, sentences and clauses with
their exact offsets (so every derived quote is a verbatim span)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from quiz.bank.yamlsafe import YamlProblem, compose, to_python

SENTENCE_END = re.compile(r"[。！？!?]+[”’」』]?|\n+")
CLAUSE_END = re.compile(r"[，,；;：:。！？!?\n]")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class AuthorArticle:
    path: Path | None
    title: str
    text: str
    """The whole text the quotes are checked against (front matter removed)."""
    body_start: int
    """Where the body begins (after a title line and a byline, when present)."""
    first_line: int = 1
    """The file line `text` starts on (front matter comes before it)."""

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    def sentences(self) -> list[Span]:
        return _split(self.text, self.body_start, SENTENCE_END, keep_end=True)

    def clauses(self) -> list[Span]:
        return _split(self.text, self.body_start, CLAUSE_END, keep_end=False)


def _split(text: str, start: int, pattern: re.Pattern[str], *, keep_end: bool) -> list[Span]:
    spans: list[Span] = []
    begin = start
    for match in pattern.finditer(text, start):
        end = match.end() if keep_end else match.start()
        piece = text[begin:end]
        stripped = piece.strip()
        if stripped:
            offset = begin + piece.index(stripped)
            spans.append(Span(offset, offset + len(stripped), stripped))
        begin = match.end()
    tail = text[begin:].strip()
    if tail:
        offset = text.index(tail, begin)
        spans.append(Span(offset, offset + len(tail), tail))
    return spans


def read_article(path: Path) -> AuthorArticle:
    """Plain text (a title line, maybe a byline, then paragraphs) or text with YAML front
    matter (`---` … `---`, with a `title`)."""
    from quiz.system.files import read_text

    return parse_article(read_text(path), path)


def parse_article(raw: str, path: Path | None = None) -> AuthorArticle:
    title = ""
    text = raw
    first_line = 1
    match = FRONT_MATTER.match(raw)
    if match:
        text = raw[match.end() :]
        first_line += raw.count("\n", 0, match.end())
        try:
            node = compose(match.group(1))
            meta = to_python(node) if node is not None else {}
        except YamlProblem:
            meta = {}
        if isinstance(meta, dict) and isinstance(meta.get("title"), str):
            title = meta["title"].strip()
    lines = text.split("\n")
    body_start = 0
    if not title and lines and lines[0].strip():
        title = lines[0].strip()
        body_start = len(lines[0]) + 1
        if len(lines) > 1 and re.match(r"^\s*(编辑|作者|来源|时间|发布)", lines[1]):
            body_start += len(lines[1]) + 1
    return AuthorArticle(path, title, text, min(body_start, len(text)), first_line)
