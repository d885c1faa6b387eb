"""The benchmark runs end to end on tiny inputs (CI); the real figures come from a full run."""

from __future__ import annotations

import json
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
    idle = {"idle session CPU"}  # an idle session may well use no CPU tick in a smoke run
    assert all(r["value"] > 0 for r in data["results"] if r["name"] not in idle)
    assert all(r["value"] >= 0 for r in data["results"] if r["name"] in idle)
    assert not work.exists()  # the bench removes what it creates (unless --keep)
