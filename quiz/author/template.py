"""`quiz new`: a fresh id and a commented template question, appended to a bank file as text
(so the file's own comments and layout stay as the author wrote them)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from quiz.bank.models import QuestionType
from quiz.bank.writing import dump, ordered

_NUMBERED = re.compile(r"^(.*?)(\d+)$")
_ID_LINE = re.compile(r"^\s*-\s*id:\s*['\"]?([A-Za-z0-9][A-Za-z0-9_.-]*)", re.M)
_EMPTY_LIST = re.compile(r"^questions:\s*\[\s*\]\s*$", re.M)


def ids_in(text: str) -> list[str]:
    return _ID_LINE.findall(text)


def next_id(in_file: Iterable[str], taken: Iterable[str], fallback_prefix: str = "q-") -> str:
    """The file's most used prefix with the next number (same width); never an id in use."""
    numbered = [m for i in in_file if (m := _NUMBERED.match(i))]
    taken_set = set(taken) | set(in_file)
    if numbered:
        prefix = Counter(m.group(1) for m in numbered).most_common(1)[0][0]
        same = [m for m in numbered if m.group(1) == prefix]
        width = max(len(m.group(2)) for m in same)
        number = max(int(m.group(2)) for m in same) + 1
    else:
        prefix, width, number = fallback_prefix, 3, 1
    while f"{prefix}{number:0{width}d}" in taken_set:
        number += 1
    return f"{prefix}{number:0{width}d}"


PLACEHOLDERS: dict[QuestionType, dict[str, object]] = {
    QuestionType.SINGLE: {"options": ["选项一", "选项二", "选项三", "选项四"], "answer": "选项一"},
    QuestionType.MULTIPLE: {
        "options": ["选项一", "选项二", "选项三", "选项四"],
        "answer": ["选项一", "选项二"],
    },
    QuestionType.JUDGE: {"answer": True},
    QuestionType.FILL: {"answer": [["答案", "另一种写法"]]},
    QuestionType.ORDER: {"options": ["第一项", "第二项", "第三项"]},
}
HINTS = {
    QuestionType.SINGLE: "options 写 2–6 个选项（屏幕上会打乱）；answer 写正确选项的文字，不写字母",
    QuestionType.MULTIPLE: "answer 是正确选项文字的列表",
    QuestionType.JUDGE: "prompt 写一句陈述；answer 为 true（正确）或 false（错误）",
    QuestionType.FILL: "prompt 中每个空写 ____；answer 每个空一项，可列出多种可接受的写法",
    QuestionType.ORDER: "options 按正确顺序书写（屏幕上会打乱），至少 3 项",
}


def template(
    qtype: QuestionType,
    qid: str,
    values: Mapping[str, object] | None = None,
    *,
    with_quote: bool = True,
    indent: str = "  ",
) -> str:
    """The question as YAML list-item text, indented for a `questions:` list, with comments."""
    question: dict[str, object] = {"id": qid, "type": qtype.value}
    if values:
        question.update(values)
    else:
        prompt = "题干：在这里写陈述。" if qtype is QuestionType.JUDGE else "题干：在这里写问题？"
        if qtype is QuestionType.FILL:
            prompt = "题干中的空写作 ____，例如：市委开展了____次集体学习。"
        question |= {"prompt": prompt, **PLACEHOLDERS[qtype]}
        question["explanation"] = "解析：答题后显示，说明为什么"
        if with_quote:
            question["quote"] = "从原文逐字复制一句"
        question |= {"tags": [], "difficulty": 2}
    body = dump([ordered(question)])
    lines = [f"{indent}# 新题（{qtype.value}）：{HINTS[qtype]}；填好后运行 quiz validate"]
    lines += [indent + line if line else line for line in body.rstrip("\n").split("\n")]
    return "\n".join(lines) + "\n"


def list_indent(text: str) -> str:
    """How the file indents its question items (`  - id:` or `- id:`); two spaces if empty."""
    match = re.search(r"^( *)-\s*id:", text, re.M)
    return match.group(1) if match else "  "


def appended(current: str, text: str) -> str:
    """The file's text with template text appended under its `questions:` (an empty `[]` list
    is opened up)."""
    current = _EMPTY_LIST.sub("questions:", current)
    if not current.endswith("\n"):
        current += "\n"
    return current + text
