"""Options every entry point shares, resolved from flags and environment variables."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Settings:
    lang: str
    bank: Path
    db: Path
    user: str
    theme: str = "dark"
    move_bad_db: bool = False
    """Move an unreadable score database aside (timestamped) instead of refusing to start."""


def default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return "player"


def resolve_user(flag: str | None) -> str:
    return (flag or os.environ.get("QUIZ_USER") or default_user()).strip() or "player"
