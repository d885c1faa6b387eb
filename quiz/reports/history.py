"""The history: its filter, a page of rows (runs, contests and rooms), a session opened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from quiz.engine.modes import Mode
from quiz.reports.contests import ContestEvent, TeamStanding
from quiz.reports.replay import StoredAnswer
from quiz.reports.rooms import RoomRow
from quiz.reports.runs import SessionKind, SessionRow


@dataclass(frozen=True, slots=True)
class SessionDetail:
    """One past session: its row, its answers, and for a contest its log and final ranking."""

    row: SessionRow
    answers: tuple[StoredAnswer, ...]
    events: tuple[ContestEvent, ...] = ()
    standings: tuple[TeamStanding, ...] = ()


@dataclass(frozen=True, slots=True)
class SessionFilter:
    mode: Mode | None = None
    """Runs of this mode only (no contests, no rooms)."""
    since: date | None = None
    until: date | None = None
    sort: str = "started"
    descending: bool = True
    limit: int = 500
    kind: SessionKind | None = None
    """Only this kind (None: every kind)."""


SORTABLE = ("started", "mode", "score", "accuracy", "time", "points")


HistoryRow = SessionRow | RoomRow
"""A row of the history: a session (a run or a contest), or a room."""


@dataclass(frozen=True, slots=True)
class HistoryPage:
    rows: tuple[HistoryRow, ...]
    total: int
    """How many sessions and rooms match the filter in all (rows holds at most its limit)."""
