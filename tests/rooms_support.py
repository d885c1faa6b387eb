"""Room backends for tests: SQLite in a temp folder, or the PostgreSQL database of the test
session (tests.store_backends.pg_database: QUIZ_TEST_PG, else the local server; skipped with how
to get one when no server answers)."""

from __future__ import annotations

from pathlib import Path

from quiz.bank import load_bank
from quiz.bank.models import Question
from quiz.rooms.service import Rooms
from quiz.rooms.sql import RoomDB, open_room_db
from tests.conftest import BANK


def room_questions(count: int = 3) -> list[Question]:
    singles = [q for q in load_bank([BANK]).questions if q.type.value == "single"]
    return sorted(singles, key=lambda q: q.id)[:count]


def right(question: Question) -> tuple[str, ...]:
    return question.answer


def wrong(question: Question) -> tuple[str, ...]:
    """A wrong answer of any room question type (an ordering question: the reverse order)."""
    if question.type.value == "order":
        return tuple(reversed(question.answer))
    return (next(o for o in question.options if o not in question.answer),)


def expire(db: RoomDB, pin: str) -> None:
    """Move the open question's deadline into the past, by the store's own clock."""
    with db.transaction() as cur:
        cur.execute(f"UPDATE rooms SET deadline = {db.now_sql} - 1 WHERE pin = ?", (pin,))


def target_for(kind: str, tmp_path: Path, pg_url: str | None) -> str:
    if kind == "sqlite":
        return str(tmp_path / "rooms.db")
    assert pg_url is not None
    return pg_url


def make_rooms(target: str) -> Rooms:
    return Rooms(open_room_db(target))
