"""Importing the 学习强国 bank format: one JSON object, each key `stem|option|option[|…]`, each
value the text of the right option. 正确/错误 pairs become judge questions, the rest single
choice; runs of no-break spaces (the platform's blanks) become `____`."""

from __future__ import annotations

import json
import re

from quiz.bank.formats.common import (
    ImportReport,
    ProgressFn,
    choice_problem,
    content_id,
    keep_once,
)

JUDGE_PAIR = {"正确", "错误"}
_BLANK_RUN = re.compile(r"[\u00a0\u3000]{2,}")
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    return _SPACES.sub(" ", _BLANK_RUN.sub("____", text)).strip()


def read_xxqg(text: str, progress: ProgressFn = None) -> ImportReport:
    report = ImportReport()
    try:
        data = json.loads(text)
    except ValueError as exc:
        report.skipped.append(("file", f"not JSON: {exc}"))
        return report
    if not isinstance(data, dict):
        report.skipped.append(("file", "the top level must be one JSON object"))
        return report
    seen: dict[str, str] = {}
    total = len(data)
    for number, (key, value) in enumerate(data.items(), start=1):
        if progress is not None and (number % 500 == 0 or number == total):
            progress(number, total)
        where = f"record {number}"
        if not isinstance(key, str) or not isinstance(value, str):
            report.skipped.append((where, "the key and the value must be text"))
            continue
        stem, *raw_options = key.split("|")
        prompt = clean(stem)
        options = [clean(o) for o in raw_options]
        answer = clean(value)
        problem = choice_problem(prompt, options, answer)
        if problem is not None:
            report.skipped.append((where, problem))
            continue
        qid = content_id("xxqg", prompt, options)
        if set(options) == JUDGE_PAIR:
            question: dict[str, object] = {"id": qid, "type": "judge", "prompt": prompt,
                                           "answer": answer == "正确"}  # fmt: skip
        else:
            question = {"id": qid, "type": "single", "prompt": prompt, "options": options,
                        "answer": answer}  # fmt: skip
        question["tags"] = ["学习强国"]
        keep_once(report, seen, where, question)
    return report
