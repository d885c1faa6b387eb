"""Which sentences of an article the bank quotes, and which it leaves unasked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from quiz.author.article import AuthorArticle, Span


@dataclass(frozen=True, slots=True)
class SentenceCoverage:
    span: Span
    line: int
    covered: bool


@dataclass(frozen=True, slots=True)
class Coverage:
    sentences: list[SentenceCoverage]

    @property
    def covered(self) -> int:
        return sum(1 for s in self.sentences if s.covered)

    @property
    def share(self) -> float:
        return self.covered / len(self.sentences) if self.sentences else 1.0

    @property
    def uncovered(self) -> list[SentenceCoverage]:
        return [s for s in self.sentences if not s.covered]


def covered_offsets(text: str, quotes: Iterable[str]) -> list[bool]:
    """For each character of `text`, whether some quote spans it (whitespace aside, as the
    validator compares quotes)."""
    kept = [i for i, char in enumerate(text) if not char.isspace()]
    squeezed = "".join(text[i] for i in kept)
    marks = [False] * len(text)
    for quote in quotes:
        needle = "".join(quote.split())
        if not needle:
            continue
        start = squeezed.find(needle)
        while start >= 0:
            for index in kept[start : start + len(needle)]:
                marks[index] = True
            start = squeezed.find(needle, start + 1)
    return marks


def coverage(article: AuthorArticle, quotes: Iterable[str]) -> Coverage:
    marks = covered_offsets(article.text, quotes)
    result = []
    for span in article.sentences():
        line = article.text.count("\n", 0, span.start) + article.first_line
        result.append(SentenceCoverage(span, line, any(marks[span.start : span.end])))
    return Coverage(result)
