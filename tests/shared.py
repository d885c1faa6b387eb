"""The team's shared data beside the checkout (`../shared`), or where QUIZ_SHARED says: real
external data the tests read but never copy into the repository."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    chosen = os.environ.get("QUIZ_SHARED")
    return Path(chosen).expanduser() if chosen else REPO.parent / "shared"


XXQG_TIKU = shared_dir() / "data" / "xxqg" / "tiku.json"
