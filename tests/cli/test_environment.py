"""Environment variables are checked as their flags are: a value the quiz cannot use is a
usage error (exit 2) that names the variable, before anything starts; none is silently
ignored or turned into something else."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


def run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("QUIZ_") and k != "TZ"}
    clean.update(
        HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_CONFIG_HOME=str(tmp_path / "config"),
        QUIZ_DB=str(tmp_path / "quiz.db"), PYTHONPATH=str(REPO), QUIZ_LANG="en",
    )  # fmt: skip
    clean.update(env)
    return subprocess.run([sys.executable, "-m", "quiz", "stats", "--json"], env=clean,
                          capture_output=True, text=True, timeout=60)  # fmt: skip


@pytest.mark.parametrize(
    ("variable", "value", "said"),
    [
        ("QUIZ_LANG", "fr", "QUIZ_LANG"),
        ("QUIZ_THEME", "neon", "QUIZ_THEME"),
        ("TZ", "Nowhere/Land", "TZ=Nowhere/Land"),
        ("QUIZ_NOW", "9999-12-31T23:59:59", "too near the end of the calendar"),
        ("QUIZ_NOW", "0001-01-01T00:00:00+00:00", "too near the end of the calendar"),
        ("QUIZ_NOW", "yesterday", "not an ISO 8601 time"),
    ],
)
def test_a_value_the_quiz_cannot_use_is_a_usage_error(
    tmp_path: Path, variable: str, value: str, said: str
) -> None:
    result = run(tmp_path, **{variable: value})
    assert result.returncode == 2, result.stderr
    assert said in result.stderr
    assert "Traceback" not in result.stderr
    if variable == "QUIZ_LANG":  # as `--lang fr` is refused
        flag = subprocess.run([sys.executable, "-m", "quiz", "--lang", "fr", "stats"],
                              env={**os.environ, "PYTHONPATH": str(REPO)},
                              capture_output=True, text=True, timeout=60)  # fmt: skip
        assert flag.returncode == 2


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("QUIZ_LANG", "en_US.UTF-8"),
        ("QUIZ_LANG", "zh-Hans"),
        ("QUIZ_THEME", "light"),
        ("TZ", "Asia/Shanghai"),
        ("TZ", ":UTC"),
        ("TZ", "CST-8"),
        ("TZ", "EST5EDT,M3.2.0,M11.1.0"),
        ("QUIZ_NOW", "2026-11-28T09:00:00+08:00"),
    ],
)
def test_a_usable_value_is_taken(tmp_path: Path, variable: str, value: str) -> None:
    result = run(tmp_path, **{variable: value})
    assert result.returncode == 0, result.stderr
    assert '"answers"' in result.stdout
