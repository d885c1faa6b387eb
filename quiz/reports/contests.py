"""A contest as saved: its log of events and its final ranking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class ContestEvent:
    """One event of a contest as saved: an answer, a foul or a correction."""

    kind: str
    team: str | None
    question_id: str | None
    prompt: str | None
    points: int
    right: bool | None
    reason: str
    at: datetime | None = None


@dataclass(frozen=True, slots=True)
class TeamStanding:
    rank: int
    team: str
    score: int
    right: int
    wrong: int
    fouls: int
    corrections: int
    tiebreak: int
