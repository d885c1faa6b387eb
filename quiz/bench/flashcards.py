"""flashcard-cli (PyPI), a Textual flashcard app, as a reference for start-up: `flashcard
start` opens its study screen on the first card of `flashcard.db` in the working folder.

It is installed apart from quiz (its own virtual environment, e.g. `python -m venv
../bench-venv && ../bench-venv/bin/pip install flashcard-cli`), never as a dependency.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from quiz.bench.context import Context
from quiz.bench.startup import Program

QUESTION = "中国共产党第一次全国代表大会在哪里召开？"
ANSWER = "上海"


def find_flashcard(given: Path | None) -> Path | None:
    """The `flashcard` command: as given, else beside the checkout (`../bench-venv`), else on
    the PATH."""
    checkout = Path(__file__).resolve().parents[2]
    candidates = [given, checkout.parent / "bench-venv" / "bin" / "flashcard"]
    found = shutil.which("flashcard")
    candidates.append(Path(found) if found else None)
    return next((c for c in candidates if c is not None and os.access(c, os.X_OK)), None)


def flashcard_program(context: Context) -> Program:
    assert context.flashcard is not None
    folder = context.work / "flashcard"
    folder.mkdir(exist_ok=True)
    with sqlite3.connect(folder / "flashcard.db") as conn:  # the table as flashcard-cli makes it
        conn.execute(
            "CREATE TABLE IF NOT EXISTS flashcard (id INTEGER PRIMARY KEY AUTOINCREMENT, "
            "question TEXT NOT NULL, answer TEXT NOT NULL, "
            "created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)"
        )
        if not conn.execute("SELECT 1 FROM flashcard").fetchone():
            conn.execute(
                "INSERT INTO flashcard(question, answer) VALUES (?, ?)", (QUESTION, ANSWER)
            )
    conn.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    return Program(
        "flashcard-cli (PyPI)",
        [str(context.flashcard), "start"],
        [QUESTION],
        env,
        folder,
        quit_keys="q",
    )
