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


def choice_problem(prompt: str, options: list[str], answer: str) -> str | None:
    """Why a choice question cannot be imported, or None."""
    from quiz.bank.fields import MAX_OPTIONS, MIN_OPTIONS
    from quiz.bank.text import normalise_answer

    if not prompt:
        return "empty question"
    if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS or any(not o for o in options):
        return f"needs {MIN_OPTIONS} to {MAX_OPTIONS} non-empty options"
    if len({normalise_answer(o) for o in options}) != len(options):
        # Answers are compared ignoring case and width, so such options cannot be told apart.
        return "two options differ only in case, width or spacing"
    if answer not in options:
        return f"the answer “{answer}” is not one of the options"
    return None


def keep_once(
    report: ImportReport, seen: dict[str, str], where: str, question: dict[str, object]
) -> None:
    """Add the question unless one with the same id (the same content) came before."""
    qid = str(question["id"])
    if qid in seen:
        report.duplicates.append((where, f"the same question as {seen[qid]}"))
        return
    seen[qid] = where
    report.questions.append(question)
