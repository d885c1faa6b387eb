"""学习: spaced repetition with FSRS, one card per player and question.

The rating comes from the answer: wrong → Again; right but slow → Hard; right → Good; right and
fast → Easy, with "fast" and "slow" set per question type (reading a judge statement takes less
than ordering five items). Fuzzing is off, so a schedule depends only on the answers and the
clock — the same for every run, and testable with an injected clock.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from quiz.bank.models import QuestionType

if TYPE_CHECKING:
    from fsrs import Card, Rating, Scheduler

NEW_PER_DAY = 10


class Pace(NamedTuple):
    fast: float
    """Seconds at or under which a right answer rates Easy."""
    slow: float
    """Seconds over which a right answer rates Hard."""


PACE: dict[QuestionType, Pace] = {
    QuestionType.JUDGE: Pace(fast=4, slow=12),
    QuestionType.SINGLE: Pace(fast=6, slow=18),
    QuestionType.MULTIPLE: Pace(fast=10, slow=30),
    QuestionType.FILL: Pace(fast=10, slow=30),
    QuestionType.ORDER: Pace(fast=12, slow=40),
}


@functools.cache
def scheduler() -> Scheduler:
    from fsrs import Scheduler  # imported on first use: start-up does not need it

    return Scheduler(enable_fuzzing=False)


def rating_for(qtype: QuestionType, correct: bool, seconds: float) -> Rating:
    from fsrs import Rating

    if not correct:
        return Rating.Again
    pace = PACE[qtype]
    if seconds <= pace.fast:
        return Rating.Easy
    if seconds > pace.slow:
        return Rating.Hard
    return Rating.Good


def new_card(now: datetime) -> Card:
    from fsrs import Card

    return Card(card_id=1, due=now.astimezone(UTC))


def review(card: Card | None, rating: Rating, now: datetime) -> Card:
    """The card after this answer (a first answer creates it). Times are UTC-aware."""
    moment = now.astimezone(UTC)
    current = card if card is not None else new_card(moment)
    updated, _log = scheduler().review_card(current, rating, review_datetime=moment)
    return updated


def card_to_json(card: Card) -> str:
    return card.to_json()


def card_from_json(text: str) -> Card:
    from fsrs import Card

    return Card.from_json(text)


def is_learned(card: Card) -> bool:
    from fsrs import State

    return card.state is State.Review


@dataclass(frozen=True, slots=True)
class StudyOverview:
    due_today: int
    new_today: int
    reviews_next_7_days: list[int]
    retention: float | None


def no_study() -> StudyOverview:
    """The overview of a player who has not studied (or has no store)."""
    return StudyOverview(0, 0, [0] * 7, None)


def forecast(due_days: list[date], today: date, days: int = 7) -> list[int]:
    """Reviews falling due on each of the next `days` days; overdue ones count today."""
    counts = [0] * days
    for day in due_days:
        offset = max(0, (day - today).days)
        if offset < days:
            counts[offset] += 1
    return counts


def end_of_day(moment: datetime) -> datetime:
    start = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    return start + timedelta(days=1)
