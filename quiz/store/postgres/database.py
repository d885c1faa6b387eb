"""The PostgreSQL backend: one database shared by every player's quiz.

A process that needs more than one connection takes them from psycopg's pool (the TUI records
answers on one thread while screens read on others); a command that needs one keeps the
connection that checked the schema (no pool, no background thread). Connections are in
autocommit mode; a write is an explicit transaction. A connection that breaks is dropped and
replaced. A write that fails because the server is out of reach raises `StoreUnavailable`, and
the caller makes it again later: answers and sessions carry a client-made key, so a write that
did reach the server is never doubled.
"""

from __future__ import annotations

import contextlib
import functools
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any, Protocol

import psycopg

from quiz.store.errors import StoreError, StoreUnavailable
from quiz.store.postgres.schema import MIGRATION_LOCK, MIGRATIONS, VERSION_TABLE
from quiz.store.sql import POSTGRES, SCHEMA_VERSION, Row
from quiz.system.locations import shown

if TYPE_CHECKING:
    from psycopg_pool import ConnectionPool

CONNECT_TIMEOUT = 5
"""Seconds to wait for the server when connecting (a server that is down is reported soon)."""
WAIT_TIMEOUT = 10.0
"""Seconds a call waits for a pooled connection before the server counts as out of reach."""
READ_ATTEMPTS = 3
"""A read is made again on a fresh connection when the one it got had broken (a restart)."""
OUR_TABLES = ("players", "sessions", "answers")
LOST = (psycopg.OperationalError, psycopg.InterfaceError)
CONTENDED = (psycopg.errors.SerializationFailure, psycopg.errors.DeadlockDetected)
"""Errors of transactions that met others: waiting and trying again may cure them."""
"""Errors that say the server cannot be reached now, not that the statement is wrong."""


@functools.lru_cache(maxsize=1024)
def to_pg(sql: str) -> str:
    """`?` placeholders as psycopg's `%s` (and a literal `%` kept literal)."""
    return sql.replace("%", "%%").replace("?", "%s")


def first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


class _PgTx:
    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        cursor = self._conn.execute(to_pg(sql), params)
        return cursor.fetchall() if cursor.description is not None else []


class Connections(Protocol):
    def connection(self) -> AbstractContextManager[psycopg.Connection[Any]]: ...

    def close(self) -> None: ...


class ConnectionBusy(psycopg.OperationalError):
    """No connection came in time: trying again would wait as long."""


class OneConnection:
    """One connection, for a process that needs no more (a command, a bench writer): the pool's
    import, background thread and second connection are a fifth of a `quiz stats` on
    PostgreSQL. Used by one thread at a time, as a pool of one would be; a connection that
    broke is replaced on the next use."""

    def __init__(self, url: str, conn: psycopg.Connection[Any]) -> None:
        self._url = url
        self._conn: psycopg.Connection[Any] | None = conn
        self._lock = threading.Lock()

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection[Any]]:
        if not self._lock.acquire(timeout=WAIT_TIMEOUT):
            raise ConnectionBusy("the store's connection stayed in use")
        try:
            conn = self._conn
            if conn is None or conn.broken or conn.closed:
                self._conn = conn = psycopg.connect(
                    self._url, autocommit=True, connect_timeout=CONNECT_TIMEOUT
                )
            yield conn
        finally:
            self._lock.release()

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def pooled(url: str, size: int) -> ConnectionPool[psycopg.Connection[Any]]:
    from psycopg_pool import ConnectionPool

    return ConnectionPool(
        url,
        min_size=1,
        max_size=size,
        kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT},
        timeout=WAIT_TIMEOUT,
        name="quiz-store",
        num_workers=1,  # opening and checking connections in the background
        open=True,
    )


