"""The modes and their rules (PRODUCT.md's mode table), as data the engine and the UI read."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Mode(StrEnum):
    DAILY = "daily"
    CHALLENGE = "challenge"
    TOPIC = "topic"
    RACE = "race"
    EXAM = "exam"
    MISTAKES = "mistakes"
    STUDY = "study"
    RETRY = "retry"
    """One past run's wrong answers practised again (as the mistake book is, but not it)."""


@dataclass(frozen=True, slots=True)
class Rules:
    count: int | None
    """Questions per run (None: the mode decides when to stop)."""
    feedback: bool
    """Right/wrong and the explanation after each answer (else only in the results)."""
    question_seconds: int | None = None
    """A timer per question."""
    total_seconds: int | None = None
    """One timer for the whole run."""
    daily_cap: int = 0
    """Most points the mode can earn per player per day (0: it earns none)."""
    navigable: bool = False
    """The player may go back and change answers before handing in."""


RULES: dict[Mode, Rules] = {
    Mode.DAILY: Rules(count=5, feedback=True, daily_cap=5),
    Mode.CHALLENGE: Rules(count=None, feedback=True, daily_cap=6),
    Mode.TOPIC: Rules(count=10, feedback=False, daily_cap=10),
    Mode.RACE: Rules(count=5, feedback=True, question_seconds=15, daily_cap=5),
    Mode.EXAM: Rules(count=20, feedback=False, total_seconds=600, navigable=True),
    Mode.MISTAKES: Rules(count=None, feedback=True),
    Mode.STUDY: Rules(count=None, feedback=True),
    Mode.RETRY: Rules(count=None, feedback=True),
}

PLAYABLE = (Mode.DAILY, Mode.CHALLENGE, Mode.TOPIC, Mode.RACE, Mode.EXAM, Mode.MISTAKES, Mode.STUDY)
RECORDED = (*PLAYABLE, Mode.RETRY)
"""Every mode of run the history lists, in menu order (contests are their own kind of
session, not a mode)."""
BOOK_MODES = (Mode.MISTAKES, Mode.RETRY)
"""Modes that ask each question until it is answered right twice in a row."""

CHALLENGE_TARGET = 5
"""Correct answers in one challenge run that earn its points."""
CHALLENGE_POINTS = 3
RACE_WIN_POINTS = 3
RACE_OTHER_POINTS = 1
EXAM_PASS_RATIO = 0.6
MISTAKE_CLEAR_STREAK = 2
"""Right answers in a row (since the last wrong one) that take a question out of the book."""
