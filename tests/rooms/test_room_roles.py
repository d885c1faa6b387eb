"""Rooms under PostgreSQL's authority rules (issue 24): roster members, each connected with
their own database login, host and play a room through the store's own code; what the rooms'
schema 15 adds keeps to auth's rules (quiz_in_room on the renamed key, quiz_room_questions
granted, guesses inserted only as oneself)."""

from __future__ import annotations

import psycopg
import pytest

from quiz.rooms.answer_key import given_key, key_matches, right_key
from quiz.rooms.model import AnswerStatus, RoomError, RoomPhase, RoomSettings
from quiz.store.errors import StoreError
from quiz.store.matching import Matchmaker
from quiz.store.opening import open_rooms
from tests.rooms.test_answer_key import cases
from tests.rooms_support import right, room_questions, wrong
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


def test_the_server_judges_answers_as_the_sqlite_store_does(campaign: Campaign) -> None:  # noqa: F811
    pairs: list[tuple[str | None, str]] = [(right_key(q), given_key(g)) for q, g in cases()]
    pairs += [(None, '["a"]'), ('{"seq": [["a"]]}', "not json"), ('{"seq": [["a"]]}', "[1]")]
    server = campaign.owner_sql(
        "SELECT quiz_room_key_matches(k, g) FROM unnest(%s::text[], %s::text[]) AS x(k, g)",
        ([k for k, _ in pairs], [g for _, g in pairs]),
    )
    assert [bool(row[0]) for row in server] == [key_matches(k, g) for k, g in pairs]
    assert any(row[0] for row in server)


def test_a_member_reads_no_answer_ahead_and_writes_no_score(campaign: Campaign) -> None:  # noqa: F811
    """Issue 24's two holes in rooms: with plain SQL a seated member cannot read a question's
    record before its reveal, write their score, or answer for another seat (schema 17); the
    store still lets them play, their answers judged by the server."""
    wang, li = campaign.login("wang"), campaign.login("li")
    host_rooms, player_rooms = open_rooms(campaign.url(wang)), open_rooms(campaign.url(li))
    try:
        qs = room_questions(2)
        room = host_rooms.open("王一", RoomSettings(2, 60), qs, "host-token")
        player_rooms.join(room, "李二", "li-seat")
        host_rooms.join(room, "王一", "wang-seat")
        host_rooms.start(room, "host-token")
        # the open question and the next one: no answer, explanation or record to be had
        campaign.refused(li, "SELECT record FROM room_questions WHERE room = %s", (room,))
        campaign.refused(li, "SELECT right_key FROM room_questions WHERE room = %s", (room,))
        campaign.refused(li, "SELECT shown FROM room_questions WHERE room = %s", (room,))
        seen = campaign.sql(li, "SELECT pos, record FROM quiz_room_questions(%s)", (room,))
        assert [pos for pos, _ in seen] == [0] and '"answer"' not in seen[0][1]
        campaign.refused(li, "SELECT quiz_room_key_matches('{}', '[]')")
        # no score, no answer but through quiz_room_answer
        campaign.refused(li, "UPDATE room_seats SET score = 9999 WHERE room = %s AND name = '李二'",
                         (room,))  # fmt: skip
        campaign.refused(li, "UPDATE room_seats SET correct = 9, answers = 9 WHERE room = %s",
                         (room,))  # fmt: skip
        campaign.refused(li, "INSERT INTO room_seats(room, name, seat, joined_at, score)"
                             " VALUES (%s, '李二', 9, 0, 9999)", (room,))  # fmt: skip
        # nor any other write of a room table: the room moves only through its functions
        campaign.refused(li, "UPDATE room_seats SET streak = 5 WHERE room = %s", (room,))
        campaign.refused(li, "UPDATE room_seats SET kicked = 1 WHERE room = %s", (room,))
        campaign.refused(li, "UPDATE rooms SET phase = 'reveal' WHERE room = %s", (room,))
        campaign.refused(li, "UPDATE rooms SET deadline = deadline + 999 WHERE room = %s",
                         (room,))  # fmt: skip
        campaign.refused(li, "INSERT INTO room_guesses(who, at) VALUES ('李二', 0)")
        host = campaign.new_login("host", "host")  # a host login (quiz serve) no more
        campaign.refused(host, "UPDATE rooms SET phase = 'closed' WHERE room = %s", (room,))
        campaign.refused(host, "UPDATE room_seats SET score = 1 WHERE room = %s", (room,))
        with pytest.raises(StoreError):  # PINs are tried only as oneself
            player_rooms.find("000000", "王一")
        campaign.refused(
            li,
            "SELECT quiz_room_open('r', 'p', 'room', '李二', 20, 't', '{}',"
            " '{}', '{}', '{王一}', '{h}')",
        )  # a room of one's own: no one seated
        campaign.refused(li, "UPDATE match_queue SET gave_up = 1")
        campaign.refused(
            li, "INSERT INTO match_queue(name, size, enqueued_at) VALUES ('李二', 2, 0)"
        )
        campaign.refused(li, "INSERT INTO room_questions(room, position, record, shown)"
                             " VALUES (%s, 9, '{}', '{}')", (room,))  # fmt: skip
        with pytest.raises(RoomError):  # the host's moves need the host's token
            player_rooms.advance(room, host_token="guess")
        assert not player_rooms.advance(room)  # and time is not up
        for name in ("王一", "李二"):
            campaign.refused(li, "INSERT INTO room_answers(room, position, name, answer_key,"
                                 " given, is_correct, seconds, points, streak, answered_at)"
                                 " VALUES (%s, 0, %s, 'k', '[]', 1, 0, 1000, 1, 0)",
                             (room, name))  # fmt: skip
        wrong_seat = player_rooms.answer(room, "王一", 0, right(qs[0]), "k-w", "wang-seat")
        assert wrong_seat.status is AnswerStatus.REFUSED  # even with 王一's token
        theirs = host_rooms.answer(room, "王一", 0, wrong(qs[0]), "k2", "wang-seat")
        assert theirs.status is AnswerStatus.RECORDED and not theirs.correct
        # what another gave to the open question, and whether it was right: not to be copied
        campaign.refused(li, "SELECT given FROM room_answers WHERE room = %s", (room,))
        campaign.refused(li, "SELECT is_correct, points FROM room_answers WHERE room = %s", (room,))
        assert campaign.sql(li, "SELECT name FROM room_answers WHERE room = %s", (room,)) == [
            ("王一",)
        ]  # who has answered, as the room shows
        assert campaign.sql(li, "SELECT name FROM quiz_room_answers(%s)", (room,)) == []
        assert player_rooms.my_answer(room, "王一", 0) is None
        assert len(host_rooms.answers(room)) == 1  # the room's host sees the spread
        mine = player_rooms.answer(room, "李二", 0, right(qs[0]), "k", "li-seat")
        assert mine.status is AnswerStatus.RECORDED and mine.correct and mine.points > 0
        again = player_rooms.answer(room, "李二", 0, right(qs[0]), "k", "li-seat")
        assert again.status is AnswerStatus.REPEATED and again.points == mine.points
        assert player_rooms.state(room).phase is RoomPhase.REVEAL  # the last answer closed it
        assert len(player_rooms.answers(room)) == 2  # everyone's, once revealed
        scores = {seat.name: seat.score for seat in player_rooms.state(room).seats}
        assert scores == {"李二": mine.points, "王一": 0}
        assert player_rooms.distribution(room, 0).answered == 2
    finally:
        host_rooms.db.close()
        player_rooms.db.close()
    assert campaign.owner_sql(
        "SELECT name, is_correct FROM room_answers WHERE room = %s ORDER BY name", (room,)
    ) == [("李二", 1), ("王一", 0)]


