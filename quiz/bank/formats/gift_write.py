"""Writing Moodle's GIFT format, escaping as Moodle's own exporter does, so that Moodle and
`read_gift` read back exactly the questions written.

Each question is named `::id::`; sections become `$CATEGORY:` lines; explanations are general
feedback (`####`). Single and multiple choice, judge, and fill with one blank are written; GIFT
has no ordering question, no fill with several blanks, and would read a short answer containing
`->` as matching: those are left out (see `gift_left_out`).
"""

from __future__ import annotations

from collections.abc import Sequence

from quiz.bank.formats.gift import MARKER, WEIGHT
from quiz.bank.models import JUDGE_TRUE, Question, QuestionType
from quiz.bank.text import BLANK

_ESCAPES = str.maketrans({c: f"\\{c}" for c in "~=#{}:"} | {"\n": "\\n", "\r": ""})


def escape(text: str) -> str:
    """Moodle's `repchar`: backslash first, then the control characters and new lines."""
    return text.replace("\\", "\\\\").translate(_ESCAPES)


def _part(text: str) -> str:
    # A text that itself starts like a [format] marker gets an explicit one, else a reader
    # would take its start for the marker.
    return ("[moodle]" if MARKER.match(text) else "") + escape(text)


def _weighted(mark: str, weight: str | None, text: str) -> str:
    # A text starting like a weight (`%50%…`) gets an explicit weight in front, for the same
    # reason; `weight` None means the mark alone says it.
    if weight is None and WEIGHT.match(text):
        weight = "0" if mark == "~" else "100"
    return mark + (f"%{weight}%" if weight is not None else "") + _part(text)


def gift_left_out(questions: Sequence[Question]) -> list[str]:
    """Ids of the questions GIFT cannot carry."""
    return [q.id for q in questions if not _carries(q)]


def _carries(question: Question) -> bool:
    if question.type is QuestionType.ORDER:
        return False
    if question.type is QuestionType.FILL:
        accepted = question.accepted or ()
        return len(accepted) == 1 and not any("->" in text for text in accepted[0])
    return True


def write_gift(questions: Sequence[Question]) -> str:
    """GIFT text of the questions it can carry; a leading comment lists the others."""
    blocks: list[str] = []
    left_out = gift_left_out(questions)
    if left_out:
        ids = ", ".join(left_out)
        blocks.append(f"// Left out (GIFT has no ordering, nor fill with several blanks): {ids}")
    section = None
    for q in questions:
        if not _carries(q):
            continue
        if q.section and q.section != section:
            blocks.append(f"$CATEGORY: {' '.join(q.section.splitlines())}")
            section = q.section
        blocks.append(_question(q))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _question(q: Question) -> str:
    head = f"::{q.id}:: "
    feedback = f"####{_part(q.explanation)}" if q.explanation else ""
    if q.type is QuestionType.JUDGE:
        mark = "TRUE" if q.answer == (JUDGE_TRUE,) else "FALSE"
        return f"{head}{_part(q.prompt)} {{{mark}{feedback}}}"
    if q.type is QuestionType.FILL:
        assert q.accepted is not None
        before, after = BLANK.split(q.prompt, maxsplit=1)
        answers = " ".join(_weighted("=", None, text) for text in q.accepted[0])
        return f"{head}{_part(before)}{{{answers}{feedback}}}{escape(after)}"
    lines = [f"{head}{_part(q.prompt)} {{"]
    if q.type is QuestionType.SINGLE:
        lines += [
            "\t" + ("=" + _part(o) if o in q.answer else _weighted("~", None, o)) for o in q.options
        ]
    else:
        right = f"{100 / len(q.answer):.5f}".rstrip("0").rstrip(".")
        lines += ["\t" + _weighted("~", right if o in q.answer else "-100", o) for o in q.options]
    if feedback:
        lines.append("\t" + feedback)
    lines.append("}")
    return "\n".join(lines)
