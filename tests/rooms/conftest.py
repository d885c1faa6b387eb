"""The rooms' fixtures: a `rooms` service on each backend (SQLite in the test's folder, the test
session's PostgreSQL database)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from quiz.store.rooms import Rooms
from tests.rooms_support import make_rooms


@pytest.fixture(scope="session")
def pg_url(pg_database: str) -> str:
    """The rooms' tables live in the test session's database (the store's tests each use a
    schema of their own in it)."""
    return pg_database


@pytest.fixture(params=["sqlite", "postgresql"])
def rooms(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Rooms]:
    if request.param == "sqlite":
        target = str(tmp_path / "rooms.db")
    else:
        target = request.getfixturevalue("pg_url")
    service = make_rooms(target)
    yield service
    service.db.close()
