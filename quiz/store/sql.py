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
    record_answer: str | None = None
    """A server-side call doing what rollups.record_answer does, in one round trip."""


SQLITE = Dialect("sqlite", "v.rowid", "json_extract(v.record, '$.prompt')", None)
POSTGRES = Dialect(
    "postgresql",
    "v.seq",
    "(v.record::json ->> 'prompt')",
    "SELECT id FROM players WHERE id = ? FOR UPDATE",
    "SELECT quiz_record_answer(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
)


class Tx(Protocol):
    """A transaction in progress."""

    def execute(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        """Run one statement; its rows (none for a statement without RETURNING)."""
        ...


class Database(Protocol):
    dialect: Dialect
    location: str

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
