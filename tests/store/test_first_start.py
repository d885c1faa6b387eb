"""Processes starting at once on an empty PostgreSQL database: every one succeeds. The one
that migrates holds the migration lock; the others wait for it *before* their transaction
begins, so they see the tables it made (waiting inside a transaction begun earlier, a process
still believed, from its catalog cache, that there were none: `relation "quiz_schema" already
exists`)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from typing import Any

import psycopg
import pytest

from quiz.store.postgres.schema import MIGRATION_LOCK
from quiz.store.sql import SCHEMA_VERSION
from tests.conftest import REPO
from tests.store_backends import at_schema, query


def waiting_for_the_lock(url: str, pid_not: int) -> bool:
    rows = query(
        url,
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        " AND objid = ? AND pid <> ?",
        (MIGRATION_LOCK % 2**32, pid_not),
    )
    return bool(rows[0][0])


def test_a_process_that_waited_for_the_migration_sees_its_tables(pg_location: str) -> None:
    env = {**os.environ, "QUIZ_DB": pg_location, "QUIZ_USER": "小王", "PYTHONPATH": str(REPO)}
    with psycopg.connect(pg_location, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
        me = holder.info.backend_pid
        late = subprocess.Popen(
            [sys.executable, "-m", "quiz", "stats", "--json"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            for _ in range(300):  # it looked, found no tables, and now waits to migrate
                if waiting_for_the_lock(pg_location, me) or late.poll() is not None:
                    break
                time.sleep(0.05)
            assert late.poll() is None, late.communicate()
            at_schema(pg_location, SCHEMA_VERSION)  # another process migrated meanwhile
        finally:
            holder.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
        out, err = late.communicate(timeout=60)
    assert late.returncode == 0, err
    assert '"answers"' in out or "answers" in out


def test_five_processes_started_at_once_on_an_empty_database_all_succeed(
    pg_location: str,
) -> None:
    env = {**os.environ, "QUIZ_DB": pg_location, "QUIZ_USER": "小王", "PYTHONPATH": str(REPO)}
    started = [
        subprocess.Popen([sys.executable, "-m", "quiz", "stats", "--json"], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for _ in range(5)
    ]  # fmt: skip
    errors = [p.communicate(timeout=120)[1] for p in started]
    assert [p.returncode for p in started] == [0] * 5, errors
    assert query(pg_location, "SELECT max(version) FROM quiz_schema") == [(SCHEMA_VERSION,)]


class Looking:
    """A connection that lets another process's migration commit right after its first look
    for quiz's tables (as a process starting at the same moment may)."""

    def __init__(self, conn: psycopg.Connection[Any], location: str) -> None:
        self.conn = conn
        self.location = location
        self.raced = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self.conn, name)

    def __enter__(self) -> Looking:
        return self

    def __exit__(self, *exc: object) -> None:
        self.conn.close()

    def execute(self, query: Any, params: Any = None) -> Any:
        cursor = self.conn.execute(query, params)
        if not self.raced and "to_regclass" in str(query):
            self.raced = True
            at_schema(self.location, SCHEMA_VERSION)  # A, on its own connection, commits
        return cursor


def test_a_migration_committed_between_two_looks_is_not_a_foreign_schema(
    pg_location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """B looks for quiz's tables, A's migration commits, B looks again: quiz's tables and its
    version table are looked at in one statement, so B never sees A's tables without A's
    version table (it took them for another program's: store.pg_foreign)."""
    from quiz.store.postgres import database

    made: list[Looking] = []
    real = database.connect_once

    def looking(url: str, shown: str) -> Any:
        made.append(Looking(real(url, shown), pg_location))
        return made[-1]

    monkeypatch.setattr(database, "connect_once", looking)
    database.prepare_schema(pg_location, "test").close()
    assert made and made[0].raced
    assert query(pg_location, "SELECT max(version) FROM quiz_schema") == [(SCHEMA_VERSION,)]
