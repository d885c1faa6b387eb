"""The team's shared data for the benchmark: `../shared` beside the checkout the benchmark runs
from, or where QUIZ_SHARED says (the benchmark is a development tool, not in the wheel)."""

from __future__ import annotations

import os
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]


def shared_dir() -> Path:
    chosen = os.environ.get("QUIZ_SHARED")
    return Path(chosen).expanduser() if chosen else CHECKOUT.parent / "shared"


def xxqg_tiku() -> Path:
    return shared_dir() / "data" / "xxqg" / "tiku.json"
