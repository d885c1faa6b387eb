"""Time comes from a clock object, so tests (and the daily set) never depend on the real one."""

from __future__ import annotations

import os
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


def check_clock() -> None:
    """Refuse, before anything starts, a QUIZ_NOW that is not an ISO 8601 time and a TZ the
    C library turns into an impossible offset (`UTC-99999`): SettingsProblem (exit 2)."""
    from quiz.system.settings import SettingsProblem

    pinned = os.environ.get("QUIZ_NOW")
    try:
        if pinned:
            datetime.fromisoformat(pinned)
    except ValueError:
        raise SettingsProblem("cli.bad_now", value=pinned) from None
    try:
        default_clock().now()
    except (ValueError, OverflowError, OSError):
        raise SettingsProblem("cli.bad_tz", value=os.environ.get("TZ", "")) from None
