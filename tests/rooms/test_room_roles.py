"""Rooms under PostgreSQL's authority rules (issue 24): roster members, each connected with
their own database login, host and play a room through the store's own code; what the rooms'
schema 15 adds keeps to auth's rules (quiz_in_room on the renamed key, quiz_room_questions
granted, guesses inserted only as oneself)."""

from __future__ import annotations

import psycopg
import pytest

from quiz.rooms.model import AnswerStatus, RoomError, RoomPhase, RoomSettings
from quiz.store.opening import open_rooms
from tests.rooms_support import right, room_questions
from tests.store.test_pg_roles import Campaign, campaign  # noqa: F401  (the fixture)


def test_members_host_and_play_a_room_with_their_own_logins(campaign: Campaign) -> None:  # noqa: F811
    wang, li = campaign.login("wang"), campaign.login("li")
    host_rooms = open_rooms(campaign.url(wang))
    player_rooms = open_rooms(campaign.url(li))
    try:
        qs = room_questions(2)
        room = host_rooms.open("王一", RoomSettings(2, 60), qs, "host-token")
        pin = host_rooms.state(room).pin
        with pytest.raises(RoomError):  # a PIN that finds nothing: a guess, counted as 李二
            player_rooms.find(f"{(int(pin) + 1) % 10**6:06d}", "李二")
        assert player_rooms.find(pin, "李二") == room
        player_rooms.join(room, "李二", "li-seat")
        host_rooms.start(room, "host-token")  # quiz_in_room on the renamed key lets the host
        shown = player_rooms.state(room).question
        assert shown is not None and shown.answer == ()  # through quiz_room_questions
        outcome = player_rooms.answer(room, "李二", 0, right(qs[0]), "k", "li-seat")
        assert outcome.status is AnswerStatus.RECORDED and outcome.correct
        assert player_rooms.state(room).phase is RoomPhase.REVEAL
    finally:
        host_rooms.db.close()
        player_rooms.db.close()
    assert campaign.owner_sql("SELECT who FROM room_guesses") == [("李二",)]
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nobody else's guesses
        campaign.sql(li, "INSERT INTO room_guesses(who, at) VALUES ('王一', 0)")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor deleting one's own
        campaign.sql(li, "DELETE FROM room_guesses")
