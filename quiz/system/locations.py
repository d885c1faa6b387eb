"""Where a store lives, as `--db`/`QUIZ_DB` name it: a file path (SQLite) or a
`postgresql://user@host:port/db` URL. Small and free of database drivers: the launcher and
the settings use it before anything is opened."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

Location = Path | str
"""A path for SQLite, a URL string for PostgreSQL."""

URL_SCHEMES = ("postgresql://", "postgres://")


def is_url(location: object) -> bool:
    return isinstance(location, str) and location.startswith(URL_SCHEMES)


def parse_location(text: str | Path) -> Location:
    """A URL stays as it is; anything else is a file path (`~` expanded)."""
    if is_url(text):
        return str(text)
    return Path(text).expanduser()


def shown(location: Location) -> str:
    """For messages: the path, or the URL without its password and options."""
    if not is_url(location):
        return str(location)
    parts = urlsplit(str(location))
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    user = f"{parts.username}@" if parts.username else ""
    return f"{parts.scheme}://{user}{host}{port}{parts.path}"


def as_login(url: str, login: str, password: str | None = None) -> str:
    """The same database at `url`, connected to as `login` (with its password, if given)."""
    parts = urlsplit(url)
    who = login if password is None else f"{login}:{password}"
    netloc = f"{who}@{parts.hostname or '127.0.0.1'}:{parts.port or 5432}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
