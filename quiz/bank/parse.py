"""Turning one file's plain YAML values into typed questions, collecting every problem."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, TypeGuard

from yaml.nodes import Node

from quiz.bank import fields as F
from quiz.bank.models import JUDGE_FALSE, JUDGE_OPTIONS, JUDGE_TRUE, BankError, Question
from quiz.bank.models import QuestionType as QT
from quiz.bank.text import count_blanks, normalise_answer
from quiz.bank.yamlsafe import Position, locate
from quiz.i18n import Term
from quiz.text.safe import code_point, first_unsafe

Path_ = tuple[str | int, ...]
_ID = re.compile(F.ID_PATTERN)
_SURROGATE = re.compile("[\ud800-\udfff]")
_TYPE_VALUES = frozenset(t.value for t in QT)
_KINDS = {
    str: "text",
    int: "integer",
    float: "number",
    bool: "boolean",
    list: "list",
    dict: "mapping",
    type(None): "empty",
}


def _is_type_name(value: Any) -> TypeGuard[str]:
    return isinstance(value, str) and value in _TYPE_VALUES


def type_name(value: Any) -> Term:
    """The kind of a YAML value, as a translatable term."""
    return kind(_KINDS.get(type(value), "other"))


def kind(name: str) -> Term:
    return Term(f"kind.{name}")


class Reporter:
    """Collects errors of one file, placing each at the line and column of the offending node."""

    def __init__(self, display: str, root: Node | None, line: int = 1) -> None:
        self.display = display
        self.root = root
        self.line = line
        """Where every error goes when there is no YAML to place it in (one record's line)."""
        self.errors: list[BankError] = []

    def error(self, path: Path_, code: str, *, key: bool = False, **params: object) -> None:
        position = (
            locate(self.root, path, key=key) if self.root is not None else Position(self.line, 1)
        )
        self.errors.append(
            BankError(
                self.display,
                position.line,
                position.column,
                code,
                field_label(path),
                tuple(params.items()),
            )
        )


def field_label(path: Path_) -> str | None:
    """`questions[3].answer` style name of a place in the file."""
    label = ""
    for step in path:
        label += f"[{step}]" if isinstance(step, int) else (f".{step}" if label else step)
    return label or None


def text_problem(value: str, limit: int | None) -> tuple[str, dict[str, Any]] | None:
    """Why a text field cannot be taken as it is: a control or bidi character (see
    quiz.text.safe), or more characters than the field allows; None when it is fine."""
    index = first_unsafe(value)
    if index is not None:
        return "bank.control_char", {"char": code_point(value[index]), "position": index + 1}
    if limit is not None and len(value) > limit:
        return "bank.too_long", {"length": len(value), "limit": limit}
    return None


def check_keys(data: dict[Any, Any], allowed: set[str], path: Path_, report: Reporter) -> None:
    for key in data:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), sorted(allowed), n=1, cutoff=0.6)
            report.error(
                (*path, str(key)),
                "bank.unknown_key_hint" if close else "bank.unknown_key",
                key=True,
                name=key,
                hint=close[0] if close else "",
            )


@dataclass(frozen=True, slots=True)
class FileContext:
    display: str
    section: str
    source: str | None


