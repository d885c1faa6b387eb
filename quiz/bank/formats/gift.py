"""Moodle's GIFT format.

Mapped: multiple choice (`{=right ~wrong}`), multiple response (`{~%50%a ~%50%b ~%-100%c}`:
the options with a positive weight are the answer), true/false (`{T}`, `{FALSE}`) and short
answer (`{=a =b}`: a fill question whose blank is where the braces stand). A question's
`::title::` is its id when it is a valid one; `####…` general feedback is the explanation.
Skipped, each with a reason: matching (`->`), numerical (`{#…}`), essays (`{}`) and
descriptions (no braces).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quiz.bank.fields import ID_PATTERN
from quiz.bank.formats.common import ImportReport, ProgressFn, content_id
from quiz.bank.models import Question, QuestionType
from quiz.bank.text import BLANK

SPECIAL = "~=#{}:"
_TITLE = re.compile(r"^::(.*?)::", re.S)
_FORMAT = re.compile(r"^\[(html|moodle|plain|markdown)\]")
_ID = re.compile(ID_PATTERN)
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_ESCAPED = re.compile(r"\\([~=#{}:])")


def escape(text: str) -> str:
    return "".join(f"\\{c}" if c in SPECIAL else c for c in text)


def unescape(text: str, *, strip: bool = True) -> str:
    plain = _ESCAPED.sub(r"\1", text)
    return plain.strip() if strip else plain


# -- writing ------------------------------------------------------------------------------------


def _weight(count: int) -> str:
    return f"{100 / count:.5f}".rstrip("0").rstrip(".")


def write_gift(questions: Sequence[Question]) -> tuple[str, list[str]]:
    """GIFT text, and the ids it cannot carry (ordering; fill with more than one blank)."""
    blocks: list[str] = []
    skipped: list[str] = []
    for q in questions:
        feedback = f" ####{escape(q.explanation)}" if q.explanation else ""
        head = f"::{q.id}:: "
        if q.type is QuestionType.SINGLE:
            items = " ".join(("=" if o in q.answer else "~") + escape(o) for o in q.options)
            blocks.append(f"{head}{escape(q.prompt)} {{{items}{feedback}}}")
        elif q.type is QuestionType.MULTIPLE:
            right = _weight(len(q.answer))
            items = " ".join(
                f"~%{right if o in q.answer else '-100'}%{escape(o)}" for o in q.options
            )
            blocks.append(f"{head}{escape(q.prompt)} {{{items}{feedback}}}")
        elif q.type is QuestionType.JUDGE:
            mark = "T" if q.answer == ("正确",) else "F"
            blocks.append(f"{head}{escape(q.prompt)} {{{mark}{feedback}}}")
        elif q.type is QuestionType.FILL and q.accepted is not None and len(q.accepted) == 1:
            answers = " ".join(f"={escape(a)}" for a in q.accepted[0])
            before, after = BLANK.split(q.prompt, maxsplit=1)
            blocks.append(f"{head}{escape(before)}{{{answers}{feedback}}}{escape(after)}")
        else:
            skipped.append(q.id)
    return ("\n\n".join(blocks) + "\n") if blocks else "", skipped


# -- reading ------------------------------------------------------------------------------------


def _split_questions(text: str) -> list[tuple[int, str]]:
    """(first line number, text) of each question: blocks between blank lines, comments out."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 1
    for number, line in enumerate([*text.splitlines(), ""], start=1):
        if line.strip().startswith("//"):
            continue
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append((start, "\n".join(current)))
            current = []
    return blocks


def _find_unescaped(text: str, char: str, start: int = 0) -> int:
    index = start
    while (index := text.find(char, index)) >= 0:
        if index == 0 or text[index - 1] != "\\":
            return index
        index += 1
    return -1


def _split_items(body: str) -> list[str]:
    """`=a ~b ~%50%c` → ["=a", "~b", "~%50%c"] (unescaped = and ~ start an item)."""
    items: list[str] = []
    current = ""
    for index, char in enumerate(body):
        if char in "=~" and (index == 0 or body[index - 1] != "\\"):
            if current.strip():
                items.append(current.strip())
            current = char
        else:
            current += char
    if current.strip():
        items.append(current.strip())
    return items


