"""Writing bank files: readable YAML (block style, keys in the format's order, Chinese as is),
starting with the schema line editors use."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import yaml

from quiz.bank.fields import QUESTION_FIELDS

SCHEMA_LINE = "# yaml-language-server: $schema=schema.json"
_ORDER = {spec.name: index for index, spec in enumerate(QUESTION_FIELDS)}


def ordered(question: Mapping[str, object]) -> dict[str, object]:
    """The question's keys in the order the format documents them."""
    return dict(sorted(question.items(), key=lambda item: _ORDER.get(item[0], len(_ORDER))))


class _BankDumper(yaml.CSafeDumper):
    """No anchors or aliases (the loader refuses them); short lists of text on one line."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _represent_list(dumper: _BankDumper, data: list[object]) -> yaml.Node:
    flat = all(isinstance(item, str | int | float | bool) for item in data)
    nested = all(isinstance(item, list) for item in data)
    short = len(str(data)) <= 60
    return dumper.represent_sequence(
        "tag:yaml.org,2002:seq", data, flow_style=(flat or nested) and short
    )


_BankDumper.add_representer(list, _represent_list)


def dump(data: object) -> str:
    return yaml.dump(
        data,
        Dumper=_BankDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=10**6,
    )


def bank_file_text(
    questions: Sequence[Mapping[str, object]],
    *,
    section: str,
    source: str | None = None,
    origin: str | None = None,
    comment: str | None = None,
) -> str:
    """A complete bank file; `source` for questions from an article, `origin` for imports."""
    header: dict[str, object] = {}
    if source is not None:
        header["source"] = source
    if origin is not None:
        header["origin"] = origin
    header["section"] = section
    lines = [SCHEMA_LINE]
    if comment:
        lines.extend(f"# {line}" if line else "#" for line in comment.splitlines())
    text = "\n".join(lines) + "\n" + dump(header)
    body = dump({"questions": [ordered(q) for q in questions]}) if questions else "questions: []\n"
    return text + body
