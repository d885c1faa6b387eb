"""The bank cache: same result as parsing, rebuilt for exactly the changed files, never stale."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from quiz.bank import filereader
from quiz.bank.loader import load_bank
from tests.conftest import BANK, SEEDS


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    shutil.copytree(BANK, tmp_path / "questions")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path / "questions"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the files actually parsed (not served from the cache)."""
    seen: list[str] = []
    original = filereader.load_file

    def counting(path: Path) -> Any:
        seen.append(path.name)
        return original(path)

    monkeypatch.setattr(filereader, "load_file", counting)
    return seen


def test_warm_load_equals_a_fresh_parse(bank: Path, tmp_path: Path, parses: list[str]) -> None:
    cache = tmp_path / "cache"
    fresh = load_bank([bank])
    cold = load_bank([bank], cache)
    parses.clear()
    warm = load_bank([bank], cache)
    assert parses == []
    assert warm.questions == cold.questions == fresh.questions
    assert warm.errors == fresh.errors == []


def test_only_changed_files_are_parsed_again(bank: Path, tmp_path: Path, parses: list[str]) -> None:
    cache = tmp_path / "cache"
    load_bank([bank], cache)
    parses.clear()
    target = bank / "02-liangyong.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("ly-002", "ly-902"), "utf-8")
    again = load_bank([bank], cache)
    assert parses == ["02-liangyong.yaml"]
    assert "ly-902" in again.by_id() and "ly-002" not in again.by_id()


def test_an_edit_keeping_size_and_time_is_still_seen(bank: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_bank([bank], cache)
    target = bank / "01-yiling.yaml"
    info = target.stat()
    text = target.read_text(encoding="utf-8")
    edited = text.replace("yl-001", "yl-991")  # same length
    assert len(edited.encode()) == len(text.encode())
    target.write_text(edited, encoding="utf-8")
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert target.stat().st_size == info.st_size and target.stat().st_mtime_ns == info.st_mtime_ns
    assert "yl-991" in load_bank([bank], cache).by_id()


def test_errors_come_back_from_the_cache_too(bank: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (bank / "99-bad.yaml").write_text(
        "section: 坏\nquestions:\n  - id: x\n    type: essay\n", "utf-8"
    )
    cold = load_bank([bank], cache)
    warm = load_bank([bank], cache)
    assert [str(e) for e in warm.errors] == [str(e) for e in cold.errors] != []


def test_an_edited_article_rechecks_the_quotes(bank: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert load_bank([bank], cache).errors == []
    article = next((bank.parent / "seeds").glob("*.txt"))
    article.write_text(article.read_text(encoding="utf-8").replace("8次", "九次"), "utf-8")
    errors = load_bank([bank], cache).errors
    assert errors and all(e.code == "bank.quote_not_found" for e in errors)


def test_a_damaged_cache_entry_is_rebuilt(bank: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_bank([bank], cache)
    for entry in cache.iterdir():
        entry.write_bytes(b"\x00garbage")
    assert load_bank([bank], cache).questions == first.questions
