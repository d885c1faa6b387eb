"""Every CSV the quiz writes takes one path (quiz.text.safe.csv_text): lines end in a bare
newline, never in a CR shown as its stand-in ␍, and a CSV reader gets the columns as named."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner

from quiz.cli.main import cli
from quiz.contest.standings import standings_csv
from quiz.engine.modes import Mode
from quiz.rooms.model import RoomSettings
from quiz.store.opening import open_store
from quiz.usecases.play import Run
from tests.factories import START, bank, clock, right
from tests.rooms_support import HOST_TOKEN, make_rooms, room_questions, seat_token
from tests.rooms_support import right as room_right


def assert_clean(text: str, columns: list[str]) -> list[dict[str, str]]:
    assert "\r" not in text and "␍" not in text, repr(text[:200])
    assert text.endswith("\n")
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    assert reader.fieldnames == columns
    return rows


def test_room_results_csv_lines_end_cleanly(tmp_path: Path) -> None:
    db = tmp_path / "quiz.db"
    rooms = make_rooms(str(db))
    qs = room_questions(1)
    pin = rooms.open("主持人", RoomSettings(1, 60), qs, HOST_TOKEN)
    rooms.join(pin, "甲", seat_token("甲"))
    rooms.join(pin, "=乙", seat_token("=乙"))
    rooms.start(pin, HOST_TOKEN)
    rooms.answer(pin, "甲", 0, room_right(qs[0]), "a", seat_token("甲"))
    rooms.advance(pin, host_token=HOST_TOKEN)
    rooms.db.close()
    result = CliRunner().invoke(cli, ["--db", str(db), "room", "results", pin, "--csv"])
    assert result.exit_code == 0, result.output
    rows = assert_clean(result.output, ["user", "score", "correct", "answers"])
    assert [(r["user"], r["correct"], r["answers"]) for r in rows] == [
        ("甲", "1", "1"),
        ("'=乙", "0", "0"),  # a name is never run as a formula
    ]


def test_history_csv_lines_end_cleanly(tmp_path: Path) -> None:
    db = tmp_path / "quiz.db"
    store = open_store(str(db))
    run = Run.start(store, "小王", bank(), Mode.DAILY, clock(START), seed=1)
    run.submit(right(run.session.current), 2.0)
    run.finish()
    store.close()
    result = CliRunner().invoke(cli, ["--db", str(db), "history", "--all-users", "--csv"])
    assert result.exit_code == 0, result.output
    [row] = assert_clean(result.output, ["id", "user", "mode", "started_at", "finished_at",
                                         "status", "correct", "total", "score", "points",
                                         "seconds"])  # fmt: skip
    assert row["user"] == "小王"


def test_org_report_and_bank_export_csv_lines_end_cleanly(tmp_path: Path) -> None:
    db = tmp_path / "quiz.db"
    (tmp_path / "roster.csv").write_text("王一,武汉大学\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["org", "import", str(tmp_path / "roster.csv"),
                               "--db", str(db)]).exit_code == 0  # fmt: skip
    report = runner.invoke(cli, ["org", "report", "--db", str(db), "--csv"])
    assert report.exit_code == 0, report.output
    assert_clean(report.output, ["unit", "members", "active", "participation", "answers",
                                 "accuracy", "points"])  # fmt: skip
    exported = runner.invoke(cli, ["export", "--format", "csv"])
    assert exported.exit_code == 0, exported.output
    assert len(assert_clean(exported.stdout, ["id", "type", "prompt", "options", "answer",
                                              "explanation", "tags", "difficulty",
                                              "section"])) > 50  # fmt: skip


def test_contest_standings_csv_lines_end_cleanly() -> None:
    assert "\r" not in standings_csv([])


def test_csv_is_written_in_one_place() -> None:
    """`csv.writer` and `csv.DictWriter` appear only in quiz.text.safe.csv_text."""
    from tests.conftest import REPO

    writers = sorted(
        str(path.relative_to(REPO))
        for path in (REPO / "quiz").rglob("*.py")
        if "csv.writer(" in (text := path.read_text(encoding="utf-8")) or "DictWriter" in text
    )
    assert writers == ["quiz/text/safe.py"]
