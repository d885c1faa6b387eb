"""Loading a bank: every file parsed and validated, then checks across files (ids, quotes)."""

from __future__ import annotations

import gc
import os
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from yaml.nodes import MappingNode, Node, SequenceNode

from quiz.bank import fields as F
from quiz.bank.models import Bank, BankError, BankFile, Question
from quiz.bank.parse import FileContext, QuestionParser, Reporter, check_keys, kind, type_name
from quiz.bank.seeds import cached_article, find_source
from quiz.bank.text import without_whitespace
from quiz.bank.yamlsafe import (
    Position,
    YamlProblem,
    compose,
    locate,
    position_of,
    read_text,
    to_python,
)

BANK_SUFFIXES = (".yaml", ".yml")


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def bank_files(paths: Iterable[Path]) -> tuple[list[Path], list[BankError]]:
    """The YAML files named, folders expanded (sorted, recursively); missing paths are errors."""
    found: list[Path] = []
    errors: list[BankError] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in BANK_SUFFIXES))
        elif path.is_file():
            found.append(path)
        else:
            errors.append(BankError(display_path(path), 0, 0, "bank.path_missing"))
    return found, errors


def load_file(path: Path) -> tuple[BankFile | None, list[BankError]]:
    display = display_path(path)
    try:
        root = compose(read_text(path))
    except YamlProblem as problem:
        pos = problem.position
        error = BankError(
            display, pos.line, pos.column, problem.code, None, tuple(problem.params.items())
        )
        return None, [error]
    except OSError as exc:
        return None, [
            BankError(display, 0, 0, "bank.unreadable", None, (("reason", exc.strerror),))
        ]
    report = Reporter(display, root)
    if root is None:
        report.error((), "bank.empty_file")
        return None, report.errors
    if not isinstance(root, MappingNode):
        report.error((), "bank.root_not_mapping", actual=type_name(_safe_value(root, report)))
        return None, report.errors
    try:
        header = {key: to_python(value) for key, value in _pairs(root) if key != "questions"}
        keys = {key for key, _ in _pairs(root)}
    except YamlProblem as problem:
        return None, [_at(display, problem.position, problem.code, problem.params)]
    check_keys(dict.fromkeys(keys), F.FILE_KEYS, (), report)
    context = _file_context(path, display, header, keys, report)
    questions_node = dict(_pairs(root)).get("questions")
    questions: list[Question] = []
    if questions_node is not None and not isinstance(questions_node, SequenceNode):
        report.error(
            ("questions",),
            "bank.wrong_type",
            expected=kind("list"),
            actual=type_name(_safe_value(questions_node, report)),
        )
    elif questions_node is not None and context is not None:
        parser = QuestionParser(context, report)
        for index, node in enumerate(questions_node.value):
            try:
                raw = to_python(node)
            except YamlProblem as problem:
                report.errors.append(_at(display, problem.position, problem.code, problem.params))
                continue
            question = parser.parse(raw, index, position_of(node).line)
            if question is not None:
                questions.append(question)
    if context is None:
        return None, report.errors
    bank_file = BankFile(path, display, context.section, context.source, questions)
    return bank_file, report.errors


def _pairs(root: MappingNode) -> list[tuple[str, Node]]:
    return [(str(k.value), v) for k, v in root.value]


def _safe_value(node: Node, report: Reporter) -> object:
    try:
        return to_python(node)
    except YamlProblem:
        return node


def _at(display: str, pos: Position, code: str, params: dict[str, object]) -> BankError:
    return BankError(display, pos.line, pos.column, code, None, tuple(params.items()))


def _file_context(
    path: Path, display: str, header: dict[str, object], keys: set[str], report: Reporter
) -> FileContext | None:
    for spec in F.FILE_FIELDS:
        if spec.required and spec.name not in keys:
            report.error((), "bank.missing_field", name=spec.name)
    values: dict[str, str] = {}
    for name in ("section", "source", "origin"):
        value = header.get(name)
        if name not in header:
            continue
        if not isinstance(value, str) or not value.strip():
            report.error((name,), "bank.wrong_type", expected=kind("text"), actual=type_name(value))
        else:
            values[name] = value.strip()
    source = values.get("source")
    if source is not None and find_source(path, source) is None:
        report.error(("source",), "bank.source_missing", source=source)
    if "section" not in values:
        return None
    return FileContext(display, values["section"], source)


def load_bank(paths: Sequence[Path]) -> Bank:
    """Every file under `paths`; valid questions are kept even when other parts have errors."""
    with gc_paused():
        return _load_bank(paths)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Loading builds millions of objects that all live on: the cyclic collector would scan
    them again and again for nothing (it costs a third of the time on a large bank)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_bank(paths: Sequence[Path]) -> Bank:
    files, errors = bank_files(paths)
    bank = Bank(errors=errors)
    for path in files:
        bank_file, file_errors = load_file(path)
        bank.errors.extend(file_errors)
        if bank_file is not None:
            bank.files.append(bank_file)
    _check_ids(bank)
    _check_quotes(bank)
    return bank


def _check_ids(bank: Bank) -> None:
    first_seen: dict[str, Question] = {}
    for bank_file in bank.files:
        kept: list[Question] = []
        for question in bank_file.questions:
            other = first_seen.get(question.id)
            if other is None:
                first_seen[question.id] = question
                kept.append(question)
                continue
            pos = field_position(bank_file.path, question, "id")
            bank.errors.append(
                BankError(
                    question.file,
                    pos.line,
                    pos.column,
                    "bank.duplicate_id",
                    "id",
                    (("id", question.id), ("other", f"{other.file}:{other.line}")),
                )
            )
        bank_file.questions = kept


def _check_quotes(bank: Bank) -> None:
    for bank_file in bank.files:
        if bank_file.source is None:
            continue
        located = find_source(bank_file.path, bank_file.source)
        if located is None:
            bank_file.questions = []  # already reported: the file's quotes cannot be trusted
            continue
        article = cached_article(located)
        kept = []
        for question in bank_file.questions:
            if not question.quote or without_whitespace(question.quote) in article.searchable:
                kept.append(question)
                continue
            pos = field_position(bank_file.path, question, "quote")
            code = _quote_code(question.quote, article.text)
            bank.errors.append(
                BankError(
                    question.file,
                    pos.line,
                    pos.column,
                    code,
                    "quote",
                    (("source", bank_file.source),),
                )
            )
        bank_file.questions = kept


def field_position(path: Path, question: Question, name: str) -> Position:
    """Where a question's field is written; the file is parsed again, as this is only needed
    for the rare error found after loading."""
    try:
        root = compose(read_text(path))
    except (YamlProblem, OSError):
        root = None
    items = dict(_pairs(root)).get("questions") if isinstance(root, MappingNode) else None
    if isinstance(items, SequenceNode):
        for node in items.value:
            if isinstance(node, MappingNode) and position_of(node).line == question.line:
                return locate(node, (name,))
    return Position(question.line, 1)


def _quote_code(quote: str, text: str) -> str:
    """Tell the author when only full-width/half-width punctuation differs (a common slip)."""

    def folded(value: str) -> str:
        return without_whitespace(unicodedata.normalize("NFKC", value))

    return "bank.quote_width" if folded(quote) in folded(text) else "bank.quote_not_found"
