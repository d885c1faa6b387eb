"""The real 学习强国 bank (../shared/data/xxqg) imports whole, validates and can be played."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz.bank import QuestionType, load_bank
from quiz.bank.formats import read_xxqg
from quiz.cli import cli
from quiz.engine.modes import Mode
from quiz.engine.selection import plan
from tests.conftest import XXQG_TIKU

TIKU = XXQG_TIKU
pytestmark = pytest.mark.skipif(not TIKU.exists(), reason="the shared xxqg bank is not here")


def test_every_record_is_imported_or_accounted_for() -> None:
    records = json.loads(TIKU.read_text(encoding="utf-8"))
    report = read_xxqg(TIKU.read_text(encoding="utf-8"))
    assert len(records) == 9370
    assert len(report.questions) + len(report.skipped) + len(report.duplicates) == 9370
    assert len(report.questions) >= 9300
    assert all(why for _, why in report.skipped)
    kinds = {q["type"] for q in report.questions}
    assert kinds == {"single", "judge"}
    judges = [q for q in report.questions if q["type"] == "judge"]
    assert len(judges) > 1000 and all(isinstance(q["answer"], bool) for q in judges)
    blanks = [q for q in report.questions if "____" in str(q["prompt"])]
    assert len(blanks) > 5000 and not any("\u00a0" in str(q["prompt"]) for q in report.questions)


def test_imported_bank_validates_and_plays(tmp_path: Path) -> None:
    out = tmp_path / "bank" / "xxqg.yaml"
    result = CliRunner().invoke(
        cli, ["--lang", "en", "import", str(TIKU), "--format", "xxqg", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "imported 93" in result.stdout and "skipped" in result.stdout
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schema.json")
    assert f"origin: {TIKU.resolve()}" in text
    bank = load_bank([out.parent])
    assert bank.errors == [] and len(bank.questions) >= 9300
    assert {q.type for q in bank.questions} == {QuestionType.SINGLE, QuestionType.JUDGE}
    challenge = plan(Mode.CHALLENGE, bank.questions, user="u", today=date(2026, 1, 1), seed=1)
    assert len(challenge.questions) == len(bank.questions)


def test_ids_are_stable_and_duplicates_are_reported() -> None:
    records = {"问题一\u00a0\u00a0\u00a0\u00a0是什么？|甲|乙": "甲", "题二|正确|错误": "错误"}
    first = read_xxqg(json.dumps(records, ensure_ascii=False))
    again = read_xxqg(json.dumps(records, ensure_ascii=False))
    assert [q["id"] for q in first.questions] == [q["id"] for q in again.questions]
    assert first.questions[0]["prompt"] == "问题一____是什么？"
    judge = first.questions[1]
    assert (judge["type"], judge["prompt"], judge["answer"]) == ("judge", "题二", False)
    repeated = {"题三|甲|乙": "甲", "题三 |甲|乙": "甲"}
    report = read_xxqg(json.dumps(repeated, ensure_ascii=False))
    assert len(report.questions) == 1 and len(report.duplicates) == 1


@pytest.mark.parametrize(
    ("text", "reason"),
    [("not json", "not JSON"), ("[1, 2]", "one JSON object"), ('{"题|甲|乙": "丙"}', "not one of")],
)
def test_bad_input_is_reported_not_raised(text: str, reason: str) -> None:
    report = read_xxqg(text)
    assert report.questions == [] and reason in report.skipped[0][1]


def test_cli_refuses_an_input_with_nothing_to_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("oops", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["--lang", "en", "import", str(bad), "--format", "xxqg", "-o", str(tmp_path / "o.yaml")],
    )
    assert result.exit_code == 1 and "no question could be imported" in result.output
    assert "Traceback" not in result.output
