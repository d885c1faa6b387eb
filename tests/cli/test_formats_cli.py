"""`quiz import` and `quiz export` end to end, on Moodle's samples and on the bank itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz.bank.formats import IMPORTERS, write_csv
from quiz.bank.loader import load_bank
from quiz.cli.main import cli
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


def bad_csv(tmp_path: Path) -> Path:
    rows = [f"single,题{n},甲|乙,甲" for n in range(2, 12)] + ["single,第十二行,甲|乙,丙"]
    source = tmp_path / "bad.csv"
    source.write_text("type,prompt,options,answer\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return source


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("zh", "跳过 第 12 行：答案“丙”不在选项中"),
        ("en", "skipped line 12: answer “丙” is not one of the options"),
    ],
)
def test_cli_import_names_each_skip_in_the_ui_language(
    tmp_path: Path, lang: str, line: str
) -> None:
    """Issue 13.19: the bank parser's reason, in the UI language, with its line."""
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(
        cli, ["--lang", lang, "import", str(bad_csv(tmp_path)), "--format", "csv", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert line in [shown.strip() for shown in result.stdout.splitlines()[1:]]


BAD_RECORDS = {
    "xxqg": '{"题|甲|乙": "丙", "|甲|乙": "甲", "题|甲": "甲", "题二|甲|甲": "甲"}',
    "gift": "一 {~a}\n\n二 {#3:1}\n\n三 }{\n\n四 {}\n\n::t:: {=a ~b}\n",
    "aiken": "A. 甲\nANSWER: A\n\n问题\nA. 甲\nC. 乙\nANSWER: A\n\n"
    "问题二\nA. 甲\nB. 甲\nANSWER: A\n",
    "csv": "type,prompt,options,answer\nsingle,题,甲|乙,丙\nessay,题,,\njudge,题,,也许\n",
}


@pytest.mark.parametrize("fmt", sorted(BAD_RECORDS))
def test_every_skip_reason_is_in_chinese(fmt: str) -> None:
    from quiz import i18n

    i18n.set_language("zh")
    report = IMPORTERS[fmt](BAD_RECORDS[fmt])
    assert report.skipped
    for where, why in report.skipped:
        assert where.startswith("第 ") or where == "文件", where
        # Every reason is a catalog message: Chinese words, not an English sentence.
        assert re.search("[\u4e00-\u9fff]", why.replace("丙", "").replace("甲", "")), why
        assert not re.search("[a-z]+ [a-z]+ [a-z]+", why), why
