"""What every importer returns, and what importers share: one guard per record (a reader never
raises on bad input), checks that mirror the bank validator's in plain English, stable content
ids, and duplicate detection."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from quiz.bank.fields import ID_PATTERN, MAX_OPTIONS, MIN_OPTIONS, MIN_ORDER_ITEMS
from quiz.bank.models import JUDGE_OPTIONS, BankError
from quiz.bank.text import count_blanks, normalise_answer

ProgressFn = Callable[[int, int], None] | None
"""Told (done, total) now and then while a large input is read."""

PROGRESS_EVERY = 500
UNEXPECTED = "unexpected problem while reading it"
"""Reason given when a reader fails on a record in a way it did not foresee (a bug, not bad
input): the import goes on and the record is listed, never a traceback."""

VALID_ID = re.compile(ID_PATTERN)
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class ImportReport:
    questions: list[dict[str, object]] = field(default_factory=list)
    """Question mappings in the bank format, ready for `bank_yaml`."""
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(where, why) for each record that could not be imported."""
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    """(where, what it repeats) for each record already imported."""
    controls: int = 0
    """Control and bidi characters dropped from the kept questions' texts (quiz.safetext)."""


class Skip(Exception):
    """One record that cannot be imported; the message says why, in plain English."""


def content_id(prefix: str, prompt: str, options: Sequence[str], length: int = 10) -> str:
    """A stable id from the content: the same question always gets the same one, whatever
    order its options come in."""
    digest = hashlib.sha1("|".join([prompt, *sorted(options)]).encode()).hexdigest()
    return f"{prefix}-{digest[:length]}"


def quoted(text: str, limit: int = 40) -> str:
    """A short quotation of the input for a reason, so the user can find the record."""
    flat = " ".join(text.split())
    return f"“{flat[:limit]}…”" if len(flat) > limit else f"“{flat}”"


def check_text(text: str, what: str) -> None:
    if _SURROGATE.search(text):
        raise Skip(f"the {what} has characters that are not valid Unicode (lone surrogates)")


def check_options(options: Sequence[str], *, low: int = MIN_OPTIONS) -> None:
    """The validator's option rules: low..6 non-empty options, distinct as answers compare."""
    if not low <= len(options) <= MAX_OPTIONS:
        raise Skip(f"it has {len(options)} options; a bank question needs {low} to {MAX_OPTIONS}")
    seen: dict[str, str] = {}
    for option in options:
        if not option.strip():
            raise Skip("one of its options is empty")
        check_text(option, "option")
        key = normalise_answer(option)
        if key in seen and seen[key] == option:
            raise Skip(f"the option {quoted(option)} appears twice")
        if key in seen:
            # Answers are compared ignoring case, width and spacing (the product's rule), so a
            # player could not tell these two apart.
            raise Skip(
                f"two options differ only in case, width or spacing: "
                f"{quoted(seen[key])} and {quoted(option)}"
            )
        seen[key] = option


def check_question(question: dict[str, object]) -> None:
    """Raise Skip with the reason the bank validator would refuse this mapping."""
    kind, prompt = question["type"], question["prompt"]
    if not isinstance(prompt, str) or not prompt.strip():
        raise Skip("the question text is empty")
    check_text(prompt, "question text")
    options = question.get("options")
    answer = question.get("answer")
    if kind in ("single", "multiple", "order"):
        assert isinstance(options, list)
        check_options(options, low=MIN_ORDER_ITEMS if kind == "order" else MIN_OPTIONS)
    if kind == "single" and (not isinstance(options, list) or answer not in options):
        raise Skip(f"the right answer {quoted(str(answer))} is not one of the options")
    if kind == "multiple":
        assert isinstance(answer, list) and isinstance(options, list)
        if not answer:
            raise Skip("no option is marked right")
        if any(a not in options for a in answer) or len(set(answer)) != len(answer):
            raise Skip("its right answers are not distinct options")
    if kind == "fill":
        assert isinstance(answer, list)
        blanks = count_blanks(prompt)
        if not blanks:
            raise Skip("a fill question marks its blank in the text with ____")
        if blanks != len(answer):
            raise Skip(f"the text has {blanks} blanks (____) but answers for {len(answer)}")
        for accepted in answer:
            if not accepted or any(not str(text).strip() for text in accepted):
                raise Skip("a blank has an empty answer")
            for text in accepted:
                check_text(str(text), "answer")
    for name in ("explanation", "section"):
        value = question.get(name)
        if value is not None:
            check_text(str(value), name)


def same_question_key(question: dict[str, object]) -> tuple[str, tuple[str, ...]]:
    """Two records are the same question when their prompts and option sets agree as answers
    are compared (case, width and spacing aside). Judge questions have 正确/错误."""
    options = question.get("options")
    listed: Sequence[str] = JUDGE_OPTIONS if question["type"] == "judge" else ()
    if isinstance(options, list):
        listed = [str(o) for o in options]
    normalised = sorted(normalise_answer(o) for o in listed)
    return normalise_answer(str(question["prompt"])), tuple(normalised)


