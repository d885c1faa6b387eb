"""What every importer returns, and the bank file it is written to."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from quiz.author.writing import bank_file_text

ProgressFn = Callable[[int, int], None] | None
"""Told (done, total) now and then while a large input is read."""


@dataclass
class ImportReport:
    questions: list[dict[str, object]] = field(default_factory=list)
    """Question mappings in the bank format, ready to write."""
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(where, why) for each record that could not be imported."""
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    """(where, what it repeats) for each record already imported."""


def bank_yaml(questions: list[dict[str, object]], *, section: str, origin: str) -> str:
    """A bank file for imported questions: no article, so `origin` says where they came from."""
    return bank_file_text(questions, section=section, origin=origin)
