"""Spaced-repetition cards and reviews (schema 3): read and written beside the answers."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from quiz.bank.models import Question
from quiz.engine.study import card_from_json, card_to_json, is_learned, rating_for, review
from quiz.store.records import from_text, to_utc_text
from quiz.store.sql import Database, Tx


class CardQueries:
    _db: Database

    if TYPE_CHECKING:  # provided by the store

        def player_id(self, name: str, now: datetime | None = None) -> int: ...

    def record_review(
        self, user: str, question: Question, correct: bool, seconds: float, at: datetime
    ) -> datetime:
        """Rate the answer, move the card, keep the review; returns the card's next due time."""
        pid = self.player_id(user)
        with self._db.transaction() as tx:
            return self._review(tx, pid, question, correct, seconds, at)

    def _review(
        self, tx: Tx, pid: int, question: Question, correct: bool, seconds: float, at: datetime
    ) -> datetime:
        rating = rating_for(question.type, correct, seconds)
        rows = tx.execute(
            "SELECT card, first_day FROM cards WHERE player_id = ? AND question_id = ?",
            (pid, question.id),
        )
        before = card_from_json(rows[0][0]) if rows else None
        card = review(before, rating, at)
        if self._db.dialect.records_on_server:  # as the player it names may
            tx.execute(
                "SELECT quiz_review(?,?,?,?,?,?,?,?,?)",
                (pid, question.id, card_to_json(card), to_utc_text(card.due), int(card.state),
                 rows[0][1] if rows else at.date().isoformat(), int(rating),
                 int(before is not None and is_learned(before)), to_utc_text(at)),
            )  # fmt: skip
            return card.due
        tx.execute(
            "INSERT INTO cards(player_id, question_id, card, due, state, first_day) "
            "VALUES (?,?,?,?,?,?) ON CONFLICT(player_id, question_id) DO UPDATE SET "
            "card = excluded.card, due = excluded.due, state = excluded.state",
            (pid, question.id, card_to_json(card), to_utc_text(card.due), int(card.state),
             rows[0][1] if rows else at.date().isoformat()),
        )  # fmt: skip
        tx.execute(
            "INSERT INTO reviews(player_id, question_id, rating, was_learned, reviewed_at) "
            "VALUES (?,?,?,?,?)",
            (pid, question.id, int(rating), int(before is not None and is_learned(before)),
             to_utc_text(at)),
        )  # fmt: skip
        return card.due

    def due_ids(self, user: str, until: datetime) -> list[str]:
        rows = self._db.read(
            "SELECT c.question_id FROM cards c JOIN players p ON p.id = c.player_id "
            "WHERE p.name = ? AND c.due <= ? ORDER BY c.due, c.question_id",
            (user, to_utc_text(until)),
        )
        return [str(r[0]) for r in rows]

    def carded_ids(self, user: str) -> set[str]:
        rows = self._db.read(
            "SELECT c.question_id FROM cards c JOIN players p ON p.id = c.player_id "
            "WHERE p.name = ?",
            (user,),
        )
        return {str(r[0]) for r in rows}

    def new_started(self, user: str, day: date) -> int:
        rows = self._db.read(
            "SELECT COUNT(*) FROM cards c JOIN players p ON p.id = c.player_id "
            "WHERE p.name = ? AND c.first_day = ?",
            (user, day.isoformat()),
        )
        return int(rows[0][0])

    def card_dues(self, user: str) -> list[datetime]:
        rows = self._db.read(
            "SELECT c.due FROM cards c JOIN players p ON p.id = c.player_id WHERE p.name = ?",
            (user,),
        )
        return [from_text(str(r[0])) for r in rows]

    def retention_counts(self, user: str) -> tuple[int, int]:
        rows = self._db.read(
            "SELECT COUNT(*), SUM(CASE WHEN r.rating > 1 THEN 1 ELSE 0 END) FROM reviews r "
            "JOIN players p ON p.id = r.player_id WHERE p.name = ? AND r.was_learned = 1",
            (user,),
        )
        return int(rows[0][0]), int(rows[0][1] or 0)
