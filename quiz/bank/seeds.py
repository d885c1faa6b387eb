"""Source articles (`seeds/`): the text, kept byte for byte, and a metadata file beside it."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from quiz.bank.text import without_whitespace

ARTICLE_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)  # no slots: `searchable` is cached on the instance
class Article:
    path: Path
    title: str
    publisher: str
    published: datetime | None
    text: str

    @property
    def body(self) -> str:
        """The text after the title and byline lines (the article proper)."""
        lines = self.text.splitlines()
        start = 2 if len(lines) > 2 and lines[0].strip() == self.title.strip() else 0
        return "\n".join(lines[start:])

    @functools.cached_property
    def searchable(self) -> str:
        return without_whitespace(self.text)


SENTENCE_ENDS = "。！？；!?\n"


def sentence_around(text: str, quote: str) -> tuple[str, str, str] | None:
    """The sentence of `text` holding `quote`, as (before, quote, after); None if absent."""
    start = text.find(quote)
    if start < 0 or not quote:
        return None
    end = start + len(quote)
    begin = max(text.rfind(mark, 0, start) for mark in SENTENCE_ENDS) + 1
    if quote[-1] in SENTENCE_ENDS:  # the quote already ends its sentence
        return text[begin:start], quote, ""
    stops = [pos for mark in SENTENCE_ENDS if (pos := text.find(mark, end)) >= 0]
    finish = min(stops) + 1 if stops else len(text)
    return text[begin:start], quote, text[end:finish].rstrip("\n")


def metadata_path(article: Path) -> Path:
    return article.with_suffix(".yaml")


def load_article(path: Path) -> Article:
    """The article and its metadata; a missing or broken metadata file leaves the fields empty
    (the first line of the text then serves as the title). OSError, FileProblem or
    UnicodeDecodeError when the article itself cannot be read."""
    from quiz.bank.yamlsafe import YamlProblem, compose, read_text, to_python
    from quiz.system.files import read_text as read_article_text

    text = read_article_text(path)
    meta: dict[str, object] = {}
    meta_file = metadata_path(path)
    if meta_file.is_file():
        try:
            node = compose(read_text(meta_file))
            loaded = to_python(node) if node is not None else {}
            meta = loaded if isinstance(loaded, dict) else {}
        except (YamlProblem, OSError):
            meta = {}
    first_line = text.splitlines()[0].strip() if text.strip() else path.stem
    published = meta.get("published")
    return Article(
        path=path,
        title=str(meta.get("title") or first_line),
        publisher=str(meta.get("publisher") or ""),
        published=_parse_time(published),
        text=text,
    )


def _parse_time(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return None


def cached_article(path: Path) -> Article:
    """The article, read again only when its content changed (an author may edit it while the
    TUI runs)."""
    import hashlib

    from quiz.system.files import read_bytes

    digest = hashlib.blake2b(read_bytes(path), digest_size=16).hexdigest()
    return _article_for(path, digest)


@functools.lru_cache(maxsize=64)
def _article_for(path: Path, digest: str) -> Article:
    return load_article(path)


def list_articles(seeds_dir: Path) -> list[Article]:
    if not seeds_dir.is_dir():
        return []
    return [
        load_article(path)
        for path in sorted(seeds_dir.iterdir())
        if path.suffix in ARTICLE_SUFFIXES and path.is_file()
    ]
