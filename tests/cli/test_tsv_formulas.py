"""Tab-separated output (any command's table, piped) is read by spreadsheets too: a cell that
would run as a formula gets a leading `'`, as CSV cells do; numbers stay numbers."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from quiz.cli.main import cli


def test_a_formula_in_a_name_is_not_run_from_piped_output(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        'name,unit\n"=HYPERLINK(""http://evil.example"",""x"")",支部\n+SUM(1),支部\n王一,支部\n',
        encoding="utf-8",
    )
    db = str(tmp_path / "quiz.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["org", "import", str(roster), "--db", db]).exit_code == 0
    result = runner.invoke(cli, ["--lang", "en", "org", "list", "--db", db])  # not a terminal
    assert result.exit_code == 0, result.output
    names = [line.split("\t")[0] for line in result.stdout.splitlines()[1:]]
    assert '\'=HYPERLINK("http://evil.example","x")' in names
    assert "'+SUM(1)" in names and "王一" in names
    keys = [line.split("\t")[-1] for line in result.stdout.splitlines()[1:]]
    assert keys == ["0", "0", "0"]  # numbers as they are
