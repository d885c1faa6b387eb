"""Each player's last day of play on their row (players.last_day, schema 16), on both backends:
backfilled from the day totals when a store is migrated, kept as answers are recorded (a later
day moves it, an earlier one does not), and what `quiz org absent` reads."""

from __future__ import annotations

from datetime import datetime

from quiz.engine.modes import Mode
from quiz.store.opening import open_store
from quiz.usecases.play import Run
from tests.factories import BEIJING, bank, clock, right
from tests.store_backends import at_schema, query


def test_a_store_at_version_15_gets_each_players_last_day(store_location: str) -> None:
    at_schema(store_location, 15)
    query(store_location, "INSERT INTO players(id, name, created_at) VALUES (1, '甲', ''), "
                          "(2, '乙', ''), (3, '丙', '')")  # fmt: skip
    query(store_location, "INSERT INTO day_totals(player_id, day, answers) VALUES "
                          "(1, '2026-11-01', 3), (1, '2026-11-05', 2), (1, '2026-11-09', 0), "
                          "(2, '2026-10-30', 1)")  # fmt: skip
    open_store(store_location).close()
    found = dict(query(store_location, "SELECT name, last_day FROM players"))
    assert found == {"甲": "2026-11-05", "乙": "2026-10-30", "丙": None}


def play(location: str, day: int) -> None:
    store = open_store(location)
    when = clock(datetime(2026, 11, day, 9, tzinfo=BEIJING))
    run = Run.start(store, "甲", bank(), Mode.DAILY, when, seed=1)
    run.submit(right(run.session.current), 2.0)
    store.close()


def test_answers_keep_the_last_day(store_location: str) -> None:
    play(store_location, 5)
    assert query(store_location, "SELECT last_day FROM players") == [("2026-11-05",)]
    play(store_location, 3)  # an earlier day (a clock set back): the last day stays
    assert query(store_location, "SELECT last_day FROM players") == [("2026-11-05",)]
    play(store_location, 8)
    assert query(store_location, "SELECT last_day FROM players") == [("2026-11-08",)]
