"""Which backend a location names: a file path is SQLite, a `postgresql://` URL PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from quiz.store.protocol import Store


def open_store(location: str | Path) -> Store:
    """An open, migrated store; StoreError when the database cannot be used."""
    from quiz.store.sqlite import SqliteDatabase
    from quiz.store.store import SqlStore

    return SqlStore(SqliteDatabase(Path(location)))
