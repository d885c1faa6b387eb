"""The benchmark runs end to end on tiny inputs (CI); the real figures come from a full run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path


def test_benchmark_smoke_run(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    work = tmp_path / "work"
    result = subprocess.run(
        [sys.executable, "-m", "quiz.bench", "--smoke", "--work", str(work), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "| case | median | bound | within |" in result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    names = [r["name"] for r in data["results"]]
    assert any("stats --json" in n for n in names)
    assert any("history screen" in n for n in names)
    assert any(n.startswith("start-up to home populated: quiz") for n in names)
    assert any("bare curses app" in n for n in names)
    assert any("key → last frame: next question" in n for n in names)
    assert any("SSH sessions at once" in n for n in names)
    assert any(n.startswith("quiz org absent --json, a month (") for n in names)
    if shutil.which("chromium") or Path("/usr/bin/chromium").exists():  # else skipped, saying so
        assert any(n.startswith("phone page: navigation to the first frame") for n in names)
    idle = {"idle session CPU"}  # an idle session may well use no CPU tick in a smoke run
    assert all(r["value"] > 0 for r in data["results"] if r["name"] not in idle)
    assert all(r["value"] >= 0 for r in data["results"] if r["name"] in idle)
    assert not work.exists()  # the bench removes what it creates (unless --keep)


def test_capacity_smoke_run(tmp_path: Path, pg_server: str) -> None:
    """`--only capacity` end to end on tiny inputs: every figure the issue names is in the
    JSON, nothing lost or doubled (the bounds themselves hold only at full size)."""
    out = tmp_path / "results.json"
    env = {**os.environ, "QUIZ_BENCH_PG": pg_server}
    result = subprocess.run(
        [sys.executable, "-m", "quiz.bench", "--smoke", "--only", "capacity", "--work",
         str(tmp_path / "work"), "--out", str(out)],
        capture_output=True, text=True, timeout=600, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    capacity = json.loads(out.read_text(encoding="utf-8"))["capacity"]
    for key in ("writers_per_s", "pg_vs_sqlite", "serve_pss_mb", "serve_idle_sessions",
                "ssh_key_p99_ms", "ssh_first_key_p50_ms", "ssh_later_keys_p99_ms",
                "room_players", "room_p99_ms"):  # fmt: skip
        assert capacity[key] > 0, key
    assert capacity["room_lost"] == capacity["room_duplicated"] == 0
    if capacity["pgbench_tps"] is not None:  # pgbench installed (Debian's postgresql-client)
        assert capacity["writers_vs_pgbench"] > 0
    assert "answers/s" in result.stdout and "PSS" in result.stdout


def test_the_capacity_case_runs_only_when_asked(tmp_path: Path) -> None:
    from quiz.bench.cases import CASES

    assert [case.name for case in CASES if case.on_request] == ["capacity"]
