"""The 学习强国 bank format: one JSON object, each key `stem|option|option[|…]`, each value the
text of the right option. 正确/错误 pairs are true/false statements (judge), the rest single
choice. The platform marks a blank with a run of no-break spaces (U+00A0, usually eight): each
run becomes `____`, and other stray whitespace is collapsed."""

from __future__ import annotations

import json
import re

from quiz.bank.formats.common import (
    Collector,
    ImportReport,
    ProgressFn,
    Skip,
    at_file,
    at_record,
    quoted,
)
from quiz.bank.models import JUDGE_OPTIONS, JUDGE_TRUE
from quiz.bank.text import normalise_answer

TAG = "学习强国"
_BLANK_RUN = re.compile(r"\s*\u00a0{2,}\s*")  # the run, and any spaces around it
_SPACES = re.compile(r"\s+")
_JUDGE = set(JUDGE_OPTIONS)


def clean(text: str) -> str:
    """Whitespace collapsed (a single no-break or ideographic space is just a space)."""
    return _SPACES.sub(" ", text).strip()


def clean_stem(text: str) -> str:
    return clean(_BLANK_RUN.sub("____", text))


def read_xxqg(text: str, progress: ProgressFn = None) -> ImportReport:
    collector = Collector("xxqg", progress)
    try:
        # Pairs, not a dict: a key written twice is two records (the second then reported as a
        # duplicate of the first), where a dict would silently keep only the last.
        data = json.loads(text, object_pairs_hook=_Pairs)
    except ValueError as exc:
        collector.skip(at_file(), "import.xxqg.not_json", error=exc)
        return collector.report
    except RecursionError:
        collector.skip(at_file(), "import.xxqg.too_deep")
        return collector.report
    if not isinstance(data, _Pairs):
        collector.skip(at_file(), "import.xxqg.not_object")
        return collector.report
    collector.total = len(data)
    for number, (key, value) in enumerate(data, start=1):
        where = at_record(number)
        with collector.record(where):
            _record(collector, where, key, value)
    return collector.report


class _Pairs(list[tuple[str, object]]):
    """A JSON object as its (key, value) pairs, in order, repeats kept."""


def _record(collector: Collector, where: str, key: str, value: object) -> None:
    if not isinstance(value, str):
        raise Skip("import.xxqg.value", key=quoted(key))
    stem, *raw_options = key.split("|")
    if len(raw_options) < 2:
        raise Skip("import.xxqg.key_form", key=quoted(key))
    prompt = clean_stem(stem)
    options = [clean(o) for o in raw_options]
    answer = _right_option(clean(value), options)
    question: dict[str, object]
    if len(options) == 2 and set(options) == _JUDGE and answer in _JUDGE:
        question = {"type": "judge", "prompt": prompt, "answer": answer == JUDGE_TRUE}
    else:  # an answer that is not an option is the bank parser's to refuse
        question = {"type": "single", "prompt": prompt, "options": options, "answer": answer}
    question["tags"] = [TAG]
    # The hash covers the options as the record lists them, judges' too, so ids stay the ones
    # earlier imports of the same file produced.
    collector.add(where, question, hash_options=options)


def _right_option(value: str, options: list[str]) -> str:
    """The option the value names: the same text as answers are compared (case, width,
    spacing aside) is the same answer. Anything else is left for the bank parser to refuse."""
    if value in options:
        return value
    matches = [o for o in options if normalise_answer(o) == normalise_answer(value)]
    return matches[0] if len(matches) == 1 else value