class PostgresDatabase:
    dialect = POSTGRES

    def __init__(self, url: str, connections: int = 4) -> None:
        self.url = url
        self.location = shown(url)
        conn = prepare_schema(url, self.location)
        self._connections: Connections
        if connections <= 1:
            self._connections = OneConnection(url, conn)
        else:
            conn.close()
            self._connections = pooled(url, connections)

    def read(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        for attempt in range(1, READ_ATTEMPTS + 1):
            try:
                with self._connections.connection() as conn:
                    return conn.execute(to_pg(sql), params).fetchall()
            except psycopg.errors.InsufficientPrivilege as exc:
                raise forbidden(self.location, exc) from None
            except LOST as exc:
                if attempt == READ_ATTEMPTS or timed_out(exc):
                    raise StoreUnavailable(self.location, first_line(exc)) from exc
        raise AssertionError("unreachable")

    @contextmanager
    def transaction(self) -> Iterator[_PgTx]:
        try:
            with self._connections.connection() as conn, conn.transaction():
                yield _PgTx(conn)
        except psycopg.errors.InsufficientPrivilege as exc:  # rolled back: nothing half-done
            raise forbidden(self.location, exc) from None
        except LOST as exc:
            raise StoreUnavailable(self.location, first_line(exc)) from exc
        except CONTENDED as exc:  # nothing was written: the same transaction may be tried again
            raise StoreError("store.busy", path=self.location, reason=first_line(exc)) from exc

    def run(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        """One statement, committed by itself (autocommit): one round trip."""
        try:
            with self._connections.connection() as conn:
                cursor = conn.execute(to_pg(sql), params)
                return cursor.fetchall() if cursor.description is not None else []
        except psycopg.errors.InsufficientPrivilege as exc:
            raise forbidden(self.location, exc) from None
        except LOST as exc:
            raise StoreUnavailable(self.location, first_line(exc)) from exc

    def connection(self) -> AbstractContextManager[psycopg.Connection[Any]]:
        """A connection of its own, for what the store does not do (`quiz org roles`)."""
        return self._connections.connection()

    def close(self) -> None:
        self._connections.close()


def timed_out(exc: BaseException) -> bool:
    """No connection came in time: trying again would wait as long."""
    pool = sys.modules.get("psycopg_pool")  # imported only where a pool was made
    if pool is not None and isinstance(exc, pool.PoolTimeout):
        return True
    return isinstance(exc, ConnectionBusy)


def connect_once(url: str, shown_url: str) -> psycopg.Connection[Any]:
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT)
    except psycopg.Error as exc:
        raise StoreError("store.pg_unreachable", url=shown_url, reason=first_line(exc)) from None


def probe(url: str) -> StoreError | None:
    """Why the database cannot be used, or None: the server answers and the schema is quiz's
    and not newer (nothing is written)."""
    location = shown(url)
    try:
        with connect_once(url, location) as conn:
            usable_version(conn, location)
    except StoreError as exc:
        return exc
    except psycopg.Error as exc:
        return StoreError("store.pg_failed", url=location, reason=first_line(exc))
    return None


def prepare_schema(url: str, location: str) -> psycopg.Connection[Any]:
    """Check the schema is quiz's and not newer, and migrate it; StoreError when the server
    cannot be reached or the database cannot be used (nothing is changed then). Only the
    tables' owner migrates: anyone else (an organiser, a host, a member) is told the schema is
    behind and who must bring it up to date. The connection is returned open, for a process
    that needs only one."""
    conn = connect_once(url, location)
    try:
        version = usable_version(conn, location)
        if version < SCHEMA_VERSION:
            if version > 0 and not owns_schema(conn):
                raise StoreError("store.pg_behind", url=location, found=version,
                                 known=SCHEMA_VERSION)  # fmt: skip
            migrate(conn, location)
    except psycopg.errors.InsufficientPrivilege as exc:
        conn.close()
        raise forbidden(location, exc) from None
    except psycopg.Error as exc:
        conn.close()
        raise StoreError("store.pg_failed", url=location, reason=first_line(exc)) from None
    except BaseException:
        conn.close()
        raise
    return conn


def owns_schema(conn: psycopg.Connection[Any]) -> bool:
    """Whether this login has the rights of the tables' owner (or is a superuser)."""
    row = conn.execute(
        "SELECT pg_has_role(current_user, relowner, 'USAGE') FROM pg_class"
        f" WHERE oid = to_regclass('{VERSION_TABLE}')"
    ).fetchone()
    return bool(row and row[0])


def forbidden(location: str, exc: BaseException) -> StoreError:
    """PostgreSQL refused a statement to this login (SQLSTATE 42501): what it needs."""
    return StoreError("store.forbidden", url=location, reason=first_line(exc))


def schema_version(conn: psycopg.Connection[Any]) -> int | None:
    """The version recorded in this database (None: no version table)."""
    return _version(conn, _present(conn))


def _present(conn: psycopg.Connection[Any]) -> dict[str, bool]:
    """Which of quiz's tables are there, in one look: a migration committed between two
    looks would show its tables without its version table, as if another program had made
    them."""
    names = (VERSION_TABLE, *OUR_TABLES)
    looks = ", ".join("to_regclass(%s) IS NOT NULL" for _ in names)
    row = conn.execute(f"SELECT {looks}", names).fetchone()
    return dict(zip(names, row or (), strict=False))


def _version(conn: psycopg.Connection[Any], present: dict[str, bool]) -> int | None:
    if not present.get(VERSION_TABLE):
        return None
    row = conn.execute(f"SELECT max(version) FROM {VERSION_TABLE}").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def usable_version(conn: psycopg.Connection[Any], location: str) -> int:
    present = _present(conn)
    version = _version(conn, present)
    if version is None:
        for name in OUR_TABLES:
            if present.get(name):  # tables of quiz's names that quiz did not make
                raise StoreError("store.pg_foreign", url=location, table=name)
        return 0
    if version > SCHEMA_VERSION:
        raise StoreError("store.pg_newer_schema", url=location, found=version,
                         known=SCHEMA_VERSION)  # fmt: skip
    return version


def migrate(conn: psycopg.Connection[Any], location: str) -> None:
    """Every missing migration, in one transaction, one process at a time. The lock is taken
    before the transaction begins, so the transaction sees whatever the process that held it
    committed."""
    conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
    try:
        with conn.transaction():
            present = _present(conn)
            current = usable_version(conn, location)  # another process may have migrated
            if not present[VERSION_TABLE]:
                conn.execute(f"CREATE TABLE {VERSION_TABLE} (version INTEGER NOT NULL)")
                conn.execute(f"INSERT INTO {VERSION_TABLE} VALUES (0)")
            for version in range(current + 1, SCHEMA_VERSION + 1):
                conn.execute(MIGRATIONS[version - 1])  # a whole script: no parameters
                conn.execute(f"UPDATE {VERSION_TABLE} SET version = %s", (version,))
            if current < SCHEMA_VERSION:
                from quiz.store.postgres.roles import apply_grants, groups_exist

                if groups_exist(conn):  # new tables and functions granted as the roles say
                    apply_grants(conn)
    finally:
        with contextlib.suppress(psycopg.Error):  # a lost connection has let go of it already
            conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
