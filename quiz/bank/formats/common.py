"""What every importer returns, and the bank file it is written to."""

from __future__ import annotations

import hashlib
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


def same_question_key(question: dict[str, object]) -> str:
    """Two records are the same question when type, prompt and option set agree."""
    options = question.get("options")
    listed = sorted(map(str, options)) if isinstance(options, list) else []
    return f"{question['type']}|{question['prompt']}|{listed}"


def content_id(prefix: str, prompt: str, options: list[str]) -> str:
    """A stable id from the content: the same question always gets the same one."""
    digest = hashlib.sha1("|".join([prompt, *sorted(options)]).encode()).hexdigest()[:10]
    return f"{prefix}-{digest}"
