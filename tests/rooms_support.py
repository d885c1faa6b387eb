"""Room backends for tests: SQLite in a temp folder, or the PostgreSQL database of the test
session (tests.store_backends.pg_database: QUIZ_TEST_PG, else the local server; skipped with how
to get one when no server answers)."""

from __future__ import annotations

from pathlib import Path

from quiz.bank.loader import load_bank
from quiz.bank.models import Question
from quiz.store.opening import open_rooms
from quiz.store.rooms import Rooms
from quiz.store.sql import Database
from tests.conftest import BANK

HOST_TOKEN = "the-host-token"
"""The host's token in tests that drive a room through the store (the client makes a random one:
quiz.usecases.room_keys.new_token)."""


def seat_token(name: str) -> str:
    """The seat token a test player holds: one per name, so a test can act as anyone, or as an
    impostor with another token."""
    return f"seat-token-{name}"


def room_questions(count: int = 3) -> list[Question]:
    singles = [q for q in load_bank([BANK]).questions if q.type.value == "single"]
    return sorted(singles, key=lambda q: q.id)[:count]


def whole(question: Question) -> Question:
    """The bank's question, answer and all: a room shows a question without its answer until
    the reveal, so a test that answers what it was shown looks the answer up, as a player who
    knows the bank would."""
    if question.answer:
        return question
    return next(q for q in load_bank([BANK]).questions if q.id == question.id)


def right(question: Question) -> tuple[str, ...]:
    return whole(question).answer


def wrong(question: Question) -> tuple[str, ...]:
    """A wrong answer of any room question type (an ordering question: the reverse order)."""
    question = whole(question)
    if question.type.value == "order":
        return tuple(reversed(question.answer))
    return (next(o for o in question.options if o not in question.answer),)


def expire(db: Database, pin: str) -> None:
    """Move the open question's deadline into the past, by the store's own clock."""
    with db.transaction() as cur:
        cur.execute(
            f"UPDATE rooms SET deadline = {db.dialect.now_seconds} - 1 WHERE room = ?", (pin,)
        )


def host_silent(db: Database, pin: str, seconds: float = 60.0) -> None:
    """The host last checked in `seconds` ago, by the store's own clock (its process died)."""
    with db.transaction() as cur:
        cur.execute(
            f"UPDATE rooms SET host_seen = {db.dialect.now_seconds} - ? WHERE room = ?",
            (seconds, pin),
        )


def target_for(kind: str, tmp_path: Path, pg_url: str | None) -> str:
    if kind == "sqlite":
        return str(tmp_path / "rooms.db")
    assert pg_url is not None
    return pg_url


def make_rooms(target: str) -> Rooms:
    return open_rooms(target)


def play_room(
    rooms: Rooms,
    host: str = "主持人",
    players: tuple[str, str, str, str] = ("小王", "甲", "乙", "丙"),
) -> str:
    """A room of two questions played to the podium through the rooms' own code: the first
    player right twice, the second wrong then right, the third no answer then wrong, the fourth
    asked to leave in the lobby (by default 小王, 甲, 乙 and 丙)."""
    from quiz.rooms.model import RoomSettings

    first, second, third, kicked = players
    qs = room_questions(2)
    pin = rooms.open(host, RoomSettings(questions=2, seconds=60), qs, HOST_TOKEN)
    for name in players:
        rooms.join(pin, name, seat_token(name))
    rooms.kick(pin, kicked, HOST_TOKEN)
    rooms.start(pin, HOST_TOKEN)
    rooms.answer(pin, first, 0, right(qs[0]), "a0", seat_token(first))
    rooms.answer(pin, second, 0, wrong(qs[0]), "b0", seat_token(second))
    rooms.advance(pin, host_token=HOST_TOKEN)  # the host skips: the third has not answered
    rooms.advance(pin, host_token=HOST_TOKEN)
    rooms.answer(pin, first, 1, right(qs[1]), "a1", seat_token(first))
    rooms.answer(pin, second, 1, right(qs[1]), "b1", seat_token(second))
    rooms.answer(
        pin, third, 1, wrong(qs[1]), "c1", seat_token(third)
    )  # the last answer closes the question
    rooms.advance(pin, host_token=HOST_TOKEN)  # the podium
    return pin


def pin_room_times(db: Database, pin: str, opened: float) -> None:
    """Fixed times and points for pictures: opened at `opened` (seconds since the epoch), ended
    five minutes later; each answer took 3.5 s plus its position and a right one earned 900."""
    with db.transaction() as cur:
        cur.execute(
            "UPDATE rooms SET created_at = ?, updated_at = ? WHERE room = ?",
            (opened, opened + 300, pin),
        )
        cur.execute(
            "UPDATE room_answers SET seconds = 3.5 + position,"
            " points = 900 * is_correct WHERE room = ?",
            (pin,),
        )
        cur.execute(
            "UPDATE room_seats SET score = (SELECT COALESCE(SUM(a.points), 0) FROM room_answers a"
            " WHERE a.room = room_seats.room AND a.name = room_seats.name) WHERE room = ?",
            (pin,),
        )


PODIUM_RIVALS = ("江城学子", "东湖晨读")


def podium_room(rooms: Rooms) -> str:
    """A one-question room with two rivals seated (a third player joins it by its PIN)."""
    from quiz.rooms.model import RoomSettings

    room = rooms.open("主持人", RoomSettings(1, 20), room_questions(1), HOST_TOKEN)
    for name in PODIUM_RIVALS:
        rooms.join(room, name, seat_token(name))
    return room


def finish_on_the_podium(rooms: Rooms, room: str) -> None:
    """Scores for everyone seated (the rivals first, the third player last), then the room run
    to its end by the host."""
    with rooms.db.transaction() as cur:
        cur.execute("UPDATE room_seats SET score = CASE name WHEN '江城学子' THEN 1950"
                    " WHEN '东湖晨读' THEN 1720 ELSE 880 END, correct = 2 WHERE room = ?",
                    (room,))  # fmt: skip
    rooms.start(room, HOST_TOKEN)
    rooms.advance(room, host_token=HOST_TOKEN)
    rooms.advance(room, host_token=HOST_TOKEN)
