"""CSV with a header row: id,type,prompt,options,answer,explanation,tags,difficulty,section.

List cells (options, multiple answers, tags) separate items with `|`; a fill answer separates
blanks with `||` and a blank's accepted texts with `|`; a judge answer is 正确/错误 (or
true/false). A literal `|` inside a text is written `\\|`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from quiz.bank.formats.common import ImportReport, ProgressFn, content_id, same_question_key
from quiz.bank.models import JUDGE_TRUE, Question, QuestionType

COLUMNS = ("id", "type", "prompt", "options", "answer", "explanation", "tags", "difficulty",
           "section")  # fmt: skip
REQUIRED = {"type", "prompt"}
_SPLIT = re.compile(r"(?<!\\)\|")
_BLANKS = re.compile(r"(?<!\\)\|\|")


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def _items(cell: str) -> list[str]:
    return [part.replace("\\|", "|").strip() for part in _SPLIT.split(cell) if part.strip()]


def write_csv(questions: Sequence[Question]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for q in questions:
        if q.type is QuestionType.FILL:
            answer = "||".join("|".join(_escape(a) for a in texts) for texts in q.accepted or ())
        elif q.type is QuestionType.ORDER:
            answer = ""
        else:
            answer = "|".join(_escape(a) for a in q.answer)
        options = (
            ""
            if q.type in (QuestionType.FILL, QuestionType.JUDGE)
            else "|".join(_escape(o) for o in q.options)
        )
        tags = "|".join(_escape(tag) for tag in q.tags)
        row = [q.id, q.type.value, q.prompt, options, answer, q.explanation, tags]
        writer.writerow([*row, q.difficulty, q.section])
    return buffer.getvalue()


def read_csv(text: str, progress: ProgressFn = None) -> ImportReport:
    report = ImportReport()
    reader = csv.DictReader(io.StringIO(text))
    header = set(reader.fieldnames or ())
    if not header >= REQUIRED:
        report.skipped.append(("line 1", f"the header needs the columns {', '.join(COLUMNS)}"))
        return report
    seen: dict[str, str] = {}
    for row in reader:
        where = f"line {reader.line_num}"
        if None in row:
            report.skipped.append((where, "more cells than columns"))
            continue
        question, problem = _question(row)
        if question is None:
            report.skipped.append((where, problem))
            continue
        content = same_question_key(question)
        if content in seen:
            report.duplicates.append((where, f"same question as {seen[content]}"))
            continue
        seen[content] = where
        report.questions.append(question)
    return report


def _question(row: dict[str, str]) -> tuple[dict[str, object] | None, str]:
    kind = (row.get("type") or "").strip()
    prompt = (row.get("prompt") or "").strip()
    if kind not in {t.value for t in QuestionType}:
        return None, f"unknown type “{kind}”"
    if not prompt:
        return None, "empty prompt"
    options = _items(row.get("options") or "")
    question: dict[str, object] = {"id": (row.get("id") or "").strip()
                                   or content_id("csv", prompt, options),
                                   "type": kind, "prompt": prompt}  # fmt: skip
    answer = (row.get("answer") or "").strip()
    if kind in ("single", "multiple", "order"):
        question["options"] = options
    if kind == "single":
        question["answer"] = _items(answer)[0] if _items(answer) else ""
    elif kind == "multiple":
        question["answer"] = _items(answer)
    elif kind == "judge":
        if answer.lower() not in ("正确", "错误", "true", "false"):
            return None, f"a judge answer must be 正确/错误 or true/false, not “{answer}”"
        question["answer"] = answer.lower() in (JUDGE_TRUE, "true")
    elif kind == "fill":
        question["answer"] = [_items(blank) for blank in _BLANKS.split(answer)]
    for name in ("explanation", "section"):
        value = (row.get(name) or "").strip()
        if value:
            question[name] = value
    tags = _items(row.get("tags") or "")
    if tags:
        question["tags"] = tags
    difficulty = (row.get("difficulty") or "").strip()
    if difficulty:
        if difficulty not in ("1", "2", "3"):
            return None, f"difficulty must be 1, 2 or 3, not “{difficulty}”"
        question["difficulty"] = int(difficulty)
    return question, ""