def test_members_are_matched_and_race_with_their_own_logins(campaign: Campaign) -> None:  # noqa: F811
    """A matched race is opened by whichever member's process completes it, for both players,
    through quiz_room_open; each then plays only their own seat."""
    wang, li = campaign.login("wang"), campaign.login("li")
    wang_rooms, li_rooms = open_rooms(campaign.url(wang)), open_rooms(campaign.url(li))
    try:
        qs = room_questions(2)
        wang_queue, li_queue = Matchmaker(wang_rooms), Matchmaker(li_rooms)
        with pytest.raises(StoreError):  # a ticket only as oneself
            li_queue.enqueue("王一", 2, "wang-seat")
        wang_ticket = wang_queue.enqueue("王一", 2, "wang-seat")
        li_ticket = li_queue.enqueue("李二", 2, "li-seat")
        room = li_queue.try_match(li_ticket, qs)
        assert room is not None and wang_queue.try_match(wang_ticket, qs) == room
        assert li_rooms.state(room).phase is RoomPhase.QUESTION
        li_rooms.join(room, "李二", "li-seat")  # one's seat back
        mine = li_rooms.answer(room, "李二", 0, right(qs[0]), "k", "li-seat")
        assert mine.status is AnswerStatus.RECORDED and mine.correct
        assert li_rooms.my_answer(room, "李二", 0) is not None  # one's own answer at once
        assert wang_rooms.answers(room) == {}  # another's, only once revealed (no host here)
        theirs = li_rooms.answer(room, "王一", 0, right(qs[0]), "k", "wang-seat")
        assert theirs.status is AnswerStatus.REFUSED
        assert wang_rooms.answer(room, "王一", 0, wrong(qs[0]), "k", "wang-seat").correct is False
        assert wang_rooms.state(room).phase is RoomPhase.REVEAL
    finally:
        wang_rooms.db.close()
        li_rooms.db.close()