def _answer_key(question: dict[str, object]) -> str:
    answer = question.get("answer")
    if isinstance(answer, list):
        return repr(sorted(repr(a) for a in answer))
    return repr(answer)


class Collector:
    """Gathers one import: guards each record, checks it, gives it a unique id, drops repeats,
    and reports progress."""

    def __init__(self, prefix: str, progress: ProgressFn = None) -> None:
        self.report = ImportReport()
        self.prefix = prefix
        self.progress = progress
        self.total = 0
        self.done = 0
        self._first: dict[tuple[str, tuple[str, ...]], tuple[str, str]] = {}
        self._ids: dict[str, str] = {}  # id -> where it was first used

    @contextmanager
    def record(self, where: str) -> Iterator[None]:
        """Run one record's reading: Skip becomes a skipped entry, and so does any other error,
        so that one odd record never stops an import."""
        try:
            yield
        except Skip as reason:
            self.report.skipped.append((where, str(reason)))
        except Exception as exc:  # the promise: never raise on input
            self.report.skipped.append((where, f"{UNEXPECTED} ({type(exc).__name__})"))
        finally:
            self.done += 1
            if self.progress is not None and (
                self.done % PROGRESS_EVERY == 0 or self.done == self.total
            ):
                self.progress(self.done, max(self.total, self.done))

    def skip(self, where: str, reason: str) -> None:
        self.report.skipped.append((where, reason))

    def add(
        self,
        where: str,
        question: dict[str, object],
        *,
        name: str | None = None,
        strict_name: bool = False,
        hash_options: Sequence[str] | None = None,
    ) -> None:
        """Keep the question unless it repeats one kept before. Its id is `name` when that is a
        valid id not yet used (with `strict_name`, an unusable name is a Skip), else a hash of
        the prompt and `hash_options` (default: its options). Control and bidi characters are
        dropped from every text first, and counted."""
        question, dropped = _without_controls(question)
        check_question(question)
        key = same_question_key(question)
        first = self._first.get(key)
        if first is not None:
            first_where, first_answer = first
            note = "" if first_answer == _answer_key(question) else " (with another answer)"
            self.report.duplicates.append((where, f"the same question as {first_where}{note}"))
            return
        qid = self._id(question, name, strict_name, hash_options)
        mapping = {"id": qid, **question}
        problem = validator_problem(mapping)
        if problem is not None:
            raise Skip(problem)
        self._first[key] = (where, _answer_key(question))
        self._ids[qid] = where
        self.report.questions.append(mapping)
        self.report.controls += dropped

    def _id(
        self,
        question: dict[str, object],
        name: str | None,
        strict: bool,
        hash_options: Sequence[str] | None,
    ) -> str:
        if name:
            if VALID_ID.match(name) and name not in self._ids:
                return name
            if strict and name in self._ids:
                raise Skip(f"its id “{name}” is already used by {self._ids[name]}")
            if strict:
                raise Skip(f"its id “{name}” may only use letters, digits and _ . - (no spaces)")
        options = hash_options
        if options is None:
            listed = question.get("options")
            options = [str(o) for o in listed] if isinstance(listed, list) else []
        for length in (10, 16, 40):  # longer only if two different questions would share one
            qid = content_id(self.prefix, str(question["prompt"]), options, length)
            if qid not in self._ids:
                return qid
        raise Skip("no unused id could be made for it")


def _without_controls(question: dict[str, object]) -> tuple[dict[str, object], int]:
    """The question with control and bidi characters removed from its texts, and the count."""
    from quiz.safetext import without_unsafe

    dropped = 0

    def clean(value: object) -> object:
        nonlocal dropped
        if isinstance(value, str):
            text, count = without_unsafe(value)
            dropped += count
            return text.strip() if count else text  # no edge left bare where one was cut
        if isinstance(value, list):
            return [clean(item) for item in value]
        return value

    cleaned = {key: clean(value) for key, value in question.items()}
    return cleaned, dropped


def validator_problem(question: dict[str, object]) -> str | None:
    """The bank validator's own verdict, as a last check: what an importer keeps must load."""
    error = _VALIDATOR.check(question)
    if error is None:
        return None
    return f"the bank format refuses it ({error.field}: {error.message})"


class _Validator:
    """One QuestionParser reused for every question."""

    def __init__(self) -> None:
        from quiz.bank.parse import FileContext, QuestionParser, Reporter

        self.reporter = Reporter("import", None)
        self.parser = QuestionParser(FileContext("import", "import", None), self.reporter)

    def check(self, question: dict[str, object]) -> BankError | None:
        self.reporter.errors.clear()
        self.parser.parse(question, 0, 1)
        return self.reporter.errors[0] if self.reporter.errors else None


_VALIDATOR = _Validator()


def clean_texts(values: Sequence[str]) -> list[str]:
    """Stripped, without empty entries and repeats, in order (accepted answers of a blank)."""
    result: list[str] = []
    for value in values:
        text = value.strip()
        if text and text not in result:
            result.append(text)
    return result
