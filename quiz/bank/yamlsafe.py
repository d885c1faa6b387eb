"""Reading YAML safely: size cap, strict UTF-8, no anchors or aliases, C safe loader only.

Files are composed into nodes with libyaml (`yaml.CSafeLoader`) and turned into plain Python
values here, so every value keeps the line and column it came from for error messages. A
"billion laughs" file is refused before anything is built, since anchors and aliases are
rejected outright: a question bank never needs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quiz.system.files import MAX_INPUT_BYTES, FileProblem, read_bytes

MAX_FILE_BYTES = MAX_INPUT_BYTES

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SCALARS = yaml.constructor.SafeConstructor()


@dataclass(frozen=True, slots=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


class YamlProblem(Exception):
    """A file that cannot be read as YAML at all; `code` is a catalog key."""

    def __init__(self, code: str, position: Position, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.position = position
        self.params = params


def position_of(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def read_text(path: Path) -> str:
    """The file as text: refuses anything but a regular file (a FIFO, a device), huge files and
    bytes that are not UTF-8 (naming the line). OSError when it cannot be opened."""
    try:
        data = read_bytes(path, MAX_FILE_BYTES)
    except FileProblem as problem:
        code = "bank.too_large" if problem.code == "file.too_large" else "bank.not_regular"
        params = {k: v for k, v in problem.params.items() if k in ("size", "limit")}
        raise YamlProblem(code, Position(1, 1), **params) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlProblem(
            "bank.not_utf8", Position(line, column), byte=f"0x{data[exc.start]:02x}"
        ) from None
    return text.removeprefix("\ufeff")


def _refuse_anchors(text: str) -> None:
    # Anchors and aliases need `&` or `*`; most banks have neither, so the scan is usually skipped.
    if "&" not in text and "*" not in text:
        return
    for token in yaml.scan(text, Loader=yaml.CSafeLoader):
        if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
            mark = token.start_mark
            raise YamlProblem("bank.anchor", Position(mark.line + 1, mark.column + 1))


class FastSafeLoader(yaml.CSafeLoader):
    """libyaml's safe loader, with tag resolution made cheap for Chinese text.

    PyYAML resolves every plain scalar's implicit tag in Python, trying the regexes registered
    for its first character; that is most of the time spent loading a large bank. A scalar whose
    first character starts no implicit type (any Chinese text) is a string at once, short ones
    are memoised, and everything else is resolved by PyYAML itself, so the result is exactly the
    safe loader's."""

    _memo: ClassVar[dict[tuple[str, bool], str]] = {}
    _typed_first = frozenset(
        first for first in yaml.resolver.Resolver.yaml_implicit_resolvers if first is not None
    )

    def resolve(self, kind: type[Node], value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode and implicit[0] and value and value[0] not in self._typed_first:
            return _STR
        if kind is ScalarNode and len(value) <= 32:
            key = (value, implicit[0])
            tag = self._memo.get(key)
            if tag is None:
                tag = self._memo[key] = self._pyyaml_resolve(kind, value, implicit)
            return tag
        return self._pyyaml_resolve(kind, value, implicit)

    def _pyyaml_resolve(self, kind: type[Node], value: str, implicit: tuple[bool, bool]) -> str:
        tag: str = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        return tag


def compose(text: str) -> Node | None:
    """The document's node tree (None for an empty file); YAML errors become YamlProblem."""
    try:
        _refuse_anchors(text)
        return yaml.compose(text, Loader=FastSafeLoader)
    except yaml.MarkedYAMLError as exc:
        raise syntax_problem(exc, text) from None
    except yaml.YAMLError as exc:
        raise YamlProblem("bank.yaml_syntax", Position(1, 1), problem=str(exc)) from None


def _at(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    """libyaml's complaint as a catalog message that says what to fix, placed where the mistake
    starts: a quote or a bracket left open where it opens, not where the file or the line ran
    out. A complaint not known here keeps libyaml's words (in English)."""
    problem = (exc.problem or exc.context or "").strip()
    context = (exc.context or "").strip()
    found = exc.problem_mark or exc.context_mark
    where = _at(found) if found is not None else Position(1, 1)
    opened = _at(exc.context_mark) if exc.context_mark is not None else where
    if "quoted scalar" in context and problem == "found unexpected end of stream":
        return YamlProblem("bank.yaml_open_quote", opened, quote=_char(text, opened) or '"')
    if context in ("while parsing a flow sequence", "while parsing a flow mapping"):
        bracket = "[" if "sequence" in context else "{"
        return YamlProblem("bank.yaml_open_bracket", opened, bracket=bracket,
                           closing="]" if bracket == "[" else "}")  # fmt: skip
    if problem == "mapping values are not allowed in this context":
        return YamlProblem("bank.yaml_colon", where)
    if problem in ("did not find expected key", "did not find expected '-' indicator"):
        return YamlProblem("bank.yaml_indent", where)
    if problem == "found character that cannot start any token":
        char = _char(text, where)
        if char == "\t":
            return YamlProblem("bank.yaml_tab", where)
        return YamlProblem("bank.yaml_start", where, char=char)
    if problem == "found unknown escape character":
        return YamlProblem("bank.yaml_escape", where)
    if problem == "but found another document":
        return YamlProblem("bank.yaml_documents", where)
    return YamlProblem("bank.yaml_syntax", where, problem=problem)


def _char(text: str, where: Position) -> str:
    """The character at a position (libyaml counts columns in characters)."""
    lines = text.split("\n")
    line = lines[where.line - 1] if 0 < where.line <= len(lines) else ""
    return line[where.column - 1] if 0 < where.column <= len(line) else ""


INT_LIMIT = 2**63
"""Integers a bank or plan may hold (as SQLite's): a 5,000-digit `difficulty` is refused here,
before Python is asked to convert it."""


def _integer(node: ScalarNode) -> int:
    digits = sum(char.isdigit() for char in node.value)
    try:
        value = _SCALARS.construct_yaml_int(node) if digits <= 40 else None
    except ValueError:
        value = None
    if value is None or not -INT_LIMIT < value < INT_LIMIT:
        raise YamlProblem("bank.number_range", position_of(node), digits=digits)
    return int(value)


def scalar_value(node: ScalarNode) -> Any:
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag == _INT:
        return _integer(node)
    if tag == _BOOL:
        return _SCALARS.construct_yaml_bool(node)
    if tag == _NULL:
        return None
    if tag == _FLOAT:
        return _SCALARS.construct_yaml_float(node)
    # Timestamps, binary and custom tags have no place in a bank: keep the text, the
    # validator then reports a wrong type where a string is not expected.
    return node.value


def to_python(node: Node) -> Any:
    """Plain Python values for a node tree without anchors; duplicate keys are errors."""
    if isinstance(node, ScalarNode):
        return scalar_value(node)
    if isinstance(node, SequenceNode):
        return [to_python(child) for child in node.value]
    if isinstance(node, MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = to_python(key_node)
            if not isinstance(key, str | int | bool | float | None):
                raise YamlProblem("bank.key_not_text", position_of(key_node))
            if key in result:
                raise YamlProblem("bank.duplicate_key", position_of(key_node), key=key)
            result[key] = to_python(value_node)
        return result
    raise YamlProblem("bank.yaml_syntax", position_of(node), problem=type(node).__name__)


def locate(node: Node | None, path: tuple[str | int, ...], *, key: bool = False) -> Position:
    """Position of the value at `path` (or of its key), else of the nearest ancestor found."""
    if node is None:
        return Position(1, 1)
    found = node
    last = len(path) - 1
    for index, step in enumerate(path):
        child: Node | None = None
        if isinstance(found, MappingNode):
            for key_node, value_node in found.value:
                if isinstance(key_node, ScalarNode) and key_node.value == str(step):
                    child = key_node if (key and index == last) else value_node
                    break
        elif (
            isinstance(found, SequenceNode)
            and isinstance(step, int)
            and 0 <= step < len(found.value)
        ):
            child = found.value[step]
        if child is None:
            break
        found = child
    return position_of(found)
