"""Other people's text is shown as text (issue 12): one rule for control and bidi characters,
refused by the validator, dropped by importers, refused in names; never markup, never emoji."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text

from quiz.bank.loader import load_bank
from quiz.cli.main import cli
from quiz.engine.modes import Mode
from quiz.store.opening import open_store
from quiz.text import safe as safetext
from quiz.usecases.play import Run
from tests.conftest import BankWriter
from tests.factories import clock, question, right

C0 = [chr(c) for c in range(0x20) if c not in (0x09, 0x0A)]
C1 = [chr(c) for c in range(0x80, 0xA0)]
BIDI = ["\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F))]
BIDI += list(map(chr, range(0x2066, 0x206A)))
UNSAFE = [*C0, "\x7f", *C1, *BIDI]
TITLE = "\x1b]0;PWNED\x07"  # sets the terminal's title
CLEAR = "\x1b[2J"  # clears the screen
CLIPBOARD = "\x1b]52;c;aGVsbG8=\x07"  # writes the player's clipboard
MARKUP = ["[/]", "[link=file:///etc/passwd]x[/link]", "[@click=app.quit]q[/]", ":cross_mark:"]


def test_the_rule_is_exactly_c0_c1_del_and_bidi_controls() -> None:
    refused = {chr(c) for c in range(0x3000) if safetext.first_unsafe(chr(c)) is not None}
    refused |= {c for c in BIDI if safetext.first_unsafe(c) is not None}
    assert refused == set(UNSAFE)
    assert safetext.first_unsafe("题\t目\n中文 ok") is None
    assert safetext.first_unsafe("ab\u202ecd") == 2


def test_shown_replaces_each_unsafe_character_by_one_visible_one() -> None:
    text = f"a{TITLE}b{CLEAR}\u202ec\x9b"
    shown = safetext.shown(text)
    assert len(shown) == len(text)
    assert safetext.first_unsafe(shown) is None
    assert shown.startswith("a␛]0;PWNED␇b␛[2J")
    assert safetext.shown("[/] :cross_mark:") == "[/] :cross_mark:"  # markup is just text


def test_rich_text_is_never_markup_and_keeps_styles() -> None:
    text = safetext.rich_text("[bold]x[/] :cross_mark:", style="red")
    assert text.plain == "[bold]x[/] :cross_mark:" and text.style == "red"
    styled = Text("ok ")
    styled.append(f"{CLEAR}name", style="bold")
    safe = safetext.safe_text(styled)
    assert safe.plain == "ok ␛[2Jname"
    assert [(s.start, s.end, s.style) for s in safe.spans] == [(3, 11, "bold")]


@pytest.mark.parametrize("char", [*UNSAFE[::7], "\n", "\t"])
def test_names_with_control_characters_are_refused(char: str) -> None:
    with pytest.raises(safetext.UnsafeName):
        safetext.check_name(f"甲{char}队")
    assert safetext.check_name("甲队 [/]") == "甲队 [/]"


def test_importers_drop_them_with_a_count() -> None:
    assert safetext.without_unsafe(f"a{TITLE}b\u202e") == ("a]0;PWNEDb", 3)


@given(st.text())
def test_json_text_keeps_the_data_and_nothing_reaches_the_terminal(value: str) -> None:
    dumped = safetext.json_text(json.dumps({"v": value}, ensure_ascii=False))
    assert json.loads(dumped) == {"v": value}
    assert safetext.first_unsafe(dumped) is None


@given(st.text())
def test_csv_cells_never_start_a_formula_and_read_back_the_same(value: str) -> None:
    cell = safetext.csv_cell(value)
    assert not cell[:1] or cell[0] not in "=+-@\t\r"
    assert safetext.csv_value(cell) == value


def test_csv_guard_follows_owasp() -> None:
    assert safetext.csv_cell("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    assert safetext.csv_cell("@SUM(1)") == "'@SUM(1)"
    assert safetext.csv_cell("'hello") == "'hello"
    assert safetext.csv_cell(-10) == "-10"  # numbers stay numbers


# -- the validator: a field error with file:line:column ----------------------------------------

HEADER = "origin: test\nsection: 测试\nquestions:\n"


def one_question(**fields: str) -> str:
    base = {"id": "t-001", "type": "single", "prompt": "问题？", "options": '["甲", "乙"]',
            "answer": "甲", "explanation": "解析", "tags": '["标签"]'}  # fmt: skip
    base.update(fields)
    lines = [f"  - id: {base.pop('id')}"] + [f"    {k}: {v}" for k, v in base.items()]
    return HEADER + "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("field", "value", "line", "label"),
    [
        ("prompt", '"问\\e[2J题？"', 6, "questions[0].prompt"),
        ("options", '["甲\\u202e", "乙"]', 7, "questions[0].options[0]"),
        ("explanation", '"解\\x9b析"', 9, "questions[0].explanation"),
        ("tags", '["a\\x07"]', 10, "questions[0].tags[0]"),
    ],
)
def test_validator_refuses_control_characters_as_field_errors(
    write_bank: BankWriter, field: str, value: str, line: int, label: str
) -> None:
    path = write_bank("a.yaml", one_question(**{field: value}))
    bank = load_bank([path])
    assert bank.questions == []
    [error] = bank.errors
    assert (error.line, error.field) == (line, label)
    assert error.column > 1 and "U+" in error.message and "control" in error.message


def test_validator_refuses_them_in_the_file_header_too(write_bank: BankWriter) -> None:
    path = write_bank("a.yaml", one_question().replace("section: 测试", 'section: "测\\e]0;x\\a"'))
    [error] = load_bank([path]).errors
    assert (error.line, error.column, error.field) == (2, 10, "section")
    assert "U+001B at character 2" in error.message


def test_validator_states_the_length_limits(write_bank: BankWriter) -> None:
    path = write_bank("a.yaml", one_question(prompt="问" * 2001, explanation="解" * 5001))
    messages = sorted(e.message for e in load_bank([path]).errors)
    assert messages == ["2001 characters; at most 2000 are allowed here",
                        "5001 characters; at most 5000 are allowed here"]  # fmt: skip


def test_validate_shows_markup_and_emoji_codes_literally(write_bank: BankWriter) -> None:
    text = one_question(prompt='"[link=file:///etc/passwd]x[/link] :cross_mark:"',
                        options='["[/]", "[@click=app.quit]q[/]"]', answer='"[/]"')  # fmt: skip
    path = write_bank("a.yaml", text.replace("section: 测试", 'section: "[/] :cross_mark:"'))
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "[/] :cross_mark:  1" in result.output and "❌" not in result.output
    assert load_bank([path]).questions[0].options == ("[/]", "[@click=app.quit]q[/]")


def test_validate_prints_control_characters_in_file_names_as_text(tmp_path: Path) -> None:
    folder = tmp_path / f"b{CLEAR}"
    folder.mkdir()
    (folder / "a.yaml").write_text("questions: [\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(folder)])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "b␛[2J" in result.output


# -- names from the command line, and data from the database -----------------------------------


def test_a_user_name_with_control_characters_is_a_usage_error(tmp_path: Path) -> None:
    for args, env in (
        (["--user", f"x{TITLE}", "stats"], {}),
        (["stats"], {"QUIZ_USER": "x\u202e"}),
        (["contest", "--teams", f"甲{CLEAR},乙"], {}),
        (["play", "--mode", "topic", "--section", "a\x1b"], {}),
        (["import", "x", "--format", "csv", "-o", "y", "--section", "a\x1b"], {}),
    ):
        result = CliRunner().invoke(cli, args, env=env)
        assert result.exit_code == 2, (args, result.output)
        assert "control" in result.output and "\x1b" not in result.output


def hostile_history(db: Path) -> str:
    """A database holding another program's idea of a player name and a section."""
    evil = f"evil{TITLE}\u202e{CLIPBOARD}=cmd|x"
    store = open_store(db)
    hostile = question("q-1")._replace(section=f"章{CLEAR}[/]", tags=(":cross_mark:",))
    for user in (evil, "tester"):
        run = Run.start(store, user, [hostile], Mode.TOPIC, clock(), topic=hostile.section)
        run.submit(right(run.session.current), 2.0)
        run.finish()
    store.close()
    return evil


