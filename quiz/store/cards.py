"""Spaced-repetition cards and reviews (schema 3): read and written beside the answers."""

from __future__ import annotations

from datetime import UTC, date, datetime

from quiz.bank.models import Question
from quiz.store.records import from_text, to_utc_text
from quiz.store.store import Store
from quiz.study import (
    NEW_PER_DAY,
    StudyOverview,
    card_from_json,
    card_to_json,
    end_of_day,
    forecast,
    is_learned,
    rating_for,
    review,
)


def record_review(
    store: Store, user: str, question: Question, correct: bool, seconds: float, at: datetime
) -> datetime:
    """Rate the answer, move the card, keep the review; returns the card's next due time."""
    pid = store.player_id(user)
    rating = rating_for(question.type, correct, seconds)
    with store.write() as conn:
        row = conn.execute(
            "SELECT card, first_day FROM cards WHERE player_id = ? AND question_id = ?",
            (pid, question.id),
        ).fetchone()
        before = card_from_json(row[0]) if row else None
        card = review(before, rating, at)
        conn.execute(
            "INSERT INTO cards(player_id, question_id, card, due, state, first_day) "
            "VALUES (?,?,?,?,?,?) ON CONFLICT(player_id, question_id) DO UPDATE SET "
            "card = excluded.card, due = excluded.due, state = excluded.state",
            (pid, question.id, card_to_json(card), to_utc_text(card.due), int(card.state),
             row[1] if row else at.date().isoformat()),
        )  # fmt: skip
        conn.execute(
            "INSERT INTO reviews(player_id, question_id, rating, was_learned, reviewed_at) "
            "VALUES (?,?,?,?,?)",
            (pid, question.id, int(rating), int(before is not None and is_learned(before)),
             to_utc_text(at)),
        )  # fmt: skip
    return card.due


def due_ids(store: Store, user: str, until: datetime) -> list[str]:
    """Questions whose card is due by `until`, most overdue first."""
    rows = store.query(
        "SELECT c.question_id FROM cards c JOIN players p ON p.id = c.player_id "
        "WHERE p.name = ? AND c.due <= ? ORDER BY c.due, c.question_id",
        (user, to_utc_text(until)),
    )
    return [str(r[0]) for r in rows]


def carded_ids(store: Store, user: str) -> set[str]:
    rows = store.query(
        "SELECT c.question_id FROM cards c JOIN players p ON p.id = c.player_id WHERE p.name = ?",
        (user,),
    )
    return {str(r[0]) for r in rows}


def new_started(store: Store, user: str, day: date) -> int:
    rows = store.query(
        "SELECT COUNT(*) FROM cards c JOIN players p ON p.id = c.player_id "
        "WHERE p.name = ? AND c.first_day = ?",
        (user, day.isoformat()),
    )
    return int(rows[0][0])


def new_allowance(store: Store, user: str, day: date, per_day: int = NEW_PER_DAY) -> int:
    return max(0, per_day - new_started(store, user, day))


def overview(store: Store, user: str, now: datetime, unseen: int) -> StudyOverview:
    """Due today, new still to learn today, the next 7 days' reviews, retention so far."""
    today = now.date()
    rows = store.query(
        "SELECT c.due FROM cards c JOIN players p ON p.id = c.player_id WHERE p.name = ?",
        (user,),
    )
    local = now.tzinfo or UTC
    due_days = [from_text(str(r[0])).astimezone(local).date() for r in rows]
    limit = end_of_day(now)
    due_today = sum(1 for r in rows if from_text(str(r[0])) < limit)
    kept = store.query(
        "SELECT COUNT(*), SUM(r.rating > 1) FROM reviews r JOIN players p ON p.id = r.player_id "
        "WHERE p.name = ? AND r.was_learned = 1",
        (user,),
    )[0]
    retention = (kept[1] or 0) / kept[0] if kept[0] else None
    return StudyOverview(
        due_today=due_today,
        new_today=min(unseen, new_allowance(store, user, today)),
        reviews_next_7_days=forecast(due_days, today),
        retention=retention,
    )
