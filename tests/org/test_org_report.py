"""`quiz org report`: figures rolled up the unit tree, computed by hand on a small campaign;
the running totals behind them agree with a count from scratch for every window."""

from __future__ import annotations

import csv
import io
import itertools
import json
import random
import sqlite3
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from quiz.cli.main import cli
from quiz.engine.modes import Mode
from quiz.org.models import RosterEntry
from quiz.store import org_figures as orgreport
from quiz.store.actives import Read, active_per_unit
from quiz.store.opening import open_store
from quiz.store.protocol import Store
from quiz.usecases.org_report import org_report
from quiz.usecases.play import Run
from tests.factories import BEIJING, bank, clock, right, wrong

ONE = "武汉大学/计算机学院/一支部"
TWO = "武汉大学/计算机学院/二支部"
ARTS = "武汉大学/文学院"
ROSTER = f"王一,{ONE}\n李二,{ONE}\n张三,{TWO}\n赵四,{ARTS}\n钱五,{ARTS}\n"
# (player, day of November (0: 31 October), right answers of 5 in a daily quiz)
PLAYS = [("王一", 1, 4), ("王一", 3, 5), ("李二", 2, 3), ("张三", 3, 2), ("赵四", 0, 5),
         ("访客", 2, 1)]  # fmt: skip


def day(n: int) -> datetime:
    """The nth of November 2026 (0: 31 October), 10:00 in Beijing."""
    if n == 0:
        return datetime(2026, 10, 31, 10, tzinfo=BEIJING)
    return datetime(2026, 11, n, 10, tzinfo=BEIJING)


def play(store: Store, user: str, when: datetime, ok: int, mode: Mode = Mode.DAILY) -> None:
    run = Run.start(store, user, bank(), mode, clock(when), seed=1)
    for i in range(5):
        q = run.session.current
        run.submit(right(q) if i < ok else wrong(q), 2.0)
        run.session.proceed()
    run.finish()


def quiz(*args: str) -> Result:
    return CliRunner().invoke(cli, ["--lang", "en", *args])


@pytest.fixture
def campaign(tmp_path: Path, store_location: str) -> str:
    """The small campaign, on each backend."""
    db = store_location
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    assert quiz("org", "import", str(tmp_path / "roster.csv"), "--db", str(db)).exit_code == 0
    store = open_store(db)
    for user, n, ok in PLAYS:
        play(store, user, day(n), ok)
    store.close()
    return db


