"""A room's answers run side by side on PostgreSQL (schema 18): an answer in flight holds the
room's row only for share, so another player's answer neither waits for it nor is lost; and
the last answers reveal the question even when they could not see each other's rows."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from quiz.rooms.answer_key import given_key
from quiz.rooms.codec import given_to_text
from quiz.rooms.model import AnswerStatus, RoomPhase, RoomSettings
from quiz.store.rooms import Rooms
from tests.rooms_support import HOST_TOKEN, make_rooms, right, room_questions, seat_token

ANSWER = "SELECT status FROM quiz_room_answer(%s, %s, %s, %s, %s, %s, %s)"


@pytest.fixture
def pg_rooms(pg_url: str) -> Iterator[Rooms]:
    service = make_rooms(pg_url)
    yield service
    service.db.close()


def started_room(rooms: Rooms, *names: str) -> str:
    pin = rooms.open("主持人", RoomSettings(questions=2, seconds=60), room_questions(2), HOST_TOKEN)
    for name in names:
        rooms.join(pin, name, seat_token(name))
    rooms.start(pin, HOST_TOKEN)
    return pin


def answer_in_flight(url: str, pin: str, name: str, given: tuple[str, ...]) -> psycopg.Connection:
    """`name`'s answer to the first question, made and not yet committed."""
    conn = psycopg.connect(url)  # not autocommit: the transaction stays open
    row = conn.execute(
        ANSWER, (pin, name, 0, f"key-{name}", given_to_text(given), given_key(given),
                 seat_token(name)),
    ).fetchone()  # fmt: skip
    assert row == ("recorded",)
    return conn


def test_an_answer_does_not_wait_for_another_in_flight(pg_rooms: Rooms, pg_url: str) -> None:
    first = room_questions(2)[0]
    pin = started_room(pg_rooms, "甲", "乙", "丙")
    held = answer_in_flight(pg_url, pin, "甲", right(first))
    try:
        with psycopg.connect(pg_url, autocommit=True) as other:
            other.execute("SET lock_timeout = '2s'")  # schema 17's row lock would fail this
            row = other.execute(
                ANSWER, (pin, "乙", 0, "key-乙", given_to_text(right(first)),
                         given_key(right(first)), seat_token("乙")),
            ).fetchone()  # fmt: skip
        assert row == ("recorded",)
    finally:
        held.commit()
        held.close()
    stored = pg_rooms.answers(pin)
    assert set(stored) == {"甲", "乙"}
    assert pg_rooms.state(pin).phase is RoomPhase.QUESTION  # 丙 has not answered


def test_the_last_answers_reveal_though_neither_saw_the_other(pg_rooms: Rooms, pg_url: str) -> None:
    first = room_questions(2)[0]
    pin = started_room(pg_rooms, "甲", "乙")
    held = answer_in_flight(pg_url, pin, "甲", right(first))
    try:
        # 乙's answer commits while 甲's is in flight: its check after the commit sees 甲
        # still waiting, so the question stays open ...
        outcome = pg_rooms.answer(pin, "乙", 0, right(first), "key-乙", seat_token("乙"))
        assert outcome.status is AnswerStatus.RECORDED
        assert pg_rooms.state(pin).phase is RoomPhase.QUESTION
        held.commit()
    finally:
        held.close()
    # ... until 甲's check after its own commit, which sees both (the store makes it; a
    # retry of 甲's answer, here, makes it again)
    again = pg_rooms.answer(pin, "甲", 0, right(first), "key-甲", seat_token("甲"))
    assert again.status is AnswerStatus.REPEATED
    state = pg_rooms.state(pin)
    assert state.phase is RoomPhase.REVEAL
    assert {s.name: s.answers for s in state.seats} == {"甲": 1, "乙": 1}


def test_the_check_reveals_only_when_everyone_answered(pg_rooms: Rooms) -> None:
    first = room_questions(2)[0]
    pin = started_room(pg_rooms, "甲", "乙")
    check = "SELECT quiz_room_reveal_if_all_answered(?, ?)"
    assert pg_rooms.db.run(check, (pin, 0)) == [("open",)]
    pg_rooms.answer(pin, "甲", 0, right(first), "key-甲", seat_token("甲"))
    assert pg_rooms.db.run(check, (pin, 0)) == [("open",)]
    assert pg_rooms.db.run(check, (pin, 1)) == [("open",)]  # not the open question
    pg_rooms.answer(pin, "乙", 0, right(first), "key-乙", seat_token("乙"))
    assert pg_rooms.state(pin).phase is RoomPhase.REVEAL
    assert pg_rooms.db.run(check, (pin, 0)) == [("open",)]  # revealed once


def test_a_kicked_players_answer_does_not_reveal_for_those_still_to_answer(
    pg_rooms: Rooms,
) -> None:
    first = room_questions(2)[0]
    pin = started_room(pg_rooms, "甲", "乙", "丙")
    pg_rooms.answer(pin, "甲", 0, right(first), "key-甲", seat_token("甲"))
    pg_rooms.answer(pin, "乙", 0, right(first), "key-乙", seat_token("乙"))
    pg_rooms.kick(pin, "甲", HOST_TOKEN)  # two answers, two seats left: the counts agree
    assert pg_rooms.state(pin).phase is RoomPhase.QUESTION  # yet 丙 has not answered
    check = "SELECT quiz_room_reveal_if_all_answered(?, ?)"
    assert pg_rooms.db.run(check, (pin, 0)) == [("open",)]
    assert pg_rooms.state(pin).phase is RoomPhase.QUESTION
