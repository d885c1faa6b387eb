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
    """What a row of the history is: a player's run, a team contest hosted on this screen, or
    a live room played or hosted (`RoomRow`)."""

    RUN = "run"
    CONTEST = "contest"
    ROOM = "room"
    """Read from the rooms' own tables, never a row of `sessions` (a matched 双人对战/四人赛
    is booked as a run, a race, and is not listed again as a room)."""


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

    @property
    def key(self) -> str:
        """Names the row among the history's rows, rooms included."""
        return str(self.id)


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


class RoomRole(StrEnum):
    PLAYER = "player"
    HOST = "host"


def room_order(score: int, correct: int, name: str) -> tuple[int, int, str]:
    """How a room ranks its players: by score, then right answers, then name."""
    return (-score, -correct, name)


@dataclass(frozen=True, slots=True)
class RoomRow:
    """A live room (quiz.rooms, hosted with a PIN) in the history of one who sat in it or
    hosted it. Its columns read as a session's do: `score`, `correct` of `total`, `elapsed`."""

    pin: str
    user: str
    role: RoomRole
    started_at: datetime
    """When the room was opened."""
    finished_at: datetime | None
    """When the podium came or the host closed it; None while the room is open."""
    status: str
    """`finished` (the podium), `closed` (ended early by its host) or `unfinished` (still
    open, or its host went away: it can be resumed)."""
    questions: int
    """How many questions the room was to ask."""
    asked: int
    """How many it asked."""
    players: int
    score: int
    """The player's score; the host's row: the winner's."""
    correct: int
    """The player's right answers; the host's row: every player's together."""
    elapsed: float
    """The player's seconds on its answers; the host's row: how long the room ran."""
    rank: int | None
    """The player's place; None on the host's row."""
    winner: str | None
    """The player in first place; None when nobody played."""

    @property
    def kind(self) -> SessionKind:
        return SessionKind.ROOM

    @property
    def total(self) -> int:
        """Answers that could have been given: the questions asked (host: by every player)."""
        return self.asked if self.role is RoomRole.PLAYER else self.asked * self.players

    @property
    def points(self) -> int:
        """Rooms earn no daily points."""
        return 0

    @property
    def key(self) -> str:
        return f"room-{self.role.value}-{self.pin}"


@dataclass(frozen=True, slots=True)
class RoomAnswer:
    user: str
    given: tuple[str, ...]
    correct: bool
    seconds: float
    points: int
    """The points the answer earned, streak bonus included."""


@dataclass(frozen=True, slots=True)
class RoomQuestion:
    """One question of a room, as the room asked it, and every player's answer to it."""

    position: int
    question_id: str
    type: str
    """The question's type (`single`, `multiple`, `judge`, `order`)."""
    prompt: str
    options: tuple[str, ...]
    right_answer: tuple[str, ...]
    explanation: str
    asked: bool
    """False: the room ended before it came to this question."""
    answers: tuple[RoomAnswer, ...]

    @property
    def right(self) -> int:
        return sum(1 for answer in self.answers if answer.correct)

    def answer_of(self, user: str) -> RoomAnswer | None:
        return next((answer for answer in self.answers if answer.user == user), None)


@dataclass(frozen=True, slots=True)
class RoomStanding:
    rank: int
    user: str
    score: int
    correct: int
    answers: int


@dataclass(frozen=True, slots=True)
class RoomDetail:
    """A room in the history, opened: each question with the answers, and the final standings."""

    row: RoomRow
    questions: tuple[RoomQuestion, ...]
    standings: tuple[RoomStanding, ...]


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