class QuestionParser:
    """Validates one question mapping; returns a Question, or None after reporting why not."""

    def __init__(self, context: FileContext, report: Reporter) -> None:
        self.context = context
        self.report = report

    def parse(self, raw: Any, index: int, line: int) -> Question | None:
        path: Path_ = ("questions", index)
        if not isinstance(raw, dict):
            self.report.error(path, "bank.question_not_mapping", actual=type_name(raw))
            return None
        before = len(self.report.errors)
        check_keys(raw, F.QUESTION_KEYS, path, self.report)
        self.check_unicode(raw, path)
        for spec in F.QUESTION_FIELDS:
            if spec.required and spec.name not in raw:
                self.report.error(path, "bank.missing_field", name=spec.name)
        qid = self.text(raw, path, "id")
        if qid is not None and not _ID.match(qid):
            self.report.error((*path, "id"), "bank.bad_id", value=qid)
        type_value = raw.get("type")
        qtype = QT(type_value) if _is_type_name(type_value) else None
        if "type" in raw and qtype is None:
            choices = ", ".join(QT)
            self.report.error((*path, "type"), "bank.bad_type", value=type_value, choices=choices)
        prompt = self.text(raw, path, "prompt")
        explanation = self.text(raw, path, "explanation") or ""
        quotes = self.quotes(raw, path)
        section = self.text(raw, path, "section") or self.context.section
        tags = self.text_list(raw.get("tags", []), (*path, "tags"), "tags") or []
        difficulty = self.difficulty(raw, path)
        draft = raw.get("draft", False)
        if not isinstance(draft, bool):
            self.report.error(
                (*path, "draft"),
                "bank.wrong_type",
                expected=kind("boolean"),
                actual=type_name(draft),
            )
        if self.context.source and "quote" not in raw and not draft:
            self.report.error(path, "bank.quote_required")
        if "quote" in raw and not self.context.source:
            self.report.error((*path, "quote"), "bank.quote_without_source")
        shape = self.answer_shape(raw, path, qtype, prompt) if qtype and prompt else None
        if shape is None or qid is None or prompt is None or len(self.report.errors) > before:
            return None
        options, answer, accepted = shape
        return Question(
            id=qid,
            type=qtype,  # type: ignore[arg-type]  # shape is None when qtype is None
            prompt=prompt,
            options=options,
            answer=answer,
            accepted=accepted,
            explanation=explanation,
            quotes=quotes,
            tags=tuple(tags),
            difficulty=difficulty,
            section=section,
            source=self.context.source,
            file=self.context.display,
            line=line,
            draft=bool(draft),
        )

    # -- field helpers -------------------------------------------------------------------------

    def check_unicode(self, raw: dict[str, Any], path: Path_) -> None:
        """Lone surrogates (JSON's `\\ud800`, YAML's `"\\ud800"`) cannot be written or shown."""
        for name, value in raw.items():
            texts = value if isinstance(value, list) else [value]
            flat = [t for item in texts for t in (item if isinstance(item, list) else [item])]
            if any(isinstance(text, str) and _SURROGATE.search(text) for text in flat):
                self.report.error((*path, str(name)), "bank.surrogate")

    def text(self, raw: dict[str, Any], path: Path_, name: str) -> str | None:
        if name not in raw:
            return None
        value = raw[name]
        if not isinstance(value, str):
            self.report.error(
                (*path, name), "bank.wrong_type", expected=kind("text"), actual=type_name(value)
            )
            return None
        if not value.strip():
            self.report.error((*path, name), "bank.empty_text")
            return None
        problem = text_problem(value, F.MAX_LENGTH.get(name))
        if problem is not None:
            self.report.error((*path, name), problem[0], **problem[1])
            return None
        return value.strip()

    def quotes(self, raw: dict[str, Any], path: Path_) -> tuple[str, ...]:
        """One span, or a list of spans when the answer gathers facts from several places."""
        value = raw.get("quote")
        if not isinstance(value, list):
            quote = self.text(raw, path, "quote")
            return (quote,) if quote else ()
        listed = self.text_list(value, (*path, "quote"), "quote")
        if listed is not None and not listed:
            self.report.error((*path, "quote"), "bank.empty_quotes")
        return tuple(listed or ())

    def text_list(self, value: Any, path: Path_, field: str) -> list[str] | None:
        if not isinstance(value, list):
            self.report.error(
                path, "bank.wrong_type", expected=kind("list"), actual=type_name(value)
            )
            return None
        good = True
        for index, item in enumerate(value):
            if not isinstance(item, str):
                self.report.error(
                    (*path, index), "bank.wrong_type", expected=kind("text"), actual=type_name(item)
                )
                good = False
            elif not item.strip():
                self.report.error((*path, index), "bank.empty_text")
                good = False
            elif (problem := text_problem(item, F.MAX_LENGTH.get(field))) is not None:
                self.report.error((*path, index), problem[0], **problem[1])
                good = False
        return [item.strip() for item in value] if good else None

    def difficulty(self, raw: dict[str, Any], path: Path_) -> int:
        value = raw.get("difficulty", F.DEFAULT_DIFFICULTY)
        if isinstance(value, bool) or not isinstance(value, int):
            self.report.error(
                (*path, "difficulty"),
                "bank.wrong_type",
                expected=kind("integer"),
                actual=type_name(value),
            )
        elif value not in F.DIFFICULTIES:
            self.report.error((*path, "difficulty"), "bank.difficulty_range", value=value)
        else:
            return value
        return F.DEFAULT_DIFFICULTY

    def unique_options(self, options: list[str], path: Path_) -> bool:
        seen: set[str] = set()
        good = True
        for index, option in enumerate(options):
            key = normalise_answer(option)
            if key in seen:
                self.report.error((*path, "options", index), "bank.duplicate_option", option=option)
                good = False
            seen.add(key)
        return good

    def not_allowed(
        self, raw: dict[str, Any], path: Path_, names: Iterable[str], code: str
    ) -> bool:
        present = [name for name in names if name in raw]
        for name in present:
            self.report.error((*path, name), code, key=True)
        return not present

    # -- answers by type -----------------------------------------------------------------------

    def answer_shape(
        self, raw: dict[str, Any], path: Path_, qtype: QT, prompt: str
    ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, ...], ...] | None] | None:
        if qtype in (QT.SINGLE, QT.MULTIPLE, QT.ORDER):
            return self.choice_shape(raw, path, qtype)
        if qtype is QT.JUDGE:
            if not self.not_allowed(raw, path, ["options"], "bank.judge_options"):
                return None
            if "answer" not in raw:
                self.report.error(path, "bank.missing_field", name="answer")
                return None
            value = raw["answer"]
            if not isinstance(value, bool):
                self.report.error((*path, "answer"), "bank.judge_answer", value=value)
                return None
            return JUDGE_OPTIONS, (JUDGE_TRUE if value else JUDGE_FALSE,), None
        return self.fill_shape(raw, path, prompt)

    def choice_shape(
        self, raw: dict[str, Any], path: Path_, qtype: QT
    ) -> tuple[tuple[str, ...], tuple[str, ...], None] | None:
        if "options" not in raw:
            self.report.error(path, "bank.missing_field", name="options")
            return None
        options = self.text_list(raw["options"], (*path, "options"), "options")
        if options is None or not self.unique_options(options, path):
            return None
        low = F.MIN_ORDER_ITEMS if qtype is QT.ORDER else F.MIN_OPTIONS
        if not low <= len(options) <= F.MAX_OPTIONS:
            code = "bank.order_items" if qtype is QT.ORDER else "bank.option_count"
            self.report.error(
                (*path, "options"), code, count=len(options), low=low, high=F.MAX_OPTIONS
            )
            return None
        if qtype is QT.ORDER:
            if not self.not_allowed(raw, path, ["answer"], "bank.order_answer"):
                return None
            return tuple(options), tuple(options), None
        if "answer" not in raw:
            self.report.error(path, "bank.missing_field", name="answer")
            return None
        value = raw["answer"]
        if qtype is QT.SINGLE:
            if not isinstance(value, str):
                self.report.error(
                    (*path, "answer"),
                    "bank.wrong_type",
                    expected=kind("text"),
                    actual=type_name(value),
                )
                return None
            answers = [value.strip()]
        else:
            listed = self.text_list(value, (*path, "answer"), "answer")
            if listed is None:
                return None
            if not listed:
                self.report.error((*path, "answer"), "bank.empty_answer")
                return None
            answers = listed
        good = True
        for index, answer in enumerate(answers):
            if answer not in options:
                spot = (*path, "answer") if qtype is QT.SINGLE else (*path, "answer", index)
                self.report.error(spot, "bank.answer_not_option", answer=answer)
                good = False
        if len(set(answers)) != len(answers):
            self.report.error((*path, "answer"), "bank.answer_repeated")
            good = False
        if not good:
            return None
        return tuple(options), tuple(o for o in options if o in answers), None

    def fill_shape(
        self, raw: dict[str, Any], path: Path_, prompt: str
    ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, ...], ...]] | None:
        if not self.not_allowed(raw, path, ["options"], "bank.fill_options"):
            return None
        if "answer" not in raw:
            self.report.error(path, "bank.missing_field", name="answer")
            return None
        value = raw["answer"]
        blanks = count_blanks(prompt)
        entries = [value] if isinstance(value, str) and blanks == 1 else value
        if not isinstance(entries, list):
            self.report.error(
                (*path, "answer"), "bank.wrong_type", expected=kind("list"), actual=type_name(value)
            )
            return None
        accepted: list[tuple[str, ...]] = []
        for index, entry in enumerate(entries):
            spot = (*path, "answer") if entries is not value else (*path, "answer", index)
            texts = [entry] if isinstance(entry, str) else entry
            listed = self.text_list(texts, spot, "answer")
            if listed is None:
                continue
            if not listed:
                self.report.error(spot, "bank.empty_answer")
                continue
            accepted.append(tuple(listed))
        if len(accepted) != len(entries):
            return None
        if blanks == 0:
            self.report.error((*path, "prompt"), "bank.fill_no_blank")
            return None
        if len(entries) != blanks:
            self.report.error(
                (*path, "answer"), "bank.fill_blanks", blanks=blanks, answers=len(entries)
            )
            return None
        return (), tuple(texts[0] for texts in accepted), tuple(accepted)


def parse_question(
    raw: object, *, file: str, line: int, section: str = "", source: str | None = None
) -> tuple[Question | None, list[BankError]]:
    """One question mapping from outside a bank file (an importer's record, a question typed
    in) under the very rules of a bank file's questions: the Question, or None and every error,
    placed at `file:line` (the record's own line or number) and named by the field's key."""
    report = Reporter(file, None, line)
    question = QuestionParser(FileContext(file, section, source), report).parse(raw, 0, line)
    errors = [replace(e, field=_own_field(e.field)) if e.field else e for e in report.errors]
    return question, errors


def _own_field(label: str) -> str | None:
    """`questions[0].answer` → `answer`: the place inside the one mapping."""
    own = label.removeprefix("questions[0]").removeprefix(".")
    return own or None
