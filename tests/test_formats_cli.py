"""`quiz import` and `quiz export` end to end, on Moodle's samples and on the bank itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz.bank import load_bank
from quiz.bank.formats import IMPORTERS, write_csv
from quiz.cli import cli
from tests.conftest import BANK, REPO

SAMPLES = REPO / "tests" / "data" / "formats"


@pytest.mark.parametrize("fmt", ["gift", "aiken", "csv"])
def test_cli_import_validates_and_plays(tmp_path: Path, fmt: str) -> None:
    source = SAMPLES / f"moodle-sample.{fmt}" if fmt != "csv" else tmp_path / "bank.csv"
    if fmt == "csv":
        source.write_text(write_csv(load_bank([BANK]).questions), encoding="utf-8")
    out = tmp_path / "out" / "imported.yaml"
    result = CliRunner().invoke(
        cli, ["--lang", "en", "import", str(source), "--format", fmt, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "imported" in result.stdout
    bank = load_bank([out.parent])
    assert bank.errors == [] and bank.questions


@pytest.mark.parametrize("fmt", ["gift", "aiken", "csv"])
def test_cli_export_then_import_gives_the_same_questions(tmp_path: Path, fmt: str) -> None:
    exported = tmp_path / f"bank.{fmt}"
    result = CliRunner().invoke(
        cli, ["--lang", "en", "export", "--format", fmt, "-o", str(exported)]
    )
    assert result.exit_code == 0, result.output
    report = IMPORTERS[fmt](exported.read_text(encoding="utf-8"))
    original = {q.id: q for q in load_bank([BANK]).questions}
    assert report.skipped == [] and report.questions
    for record in report.questions:
        if fmt == "aiken":  # Aiken has no ids: match on the prompt
            match = next(q for q in original.values() if q.prompt == record["prompt"])
        else:
            match = original[str(record["id"])]
        assert record["prompt"] == match.prompt
        assert record["type"] == match.type.value
