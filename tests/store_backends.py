"""One fixture for every store backend: a test that takes `store` (or `store_location`) runs
once per backend. `store_location` is what `--db`/`QUIZ_DB` would be given: a file path for
SQLite, a URL for PostgreSQL.

PostgreSQL comes from `QUIZ_TEST_PG` (a server URL; its database is only used to create and
drop ours), else postgres@127.0.0.1:5432. Each test session gets a fresh database of its own,
dropped at the end, and each test a fresh schema in it. Without a server those tests skip.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from quiz.store.opening import open_store
from quiz.store.protocol import Store
from quiz.system.locations import is_url

BACKENDS = ["sqlite", "postgresql"]
PG_SERVER = os.environ.get("QUIZ_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
HOW_TO_GET_ONE = (
    "start one (Debian: `apt install postgresql`, then allow local trust auth or a password in "
    "the URL; or `docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:16`) "
    "and point QUIZ_TEST_PG at it, e.g. postgresql://postgres@127.0.0.1:5432/postgres"
)


def query(location: str | Path, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
    """The rows of one statement (`?` placeholders), run on a plain connection of its own to
    the database a store location names: what a test reads behind the store's back."""
    if is_url(location):
        import psycopg

        from quiz.store.postgres.database import to_pg

        with psycopg.connect(str(location), autocommit=True) as pg:
            cursor = pg.execute(to_pg(sql), params)
            return cursor.fetchall() if cursor.description is not None else []
    conn = sqlite3.connect(location, isolation_level=None)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def at_schema(location: str, version: int) -> None:
    """The tables of schema `version`, as an older quiz left them, on either backend (to test
    migrating from it): its migrations run, and the version recorded where quiz reads it."""
    from quiz.store.postgres.schema import MIGRATIONS as PG_MIGRATIONS
    from quiz.store.sqlite.schema import MIGRATIONS, _statements

    if is_url(location):
        query(location, "CREATE TABLE quiz_schema (version INTEGER NOT NULL)")
        query(location, "INSERT INTO quiz_schema VALUES (?)", (version,))
        for script in PG_MIGRATIONS[:version]:
            query(location, script)
        return
    for script in MIGRATIONS[:version]:
        for statement in _statements(script):
            query(location, statement)
    query(location, f"PRAGMA user_version = {int(version)}")


def with_database(url: str, database: str, query: str = "") -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", query, ""))


@pytest.fixture(scope="session")
def pg_server() -> str:
    """QUIZ_TEST_PG's server, once it has answered: without one, the test skips and says how
    to get one (asked once per test session)."""
    import psycopg

    try:
        psycopg.connect(PG_SERVER, autocommit=True, connect_timeout=3).close()
    except psycopg.Error as exc:
        reason = (str(exc).strip().splitlines() or ["no answer"])[0]
        pytest.skip(f"no PostgreSQL server at {PG_SERVER} ({reason}): {HOW_TO_GET_ONE}")
    return PG_SERVER


@pytest.fixture(scope="session")
def pg_database(pg_server: str) -> Iterator[str]:
    """The URL of a database made for this test session (dropped afterwards)."""
    import psycopg
    from psycopg import sql

    admin = psycopg.connect(pg_server, autocommit=True, connect_timeout=3)
    name = f"quiz_test_{os.getpid()}_{secrets.token_hex(4)}"
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield with_database(PG_SERVER, name)
    finally:
        admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.close()


def fresh_schema(database_url: str) -> tuple[str, str]:
    """(URL whose tables live in a new, empty schema, the schema's name)."""
    import psycopg
    from psycopg import sql

    schema = f"t_{secrets.token_hex(6)}"
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    return with_database(database_url, urlsplit(database_url).path.lstrip("/"),
                         f"options=-csearch_path%3D{schema}"), schema  # fmt: skip


def drop_schema(database_url: str, schema: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture(params=BACKENDS)
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty location for a store of the backend this run is for."""
    if request.param == "sqlite":
        yield str(tmp_path / "quiz.db")
        return
    yield request.getfixturevalue("pg_location")


@pytest.fixture
def pg_location(pg_database: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL location (for tests of PostgreSQL itself)."""
    url, schema = fresh_schema(pg_database)
    yield url
    drop_schema(pg_database, schema)


@pytest.fixture
def store(store_location: str) -> Iterator[Store]:
    opened = open_store(store_location)
    yield opened
    opened.close()
