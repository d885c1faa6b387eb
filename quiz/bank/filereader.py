"""Reading one bank file: YAML parsed with positions, the file's fields and every question
validated. Imported only when a file is not in the cache."""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import MappingNode, Node, SequenceNode

from quiz.bank import fields as F
from quiz.bank.models import BankError, BankFile, Question
from quiz.bank.parse import (
    FileContext,
    QuestionParser,
    Reporter,
    check_keys,
    kind,
    text_problem,
    type_name,
)
from quiz.bank.sources import find_source
from quiz.bank.yamlsafe import (
    Position,
    YamlProblem,
    compose,
    locate,
    position_of,
    read_text,
    to_python,
)
from quiz.system.paths import display_path


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
        _refuse_repeated_keys(root)
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


def _refuse_repeated_keys(root: MappingNode) -> None:
    """The file's own keys are read node by node (the questions are never built as one value),
    so they need the check `to_python` makes for every mapping below: a second `questions:`
    would otherwise hide the first block's questions."""
    seen: set[object] = set()
    for key_node, _ in root.value:
        key = to_python(key_node)
        if not isinstance(key, str | int | bool | float | None):
            raise YamlProblem("bank.key_not_text", position_of(key_node))
        if key in seen:
            raise YamlProblem("bank.duplicate_key", position_of(key_node), key=key)
        seen.add(key)


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
        elif (problem := text_problem(value, F.MAX_LENGTH.get(name))) is not None:
            report.error((name,), problem[0], **problem[1])
        else:
            values[name] = value.strip()
    source = values.get("source")
    if source is not None and find_source(path, source) is None:
        report.error(("source",), "bank.source_missing", source=source)
    if "section" not in values:
        return None
    return FileContext(display, values["section"], source)


def field_position(path: Path, question: Question, *where: str | int) -> Position:
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
                return locate(node, where)
    return Position(question.line, 1)
