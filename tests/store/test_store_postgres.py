"""PostgreSQL as the shared store: its own version table, newer and foreign schemas refused
untouched, a server that does not answer, and a connection lost in the middle of a run (a
real one: a proxy in front of the server drops it)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator

import psycopg
import pytest
from click.testing import CliRunner

from quiz.cli.main import cli
from quiz.engine.modes import Mode
from quiz.store.errors import StoreError
from quiz.store.opening import open_store
from quiz.store.postgres.schema import MIGRATIONS as PG_MIGRATIONS
from quiz.store.recorder import Recorder
from quiz.store.sql import SCHEMA_VERSION
from quiz.store.sqlite.schema import MIGRATIONS as SQLITE_MIGRATIONS
from quiz.system.clock import FixedClock
from quiz.usecases.play import Run
from tests.conftest import REPO
from tests.factories import START, bank, right, wrong
from tests.store_backends import at_schema
from tests.tcp_proxy import Proxy


def test_the_same_migrations_one_for_one() -> None:
    assert len(PG_MIGRATIONS) == len(SQLITE_MIGRATIONS) == SCHEMA_VERSION


def rows(url: str, sql: str) -> list[tuple[object, ...]]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql).fetchall()


def tables(url: str) -> list[str]:
    return [
        str(name)
        for (name,) in rows(
            url,
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() ORDER BY table_name",
        )
    ]


def test_postgres_keeps_its_own_version_table(pg_location: str) -> None:
    open_store(pg_location).close()
    assert rows(pg_location, "SELECT version FROM quiz_schema") == [(SCHEMA_VERSION,)]
    assert {"players", "sessions", "answers", "answer_keys"} <= set(tables(pg_location))
    open_store(pg_location).close()  # opening again migrates nothing
    assert rows(pg_location, "SELECT version FROM quiz_schema") == [(SCHEMA_VERSION,)]


def test_a_newer_schema_is_refused_untouched(pg_location: str) -> None:
    open_store(pg_location).close()
    with psycopg.connect(pg_location, autocommit=True) as conn:
        conn.execute("UPDATE quiz_schema SET version = %s", (SCHEMA_VERSION + 1,))
        conn.execute("INSERT INTO players(name, created_at) VALUES ('小王', 'then')")
    before = tables(pg_location)
    with pytest.raises(StoreError) as caught:
        open_store(pg_location)
    assert caught.value.code == "store.pg_newer_schema"
    assert tables(pg_location) == before
    assert rows(pg_location, "SELECT version FROM quiz_schema") == [(SCHEMA_VERSION + 1,)]
    assert rows(pg_location, "SELECT name FROM players") == [("小王",)]


def test_another_programs_tables_are_refused_untouched(pg_location: str) -> None:
    with psycopg.connect(pg_location, autocommit=True) as conn:
        conn.execute("CREATE TABLE players (nickname TEXT)")
    with pytest.raises(StoreError) as caught:
        open_store(pg_location)
    assert caught.value.code == "store.pg_foreign"
    assert tables(pg_location) == ["players"]


def test_an_older_schema_is_migrated_and_contests_become_their_own_kind(pg_location: str) -> None:
    at_schema(pg_location, 4)
    with psycopg.connect(pg_location, autocommit=True) as conn:
        conn.execute("INSERT INTO players(name, created_at) VALUES ('主持人', 'then')")
        conn.execute(
            "INSERT INTO sessions(player_id, mode, plan, started_at, day) "
            "VALUES (1, 'contest', '{}', '2026-11-28T01:00:00+00:00', '2026-11-28')"
        )
    store = open_store(pg_location)
    [row] = store.sessions("主持人")
    assert (row.kind.value, row.mode) == ("contest", None)
    assert store.resumable("主持人") == []  # a contest is never resumed as a run
    store.close()
    assert rows(pg_location, "SELECT version FROM quiz_schema") == [(SCHEMA_VERSION,)]


def nobody_listening() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"postgresql://postgres@127.0.0.1:{port}/quiz"


def test_a_server_that_does_not_answer_is_a_clear_message_and_exit_1() -> None:
    url = nobody_listening()
    with pytest.raises(StoreError) as caught:
        open_store(url)
    assert caught.value.code == "store.pg_unreachable"
    result = CliRunner().invoke(cli, ["--lang", "en", "history", "--db", url])
    assert result.exit_code == 1
    assert "cannot reach the PostgreSQL database postgresql://postgres@127.0.0.1" in result.output
    env = {**os.environ, "PYTHONPATH": str(REPO), "QUIZ_LANG": "en",
           "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver"}  # fmt: skip
    tui = subprocess.run([sys.executable, "-m", "quiz", "--db", url], capture_output=True,
                         text=True, env=env, timeout=60)  # fmt: skip
    assert tui.returncode == 1
    assert "cannot reach the PostgreSQL database" in tui.stderr
    assert "Traceback" not in tui.stderr


def test_reports_and_stats_read_from_a_read_only_database(pg_location: str) -> None:
    """What a read replica offers (a hot standby refuses every write, as here): the reading
    commands work on it, once the schema is up to date."""
    store = open_store(pg_location)
    run = Run.start(store, "小王", bank(), Mode.DAILY, FixedClock(START), seed=1)
    for _ in range(5):
        run.submit(right(run.session.current), 2.0)
        run.session.proceed()
    run.finish()
    store.close()
    assert "options=-csearch_path" in pg_location
    replica = pg_location + "%20-cdefault_transaction_read_only%3Don"
    with psycopg.connect(replica) as conn, pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        conn.execute("INSERT INTO players(name, created_at) VALUES ('x', 'y')")
    for args in (["org", "report", "--json"], ["stats", "--json", "--user", "小王"],
                 ["history", "--json", "--all-users"], ["org", "list", "--json"]):  # fmt: skip
        result = CliRunner().invoke(cli, ["--lang", "en", *args, "--db", replica])
        assert result.exit_code == 0, (args, result.output)
        assert "小王" in result.stdout or args[1] == "list", args
    assert rows(pg_location, "SELECT COUNT(*) FROM answers") == [(5,)]


@pytest.fixture
def proxy(pg_location: str) -> Iterator[Proxy]:
    through = Proxy(pg_location)
    yield through
    through.close()


# A pool (the TUI), or the one connection a command keeps: each is replaced when it breaks.
CONNECTIONS = pytest.mark.parametrize("connections", [4, 1], ids=["pool", "one"])


@CONNECTIONS
def test_a_run_goes_on_through_a_lost_connection_and_nothing_is_doubled(
    proxy: Proxy, connections: int
) -> None:
    store = open_store(proxy.url, connections)
    recorder = Recorder()
    outages: list[Exception] = []
    backs: list[bool] = []
    recorder.on_outage = outages.append
    recorder.on_back = lambda: backs.append(True)
    run = Run.start(store, "小王", bank(), Mode.DAILY, FixedClock(START), seed=1, recorder=recorder)
    for _ in range(2):
        run.submit(right(run.session.current), 2.0)
        run.session.proceed()
    recorder.drain()
    proxy.cut()  # the network goes: the next answers cannot reach the server
    for _ in range(3):
        run.submit(right(run.session.current), 2.0)  # returns at once: the run goes on
        run.session.proceed()
    assert run.session.correct_count == 5
    proxy.restore()
    outcome = run.finish()  # waits until every answer is stored, then books the points
    assert outages and backs and outcome.saved and outcome.points == 5
    recorder.close()
    store.close()
    again = open_store(proxy.url)
    [row] = again.sessions("小王")
    assert (row.status, row.total, row.correct, row.points) == ("finished", 5, 5, 5)
    assert [a.position for a in again.answers(row.id)] == [0, 1, 2, 3, 4]
    [day] = again.day_totals("小王")
    assert (day.answers, day.correct, day.points) == (5, 5, 5)  # running totals counted once
    again.close()


@CONNECTIONS
def test_replies_lost_after_the_server_stored_the_write_double_nothing(
    proxy: Proxy, connections: int
) -> None:
    """The server commits, the connection breaks before its reply arrives: the client cannot
    know, so it writes again, with the same key, and the server recognises it."""
    store = open_store(proxy.url, connections)
    recorder = Recorder()
    outages: list[Exception] = []
    recorder.on_outage = outages.append
    run = Run.start(store, "小王", bank(), Mode.DAILY, FixedClock(START), seed=1, recorder=recorder)
    for position in range(5):
        recorder.drain()
        if position in (1, 3):
            proxy.lose_next_reply(b"quiz_answer")  # the column of the call's result
        run.submit(right(run.session.current) if position != 4 else wrong(run.session.current),
                   2.0)  # fmt: skip
        run.session.proceed()
    recorder.drain()
    proxy.lose_next_reply(b"COMMIT\x00")  # finishing: the points booked, the reply lost
    outcome = run.finish()
    assert proxy.replies_lost == 3
    assert len(outages) == 3  # each write failed as far as the client could tell, and was redone
    assert outcome.saved and outcome.points == 4
    recorder.close()
    store.close()
    again = open_store(proxy.url)
    [row] = again.sessions("小王")
    assert (row.status, row.total, row.correct, row.points) == ("finished", 5, 4, 4)
    assert [a.position for a in again.answers(row.id)] == [0, 1, 2, 3, 4]
    [day] = again.day_totals("小王")
    assert (day.answers, day.correct, day.points) == (5, 4, 4)  # counted once
    assert again.day_tally("小王", START.date()).points[Mode.DAILY] == 4
    again.close()


def test_a_study_answer_whose_commit_reply_is_lost_moves_its_card_once(proxy: Proxy) -> None:
    """A study answer and its review are one transaction: made again after a lost reply to
    its COMMIT, the key tells the server it has both already (no second review)."""
    store = open_store(proxy.url)
    recorder = Recorder()
    run = Run.start(store, "小王", bank(), Mode.STUDY, FixedClock(START), seed=1,
                    recorder=recorder)  # fmt: skip
    for _ in range(3):
        recorder.drain()
        proxy.lose_next_reply(b"COMMIT\x00")
        run.submit(right(run.session.current), 2.0)
        run.session.proceed()
    recorder.drain()
    assert proxy.replies_lost == 3
    recorder.close()
    store.close()
    assert rows(proxy.url, "SELECT COUNT(*) FROM answers") == [(3,)]
    assert rows(proxy.url, "SELECT COUNT(*) FROM reviews") == [(3,)]
    assert rows(proxy.url, "SELECT COUNT(*) FROM cards") == [(3,)]


def test_an_answer_sent_twice_with_its_key_is_stored_once(store_location: str) -> None:
    """What a retry after a lost reply does: the same answer, the same key, again."""
    store = open_store(store_location)
    run = Run.start(store, "小王", bank(), Mode.DAILY, FixedClock(START), seed=1)
    session_id = run.session_id
    assert session_id is not None
    answer = run.session.submit(right(run.session.current), 2.0)
    totals = run.session.totals()
    for _ in range(3):
        store.record_answer(session_id, "小王", answer, totals, key="same-answer")
    again = store.start_session("小王", run.session.plan, START, key="same-session")
    assert store.start_session("小王", run.session.plan, START, key="same-session") == again
    assert len(store.answers(session_id)) == 1
    [day] = store.day_totals("小王")
    assert (day.answers, day.correct) == (1, 1)
    assert len(store.sessions("小王")) == 2
    store.close()


async def test_a_run_played_in_the_tui_is_stored_in_postgres(pg_location: str) -> None:
    from quiz.system.settings import Settings
    from quiz.tui.screens.home import HomeScreen
    from quiz.tui.screens.question import QuestionScreen
    from quiz.tui.screens.results import ResultsScreen
    from quiz.usecases.requests import PlayRequest
    from quiz.usecases.services import Services
    from tests.conftest import BANK
    from tests.tui_support import answer, make_app, wait_for

    settings = Settings(lang="en", bank=BANK, db=pg_location, user="小王")
    services = Services(settings, clock=FixedClock(START))
    app = make_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        assert services.saving.store is not None and services.saving.problem is None
        app.play(PlayRequest(Mode.DAILY, seed=4))
        await wait_for(pilot, QuestionScreen)
        for number in range(5):
            await answer(pilot, right=number != 2)
            await pilot.press("enter")
        await wait_for(pilot, ResultsScreen)
        await pilot.press("enter")
        await wait_for(pilot, HomeScreen)
    store = open_store(pg_location)
    [row] = store.sessions("小王")
    assert (row.status, row.total, row.correct, row.points) == ("finished", 5, 4, 4)
    assert [a.correct for a in store.answers(row.id)] == [True, True, False, True, True]
    store.close()
