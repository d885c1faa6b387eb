"""Options every entry point shares, resolved from flags and environment variables."""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


class SettingsProblem(ValueError):
    """A flag or environment variable that cannot be used (a usage error: exit 2); `code` is a
    catalog key."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True)
class Settings:
    lang: str
    bank: Path
    db: Path | str
    """The score database: a file path (SQLite), or a `postgresql://` URL (a str)."""
    user: str
    theme: str = "dark"
    move_bad_db: bool = False
    """Move an unreadable score database aside (timestamped) instead of refusing to start."""


def resolve_settings(
    lang: str | None = None,
    bank: str | None = None,
    db: str | None = None,
    user: str | None = None,
    theme: str | None = None,
    move_bad_db: bool = False,
) -> Settings:
    """Settings from flags, else environment variables, else defaults; sets the language.
    SettingsProblem for a name with control characters, a bad TZ or QUIZ_NOW."""
    from quiz import i18n
    from quiz.system import paths
    from quiz.system.clock import check_clock

    if lang is None:
        lang = _from_environment("QUIZ_LANG", LANGUAGES, i18n.normalise_language)
    chosen = i18n.resolve_language(lang)
    i18n.set_language(chosen)
    check_clock()
    if theme is None:
        theme = _from_environment("QUIZ_THEME", THEMES, lambda value: value.strip().lower())
    return Settings(
        lang=chosen,
        bank=paths.bank_dir(bank),
        db=paths.db_path(db),
        user=resolve_user(user),
        theme=theme or "dark",
        move_bad_db=move_bad_db,
    )


LANGUAGES = ("zh", "en")
THEMES = ("dark", "light")


def _from_environment(
    name: str, allowed: tuple[str, ...], normalise: Callable[[str], str | None]
) -> str | None:
    """A variable's value when it names one of `allowed` (unset or empty: None); else the
    usage error its flag gives (exit 2)."""
    value = os.environ.get(name, "")
    if not value.strip():
        return None
    chosen = normalise(value)
    if chosen not in allowed:
        raise SettingsProblem("cli.bad_env_choice", name=name, value=value,
                              allowed=", ".join(allowed))  # fmt: skip
    return chosen


def default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return "player"


def resolve_user(flag: str | None) -> str:
    from quiz.text.names import normal_name
    from quiz.text.safe import UnsafeName, check_name

    name = normal_name(flag or os.environ.get("QUIZ_USER") or default_user()) or "player"
    try:
        return check_name(name)
    except UnsafeName as exc:
        raise SettingsProblem("cli.unsafe_user", char=exc.char, position=exc.index + 1) from None
