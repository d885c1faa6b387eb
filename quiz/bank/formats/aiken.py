"""Moodle's Aiken format: single choice only, following Moodle's importer (question/format/aiken).

    Question text, on one line
    A. option
    B) option
    ANSWER: B

An option line is a capital letter, `.` or `)`, then the text; `ANSWER: X` names the right
option by its position (A the first). Lines shorter than two characters are ignored, as Moodle
does. Unlike Moodle, consecutive text lines before the options are kept as one question text
(joined with line breaks) instead of dropping all but the last; a question left without its
ANSWER line is reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from quiz.bank.formats.common import Collector, ImportReport, ProgressFn, Skip, at_line
from quiz.bank.models import Question, QuestionType
from quiz.i18n import t

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_OPTION = re.compile(r"^[A-Z][).][ \t]?")
_ANSWER = re.compile(r"^ANSWER:")
_LINES = re.compile(r"\r\n|\r|\n")


def aiken_carries(question: Question) -> bool:
    """Single choice whose texts fit on one line each, and whose question line cannot be taken
    for an option or answer line (nor ignored as too short)."""
    texts = (question.prompt, *question.options)
    return (
        question.type is QuestionType.SINGLE
        and not any(_LINES.search(text) for text in texts)
        and len(question.prompt) >= 2
        and not _OPTION.match(question.prompt)
        and not _ANSWER.match(question.prompt)
    )


def write_aiken(questions: Sequence[Question]) -> tuple[str, list[str]]:
    """Aiken text, and the ids of the questions it cannot carry."""
    blocks: list[str] = []
    skipped: list[str] = []
    for q in questions:
        if not aiken_carries(q):
            skipped.append(q.id)
            continue
        lines = [q.prompt, *(f"{LETTERS[i]}. {o}" for i, o in enumerate(q.options))]
        lines.append(f"ANSWER: {LETTERS[q.options.index(q.answer[0])]}")
        blocks.append("\n".join(lines))
    return ("\n\n".join(blocks) + "\n") if blocks else "", skipped


@dataclass
class _Open:
    """The question being read."""

    line: int
    text: list[str] = field(default_factory=list)
    labels: str = ""
    options: list[str] = field(default_factory=list)
    ended: bool = False  # a blank line came after its text


def read_aiken(text: str, progress: ProgressFn = None) -> ImportReport:
    collector = Collector("aiken", progress)
    lines = _LINES.split(text.removeprefix("\ufeff"))
    collector.total = sum(1 for line in lines if _ANSWER.match(line.strip()))
    current: _Open | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            if current is not None:
                current.ended = True
            continue
        if len(line) < 2:
            continue
        if _ANSWER.match(line):
            if current is None:
                collector.skip(at_line(number), "import.aiken.answer_alone")
                continue
            with collector.record(at_line(current.line)):
                _finish(collector, current, line[len("ANSWER:") :].strip())
            current = None
        elif _OPTION.match(line):
            if current is None:
                collector.skip(at_line(number), "import.aiken.option_alone")
                continue
            current.labels += line[0]
            current.options.append(line[2:].strip())
        else:
            if current is not None and (current.options or current.ended):
                collector.skip(at_line(current.line), "import.aiken.no_answer")
                current = None
            if current is None:
                current = _Open(number)
            current.text.append(line)
    if current is not None:
        collector.skip(at_line(current.line), "import.aiken.no_answer")
    return collector.report


def _finish(collector: Collector, question: _Open, answer: str) -> None:
    labels = question.labels
    if len(question.options) < 2:
        raise Skip("import.aiken.two_options")
    if labels != LETTERS[: len(labels)]:
        raise Skip("import.aiken.letters", labels=", ".join(labels))
    letter = answer[:1]
    if letter not in labels or not letter:
        shown = f"“{answer}”" if answer else t("import.aiken.nothing")
        raise Skip("import.aiken.answer_letter", answer=shown, first=labels[0], last=labels[-1])
    options = question.options
    collector.add(
        at_line(question.line),
        {
            "type": "single",
            "prompt": "\n".join(question.text),
            "options": options,
            "answer": options[LETTERS.index(letter)],
        },
    )
