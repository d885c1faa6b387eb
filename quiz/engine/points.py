"""积分: points per player per day, with each mode's daily cap."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from quiz.engine.modes import (
    CHALLENGE_POINTS,
    CHALLENGE_TARGET,
    RACE_OTHER_POINTS,
    RACE_WIN_POINTS,
    RULES,
    Mode,
    Scoring,
)


@dataclass(frozen=True, slots=True)
class DayTally:
    """What a player already has today (read from the store)."""

    points: Mapping[Mode, int] = field(default_factory=dict)
    finished_runs: Mapping[Mode, int] = field(default_factory=dict)
    race_wins: int = 0

    @property
    def total(self) -> int:
        return sum(self.points.values())


def earned(mode: Mode, *, correct: int, won: bool | None, today: DayTally) -> int:
    """Points a finished run earns, given what the player already earned today."""
    rules = RULES[mode]
    room = max(0, rules.daily_cap - today.points.get(mode, 0))
    match rules.scoring:
        case Scoring.FIRST_RUN_CORRECT:
            raw = correct if today.finished_runs.get(mode, 0) == 0 else 0
        case Scoring.CORRECT:
            raw = correct
        case Scoring.TARGET:
            raw = CHALLENGE_POINTS if correct >= CHALLENGE_TARGET else 0
        case Scoring.RACE:
            raw = RACE_WIN_POINTS if won and today.race_wins == 0 else RACE_OTHER_POINTS
        case Scoring.NONE:
            raw = 0
    return min(raw, room)


def points_left(today: DayTally) -> dict[Mode, int]:
    """What each scoring mode can still earn today (a first-run-only mode: nothing once run)."""
    left: dict[Mode, int] = {}
    for mode, rules in RULES.items():
        if not rules.daily_cap:
            continue
        room = max(0, rules.daily_cap - today.points.get(mode, 0))
        if rules.scoring is Scoring.FIRST_RUN_CORRECT and today.finished_runs.get(mode, 0):
            room = 0
        left[mode] = room
    return left


def daily_maximum() -> int:
    return sum(rules.daily_cap for rules in RULES.values())
