"""What every importer returns, and what importers share: one guard per record (a reader never
raises on bad input), the bank parser as the one judge of a question, stable content ids, and
duplicate detection.

An importer only turns its records into raw question mappings (the bank format's keys) and
refuses what its own format gets wrong; whether a question is valid is decided by
`quiz.bank.parse`, the rules a bank file is checked by. Every reason is a catalog message in
the UI language, with the line or record it concerns.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from quiz.bank.fields import ID_PATTERN
from quiz.bank.models import JUDGE_OPTIONS, BankError
from quiz.bank.parse import parse_question
from quiz.bank.text import normalise_answer
from quiz.i18n import t

ProgressFn = Callable[[int, int], None] | None
"""Told (done, total) now and then while a large input is read."""

PROGRESS_EVERY = 500
VALID_ID = re.compile(ID_PATTERN)
FIELD_NAMED = {"bank.wrong_type", "bank.empty_text", "bank.surrogate", "bank.too_long",
               "bank.control_char"}  # fmt: skip
"""Parser messages that do not say which field they are about: the reason names it."""


def unexpected() -> str:
    """The start of the reason given when a reader fails on a record in a way it did not
    foresee (a bug, not bad input): the import goes on and the record is listed."""
    return t("import.unexpected")


def at_line(number: int) -> str:
    return t("import.at.line", number=number)


def at_record(number: int) -> str:
    return t("import.at.record", number=number)


def at_file() -> str:
    return t("import.at.file")


@dataclass
class ImportReport:
    questions: list[dict[str, object]] = field(default_factory=list)
    """Question mappings in the bank format, ready for `bank_yaml`."""
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(where, why) for each record that could not be imported, in the UI language."""
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    """(where, what it repeats) for each record already imported."""
    controls: int = 0
    """Control and bidi characters dropped from the kept questions' texts (quiz.text.safe)."""


class Skip(Exception):
    """One record that cannot be imported: a catalog key and its parameters."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        return t(self.code, **self.params)


class Invalid(Skip):
    """The bank parser refused the question: its first error is the reason."""

    def __init__(self, error: BankError) -> None:
        super().__init__(error.code, **dict(error.params))
        self.error = error

    def __str__(self) -> str:
        return reason(self.error)


def content_id(prefix: str, prompt: str, options: Sequence[str], length: int = 10) -> str:
    """A stable id from the content: the same question always gets the same one, whatever
    order its options come in."""
    text = "|".join([prompt, *sorted(options)])
    digest = hashlib.sha1(text.encode(errors="surrogatepass")).hexdigest()
    return f"{prefix}-{digest[:length]}"


def quoted(text: str, limit: int = 40) -> str:
    """A short quotation of the input for a reason, so the user can find the record."""
    flat = " ".join(text.split())
    return f"“{flat[:limit]}…”" if len(flat) > limit else f"“{flat}”"


def reason(error: BankError) -> str:
    """A parser error as an import's reason: the message, with its field when the message
    does not name it."""
    if error.field and error.code in FIELD_NAMED:
        return t("import.field_problem", field=error.field, problem=error.message)
    return error.message


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
    """Gathers one import: guards each record, has the bank parser judge it, gives it a unique
    id, drops repeats, and reports progress."""

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
        except Skip as refused:
            self.report.skipped.append((where, str(refused)))
        except Exception as exc:  # the promise: never raise on input
            self.report.skipped.append((where, f"{unexpected()} ({type(exc).__name__})"))
        finally:
            self.done += 1
            if self.progress is not None and (
                self.done % PROGRESS_EVERY == 0 or self.done == self.total
            ):
                self.progress(self.done, max(self.total, self.done))

    def skip(self, where: str, code: str, **params: object) -> None:
        self.report.skipped.append((where, str(Skip(code, **params))))

    def add(
        self,
        where: str,
        question: dict[str, object],
        *,
        name: str | None = None,
        strict_name: bool = False,
        hash_options: Sequence[str] | None = None,
    ) -> None:
        """Keep the question if the bank parser takes it and it repeats none kept before. Its
        id is `name` when that is a valid id not yet used (with `strict_name`, the name is the
        id, whatever the parser then says of it), else a hash of the prompt and `hash_options`
        (default: its options). Control and bidi characters are dropped from every text
        first, and counted."""
        question, dropped = _without_controls(question)
        qid = self._id(question, name, strict_name, hash_options)
        mapping = {"id": qid, **question}
        _, errors = parse_question(mapping, file=where, line=0)
        if errors:
            raise Invalid(errors[0])
        key = same_question_key(question)
        first = self._first.get(key)
        if first is not None:
            first_where, first_answer = first
            code = (
                "import.same_as"
                if first_answer == _answer_key(question)
                else ("import.same_as_other_answer")
            )
            self.report.duplicates.append((where, t(code, where=first_where)))
            return
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
            if strict and name in self._ids:
                raise Skip("import.id_used", id=name, where=self._ids[name])
            if strict or (VALID_ID.match(name) and name not in self._ids):
                return name
        options = hash_options
        if options is None:
            listed = question.get("options")
            options = [str(o) for o in listed] if isinstance(listed, list) else []
        for length in (10, 16, 40):  # longer only if two different questions would share one
            qid = content_id(self.prefix, str(question.get("prompt", "")), options, length)
            if qid not in self._ids:
                return qid
        raise Skip("import.no_id")


def _without_controls(question: dict[str, object]) -> tuple[dict[str, object], int]:
    """The question with control and bidi characters removed from its texts, and the count."""
    from quiz.text.safe import without_unsafe

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


def clean_texts(values: Sequence[str]) -> list[str]:
    """Stripped, without empty entries and repeats, in order (accepted answers of a blank)."""
    result: list[str] = []
    for value in values:
        text = value.strip()
        if text and text not in result:
            result.append(text)
    return result
