"""Live rooms in the history: a room's row for one who sat in it or hosted it, and its detail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from quiz.reports.runs import SessionKind


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
    """What its players typed to join (free again once the room ended)."""
    room_id: str
    """The room's own id, for good."""
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

    sealed = False
    """A room shows how it went as it goes (as a session's `sealed` may not)."""

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
        return f"room-{self.role.value}-{self.room_id}"


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
