"""Schema 10 splits the running totals per unit and day in slots (by player), so that players
of one unit answering at once do not queue on one row. A store at version 9 is migrated on
both backends with its rows in slot 0, and the report's figures stay what they were; answers
given afterwards land in their player's slot and are summed with them."""

from __future__ import annotations

from datetime import datetime

from quiz.engine.modes import Mode
from quiz.org.report import RawReport
from quiz.store.actives import SLOTS, slot_of
from quiz.store.opening import open_store
from quiz.store.org_figures import raw_report
from quiz.store.sql import SCHEMA_VERSION
from quiz.system.locations import is_url
from quiz.usecases.play import Run
from tests.factories import BEIJING, bank, clock, right, wrong
from tests.store_backends import at_schema, query

ONE, TWO = "武汉大学/一支部", "武汉大学/二支部"
# (player id, name, unit id or None: not on the roster)
PLAYERS = [(1, "王一", 2), (2, "李二", 2), (3, "张三", 3), (9, "赵四", 2), (10, "访客", None)]
# (player id, day, answers, right, points)
DAYS = [(1, "2026-11-01", 5, 4, 4), (1, "2026-11-03", 5, 5, 5), (2, "2026-11-02", 5, 3, 3),
        (3, "2026-11-03", 5, 2, 2), (9, "2026-11-01", 10, 7, 7), (9, "2026-11-02", 5, 1, 1),
        (10, "2026-11-02", 5, 1, 1)]  # fmt: skip
WINDOWS = [(None, None), ("2026-11-02", "2026-11-03"), ("2026-11-03", None), (None, "2026-11-01")]


def at_version_9(db: str) -> None:
    """A store as quiz left it at schema 9: a roster, players' days, and the totals per unit
    (one row per unit and day) that version 9 kept."""
    at_schema(db, 9)
    query(db, "INSERT INTO units(id, path, parent_id) VALUES (1, '武汉大学', NULL)")
    query(db, f"INSERT INTO units(id, path, parent_id) VALUES (2, '{ONE}', 1), (3, '{TWO}', 1)")
    for pid, name, unit in PLAYERS:
        points = sum(p for who, _, _, _, p in DAYS if who == pid)
        query(db, "INSERT INTO players(id, name, created_at, points) VALUES (?, ?, 'x', ?)",
              (pid, name, points))  # fmt: skip
        if unit is not None:
            query(db, "INSERT INTO members(player_id, unit_id) VALUES (?, ?)", (pid, unit))
    if is_url(db):  # the ids given here are taken
        query(db, "SELECT setval(pg_get_serial_sequence('players', 'id'), 100)")
    for row in DAYS:
        query(db, "INSERT INTO day_totals(player_id, day, answers, correct, seconds, points) "
                  "VALUES (?, ?, ?, ?, 0, ?)", row)  # fmt: skip
    query(
        db,
        "INSERT INTO unit_day_totals(unit_id, day, answers, correct, points) "
        "SELECT COALESCE(m.unit_id, 0), d.day, SUM(d.answers), SUM(d.correct), SUM(d.points) "
        "FROM day_totals d LEFT JOIN members m ON m.player_id = d.player_id "
        "GROUP BY COALESCE(m.unit_id, 0), d.day",
    )
    query(
        db,
        "INSERT INTO unit_day_actives(unit_id, day, prev_day, players) "
        "SELECT COALESCE(m.unit_id, 0), a.day, a.prev_day, COUNT(*) FROM ("
        "SELECT player_id, day, "
        "COALESCE(LAG(day) OVER (PARTITION BY player_id ORDER BY day), '') AS prev_day "
        "FROM day_totals) AS a LEFT JOIN members m ON m.player_id = a.player_id "
        "GROUP BY COALESCE(m.unit_id, 0), a.day, a.prev_day",
    )


def reports(db: str) -> list[RawReport]:
    def read(sql: str, params: object = ()) -> list[tuple[object, ...]]:
        return query(db, sql, params)  # type: ignore[arg-type]

    return [raw_report(read, first, last, scope, 5)
            for first, last in WINDOWS for scope in (None, ONE)]  # fmt: skip


def version(db: str) -> int:
    if is_url(db):
        return int(query(db, "SELECT version FROM quiz_schema")[0][0])
    return int(query(db, "PRAGMA user_version")[0][0])


def test_a_store_at_version_9_keeps_its_report_figures(store_location: str) -> None:
    db = store_location
    at_version_9(db)
    before = reports(db)
    assert before[0].own[ONE].answers == 30 and before[0].own[ONE].active == 3
    open_store(db).close()
    assert version(db) == SCHEMA_VERSION == 18
    assert reports(db) == before
    assert query(db, "SELECT DISTINCT slot FROM unit_day_totals") == [(0,)]
    assert query(db, "SELECT DISTINCT slot FROM unit_day_actives") == [(0,)]


def test_answers_after_the_migration_go_to_their_players_slot(store_location: str) -> None:
    db = store_location
    at_version_9(db)
    open_store(db).close()
    before = reports(db)[0]
    store = open_store(db)
    when = datetime(2026, 11, 4, 10, tzinfo=BEIJING)
    for name, ok in (("王一", 3), ("赵四", 5), ("陌生人", 1)):  # 王一 and 赵四: one slot
        run = Run.start(store, name, bank(), Mode.DAILY, clock(when), seed=1)
        for i in range(5):
            q = run.session.current
            run.submit(right(q) if i < ok else wrong(q), 2.0)
            run.session.proceed()
        run.finish()
    store.close()
    after = reports(db)[0]
    one, was = after.own[ONE], before.own[ONE]
    assert (one.answers, one.correct, one.points) == (was.answers + 10, was.correct + 8,
                                                      was.points + 8)  # fmt: skip
    assert one.active == was.active  # both had answered before
    assert after.unassigned.active == before.unassigned.active + 1
    assert slot_of(1) == slot_of(9) == 1 and SLOTS == 8
    slots = query(db, "SELECT slot, answers FROM unit_day_totals WHERE unit_id = 2 "
                      "AND day = '2026-11-04'")  # fmt: skip
    assert slots == [(1, 10)]
    newcomer = query(db, "SELECT id FROM players WHERE name = '陌生人'")[0][0]
    actives = query(db, "SELECT slot, players FROM unit_day_actives WHERE unit_id = 0 "
                        "AND day = '2026-11-04'")  # fmt: skip
    assert actives == [(slot_of(int(newcomer)), 1)]
