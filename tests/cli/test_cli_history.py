"""`quiz history`: the JSON contract, plain text when piped, nothing created when there is no
database."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from click.testing import CliRunner

from quiz.cli.main import cli
from quiz.engine.modes import Mode
from quiz.store.opening import open_store
from quiz.usecases.play import Run
from tests.factories import bank, clock, right, wrong


def play(db: str, user: str, finish: bool) -> None:
    store = open_store(db)
    run = Run.start(store, user, bank(), Mode.DAILY, clock(), seed=1)
    for i in range(5 if finish else 2):
        q = run.session.current
        run.submit(right(q) if i else wrong(q), 1.5)
        run.session.proceed()
    if finish:
        run.finish()
    store.close()


def test_history_json_contract(store_location: str) -> None:
    db = store_location
    play(db, "小王", finish=True)
    play(db, "小王", finish=False)
    play(db, "小李", finish=True)
    result = CliRunner().invoke(cli, ["history", "--db", db, "--user", "小王", "--json"])
    assert result.exit_code == 0, result.output
    sessions = json.loads(result.stdout)["sessions"]
    assert [s["status"] for s in sessions] == ["unfinished", "finished"]  # newest first
    keys = {"id", "user", "mode", "started_at", "finished_at", "status", "sealed", "correct",
            "total", "score", "points", "answers"}  # fmt: skip
    for session in sessions:
        assert set(session) == keys
        assert session["user"] == "小王" and session["mode"] == "daily"
        assert datetime.fromisoformat(session["started_at"]).tzinfo is not None
    finished = sessions[1]
    assert (finished["correct"], finished["total"], finished["points"]) == (4, 5, 4)
    assert len(finished["answers"]) == 5
    first = finished["answers"][0]
    assert set(first) == {"question_id", "given", "correct", "seconds"}
    assert first["correct"] is False and first["seconds"] == 1.5
    assert sessions[0]["finished_at"] is None and len(sessions[0]["answers"]) == 2
    everyone = CliRunner().invoke(cli, ["history", "--db", db, "--all-users", "--json"])
    assert len(json.loads(everyone.stdout)["sessions"]) == 3


def test_history_piped_is_plain_text(store_location: str) -> None:
    db = store_location
    play(db, "小王", finish=True)
    result = CliRunner().invoke(cli, ["--lang", "en", "history", "--db", db, "--user", "小王"])
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[:3] == ["id", "started", "mode"]
    assert lines[1].split("\t")[2:4] == ["Daily quiz", "finished"]
    assert "│" not in result.stdout and "\x1b[" not in result.stdout


def test_history_without_a_database_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    result = CliRunner().invoke(cli, ["--lang", "en", "history", "--db", str(db)])
    assert result.exit_code == 0 and "No sessions" in result.stdout
    assert not db.exists()


def test_history_on_a_corrupt_database_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "bad.db"
    db.write_bytes(b"garbage" * 200)
    result = CliRunner().invoke(cli, ["--lang", "en", "history", "--db", str(db)])
    assert result.exit_code == 1
    assert "not an SQLite database" in result.output
    assert db.read_bytes() == b"garbage" * 200


def test_history_of_every_player_names_each_row_s_player(store_location: str) -> None:
    db = store_location
    play(db, "小王", finish=True)
    play(db, "小李", finish=True)
    result = CliRunner().invoke(cli, ["--lang", "en", "history", "--db", db, "--all-users"])
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert lines[0][:4] == ["id", "player", "started", "mode"]
    assert sorted(line[1] for line in lines[1:]) == ["小李", "小王"]
    own = CliRunner().invoke(cli, ["--lang", "en", "history", "--db", db, "--user", "小王"])
    assert own.stdout.splitlines()[0].split("\t")[:2] == ["id", "started"]  # one player: no column
