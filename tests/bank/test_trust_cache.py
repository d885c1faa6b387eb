"""Cache entries are checked when read (issue 12): a truncated, edited or planted entry is
dropped and its file parsed again; the cache folder is private."""

from __future__ import annotations

import marshal
import shutil
import stat
import struct
from pathlib import Path
from typing import Any

import pytest

from quiz.bank import cache, filereader
from quiz.bank.loader import cached_outline, load_bank
from tests.conftest import BANK, SEEDS


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    shutil.copytree(BANK, tmp_path / "questions")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path / "questions"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    original = filereader.load_file

    def counting(path: Path) -> Any:
        seen.append(path.name)
        return original(path)

    monkeypatch.setattr(filereader, "load_file", counting)
    return seen


def entry_for(folder: Path, path: Path) -> Path:
    found = cache.FileKey.of(path)
    assert found is not None
    return cache.entry_path(folder, found[0])


def test_the_cache_folder_is_private(bank: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache" / "bank"
    load_bank([bank], folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    key = (folder / "cache.key").read_bytes()
    folder.chmod(0o777)  # loosened: anything in it may have been planted meanwhile
    load_bank([bank], folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert (folder / "cache.key").read_bytes() != key  # a new key: old entries never trusted
    assert stat.S_IMODE((folder / "cache.key").stat().st_mode) == 0o600


def test_a_forged_entry_never_adds_questions(bank: Path, tmp_path: Path, parses: list[str]) -> None:
    """Someone writes an entry for a real file, listing a question the file does not have."""
    folder = tmp_path / "cache"
    fresh = load_bank([bank])
    load_bank([bank], folder)
    target = bank / "01-yiling.yaml"
    entry = entry_for(folder, target)
    sealed = entry.read_bytes()
    # The header's seal, the rows' seal, the header's length, a header record, then the rows.
    seals, data = sealed[:64], sealed[64:]
    (length,) = struct.unpack_from("<I", data)
    head = data[4 : 4 + length]
    rows = marshal.loads(data[4 + length :])
    forged_row = (*rows[0][:2], "伪造的题目？", *rows[0][3:])
    forged = data[: 4 + length] + marshal.dumps([*rows, forged_row])
    assert marshal.loads(head)[0] == cache.code_version()
    entry.write_bytes(seals + forged)  # the header's seal still fits; the rows' does not
    parses.clear()
    warm = load_bank([bank], folder)
    assert parses == ["01-yiling.yaml"]
    assert warm.questions == fresh.questions
    assert "伪造的题目？" not in {q.prompt for q in warm.questions}


def test_a_forged_header_never_outlines_the_bank(
    bank: Path, tmp_path: Path, parses: list[str]
) -> None:
    """The ids alone are read at start-up (home's count): a header listing an id the file does
    not have fails its own seal, and the bank is loaded and parsed instead."""
    folder = tmp_path / "cache"
    load_bank([bank], folder)
    expected = cached_outline([bank], folder)
    assert expected is not None
    entry = entry_for(folder, bank / "01-yiling.yaml")
    sealed = entry.read_bytes()
    seals, data = sealed[:64], sealed[64:]
    (length,) = struct.unpack_from("<I", data)
    header = list(marshal.loads(data[4 : 4 + length]))
    section, source, ids, drafts = header[3]
    header[3] = (section, source, [*ids, "forged-1"], drafts)
    head = marshal.dumps(tuple(header))
    entry.write_bytes(seals + struct.pack("<I", len(head)) + head + data[4 + length :])
    assert cached_outline([bank], folder) is None  # dropped: it cannot be trusted
    parses.clear()
    load_bank([bank], folder)
    assert parses == ["01-yiling.yaml"]
    assert cached_outline([bank], folder) == expected


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty"])
def test_a_damaged_entry_is_dropped_and_the_file_parsed_again(
    bank: Path, tmp_path: Path, parses: list[str], damage: str
) -> None:
    folder = tmp_path / "cache"
    fresh = load_bank([bank])
    load_bank([bank], folder)
    entry = entry_for(folder, bank / "02-liangyong.yaml")
    data = entry.read_bytes()
    entry.write_bytes(
        {"truncate": data[: len(data) // 2], "garbage": b"\x00\xff" * 99, "empty": b""}[damage]
    )
    parses.clear()
    assert load_bank([bank], folder).questions == fresh.questions
    assert parses == ["02-liangyong.yaml"]
    parses.clear()
    assert load_bank([bank], folder).questions == fresh.questions  # rewritten, served again
    assert parses == []


def test_a_cache_folder_owned_by_someone_else_is_not_used(
    bank: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str]
) -> None:
    folder = tmp_path / "cache"
    load_bank([bank], folder)
    monkeypatch.setattr("quiz.bank.cache.os.getuid", lambda: 12345)
    parses.clear()
    assert load_bank([bank], folder).questions
    assert len(parses) == 6  # every file parsed: nothing served from a stranger's folder