def test_history_and_stats_never_print_control_characters(tmp_path: Path) -> None:
    db = tmp_path / "quiz.db"
    evil = hostile_history(db)
    runner = CliRunner()
    as_json = runner.invoke(cli, ["--db", str(db), "history", "--all-users", "--json"])
    assert as_json.exit_code == 0
    assert safetext.first_unsafe(as_json.output) is None
    assert {s["user"] for s in json.loads(as_json.output)["sessions"]} == {evil, "tester"}
    as_csv = runner.invoke(cli, ["--db", str(db), "history", "--all-users", "--csv"])
    assert safetext.first_unsafe(as_csv.output) is None
    assert "evil␛]0;PWNED␇�␛]52;c;aGVsbG8=␇=cmd|x" in as_csv.output
    stats = runner.invoke(cli, ["--db", str(db), "stats"])
    assert stats.exit_code == 0 and safetext.first_unsafe(stats.output) is None
    assert "章␛[2J[/]" in stats.output and ":cross_mark:" in stats.output
    items = runner.invoke(cli, ["--db", str(db), "stats", "--json"])
    assert json.loads(items.output)["by_section"][0]["section"] == f"章{CLEAR}[/]"


def test_tables_on_a_terminal_show_data_literally(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quiz.cli import output

    db = tmp_path / "quiz.db"
    hostile_history(db)
    monkeypatch.setattr(output, "plain", lambda: False)  # the rich table, as on a terminal
    result = CliRunner().invoke(cli, ["--db", str(db), "stats"])
    assert result.exit_code == 0, result.output
    assert "章␛[2J[/]" in result.output and ":cross_mark:" in result.output
    assert "\x1b" not in result.output and "❌" not in result.output


def test_import_drops_control_characters_with_a_count_and_reasons_print_as_text(
    tmp_path: Path,
) -> None:
    source = tmp_path / "in.csv"
    rows = [
        "type,prompt,options,answer",
        f"single,问{TITLE}题,甲|乙,甲",
        f"single,坏{CLEAR}题,甲|乙,丙",
    ]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(cli, ["import", str(source), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "dropped 2 control or bidi character(s)" in result.output
    assert safetext.first_unsafe(result.output) is None
    [imported] = load_bank([out]).questions
    assert imported.prompt == "问]0;PWNED题"


def test_the_database_is_left_as_written(tmp_path: Path) -> None:
    """Showing is not storing: the store keeps what it was given, byte for byte."""
    db = tmp_path / "quiz.db"
    evil = hostile_history(db)
    names = {row[0] for row in sqlite3.connect(db).execute("SELECT name FROM players")}
    assert evil in names
