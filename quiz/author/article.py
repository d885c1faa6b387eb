"""An article as authors work with it: optional front matter, body, sentences and clauses with
their exact offsets (so every derived quote is a verbatim span)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from quiz.bank.yamlsafe import YamlProblem, compose, to_python

# Spaces between Chinese words end a sentence: pages join paragraphs and headings so
# ("…走深走实。 组织联合 做优家门口党史学习教育 街道将…").
_SPACED = r"(?<=[\u4e00-\u9fff。！？”])[ \u3000]+(?=[\u4e00-\u9fff“《\d])"
SENTENCE_END = re.compile(rf"[。！？!?]+[”’」』\"]?|\n+|{_SPACED}")
CLAUSE_END = re.compile(rf"[，,；;：:。！？!?\n]|{_SPACED}")
# Marked words a clause never ends inside: “学党史,悟思想” is one slogan, 《…》 one title.
_MARKED = re.compile(r"“[^“”\n]{1,60}”|「[^「」\n]{1,60}」|『[^『』\n]{1,60}』|《[^《》\n]{1,60}》"
                     r'|"[^"\n]{1,60}"|（[^（）\n]{1,60}）|\([^()\n]{1,60}\)')  # fmt: skip
_TERMINAL = '。！？!?；;：:”」』"）)'
_OPEN_LINE = re.compile(r"[，,、；;]$")
HEADING_SIZE = 30
"""A line this short that ends without a stop is a heading; a longer one that runs on into the
next line was broken inside its sentence (web pages wrap text so)."""
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
        return list(_split_once(self.text, self.body_start, sentences=True))

    def clauses(self) -> list[Span]:
        return list(_split_once(self.text, self.body_start, sentences=False))

    def sentence_at(self, position: int) -> Span | None:
        """The sentence holding `position`, or None before the body or past its end."""
        found = _split_once(self.text, self.body_start, sentences=True)
        return next((s for s in found if s.start <= position < s.end), None)


@lru_cache(maxsize=16)
def _split_once(text: str, start: int, *, sentences: bool) -> tuple[Span, ...]:
    """Split once per article: derive asks for the sentences and clauses of every fact."""
    if sentences:
        return tuple(_split(text, start, SENTENCE_END, keep_end=True))
    return tuple(_split(text, start, CLAUSE_END, keep_end=False))


def _split(text: str, start: int, pattern: re.Pattern[str], *, keep_end: bool) -> list[Span]:
    spans: list[Span] = []
    begin = start
    for match in pattern.finditer(text, start):
        if _inside_words(text, match.start(), match.end()):
            continue
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


def _inside_words(text: str, start: int, end: int) -> bool:
    """Whether a stop at `start`..`end` is not one: inside marked words, between the digits of
    a figure (1,000 or 8:30), or a line break inside a sentence."""
    mark = text[start]
    if mark == "\n":
        return _soft_break(text, start, end)
    if mark in ",:" and text[start - 1 : start].isdigit() and text[end : end + 1].isdigit():
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return any(
        m.start() < start - line_start and end - line_start < m.end()
        for m in _MARKED.finditer(line)
    )


def _soft_break(text: str, start: int, end: int) -> bool:
    """A single line break after a long line that stops in mid-sentence, or after a comma."""
    if end - start > 1 or end >= len(text):
        return False  # a blank line ends a paragraph
    line = text[text.rfind("\n", 0, start) + 1 : start].strip()
    if not line or line[-1] in _TERMINAL:
        return False
    return bool(_OPEN_LINE.search(line)) or len(line) > HEADING_SIZE


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
        # a page copied without its title opens on its lead paragraph: a long line ending
        # on a stop ("连日来,…镇将…结合起来,…掀起…热潮。") is the body's, its facts asked too
        lead = len(title) > 2 * HEADING_SIZE and title[-1] in "。！？!?"
        body_start = 0 if lead else len(lines[0]) + 1
        if lead:  # the page's title, if any, is its first words: not the whole paragraph
            title = re.split(r"(?<=[。！？!?])|\s", title, maxsplit=1)[0][: 2 * HEADING_SIZE]
        if len(lines) > 1 and re.match(r"^\s*(编辑|作者|来源|时间|发布)", lines[1]):
            body_start += len(lines[1]) + 1
    return AuthorArticle(path, title, text, min(body_start, len(text)), first_line)
