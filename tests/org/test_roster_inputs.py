"""Roster and key files follow the bank files' rules: regular files of at most 16 MB. A FIFO,
`/dev/zero` or a huge file is refused at once with a message and exit 1, before any store is
opened, and nothing is read past the cap."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


def quiz(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QUIZ_DB": str(tmp_path / "quiz.db"), "QUIZ_LANG": "en",
           "HOME": str(tmp_path), "PYTHONPATH": str(REPO)}  # fmt: skip
    return subprocess.run([sys.executable, "-m", "quiz", *args], env=env, capture_output=True,
                          text=True, timeout=30)  # fmt: skip


def inputs(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "roster.fifo"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as out:
        out.truncate(17 * 1024 * 1024)  # sparse: 17 MB read as zeros
    return {"fifo": fifo, "device": Path("/dev/zero"), "huge": huge}


@pytest.mark.parametrize("kind", ["fifo", "device", "huge"])
@pytest.mark.parametrize("command", [("org", "import"), ("org", "key", "add", "wang1")])
def test_a_file_that_is_not_a_small_regular_file_is_refused_at_once(
    tmp_path: Path, kind: str, command: tuple[str, ...]
) -> None:
    path = inputs(tmp_path)[kind]
    result = quiz(tmp_path, *command, str(path))
    assert result.returncode == 1, result.stderr
    said = "not a regular file" if kind != "huge" else "too large"
    assert said in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "quiz.db").exists()  # refused before the store was opened
