"""Where things live: the bank, the articles, the database, the cache.

Every location has a flag and an environment variable, so tests and authors never touch the
real user's files; defaults come from platformdirs.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "dangshi-quiz"
_PACKAGE_DIR = Path(__file__).resolve().parents[1]
"""The `quiz` package folder."""


def _bundled(name: str) -> Path:
    """`questions/` or `seeds/`: beside the package in a checkout (editable install), inside it
    (`quiz/_bundled/`) in a built wheel."""
    checkout = _PACKAGE_DIR.parent / name
    return checkout if checkout.is_dir() else _PACKAGE_DIR / "_bundled" / name


def bundled_bank() -> Path:
    """The bank that comes with quiz (`bank_dir()` is it only when QUIZ_BANK is not set)."""
    return _bundled("questions")


def bank_dir(flag: str | Path | None = None) -> Path:
    chosen = flag or os.environ.get("QUIZ_BANK")
    return Path(chosen).expanduser() if chosen else bundled_bank()


def seeds_dir(bank: Path | None = None) -> Path:
    """The articles beside the bank folder (`<bank>/../seeds`), else the bundled ones."""
    if bank is not None:
        beside = bank.resolve().parent / "seeds"
        if beside.is_dir():
            return beside
    return _bundled("seeds")


def data_dir() -> Path:
    """Where the quiz keeps its data (the default database, the SSH host key)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def db_path(flag: str | Path | None = None) -> Path | str:
    """The score database: `--db`, else QUIZ_DB, else quiz.db in the data folder. A
    `postgresql://` URL is kept as it is (a str); anything else is a file path."""
    chosen = flag or os.environ.get("QUIZ_DB")
    if chosen:
        from quiz.system.locations import parse_location

        return parse_location(chosen)
    return data_dir() / "quiz.db"


def cache_dir() -> Path:
    chosen = os.environ.get("QUIZ_CACHE_DIR")
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def bank_cache() -> Path:
    """Where parsed bank files are cached: every command that reads a bank uses it."""
    return cache_dir() / "bank"


def config_dir() -> Path:
    chosen = os.environ.get("QUIZ_CONFIG_DIR")
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
