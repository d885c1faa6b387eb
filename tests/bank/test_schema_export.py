"""The JSON Schema stays in step with the models; `quiz export` emits the documented contract."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from quiz.bank.schema import schema_text
from quiz.cli.main import cli
from tests.conftest import BANK

CONTRACT_KEYS = {
    "id", "type", "prompt", "options", "answer", "accepted", "explanation", "quote", "quotes",
    "source", "section", "tags", "difficulty", "file", "line",
}  # fmt: skip


def test_committed_schema_is_current() -> None:
    committed = (BANK / "schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: quiz schema -o questions/schema.json"


def test_schema_rejects_unknown_keys_and_knows_every_type() -> None:
    schema = json.loads(schema_text())
    question = schema["$defs"]["question"]
    assert question["additionalProperties"] is False
    assert schema["additionalProperties"] is False
    assert question["properties"]["type"]["enum"] == [
        "single",
        "multiple",
        "judge",
        "fill",
        "order",
    ]


def test_export_json_contract() -> None:
    result = CliRunner().invoke(cli, ["--lang", "en", "export", "--format", "json"])
    assert result.exit_code == 0, result.output
    questions = json.loads(result.stdout)["questions"]
    assert len(questions) >= 90
    by_type: dict[str, dict[str, object]] = {}
    for record in questions:
        assert set(record) == CONTRACT_KEYS
        assert isinstance(record["answer"], list)
        assert all(isinstance(a, str) for a in record["answer"])
        assert isinstance(record["line"], int) and record["line"] > 0
        assert record["quotes"] and record["quote"] == record["quotes"][0]
        by_type.setdefault(record["type"], record)
        if record["type"] == "fill":
            assert [texts[0] for texts in record["accepted"]] == record["answer"]
        else:
            assert record["accepted"] is None
        if record["type"] == "judge":
            assert record["options"] == ["正确", "错误"]
            assert record["answer"] in (["正确"], ["错误"])
        if record["type"] == "order":
            assert record["answer"] == record["options"]
        if record["type"] in ("single", "multiple"):
            assert set(record["answer"]) <= set(record["options"])
    assert set(by_type) == {"single", "multiple", "judge", "fill", "order"}


def test_export_to_file(tmp_path: Path) -> None:
    target = tmp_path / "bank.json"
    result = CliRunner().invoke(cli, ["export", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert len(json.loads(target.read_text(encoding="utf-8"))["questions"]) >= 90