def report(db: Path | str, *args: str) -> dict[str, Any]:
    result = quiz("org", "report", "--db", str(db), "--json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def unit(data: dict[str, Any], path: str) -> tuple[object, ...]:
    [line] = [u for u in data["units"] if u["unit"] == path]
    assert list(line) == ["unit", "members", "active", "participation", "answers", "accuracy",
                          "points"]  # fmt: skip
    return tuple(line[k] for k in list(line)[1:])


def test_november_by_hand(campaign: str) -> None:
    data = report(campaign, "--from", "2026-11-01", "--to", "2026-11-30")
    assert list(data) == ["from", "to", "units", "players"]
    assert (data["from"], data["to"]) == ("2026-11-01", "2026-11-30")
    assert [u["unit"] for u in data["units"]] == [
        "武汉大学",
        ARTS,
        "武汉大学/计算机学院",
        ONE,
        TWO,
        "(未编入)",
    ]
    # members, active, participation, answers, accuracy, points
    assert unit(data, ONE) == (2, 2, 1.0, 15, 0.8, 12)  # 王一 4+5 right, 李二 3
    assert unit(data, TWO) == (1, 1, 1.0, 5, 0.4, 2)
    assert unit(data, "武汉大学/计算机学院") == (3, 3, 1.0, 20, 0.7, 14)
    assert unit(data, ARTS) == (2, 0, 0.0, 0, None, 0)  # 赵四 played on 31 October
    assert unit(data, "武汉大学") == (5, 3, 0.6, 20, 0.7, 14)
    assert unit(data, "(未编入)") == (1, 1, 1.0, 5, 0.2, 1)  # 访客, not on the roster
    assert data["players"] == [
        {"user": "王一", "unit": ONE, "points": 9},
        {"user": "李二", "unit": ONE, "points": 3},
        {"user": "张三", "unit": TWO, "points": 2},
        {"user": "访客", "unit": "(未编入)", "points": 1},
    ]


def test_whole_history_and_one_day(campaign: str) -> None:
    everything = report(campaign)
    assert (everything["from"], everything["to"]) == (None, None)
    assert unit(everything, ARTS) == (2, 1, 0.5, 5, 1.0, 5)
    assert unit(everything, "武汉大学") == (5, 4, 0.8, 25, 0.76, 19)
    assert [p["user"] for p in everything["players"]] == ["王一", "赵四", "李二", "张三", "访客"]
    third = report(campaign, "--from", "2026-11-03", "--to", "2026-11-03")
    assert unit(third, ONE) == (2, 1, 0.5, 5, 1.0, 5)
    assert unit(third, "武汉大学") == (5, 2, 0.4, 10, 0.7, 7)
    assert unit(third, "(未编入)") == (1, 0, 0.0, 0, None, 0)
    assert third["players"] == [{"user": "王一", "unit": ONE, "points": 5},
                                {"user": "张三", "unit": TWO, "points": 2}]  # fmt: skip


def test_one_unit_and_what_is_under_it(campaign: str) -> None:
    data = report(campaign, "--unit", "武汉大学/计算机学院", "--from", "2026-11-01")
    assert [u["unit"] for u in data["units"]] == ["武汉大学/计算机学院", ONE, TWO]
    assert [p["user"] for p in data["players"]] == ["王一", "李二", "张三"]
    missing = quiz("org", "report", "--db", str(campaign), "--unit", "武汉大学/计算")
    assert missing.exit_code == 1 and "no unit “武汉大学/计算”" in missing.stderr
    backwards = quiz("org", "report", "--db", str(campaign), "--from", "2026-11-05",
                     "--to", "2026-11-01")  # fmt: skip
    assert backwards.exit_code == 1 and "is after" in backwards.stderr


def test_a_member_who_moves_takes_their_history_along(campaign: str, tmp_path: Path) -> None:
    (tmp_path / "move.csv").write_text(f"王一,{ARTS}\n", encoding="utf-8")
    assert quiz("org", "import", str(tmp_path / "move.csv"), "--db", str(campaign)).exit_code == 0
    data = report(campaign, "--from", "2026-11-01")
    assert unit(data, ONE) == (1, 1, 1.0, 5, 0.6, 3)
    assert unit(data, ARTS) == (3, 1, 0.3333, 10, 0.9, 9)
    assert unit(data, "武汉大学") == (5, 3, 0.6, 20, 0.7, 14)  # the university is unchanged


def test_csv_and_text_output(campaign: str) -> None:
    result = quiz("org", "report", "--db", str(campaign), "--csv", "--from", "2026-11-01")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["unit", "members", "active", "participation", "answers", "accuracy",
                       "points"]  # fmt: skip
    assert rows[1] == ["武汉大学", "5", "3", "0.6", "20", "0.7", "14"]
    assert rows[2] == [ARTS, "2", "0", "0", "0", "", "0"]
    text = quiz("org", "report", "--db", str(campaign), "--from", "2026-11-01")
    lines = text.stdout.splitlines()
    assert lines[0].split("\t") == ["unit", "members", "active", "participation", "answers",
                                    "accuracy", "points"]  # fmt: skip
    # Shares as everywhere else (quiz.reports.labels.share_text): whole percents.
    assert lines[1].split("\t") == ["武汉大学", "5", "3", "60%", "20", "70%", "14"]
    assert "(not enrolled)\t1\t1\t100%\t5\t20%\t1" in lines
    assert "1\t王一\t武汉大学/计算机学院/一支部\t9" in lines


def test_the_all_time_report_on_a_terminal_says_all_time(
    campaign: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quiz.cli import org_report as printing

    monkeypatch.setattr(printing, "plain", lambda: False)  # as on a terminal: a title, a tree
    result = CliRunner().invoke(cli, ["--lang", "zh", "org", "report", "--db", str(campaign)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "各单位参与情况，全部时间"


def test_a_hostile_name_is_shown_not_obeyed(store_location: str) -> None:
    db = store_location
    store = open_store(db)
    play(store, "=cmd|' /C calc'!A0\x1b[2J", day(1), 5)  # a spreadsheet formula, a screen wipe
    store.close()
    text = quiz("org", "report", "--db", str(db))
    assert "\x1b" not in text.stdout and "␛[2J" in text.stdout
    rows = quiz("org", "report", "--db", str(db), "--csv").stdout
    assert "(未编入)" in rows  # only units in CSV; the JSON keeps the name as it is
    assert report(db)["players"][0]["user"] == "=cmd|' /C calc'!A0\x1b[2J"


def test_no_database_means_an_empty_report_and_no_file(tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    assert report(db) == {"from": None, "to": None, "units": [], "players": []}
    assert not db.exists()


# -- the running totals against a count from scratch -----------------------------------------


def reader(location: str) -> Read:
    """The store's way to run a statement, over a plain connection to the same database (an
    SQLite file, or PostgreSQL with its `?` placeholders turned into `%s`)."""
    if location.startswith("postgresql://"):
        import psycopg

        from quiz.store.postgres.database import to_pg

        pg = psycopg.connect(location, autocommit=True)

        def read_pg(sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
            return pg.execute(to_pg(sql), params).fetchall()

        return read_pg
    conn = sqlite3.connect(location)

    def read(sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        return conn.execute(sql, params).fetchall()

    return read


def from_scratch(db: str, first: str, last: str) -> dict[int, tuple[int, int, int, int]]:
    """unit → (active, answers, right, points) from the players' daily totals."""
    rows = reader(db)(
        "SELECT COALESCE(m.unit_id, 0), COUNT(DISTINCT CASE WHEN d.answers > 0 THEN "
        "d.player_id END), SUM(d.answers), SUM(d.correct), SUM(d.points) FROM day_totals d "
        "LEFT JOIN members m ON m.player_id = d.player_id WHERE d.day BETWEEN ? AND ? "
        "GROUP BY COALESCE(m.unit_id, 0)",
        (first, last),
    )
    return {u: (a, n, c, p) for u, a, n, c, p in rows if (a, n, c, p) != (0, 0, 0, 0)}


def kept(db: str, first: str, last: str) -> dict[int, tuple[int, int, int, int]]:
    read = reader(db)
    active = active_per_unit(read, first, last)
    sums = read(
        "SELECT unit_id, SUM(answers), SUM(correct), SUM(points) FROM unit_day_totals "
        "WHERE day BETWEEN ? AND ? GROUP BY unit_id",
        (first, last),
    )
    found = {u: (active.get(u, 0), n, c, p) for u, n, c, p in sums}
    return {u: v for u, v in found.items() if v != (0, 0, 0, 0)}


def test_running_totals_match_a_count_from_scratch_for_every_window(store_location: str) -> None:
    """Days played out of order (a clock set back), exam answers changed, members moved and
    joining the roster after playing: every window still counts each active player once."""
    rng = random.Random(5)
    db = store_location
    store = open_store(db)
    people = [f"p{i}" for i in range(8)]
    units = ["甲/一", "甲/二", "乙"]

    def enrol(names: list[str]) -> None:
        entries = [RosterEntry(n, name, rng.choice(units)) for n, name in enumerate(names, 2)]
        store.import_roster(entries, {}, day(1))

    enrol(people[:5])
    for step in range(40):
        user, when = rng.choice(people), day(rng.randint(1, 8))
        if step % 7 == 3:
            run = Run.start(store, user, bank(), Mode.EXAM, clock(when), seed=step, count=3)
            for _ in range(2):  # answer, then change each answer (replaced in the totals)
                for index in range(3):
                    run.session.go_to(index)
                    q = run.session.current
                    run.submit(right(q) if rng.random() < 0.5 else wrong(q), 1.0)
            run.finish()
        else:
            play(store, user, when, rng.randint(0, 5))
        if step in (15, 30):
            enrol(rng.sample(people, 6))  # some move, some join with a history
    store.close()
    days = [f"2026-11-{d:02d}" for d in range(1, 9)]
    for i, first in enumerate(days):
        for last in days[i:]:
            assert kept(db, first, last) == from_scratch(db, first, last), (first, last)


def test_the_three_ways_to_the_top_players_agree(campaign: str) -> None:
    read = reader(campaign)
    paths: dict[str, int] = {str(p): int(i) for p, i in read("SELECT path, id FROM units", ())}
    windows = [(None, None), ("2026-11-01", "2026-11-30"), ("2026-11-02", "2026-11-03")]
    for (start, end), top in itertools.product(windows, (1, 2, 3, 5)):  # ties at the cut
        window, params = orgreport._window(start, end)
        for scope in (None, "武汉大学/计算机学院", ONE):
            by_days = orgreport.by_days(read, window, params, scope, top)
            overall = orgreport.best_overall_first(read, window, params, scope, top)
            assert overall == by_days, (start, end, scope, top)
            if scope is not None:
                units = [i for p, i in paths.items() if p == scope or p.startswith(scope + "/")]
                by_members = orgreport.by_members(read, units, window, params, top)
                assert by_members == by_days, (start, end, scope, top)


def test_store_report_between_dates(campaign: str) -> None:
    store = open_store(campaign)
    result = org_report(store, date(2026, 11, 2), date(2026, 11, 2))
    store.close()
    assert [(p.user, p.points) for p in result.players] == [("李二", 3), ("访客", 1)]
    assert result.units[0].figures.active == 1


def test_players_tied_at_the_last_place_are_taken_by_name(store_location: str) -> None:
    store = open_store(store_location)
    names = ["戊", "乙", "丁", "甲", "丙"]  # all tied: 3 points from 5 answers on one day
    store.import_roster([RosterEntry(n, name, ONE) for n, name in enumerate(names, 2)], {},
                        day(1))  # fmt: skip
    for name in names:
        play(store, name, day(2), 3)
    play(store, "己", day(2), 4)  # one ahead of them, not on the roster
    store.close()
    read = reader(store_location)
    window, params = orgreport._window("2026-11-02", "2026-11-02")
    [(unit,)] = read("SELECT id FROM units WHERE path = ?", (ONE,))
    by_code_point = sorted(names)  # the order names sort in, on both backends
    for top in (1, 2, 3, 6, 7):
        expected = [("己", 4)] + [(n, 3) for n in by_code_point]
        found = orgreport.by_days(read, window, params, None, top)
        assert [(p.user, p.points) for p in found] == expected[:top], top
        assert orgreport.best_overall_first(read, window, params, None, top) == found
        mine = orgreport.by_members(read, [int(unit)], window, params, top)
        assert [(p.user, p.points) for p in mine] == [(n, 3) for n in by_code_point][:top]
        assert all(p.unit == ONE for p in mine)
