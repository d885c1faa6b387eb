"""CSV with a header row, for spreadsheets: one question per row, every type.

Columns (`type` and `prompt` required, any order, others optional):
id,type,prompt,options,answer,explanation,tags,difficulty,section.
Cells that hold lists (options, the answers of a multiple choice, tags) separate items with
`|`; a fill answer separates blanks with `||` and the accepted texts of one blank with `|`; in
those cells `\\|` is a literal `|` and `\\\\` a literal backslash. A judge answer is 正确/错误 (or
true/false); an order question lists its options in the right order and leaves the answer
empty. Rows that cannot be imported are skipped with their line number. A cell that starts
with = + - @ (a formula to a spreadsheet) is written with a leading `'` (OWASP's advice against
CSV injection), and that `'` is taken off again on import.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from quiz.bank.formats.common import (
    Collector,
    ImportReport,
    ProgressFn,
    Skip,
    at_file,
    at_line,
    clean_texts,
)
from quiz.bank.models import JUDGE_FALSE, JUDGE_TRUE, Question, QuestionType
from quiz.i18n import t
from quiz.text.safe import csv_text, csv_value

COLUMNS = ("id", "type", "prompt", "options", "answer", "explanation", "tags", "difficulty",
           "section")  # fmt: skip
REQUIRED = ("type", "prompt")
TYPES = {t.value: t.value for t in QuestionType} | {
    "单选": "single", "单选题": "single", "多选": "multiple", "多选题": "multiple",
    "判断": "judge", "判断题": "judge", "填空": "fill", "填空题": "fill",
    "排序": "order", "排序题": "order",
}  # fmt: skip
TRUE = {JUDGE_TRUE, "对", "true", "t", "yes", "y", "是", "√"}
FALSE = {JUDGE_FALSE, "错", "false", "f", "no", "n", "否", "×"}


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def groups(cell: str) -> list[list[str]]:
    """`8|8次||190` → [["8", "8次"], ["190"]]: `||` separates groups, `|` items."""
    found: list[list[str]] = [[]]
    item: list[str] = []
    index = 0
    while index < len(cell):
        char = cell[index]
        if char == "\\" and cell[index + 1 : index + 2] in ("\\", "|"):
            item.append(cell[index + 1])
            index += 2
            continue
        if char == "|":
            found[-1].append("".join(item))
            item = []
            if cell.startswith("||", index):
                found.append([])
                index += 1
        else:
            item.append(char)
        index += 1
    found[-1].append("".join(item))
    return [[text.strip() for text in group if text.strip()] for group in found]


def items(cell: str) -> list[str]:
    return [item for group in groups(cell) for item in group]


def write_csv(questions: Sequence[Question]) -> str:
    rows = []
    for q in questions:
        options = "|".join(escape(o) for o in q.options)
        if q.type is QuestionType.FILL:
            answer = "||".join("|".join(escape(a) for a in texts) for texts in q.accepted or ())
        elif q.type is QuestionType.JUDGE:
            options, answer = "", q.answer[0]
        elif q.type is QuestionType.ORDER:
            answer = ""
        else:
            answer = "|".join(escape(a) for a in q.answer)
        tags = "|".join(escape(tag) for tag in q.tags)
        rows.append([q.id, q.type.value, q.prompt, options, answer, q.explanation, tags,
                     q.difficulty, q.section])  # fmt: skip
    return csv_text(COLUMNS, rows)


def _dialect(header: str) -> str:
    """Comma, or the tab or semicolon a spreadsheet in some locales writes instead."""
    if "," not in header:
        for delimiter in ("\t", ";"):
            if delimiter in header:
                return delimiter
    return ","


def read_csv(text: str, progress: ProgressFn = None) -> ImportReport:
    collector = Collector("csv", progress)
    text = text.removeprefix("\ufeff")
    rows: list[list[str]] = []
    starts: list[int] = []  # the line each row starts on (a quoted cell may span lines)
    # strict: an unclosed quote is an error, not the rest of the file swallowed into one cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_dialect(text[:4096]), strict=True)
    end = 0
    try:
        for row in reader:
            starts.append(end + 1)
            rows.append([csv_value(cell) for cell in row])
            end = reader.line_num
    except csv.Error as exc:
        collector.skip(at_line(reader.line_num), "import.csv.not_csv", error=exc)
        return collector.report
    if not rows:
        collector.skip(at_file(), "import.csv.empty")
        return collector.report
    header = [name.strip().lower() for name in rows[0]]
    problem = _header_problem(header)
    if problem is not None:
        collector.skip(at_line(1), "import.csv.header", problem=problem, columns=",".join(COLUMNS))
        return collector.report
    collector.total = len(rows) - 1
    for row, start in zip(rows[1:], starts[1:], strict=True):
        where = at_line(start)
        with collector.record(where):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                raise Skip("import.csv.cells", cells=len(row), columns=len(header))
            cells = dict(zip(header, [cell.strip() for cell in row], strict=False))
            name = cells.get("id", "")
            collector.add(where, _question(cells), name=name or None, strict_name=True)
    return collector.report


def _header_problem(header: list[str]) -> str | None:
    for name in header:
        if name not in COLUMNS:
            return t("import.csv.unknown_column", name=name)
    for name in REQUIRED:
        if name not in header:
            return t("import.csv.missing_column", name=name)
    if len(set(header)) != len(header):
        return t("import.csv.repeated_column")
    return None


def _question(cells: dict[str, str]) -> dict[str, object]:
    """The row as a raw question mapping. What only CSV can get wrong (a cell's form) is
    refused here; whether the question is valid is the bank parser's to say."""
    given = cells.get("type", "")
    kind = TYPES.get(given.lower(), given)
    question: dict[str, object] = {"type": kind, "prompt": cells.get("prompt", "")}
    options = items(cells.get("options", ""))
    answer = cells.get("answer", "")
    if kind in ("single", "multiple", "order") or (
        options and not (kind == "judge" and set(options) <= {JUDGE_TRUE, JUDGE_FALSE})
    ):
        question["options"] = options
    if kind == "single":
        chosen = _chosen(items(answer), options)
        if len(chosen) != 1:
            raise Skip("import.csv.single_answer")
        question["answer"] = chosen[0]
    elif kind == "multiple":
        question["answer"] = _chosen(items(answer), options)
    elif kind == "judge":
        if answer.lower() not in TRUE | FALSE:
            raise Skip("import.csv.judge_answer", answer=answer)
        question["answer"] = answer.lower() in TRUE
    elif kind == "fill":
        blanks = groups(answer)
        if not answer or any(not blank for blank in blanks):
            raise Skip("import.csv.fill_answer")
        question["answer"] = [clean_texts(blank) for blank in blanks]
    elif kind == "order" and answer:  # the answer, when given, is the sequence
        sequence = _chosen(items(answer), options)
        if sorted(sequence) != sorted(options):
            raise Skip("import.csv.order_answer")
        question["options"] = sequence
    _extras(question, cells)
    return question


def _chosen(answers: list[str], options: list[str]) -> list[str]:
    """Answers as option texts; a letter (A = the first option) or a run of letters (ACD) not
    matching any option's text names options by position. Other texts are kept as they are."""
    if len(answers) == 1 and answers[0] not in options and _letters(answers[0], options):
        answers = list(answers[0])
    return [
        options["ABCDEF".index(answer)]
        if answer not in options and _letters(answer, options)
        else answer
        for answer in answers
    ]


def _letters(text: str, options: list[str]) -> bool:
    return bool(text) and all(c in "ABCDEF"[: len(options)] for c in text)


def _extras(question: dict[str, object], cells: dict[str, str]) -> None:
    for name in ("explanation", "section"):
        if cells.get(name):
            question[name] = cells[name]
    if tags := items(cells.get("tags", "")):
        question["tags"] = tags
    difficulty = cells.get("difficulty", "")
    if difficulty and difficulty != "2":  # 2 is the bank's default: no need to write it
        question["difficulty"] = int(difficulty) if difficulty.isdecimal() else difficulty
