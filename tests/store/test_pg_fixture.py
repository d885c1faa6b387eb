"""The PostgreSQL test fixture itself, run in a pytest of its own: the server comes from
QUIZ_TEST_PG, each test session gets a fresh database that is dropped at the end, and without
a server the PostgreSQL tests skip, saying how to get one."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

from tests.conftest import REPO

PROBE = """
from pathlib import Path

import pytest


def test_where(store_location: str, request: pytest.FixtureRequest) -> None:
    if store_location.startswith("postgresql://"):
        Path("seen.txt").write_text(request.getfixturevalue("pg_database"), encoding="utf-8")
"""


def inner_pytest(tmp_path: Path, server: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_probe.py").write_text(PROBE, encoding="utf-8")
    (tmp_path / "conftest.py").write_text(
        "from tests.conftest import *  # noqa: F403\n", encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO), "QUIZ_TEST_PG": server}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "-p",
         "no:randomly", str(tmp_path / "test_probe.py")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_without_a_server_the_postgres_tests_skip_and_say_how_to_get_one(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nobody listens there
    result = inner_pytest(tmp_path, f"postgresql://postgres@127.0.0.1:{port}/postgres")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed, 1 skipped" in result.stdout  # SQLite ran, PostgreSQL skipped
    said = result.stdout
    assert f"no PostgreSQL server at postgresql://postgres@127.0.0.1:{port}/postgres" in said
    assert "apt install postgresql" in said and "docker run" in said and "QUIZ_TEST_PG" in said
    assert not (tmp_path / "seen.txt").exists()


def test_a_fresh_database_per_test_session_dropped_at_its_end(
    tmp_path: Path, pg_server: str
) -> None:
    """Needs a server (skips without one, as every PostgreSQL test does)."""
    parts = urlsplit(pg_server)
    server = pg_server.replace(f"@{parts.hostname}", "@localhost", 1)  # QUIZ_TEST_PG is used
    result = inner_pytest(tmp_path, server)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout
    used = (tmp_path / "seen.txt").read_text(encoding="utf-8")
    assert urlsplit(used).hostname == "localhost"
    name = urlsplit(used).path.lstrip("/")
    assert name.startswith("quiz_test_")
    with psycopg.connect(pg_server, autocommit=True) as admin:
        left = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchall()
    assert left == []  # dropped
