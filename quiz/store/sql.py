"""What the SQL store needs of a database connection, so one implementation serves SQLite and
PostgreSQL: reads, and short transactions that either commit whole or not at all.

Statements use `?` placeholders and SQL both databases speak (ON CONFLICT, RETURNING, CASE);
the little that differs is in `Dialect`.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, NamedTuple, Protocol

Row = tuple[Any, ...]

SCHEMA_VERSION = 18
"""The schema both backends are migrated to, one migration for one (quiz.store.sqlite.schema,
quiz.store.postgres.schema)."""


class Dialect(NamedTuple):
    name: str
    insertion_order: str
    """A column of `question_versions` that grows with each new version."""
    prompt_of_record: str
    """The prompt inside `question_versions.record` (JSON text), as an SQL expression."""
    lock_player: str | None
    """Taken first when a run finishes, before its status and the player's daily caps are
    read and booked: runs finishing at once queue, and a finish made again after a lost reply
    waits for the first and finds it done (None: the transaction already holds the database's
    only write lock)."""
    records_on_server: bool
    """Every write of play (a player made, a run started, answered, finished or dropped, a
    study review) is one call of a server-side SECURITY DEFINER function (postgres/sql/
    authority.sql), which checks who may act for the player, not rollups' statements: a
    member's database login has no INSERT, UPDATE or DELETE on any table of play."""
    now_seconds: str
    """The database's clock, in seconds since the epoch: every machine in a live room agrees
    on deadlines, whatever its own clock says."""
    row_lock: str
    """Appended to a SELECT that reads a row it will change ("" where a transaction already
    holds the database's only write lock). PostgreSQL: NO KEY UPDATE, the lock an UPDATE of
    other columns than the key takes, so it does not wait for (or deadlock with) the key-share
    locks that inserting a row which refers to it takes: a player's seat goes in before the
    room is locked (quiz.store.rooms.Rooms.join)."""
    notify: str | None
    """Announces a live room's new state version at commit (None: players poll)."""


NOTIFY_CHANNEL = "quiz_rooms"
"""Where PostgreSQL announces a room's new state: `pin:version`."""

SQLITE = Dialect(
    name="sqlite",
    insertion_order="v.rowid",
    prompt_of_record="json_extract(v.record, '$.prompt')",
    lock_player=None,
    records_on_server=False,
    now_seconds="((julianday('now') - 2440587.5) * 86400.0)",
    row_lock="",
    notify=None,
)
POSTGRES = Dialect(
    name="postgresql",
    insertion_order="v.seq",
    prompt_of_record="(v.record::json ->> 'prompt')",
    lock_player="SELECT id FROM players WHERE id = ? FOR UPDATE",
    records_on_server=True,
    now_seconds="extract(epoch from clock_timestamp())::double precision",
    row_lock=" FOR NO KEY UPDATE",
    notify=f"SELECT pg_notify('{NOTIFY_CHANNEL}', ?)",
)


class Tx(Protocol):
    """A transaction in progress."""

    def execute(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        """Run one statement; its rows (none for a statement without RETURNING)."""
        ...


class Database(Protocol):
    dialect: Dialect
    location: str
    """Where it is, as shown to people (a URL without its password)."""

    @property
    def url(self) -> str | None:
        """PostgreSQL: the URL to open another connection with (a room listener's); else None."""
        ...

    def read(self, sql: str, params: Sequence[object] = ()) -> list[Row]: ...

    def transaction(self) -> AbstractContextManager[Tx]:
        """Commits when the block ends, rolls back when it raises."""
        ...

    def run(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        """One statement as a transaction of its own."""
        ...

    def close(self) -> None: ...


def one(rows: list[Row]) -> Row | None:
    return rows[0] if rows else None
