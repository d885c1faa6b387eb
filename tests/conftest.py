"""Shared fixtures: every test runs with its own data paths and a fixed language, never the
user's home, locale or clock."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from quiz import i18n

# Times are shown in the local zone: pin it, so output is the same on every machine.
os.environ["TZ"] = "Asia/Shanghai"
time.tzset()

REPO = Path(__file__).resolve().parent.parent
BANK = REPO / "questions"
SEEDS = REPO / "seeds"
ARTICLE = SEEDS / "wuhan-2021-yiling-liangyong-sanjiaqiang.txt"

MINI_ARTICLE = "测试文章\n编辑:测试 时间:2024-01-01 00:00\n市委开展8次集体学习,完成宣讲190场。\n"


@pytest.fixture(autouse=True)
def isolated(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("QUIZ_DB", str(home / "quiz.db"))
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("QUIZ_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("QUIZ_USER", "tester")
    monkeypatch.setenv("QUIZ_LANG", "en")
    monkeypatch.setenv("QUIZ_MATCH_SECONDS", "0")  # races play simulated opponents at once
    monkeypatch.delenv("QUIZ_BANK", raising=False)
    i18n.set_language("en")
    yield
    i18n.set_language("en")


BankWriter = Callable[[str, str], Path]


@pytest.fixture
def write_bank(tmp_path: Path) -> BankWriter:
    """Writes `questions/<name>` (and a small article in `seeds/`) under a temp folder."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "mini.txt").write_text(MINI_ARTICLE, encoding="utf-8")
    (tmp_path / "questions").mkdir()

    def write(name: str, text: str) -> Path:
        path = tmp_path / "questions" / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


# A test that takes `store` or `store_location` runs against every store backend.
from tests.store_backends import (  # noqa: E402, F401
    pg_database,
    pg_location,
    pg_server,
    store,
    store_location,
)
