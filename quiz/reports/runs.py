"""A player's runs as the store keeps them: the history's rows (what the home screen needs at
start-up, so nothing else is imported with them). A run's saved plan and answers are in
`quiz.reports.replay`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from quiz.engine.modes import Mode


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
    opponents: int = 0
    """A race's opponents (1: 双人对战, 3: 四人赛); 0 for the other modes."""

    @property
    def finished(self) -> bool:
        return self.status == "finished"

    @property
    def sealed(self) -> bool:
        """An unfinished 专项答题 or 模拟考试: nothing that depends on correctness is shown
        (score, right answers, accuracy) until it is handed in."""
        from quiz.engine.modes import RULES

        return not self.finished and self.mode is not None and RULES[self.mode].sealed

    @property
    def key(self) -> str:
        """Names the row among the history's rows, rooms included."""
        return str(self.id)
