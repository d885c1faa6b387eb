"""Moodle's Aiken format: single choice only.

    Question text (one line, or several)
    A. option
    B) option
    ANSWER: B

Questions are separated by blank lines; anything Aiken cannot carry is skipped on export.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quiz.bank.formats.common import (
    ImportReport,
    ProgressFn,
    choice_problem,
    content_id,
    keep_once,
)
from quiz.bank.models import Question, QuestionType

_OPTION = re.compile(r"^([A-Z])[.)]\s+(.*)$")
_ANSWER = re.compile(r"^ANSWER:\s*([A-Z])\s*$")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def write_aiken(questions: Sequence[Question]) -> tuple[str, list[str]]:
    blocks: list[str] = []
    skipped: list[str] = []
    for q in questions:
        one_line = "\n" not in q.prompt and all("\n" not in o for o in q.options)
        if q.type is not QuestionType.SINGLE or not one_line:
            skipped.append(q.id)
            continue
        lines = [q.prompt, *(f"{LETTERS[i]}. {o}" for i, o in enumerate(q.options))]
        lines.append(f"ANSWER: {LETTERS[q.options.index(q.answer[0])]}")
        blocks.append("\n".join(lines))
    return ("\n\n".join(blocks) + "\n") if blocks else "", skipped


def read_aiken(text: str, progress: ProgressFn = None) -> ImportReport:
    report = ImportReport()
    seen: dict[str, str] = {}
    stem: list[str] = []
    options: list[tuple[str, str]] = []
    start = 1
    for number, raw in enumerate([*text.splitlines(), ""], start=1):
        line = raw.strip()
        if not line:
            if stem or options:
                report.skipped.append((f"line {start}", "no ANSWER: line"))
            stem, options = [], []
            start = number + 1
            continue
        option = _OPTION.match(line)
        answer = _ANSWER.match(line)
        if answer:
            _finish(report, seen, f"line {start}", " ".join(stem), options, answer.group(1))
            stem, options = [], []
            start = number + 1
        elif option and stem:
            options.append((option.group(1), option.group(2).strip()))
        elif options:
            report.skipped.append((f"line {number}", "text after the options"))
            stem, options = [], []
        else:
            stem.append(line)
    return report


def _finish(
    report: ImportReport,
    seen: dict[str, str],
    where: str,
    prompt: str,
    options: list[tuple[str, str]],
    letter: str,
) -> None:
    texts = [text for _, text in options]
    letters = [mark for mark, _ in options]
    if letter not in letters:
        report.skipped.append((where, f"ANSWER: {letter} names no option"))
        return
    answer = texts[letters.index(letter)]
    problem = choice_problem(prompt, texts, answer)
    if problem is not None:
        report.skipped.append((where, problem))
        return
    qid = content_id("aiken", prompt, texts)
    question: dict[str, object] = {"id": qid, "type": "single", "prompt": prompt,
                                   "options": texts, "answer": answer}  # fmt: skip
    keep_once(report, seen, where, question)