def read_gift(text: str, progress: ProgressFn = None) -> ImportReport:
    report = ImportReport()
    seen: dict[str, str] = {}
    blocks = _split_questions(text)
    for index, (line, block) in enumerate(blocks, start=1):
        if progress is not None and index % 500 == 0:
            progress(index, len(blocks))
        where = f"line {line}"
        question, problem = _question(block)
        if question is None:
            report.skipped.append((where, problem))
            continue
        key = f"{question['type']}|{question['prompt']}"
        if key in seen or question["id"] in seen.values():
            report.duplicates.append((where, f"same question (or id) as {seen.get(key, 'before')}"))
            continue
        seen[key] = where
        report.questions.append(question)
    return report


def _question(block: str) -> tuple[dict[str, object] | None, str]:
    text = block.strip()
    title = ""
    if match := _TITLE.match(text):
        title, text = match.group(1).strip(), text[match.end() :].strip()
    text = _FORMAT.sub("", text).strip()
    opening = _find_unescaped(text, "{")
    closing = _find_unescaped(text, "}", opening + 1) if opening >= 0 else -1
    if opening < 0 or closing < 0:
        return None, "a description (no answer in braces): nothing to ask"
    before, body, after = text[:opening], text[opening + 1 : closing], text[closing + 1 :]
    feedback = ""
    general = body.find("####")
    if general >= 0:
        body, feedback = body[:general], unescape(body[general + 4 :])
    body = body.strip()
    if not body:
        return None, "an essay question cannot be marked automatically"
    if body.startswith("#"):
        return None, "numerical questions (ranges, tolerances) are not supported"
    if "->" in body:
        return None, "matching questions are not supported"
    question: dict[str, object] = {}
    if body.upper() in ("T", "F", "TRUE", "FALSE") or body.upper().split("#")[0].strip() in (
        "T", "F", "TRUE", "FALSE",
    ):  # fmt: skip
        mark = body.upper().split("#")[0].strip()
        question = {"type": "judge", "prompt": unescape(before + after), "answer": mark[0] == "T"}
    else:
        parsed = _choices(body)
        if parsed is None:
            return None, "the answers in braces could not be read"
        kind, options, answers = parsed
        gap = bool(after.strip()) or kind == "fill"
        # The blank goes where the braces stood, keeping the text's own spacing (none in
        # Chinese, spaces in English).
        prompt = unescape(before, strip=False) + ("____" if gap else "")
        prompt = re.sub(r"\s+", " ", prompt + unescape(after, strip=False)).strip()
        if kind == "fill":
            question = {"type": "fill", "prompt": prompt, "answer": [answers]}
        else:
            question = {"type": kind, "prompt": prompt, "options": options,
                        "answer": answers[0] if kind == "single" else answers}  # fmt: skip
    if not question["prompt"]:
        return None, "empty question text"
    given = question.get("options")
    listed = [str(o) for o in given] if isinstance(given, list) else []
    question["id"] = title if _ID.match(title) else content_id("gift", str(question["prompt"]),
                                                                listed)  # fmt: skip
    if feedback:
        question["explanation"] = feedback
    return question, ""


def _choices(body: str) -> tuple[str, list[str], list[str]] | None:
    items = _split_items(body)
    if not items:
        return None
    options: list[str] = []
    answers: list[str] = []
    weighted = False
    for item in items:
        mark, rest = item[0], item[1:].strip()
        weight = None
        if match := _WEIGHT.match(rest):
            weight, rest = float(match.group(1)), rest[match.end() :].strip()
            weighted = True
        feedback = _find_unescaped(rest, "#")
        if feedback >= 0:
            rest = rest[:feedback]
        option = unescape(rest)
        if not option:
            return None
        options.append(option)
        if (mark == "=" and weight is None) or (weight is not None and weight > 0):
            answers.append(option)
    if all(item.startswith("=") for item in items) and not weighted:
        return "fill", options, options
    if weighted:
        return "multiple", options, answers
    if len(answers) != 1:
        return None
    return "single", options, answers
