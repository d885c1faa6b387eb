"""Statistics, the leaderboard and the item analysis: a player's totals by section, tag, day
and question, streaks and bests; standings of every player; every question's item analysis."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from quiz.engine.modes import Mode
from quiz.engine.study import StudyOverview, no_study
from quiz.reports.items import ItemStats


@dataclass(frozen=True, slots=True)
class QuestionTotal:
    question_id: str
    prompt: str
    section: str
    tags: tuple[str, ...]
    answers: int
    correct: int
    seconds: float

    @property
    def mean_seconds(self) -> float:
        return self.seconds / self.answers if self.answers else 0.0


@dataclass(frozen=True, slots=True)
class DayTotal:
    day: date
    answers: int
    correct: int
    points: int


@dataclass(frozen=True, slots=True)
class GroupAccuracy:
    """Answers and accuracy of one section or tag."""

    name: str
    answers: int
    correct: int
    accuracy: float | None


@dataclass(frozen=True, slots=True)
class Streak:
    current: int
    longest: int


@dataclass(frozen=True, slots=True)
class ModeBest:
    mode: Mode
    best: int
    """The best score (the challenge: the longest streak)."""


@dataclass(frozen=True, slots=True)
class PlayerStats:
    """`quiz stats` and the statistics screen."""

    user: str
    answers: int
    correct: int
    accuracy: float | None
    by_section: tuple[GroupAccuracy, ...] = ()
    by_tag: tuple[GroupAccuracy, ...] = ()
    streak: Streak = field(default_factory=lambda: Streak(0, 0))
    bests: tuple[ModeBest, ...] = ()
    days: tuple[DayTotal, ...] = ()
    """Every day with answers or points, oldest first."""
    questions: tuple[QuestionTotal, ...] = ()
    study: StudyOverview = field(default_factory=no_study)


@dataclass(frozen=True, slots=True)
class Standing:
    user: str
    week: int
    all_time: int
    best_streak: int


@dataclass(frozen=True, slots=True)
class Leaderboard:
    week_from: date
    """Monday of the week the `week` column counts."""
    standings: tuple[Standing, ...]


@dataclass(frozen=True, slots=True)
class ItemAnalysis:
    """Every question's item analysis over all players' first attempts."""

    items: tuple[ItemStats, ...]
