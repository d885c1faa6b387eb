"""The modes and their rules (PRODUCT.md's mode table), as data the engine and the UI read.

Every difference between modes is a field of `Rules`: selection, the session, points and the
use cases read the fields, never the mode's name. A new mode is a line in `Mode` and in
`RULES` (and, when its questions are chosen in a new way, one pool and its selection function);
tests/engine/test_engine_modes.py adds one to prove it.
"""

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


class Pool(StrEnum):
    """Where a run's questions come from (each has one function in `selection`)."""

    ALL = "all"
    """The whole bank, shuffled."""
    DAILY_SET = "daily_set"
    """The player's set for the day: the same for a player and a date."""
    TOPIC = "topic"
    """One section or tag, shuffled."""
    BOOK = "book"
    """The player's mistake book."""
    DUE = "due"
    """Study cards due today, then new ones up to today's allowance."""
    GIVEN = "given"
    """The questions the player picked (one run's wrong answers):
    `quiz.usecases.play.practice_plan`."""


class Scoring(StrEnum):
    """How a finished run earns 积分 (capped by `Rules.daily_cap`)."""

    NONE = "none"
    CORRECT = "correct"
    """One point per right answer."""
    FIRST_RUN_CORRECT = "first_run_correct"
    """One point per right answer, for the day's first finished run only."""
    TARGET = "target"
    """CHALLENGE_POINTS once CHALLENGE_TARGET answers are right."""
    RACE = "race"
    """RACE_WIN_POINTS for the day's first win, else RACE_OTHER_POINTS."""


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
    pool: Pool = Pool.ALL
    open_ended: bool = False
    """Asks from its whole pool until its own end comes (a wrong answer, an empty book); an
    asked-for count only caps it. Otherwise the run is its first `count` questions."""
    ends_on_wrong: bool = False
    """A wrong answer ends the run (once feedback is left)."""
    revivable: bool = False
    """Once per run, the player may go on after a wrong answer (复活)."""
    requeue_until: int | None = None
    """A question comes back after the others until answered right this many times in a row
    (the mistake book); None: each question is asked once."""
    rivals: bool = False
    """Simulated opponents answer alongside; a right answer scores by its speed."""
    pass_ratio: float | None = None
    """The share of right answers that passes (None: the run is not passed or failed)."""
    scoring: Scoring = Scoring.NONE
    cards: bool = False
    """Each answer is a review of the question's study card (spaced repetition)."""

    @property
    def sealed(self) -> bool:
        """Nothing that depends on correctness is shown, anywhere, until the run is handed in
        (no feedback: 专项答题, 模拟考试)."""
        return not self.feedback

    @property
    def stores_order(self) -> bool:
        """False when the order is the whole bank shuffled by the run's seed (a challenge may
        be as long as the bank): only the seed is stored, and a resumed run shuffles again."""
        return not (self.pool is Pool.ALL and self.open_ended)


CHALLENGE_TARGET = 5
"""Correct answers in one challenge run that earn its points."""
CHALLENGE_POINTS = 3
RACE_WIN_POINTS = 3
RACE_OTHER_POINTS = 1
EXAM_PASS_RATIO = 0.6
MISTAKE_CLEAR_STREAK = 2
"""Right answers in a row (since the last wrong one) that take a question out of the book."""

RULES: dict[Mode, Rules] = {
    Mode.DAILY: Rules(count=5, feedback=True, daily_cap=5, pool=Pool.DAILY_SET,
                      scoring=Scoring.FIRST_RUN_CORRECT),
    Mode.CHALLENGE: Rules(count=None, feedback=True, daily_cap=6, open_ended=True,
                          ends_on_wrong=True, revivable=True, scoring=Scoring.TARGET),
    Mode.TOPIC: Rules(count=10, feedback=False, daily_cap=10, pool=Pool.TOPIC,
                      scoring=Scoring.CORRECT),
    Mode.RACE: Rules(count=5, feedback=True, question_seconds=15, daily_cap=5, rivals=True,
                     scoring=Scoring.RACE),
    Mode.EXAM: Rules(count=20, feedback=False, total_seconds=600, navigable=True,
                     pass_ratio=EXAM_PASS_RATIO),
    Mode.MISTAKES: Rules(count=None, feedback=True, pool=Pool.BOOK, open_ended=True,
                         requeue_until=MISTAKE_CLEAR_STREAK),
    Mode.STUDY: Rules(count=None, feedback=True, pool=Pool.DUE, cards=True),
    Mode.RETRY: Rules(count=None, feedback=True, pool=Pool.GIVEN, open_ended=True,
                      requeue_until=MISTAKE_CLEAR_STREAK),
}  # fmt: skip

PLAYABLE = (Mode.DAILY, Mode.CHALLENGE, Mode.TOPIC, Mode.RACE, Mode.EXAM, Mode.MISTAKES, Mode.STUDY)
RECORDED = (*PLAYABLE, Mode.RETRY)
"""Every mode of run the history lists, in menu order (contests are their own kind of
session, not a mode)."""
BOOK_MODES = tuple(mode for mode, rules in RULES.items() if rules.requeue_until)
"""Modes that ask each question until it is answered right twice in a row."""


SEALED_MODES = frozenset(mode.value for mode, rules in RULES.items() if rules.sealed)
"""The modes whose unfinished runs show nothing that depends on correctness."""
