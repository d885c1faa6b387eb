"""Typed models of the question bank, normalised so the rest of the program never re-checks input.

Every answer is kept as text (never a letter): for judge questions the options are 正确/错误, for
order questions the answer is the options in their correct order, for fill questions the answer
holds the first accepted text of each blank and `accepted` all of them. A question may quote
several spans of its article (`quotes`) when its answer gathers facts from several places.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from quiz.i18n import t


class QuestionType(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    JUDGE = "judge"
    FILL = "fill"
    ORDER = "order"


JUDGE_TRUE = "正确"
JUDGE_FALSE = "错误"
JUDGE_OPTIONS = (JUDGE_TRUE, JUDGE_FALSE)


class Question(NamedTuple):
    """Immutable; a tuple underneath, so a bank of 100,000 is rebuilt from the cache fast."""

    id: str
    type: QuestionType
    prompt: str
    options: tuple[str, ...]
    answer: tuple[str, ...]
    accepted: tuple[tuple[str, ...], ...] | None
    explanation: str
    quotes: tuple[str, ...]
    tags: tuple[str, ...]
    difficulty: int
    section: str
    source: str | None
    file: str
    line: int
    draft: bool = False

    @property
    def quote(self) -> str:
        """The first quoted span (the one shown in context after an answer); "" if none."""
        return self.quotes[0] if self.quotes else ""


@dataclass(frozen=True, slots=True)
class BankError:
    """One problem in a bank file; `code` is a message-catalog key, `params` fill it in."""

    file: str
    line: int
    column: int
    code: str
    field: str | None = None
    params: tuple[tuple[str, object], ...] = ()

    @property
    def message(self) -> str:
        return t(self.code, **dict(self.params))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        what = f" {self.field}:" if self.field else ""
        return f"{where}:{what} {self.message}"


@dataclass(slots=True)
class BankFile:
    path: Path
    display: str
    section: str
    source: str | None
    questions: list[Question] = field(default_factory=list)


@dataclass(slots=True)
class Bank:
    """The questions of every valid part of a bank, and every error found on the way."""

    files: list[BankFile] = field(default_factory=list)
    errors: list[BankError] = field(default_factory=list)

    @property
    def questions(self) -> list[Question]:
        return [q for bank_file in self.files for q in bank_file.questions]

    @property
    def ok(self) -> bool:
        return not self.errors

    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}
