"""A contest's writes carry client-made keys (schema 11), as a run's do: an event sent again
after a lost connection is logged once, and so is the contest's session. Events logged before
schema 11 are kept, each with a key of its own."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import timedelta

import psycopg
import pytest

from quiz.contest.engine import ContestPhase, ContestPlan, RoundKind, RoundPlan
from quiz.reports.contests import ContestEvent
from quiz.reports.runs import SessionKind
from quiz.store.opening import open_store
from quiz.store.protocol import Store
from quiz.store.recorder import Recorder
from quiz.store.sql import SCHEMA_VERSION
from quiz.system.locations import is_url
from quiz.usecases.contest_run import ContestRun
from tests.factories import START, bank, clock
from tests.store_backends import at_schema, query
from tests.tcp_proxy import Proxy

BUZZ = ContestPlan(("甲", "乙", "丙"), (RoundPlan(RoundKind.BUZZ, 1),))
FOUL = ContestEvent("foul", "甲", "q-001", "问题 q-001？", -10, None, "抢答犯规", START)
RIGHT = ContestEvent("answer", "乙", "q-001", "问题 q-001？", 10, True, "",
                     START + timedelta(seconds=5))  # fmt: skip


def event_keys(location: str, contest_id: int) -> list[str]:
    rows = query(location, "SELECT client_key FROM contest_events WHERE session_id = ? "
                           "ORDER BY id", (contest_id,))  # fmt: skip
    return [str(key) for (key,) in rows]


def test_an_event_sent_again_with_its_key_is_logged_once(store: Store, store_location: str) -> None:
    contest = store.start_contest("主持人", ["甲", "乙"], START, key="the-contest")
    assert store.start_contest("主持人", ["甲", "乙"], START, key="the-contest") == contest
    for _ in range(3):  # what a retry after a lost reply does: the same event, the same key
        store.record_contest_event(contest, FOUL, "k-foul")
    store.record_contest_event(contest, RIGHT, "k-right")
    assert store.contest_events(contest) == [FOUL, RIGHT]
    assert event_keys(store_location, contest) == ["k-foul", "k-right"]
    other = store.start_contest("主持人", ["丙", "丁"], START, key="another-contest")
    store.record_contest_event(other, FOUL, "k-foul")  # a key is unique within its contest
    assert store.contest_events(other) == [FOUL]
    assert len(store.sessions("主持人")) == 2


# -- a lost reply, for real: a proxy in front of PostgreSQL drops it ---------------------------


@pytest.fixture
def proxy(pg_location: str) -> Iterator[Proxy]:
    through = Proxy(pg_location)
    yield through
    through.close()


def test_contest_writes_whose_replies_are_lost_are_stored_once(proxy: Proxy) -> None:
    """The server commits, the connection breaks before its reply arrives: the recorder makes
    the write again, with the same keys, and the server recognises what it has."""
    store = open_store(proxy.url)
    # The host is there already, so that opening the contest commits only its session.
    query(proxy.url, "INSERT INTO players(name, created_at) VALUES ('主持人', 'x')")
    recorder = Recorder()
    outages: list[Exception] = []
    recorder.on_outage = outages.append
    proxy.lose_next_reply(b"COMMIT\x00")  # the contest's session stored, the reply lost
    run = ContestRun.start(BUZZ, bank(30), "主持人", clock(), seed=1, store=store,
                           recorder=recorder)  # fmt: skip
    recorder.drain()
    proxy.lose_next_reply(b"INSERT 0 1\x00")  # the first of two events stored, its reply lost
    run.contest.buzz(0)  # a foul before 请抢答 and a correction, saved by one write
    run.contest.correct(1, 5, "补分")
    run.save()
    recorder.drain()
    run.step()  # 请抢答
    assert run.buzz(2) is False
    proxy.lose_next_reply(b"INSERT 0 1\x00")
    run.judge(True)
    recorder.drain()
    proxy.lose_next_reply(b"COMMIT\x00")  # the final standings
    run.step()
    recorder.drain()
    assert run.contest.phase is ContestPhase.FINISHED
    assert proxy.replies_lost == 4
    assert len(outages) == 4  # each write failed as far as the client could tell, and was redone
    recorder.close()
    store.close()
    again = open_store(proxy.url)
    [row] = again.sessions("主持人")  # one contest, though its opening was sent twice
    assert (row.kind, row.status) == (SessionKind.CONTEST, "finished")
    assert [e.kind for e in again.contest_events(row.id)] == ["foul", "correction", "answer"]
    assert query(proxy.url, "SELECT COUNT(*) FROM contest_events") == [(3,)]
    assert next(s.team for s in again.contest_standings(row.id)) == "丙"
    again.close()


# -- migration: events logged before schema 11 ------------------------------------------------


def at_version_10(db: str) -> None:
    """A store as quiz left it at schema 10, with a contest and its log."""
    at_schema(db, 10)
    query(db, "INSERT INTO players(id, name, created_at) VALUES (1, '主持人', 'x')")
    query(db, "INSERT INTO sessions(id, player_id, kind, mode, plan, started_at, day) "
              "VALUES (7, 1, 'contest', '', ?, ?, ?)",
          ('{"teams": ["甲", "乙"]}', START.isoformat(), START.date().isoformat()))  # fmt: skip
    for event in (FOUL, RIGHT, FOUL):
        query(db, "INSERT INTO contest_events(session_id, kind, team, question_id, prompt, "
                  "points, is_correct, reason, at) VALUES (7,?,?,?,?,?,?,?,?)",
              (event.kind, event.team, event.question_id, event.prompt, event.points,
               None if event.right is None else int(event.right), event.reason,
               event.at.isoformat() if event.at else None))  # fmt: skip
    if is_url(db):  # the ids given here are taken
        for table in ("players", "sessions"):
            query(db, f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 100)")


def version(db: str) -> int:
    if is_url(db):
        return int(query(db, "SELECT version FROM quiz_schema")[0][0])
    return int(query(db, "PRAGMA user_version")[0][0])


def test_a_store_at_version_10_keeps_its_contest_events_and_keys_them(
    store_location: str,
) -> None:
    db = store_location
    at_version_10(db)
    ids = [int(i) for (i,) in query(db, "SELECT id FROM contest_events ORDER BY id")]
    store = open_store(db)
    try:
        assert version(db) == SCHEMA_VERSION == 18
        assert store.contest_events(7) == [FOUL, RIGHT, FOUL]  # the same events, in order
        assert event_keys(db, 7) == [f"legacy-{i}" for i in ids]
        store.record_contest_event(7, RIGHT, "new-key")  # and the log goes on, keyed
        store.record_contest_event(7, RIGHT, "new-key")
        assert store.contest_events(7) == [FOUL, RIGHT, FOUL, RIGHT]
    finally:
        store.close()
    with pytest.raises((sqlite3.IntegrityError, psycopg.IntegrityError), match=r"(?i)null"):
        query(db, "INSERT INTO contest_events(session_id, kind, points, reason, at) "
                  "VALUES (7, 'foul', 0, '', 'x')")  # every event has its key  # fmt: skip
