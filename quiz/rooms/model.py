"""What a room is, as every process sees it: frozen values read from the shared store."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from quiz.bank.models import Question
from quiz.reports.rooms import room_order

PIN_DIGITS = 6
MAX_PLAYERS = 1000
MATCH_WAIT_SECONDS = 15.0
HOST_CHECK_IN_SECONDS = 2.0
"""How often a host's process tells the store it is there (`rooms.host_seen`)."""
HOST_GONE_SECONDS = 10.0
"""A host not heard from for this long (by the store's clock) is gone: its process died, or it
left the room open (Esc). Players are told, and told again when it comes back."""


def match_wait_seconds() -> float:
    """How long 双人对战/四人赛 look for real opponents (QUIZ_MATCH_SECONDS; 0 turns it off)."""
    import os

    try:
        return max(0.0, float(os.environ.get("QUIZ_MATCH_SECONDS", MATCH_WAIT_SECONDS)))
    except ValueError:
        return MATCH_WAIT_SECONDS


class RoomPhase(StrEnum):
    LOBBY = "lobby"
    """Players join; the host starts."""
    QUESTION = "question"
    """A question is open until everyone has answered or its deadline passes."""
    REVEAL = "reveal"
    """The answer, its distribution and the standings; the host moves on."""
    FINISHED = "finished"
    """The podium."""
    CLOSED = "closed"
    """Ended before the last question (the host closed it)."""


class RoomKind(StrEnum):
    ROOM = "room"
    """Hosted with a PIN (Kahoot-style)."""
    MATCH = "match"
    """双人对战/四人赛 between players matched from the waiting queue: no host, any player's
    process moves the room on when a question is over."""


@dataclass(frozen=True, slots=True)
class RoomSettings:
    questions: int = 10
    seconds: int = 20
    section: str | None = None


@dataclass(frozen=True, slots=True)
class Seat:
    name: str
    score: int
    correct: int
    answers: int
    streak: int
    kicked: bool


@dataclass(frozen=True, slots=True)
class RoomState:
    room_id: str
    """The room's own id: its PIN is free again once it has ended, its id is its for good."""
    pin: str
    """What players type to join while the room is live (quiz.store.rooms.Rooms.find)."""
    kind: RoomKind
    host: str
    phase: RoomPhase
    version: int
    position: int
    """The current question (0-based); -1 in the lobby."""
    count: int
    seconds: int
    deadline: float | None
    """When the open question closes, in the store's clock (seconds since the epoch)."""
    now: float
    """The store's clock when this state was read."""
    changed_at: float
    """When this version was made, by the store's clock."""
    reveal_until: float | None
    """When a matched room moves on from showing an answer (no host presses Enter)."""
    seats: tuple[Seat, ...]
    answered: int
    """Players who have answered the current question."""
    question: Question | None
    host_seen: float | None = None
    """When the host's process last checked in, by the store's clock (None: no host, as in a
    matched room)."""

    @property
    def players(self) -> tuple[Seat, ...]:
        return tuple(seat for seat in self.seats if not seat.kicked)

    @property
    def remaining(self) -> float:
        """Seconds left on the open question, by the store's clock."""
        if self.deadline is None:
            return 0.0
        return max(0.0, self.deadline - self.now)

    def standings(self) -> tuple[Seat, ...]:
        return tuple(sorted(self.players, key=lambda s: room_order(s.score, s.correct, s.name)))

    def seat(self, name: str) -> Seat | None:
        return next((seat for seat in self.seats if seat.name == name), None)

    def rank(self, name: str) -> int | None:
        for index, seat in enumerate(self.standings(), start=1):
            if seat.name == name:
                return index
        return None


class AnswerStatus(StrEnum):
    RECORDED = "recorded"
    REPEATED = "repeated"
    """The same answer (same key) was already stored: a retry, not a second answer."""
    ALREADY = "already"
    """Another answer to this question is already stored for this player."""
    LATE = "late"
    """After the deadline, or the question is no longer open."""
    NOT_SEATED = "not_seated"
    REFUSED = "refused"
    """Not this seat's token: somebody else's name. Nothing stored, nothing of the seat told."""


@dataclass(frozen=True, slots=True)
class AnswerOutcome:
    status: AnswerStatus
    correct: bool = False
    points: int = 0
    streak: int = 0
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class StoredRoomAnswer:
    given: tuple[str, ...]
    correct: bool
    seconds: float


@dataclass(frozen=True, slots=True)
class PlayerResult:
    user: str
    score: int
    correct: int
    answers: int


@dataclass(frozen=True, slots=True)
class RoomResults:
    pin: str
    questions: int
    players: tuple[PlayerResult, ...]
    phase: RoomPhase
    room_id: str = ""


@dataclass(frozen=True, slots=True)
class Distribution:
    """How the players answered the current question: a count per option (or per distinct
    answer text for fill questions), and how many were right."""

    counts: tuple[tuple[str, int], ...]
    right: int
    answered: int


class RoomError(Exception):
    """A room operation that cannot be done; `code` is a catalog key."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params
