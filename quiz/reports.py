"""The read side: what the store gives back and what screens and the CLI show, as frozen types.

Every backend returns these; `quiz.reading` composes them into the views (statistics, history,
leaderboard, item analysis, a session's detail). JSON is made from them only in `quiz.cli`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from quiz.engine.modes import Mode
from quiz.engine.race import Opponent
from quiz.stats import ItemStats
from quiz.study import StudyOverview, no_study


class SessionKind(StrEnum):
    """What a row of the history is: a player's run, or a team contest hosted on this screen."""

    RUN = "run"
    CONTEST = "contest"


@dataclass(frozen=True, slots=True)
class SessionRow:
    id: int
    user: str
    kind: SessionKind
    mode: Mode | None
    """The run's mode (None for a contest)."""
    started_at: datetime
    finished_at: datetime | None
    status: str
    dropped: bool
    correct: int
    total: int
    score: int
    points: int
    best_streak: int
    elapsed: float
    passed: bool | None
    won: bool | None

    @property
    def finished(self) -> bool:
        return self.status == "finished"


@dataclass(frozen=True, slots=True)
class SavedPlan:
    """What a run needs to be resumed: the questions by id and the choices made at the start."""

    ids: tuple[str, ...]
    seed: int
    count: int | None
    opponents: tuple[Opponent, ...]
    right_streaks: dict[str, int]
    label: str
    deadline: datetime | None = None
    """An exam's end, fixed when it started (None: untimed, or saved before deadlines were)."""


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    position: int
    question_id: str
    prompt: str
    right_answer: tuple[str, ...]
    """The answer key as the question was asked (the bank may have changed since)."""
    explanation: str
    shown_options: tuple[str, ...]
    given: tuple[str, ...]
    correct: bool
    seconds: float
    score: int
    answered_at: datetime


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
    since: date | None = None
    until: date | None = None
    sort: str = "started"
    descending: bool = True
    limit: int = 500


SORTABLE = ("started", "mode", "score", "accuracy", "time", "points")


@dataclass(frozen=True, slots=True)
class HistoryPage:
    rows: tuple[SessionRow, ...]
    total: int
    """How many sessions match the filter in all (rows holds at most its limit)."""


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
