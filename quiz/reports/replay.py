"""What a stored run holds beyond its row: the plan it was started with (to resume it) and its
answers (to replay and review it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quiz.engine.race import Opponent


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
    sealed: bool = False
    """Of an unfinished sealed run, as the read side shows it: `correct`, `right_answer`,
    `explanation` and `score` are withheld (False, empty, 0) and are not to be shown."""
