"""Time comes from a clock object, so tests (and the daily set) never depend on the real one."""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware, in the player's local zone."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now().astimezone()


class FixedClock:
    """A clock that moves only when told to (tests, benchmarks)."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware start")
        self.current = start

    def now(self) -> datetime:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


def default_clock() -> Clock:
    """The system clock, unless QUIZ_NOW (an ISO 8601 time with zone) pins "now" for
    reproducible runs: tests of the CLI, demos, benchmarks. ValueError when QUIZ_NOW or TZ
    cannot be used (`check_clock` says which, for a usage error at start-up)."""
    pinned = os.environ.get("QUIZ_NOW")
    if pinned:
        moment = datetime.fromisoformat(pinned)
        return FixedClock(moment if moment.tzinfo else moment.astimezone())
    return SystemClock()


REACH = timedelta(days=800)
"""How far from "now" the quiz reckons (a year of history, weeks, a study forecast): a pinned
time this close to the calendar's ends is refused."""

POSIX_TZ = re.compile(
    r"(?:[A-Za-z]{3,}|<[A-Za-z0-9+-]{3,}>)[+-]?\d{1,2}(?::\d{2}){0,2}"
    r"(?:(?:[A-Za-z]{3,}|<[A-Za-z0-9+-]{3,}>)(?:[+-]?\d{1,2}(?::\d{2}){0,2})?"
    r"(?:,[^,]+,[^,]+)?)?"
)
"""A TZ given as rules, not a zone's name (`CST-8`, `EST5EDT,M3.2.0,M11.1.0`)."""


def check_clock() -> None:
    """Refuse, before anything starts, a QUIZ_NOW that is not an ISO 8601 time (or is so near
    the calendar's ends that a year's reckoning would leave it), and a TZ that names no zone
    (the C library would silently use UTC) or gives an impossible offset: SettingsProblem
    (exit 2)."""
    from quiz.system.settings import SettingsProblem

    pinned = os.environ.get("QUIZ_NOW")
    if pinned:
        try:
            moment = datetime.fromisoformat(pinned)
        except ValueError:
            raise SettingsProblem("cli.bad_now", value=pinned) from None
        try:
            _ = (moment - REACH, moment + REACH)  # what the quiz will reckon from it
        except OverflowError:
            raise SettingsProblem("cli.now_out_of_range", value=pinned) from None
    zone = os.environ.get("TZ")
    if zone and not known_zone(zone):
        raise SettingsProblem("cli.bad_tz", value=zone)
    try:
        default_clock().now()
    except (ValueError, OverflowError, OSError):
        raise SettingsProblem("cli.bad_tz", value=os.environ.get("TZ", "")) from None


def known_zone(value: str) -> bool:
    """A TZ the C library understands as meant: a zone's name (`Asia/Shanghai`, `:UTC`, a
    file) or POSIX rules (`CST-8`)."""
    import zoneinfo

    name = value.removeprefix(":")
    if POSIX_TZ.fullmatch(name):
        return True
    if name.startswith("/"):
        return os.path.isfile(name)  # noqa: PTH113 - a zone file given by path
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True
