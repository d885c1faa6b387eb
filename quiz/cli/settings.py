"""Options every command shares, resolved once from flags and environment variables."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

import click


@dataclass(frozen=True, slots=True)
class Settings:
    lang: str
    bank: Path
    db: Path
    user: str

    @classmethod
    def current(cls) -> Settings:
        settings = click.get_current_context().find_object(Settings)
        if settings is None:  # pragma: no cover - the root group always sets it
            raise click.UsageError("internal: settings missing")
        return settings


def default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return "player"


def resolve_user(flag: str | None) -> str:
    return (flag or os.environ.get("QUIZ_USER") or default_user()).strip() or "player"
