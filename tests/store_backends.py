"""One fixture for every store backend: a test that takes `store` (or `store_location`) runs
once per backend. `store_location` is what `--db`/`QUIZ_DB` would be given: a file path for
SQLite, a URL for PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from quiz.store import Store, open_store

BACKENDS = ["sqlite"]


@pytest.fixture(params=BACKENDS)
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty location for a store of the backend this run is for."""
    return str(tmp_path / "quiz.db")


@pytest.fixture
def store(store_location: str) -> Iterator[Store]:
    opened = open_store(store_location)
    yield opened
    opened.close()
