"""Rooms know who acts (issue 24): a seat needs its token, a host's move needs the host's token,
a seated name is nobody else's. Each rule is tried as the actor who must be refused: another
store handle (another machine) holding another token, on both backends."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from quiz.rooms.model import AnswerStatus, RoomError, RoomPhase, RoomSettings
from quiz.store.rooms import Rooms
from quiz.usecases.room_keys import RoomKeys
from tests.rooms_support import HOST_TOKEN, make_rooms, right, room_questions, seat_token

IMPOSTOR = "an-impostor's-token"


def elsewhere(rooms: Rooms) -> Rooms:
    """The same store opened by another process's code path: a new handle, as another machine."""
    return make_rooms(rooms.db.url or rooms.db.location)


def a_room(rooms: Rooms, *names: str, questions: int = 2) -> str:
    settings = RoomSettings(questions=questions, seconds=60)
    pin = rooms.open("主持人", settings, room_questions(questions), HOST_TOKEN)
    for name in names:
        rooms.join(pin, name, seat_token(name))
    return pin


@pytest.mark.parametrize("look_alike", ["甲", "甲\u200b", " 甲 ", "甲\ufeff"])
def test_a_seated_name_is_taken_for_anyone_without_its_token(rooms: Rooms, look_alike: str) -> None:
    pin = a_room(rooms, "甲")
    other = elsewhere(rooms)
    with pytest.raises(RoomError) as refused:
        other.join(pin, look_alike, IMPOSTOR)
    assert refused.value.code == "room.name_taken"
    state = rooms.state(pin)
    assert [seat.name for seat in state.seats] == ["甲"]  # no second seat, no look-alike
    # The real 甲, with the token, takes the seat back.
    assert rooms.join(pin, "甲", seat_token("甲")).seat("甲") is not None


def test_answers_are_recorded_only_with_the_seats_token(rooms: Rooms) -> None:
    qs = room_questions(2)
    pin = a_room(rooms, "甲", "乙")
    rooms.start(pin, HOST_TOKEN)
    other = elsewhere(rooms)
    refused = other.answer(pin, "甲", 0, right(qs[0]), "stolen", IMPOSTOR)
    assert refused.status is AnswerStatus.REFUSED and refused.points == 0
    look_alike = other.answer(pin, "甲\u200b", 0, right(qs[0]), "stolen2", IMPOSTOR)
    assert look_alike.status is AnswerStatus.REFUSED
    assert rooms.answers(pin) == {}
    seat = rooms.state(pin).seat("甲")
    assert seat is not None and (seat.answers, seat.score) == (0, 0)
    # The real 甲 answers: recorded, not "already answered".
    mine = rooms.answer(pin, "甲", 0, right(qs[0]), "mine", seat_token("甲"))
    assert mine.status is AnswerStatus.RECORDED and mine.correct
    # A retry by the impostor with the real key learns nothing of the stored answer.
    again = other.answer(pin, "甲", 0, right(qs[0]), "mine", IMPOSTOR)
    assert again.status is AnswerStatus.REFUSED and not again.correct and again.points == 0


def test_a_kicked_player_cannot_come_back_as_a_look_alike(rooms: Rooms) -> None:
    pin = a_room(rooms, "甲", "乙")
    rooms.kick(pin, "乙", HOST_TOKEN)
    for name, token in (("乙", seat_token("乙")), ("乙 ", seat_token("乙")), ("乙 ", IMPOSTOR)):
        with pytest.raises(RoomError) as refused:
            rooms.join(pin, name, token)
        assert refused.value.code in ("room.kicked", "room.name_taken")
    assert [seat.name for seat in rooms.state(pin).players] == ["甲"]


def test_the_hosts_moves_need_the_hosts_token(rooms: Rooms) -> None:
    pin = a_room(rooms, "甲", "乙")
    other = elsewhere(rooms)
    version = rooms.version(pin)
    moves: list[Callable[[], object]] = [
        lambda: other.start(pin, IMPOSTOR),
        lambda: other.kick(pin, "甲", IMPOSTOR),
        lambda: other.close(pin, IMPOSTOR),
        lambda: other.host_check_in(pin, IMPOSTOR),
        lambda: other.check_host(pin, IMPOSTOR),
        lambda: other.advance(pin, host_token=IMPOSTOR),
    ]
    for move in moves:
        with pytest.raises(RoomError) as refused:
            move()
        assert refused.value.code == "room.not_host"
    state = rooms.state(pin)
    assert state.version == version and state.phase is RoomPhase.LOBBY
    assert len(state.players) == 2
    # The host, with the token: the same moves work.
    rooms.check_host(pin, HOST_TOKEN)
    rooms.start(pin, HOST_TOKEN)
    assert rooms.advance(pin, host_token=HOST_TOKEN)
    rooms.close(pin, HOST_TOKEN)
    assert rooms.state(pin).phase is RoomPhase.CLOSED


def test_the_store_keeps_only_hashes_of_the_tokens(rooms: Rooms) -> None:
    pin = a_room(rooms, "甲")
    with rooms.transaction() as cur:
        cur.execute("SELECT host_token_hash FROM rooms WHERE room = ?", (pin,))
        (host_hash,) = cur.fetchone()
        cur.execute("SELECT token_hash FROM room_seats WHERE room = ?", (pin,))
        (seat_hash,) = cur.fetchone()
    assert HOST_TOKEN not in str(host_hash) and len(str(host_hash)) == 64
    assert seat_token("甲") not in str(seat_hash) and len(str(seat_hash)) == 64


def test_a_matched_seat_is_held_by_the_token_its_ticket_carried(rooms: Rooms) -> None:
    from quiz.store.matching import Matchmaker

    maker = Matchmaker(rooms)
    qs = room_questions(5)
    first, second = (maker.enqueue(name, 2, seat_token(name)) for name in ("甲", "乙"))
    pin = maker.try_match(second, qs) or maker.try_match(first, qs)
    assert pin is not None
    other = elsewhere(rooms)
    with pytest.raises(RoomError):
        other.join(pin, "甲", IMPOSTOR)
    assert other.answer(pin, "甲", 0, (), "x", IMPOSTOR).status is AnswerStatus.REFUSED
    assert rooms.join(pin, "甲", seat_token("甲")).seat("甲") is not None


def test_keys_are_kept_in_a_private_file_per_room(tmp_path: Path) -> None:
    keys = RoomKeys("store", tmp_path / "keys")
    token = keys.seat("123456", "甲")
    keys.keep_host("123456", "host-secret")
    files = sorted((tmp_path / "keys").iterdir())
    assert len(files) == 2
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    assert all("甲" not in f.name and "123456" not in f.name for f in files)
    again = RoomKeys("store", tmp_path / "keys")  # a later process on the same machine
    assert again.seat("123456", "甲") == token and again.host("123456") == "host-secret"
    assert RoomKeys("another store", tmp_path / "keys").host("123456") is None
    assert RoomKeys("store", tmp_path / "elsewhere").host("123456") is None
    served = RoomKeys("store")  # a served session: nothing written anywhere
    assert served.seat("123456", "甲") != token and served.host("123456") is None


def test_resume_without_the_hosts_token_is_refused_on_the_command_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from quiz.cli.main import cli

    db = tmp_path / "quiz.db"
    rooms = make_rooms(str(db))
    pin = a_room(rooms, "甲")
    rooms.db.close()
    typed = pin[:6]  # what a person types: the PIN
    done = CliRunner().invoke(cli, ["--db", str(db), "room", "host", "--resume", typed])
    assert done.exit_code == 1
    assert f"You are not the host of room {typed}" in done.output
    with make_rooms(str(db)).transaction() as cur:  # nothing was done to the room
        cur.execute("SELECT phase, version FROM rooms WHERE room = ?", (pin,))
        assert tuple(cur.fetchone()) == ("lobby", 2)


# -- what clients see ----------------------------------------------------------------------------


def test_a_question_is_readable_once_shown_and_its_answer_once_revealed(rooms: Rooms) -> None:
    qs = room_questions(2)
    pin = a_room(rooms, "甲")
    other = elsewhere(rooms)  # any client, as a player's process reads the room
    assert other.state(pin).question is None and other.shown_questions(pin) == []
    rooms.start(pin, HOST_TOKEN)
    shown = other.state(pin).question
    assert shown is not None
    assert (shown.prompt, shown.options, shown.type) == (qs[0].prompt, qs[0].options, qs[0].type)
    assert shown.answer == () and shown.explanation == "" and shown.quotes == ()
    [only] = other.shown_questions(pin)  # the second question is not there to read
    assert only.answer == () and only.prompt == qs[0].prompt
    assert rooms.advance(pin, host_token=HOST_TOKEN)  # the reveal
    revealed = other.state(pin).question
    assert revealed is not None and revealed.answer == qs[0].answer
    assert other.shown_questions(pin) == [qs[0]]
    assert rooms.advance(pin, host_token=HOST_TOKEN)  # question 2 opens
    state = other.state(pin)
    assert state.question is not None and state.question.answer == ()
    assert other.shown_questions(pin)[0] == qs[0]  # the first stays revealed
    assert rooms.advance(pin, host_token=HOST_TOKEN)
    assert rooms.advance(pin, host_token=HOST_TOKEN)  # the podium: every question, whole
    assert other.shown_questions(pin) == qs


def test_a_room_open_before_the_upgrade_hides_its_answer_too(store_location: str) -> None:
    """Schema 14 takes the sealed fields out of the records of rooms made before it."""
    from quiz.rooms.codec import question_to_text
    from quiz.store.opening import open_rooms
    from tests.store_backends import at_schema, query

    at_schema(store_location, 13)
    q = room_questions(1)[0]
    query(store_location, "INSERT INTO rooms(pin, kind, host, phase, version, position, count,"
          " seconds, deadline, created_at, updated_at) VALUES ('135790', 'room', '主持人',"
          " 'question', 3, 0, 1, 60, 9e9, 1, 1)")  # fmt: skip
    query(store_location, "INSERT INTO room_questions(pin, position, record) VALUES (?, 0, ?)",
          ("135790", question_to_text(q)))  # fmt: skip
    rooms = open_rooms(store_location)
    try:
        shown = rooms.state("135790").question
        assert shown is not None and (shown.prompt, shown.options) == (q.prompt, q.options)
        assert shown.answer == () and shown.explanation == ""
    finally:
        rooms.db.close()


def test_a_role_without_table_rights_reads_only_what_is_shown(pg_location: str) -> None:
    """PostgreSQL: quiz_room_questions is the read path a member role can be granted; with
    plain SQL such a role reads no room_questions at all."""
    import secrets

    import psycopg

    from quiz.store.opening import open_rooms
    from tests.store_backends import query

    rooms = open_rooms(pg_location)
    qs = room_questions(2)
    pin = rooms.open("主持人", RoomSettings(2, 60), qs, HOST_TOKEN)
    rooms.start(pin, HOST_TOKEN)
    rooms.db.close()
    role = f"quiz_test_member_{secrets.token_hex(4)}"
    [(schema,)] = query(pg_location, "SELECT current_schema()")
    query(pg_location, f"CREATE ROLE {role} LOGIN")
    try:
        query(pg_location, f"GRANT USAGE ON SCHEMA {schema} TO {role}")
        # As quiz.store.postgres.roles grants it to every kind of user (ROLE_FUNCTIONS).
        query(pg_location, f"GRANT EXECUTE ON FUNCTION quiz_room_questions(text) TO {role}")
        url = pg_location.replace("postgres@", f"{role}@", 1)
        with psycopg.connect(url, autocommit=True) as member:
            rows = member.execute("SELECT pos, record FROM quiz_room_questions(%s)",
                                  (pin,)).fetchall()  # fmt: skip
            assert [position for position, _record in rows] == [0]
            assert '"answer"' not in rows[0][1] and qs[0].prompt in rows[0][1]
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                member.execute("SELECT record FROM room_questions")
    finally:
        query(pg_location, f"DROP OWNED BY {role}")
        query(pg_location, f"DROP ROLE {role}")


# -- PINs ----------------------------------------------------------------------------------------


def test_a_pin_is_free_again_once_its_room_has_ended(
    rooms: Rooms, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every PIN drawn is one an ended room had: the new room gets it, the old room's results
    stay under its own id. A PIN held by a live room is never handed out twice."""
    monkeypatch.setattr("quiz.store.rooms.secrets.randbelow", lambda _n: 424242)
    first = a_room(rooms, "甲", questions=1)
    rooms.start(first, HOST_TOKEN)
    rooms.answer(first, "甲", 0, right(room_questions(1)[0]), "k", seat_token("甲"))
    with pytest.raises(RoomError) as busy:  # the only PIN there is belongs to a live room
        rooms.open("主持人", RoomSettings(1, 60), room_questions(1), HOST_TOKEN)
    assert busy.value.code == "room.no_pin"
    assert rooms.advance(first, host_token=HOST_TOKEN)  # the podium: the room has ended
    second = a_room(rooms, "乙", questions=1)
    assert second != first and rooms.state(second).pin == rooms.state(first).pin == "424242"
    assert rooms.find("424242", "丙") == second  # joining by PIN finds the live room
    assert rooms.latest("424242") == second  # results by PIN: the latest room with it
    assert rooms.latest(first) == first  # the ended room's results, under its own id
    assert [p.user for p in rooms.results(first).players] == ["甲"]


def test_many_ended_rooms_leave_their_pins_free(
    rooms: Rooms, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every one of 300 ended rooms held one of three PINs: opening still finds one."""
    drawn = iter(range(10**6))
    monkeypatch.setattr(
        "quiz.store.rooms.secrets.randbelow", lambda _n: 111111 * (next(drawn) % 3 + 1)
    )
    for _ in range(300):
        room = rooms.open("主持人", RoomSettings(1, 60), room_questions(1), HOST_TOKEN)
        rooms.close(room, HOST_TOKEN)
    opened = {rooms.state(rooms.open("主持人", RoomSettings(1, 60), room_questions(1),
                                     HOST_TOKEN)).pin for _ in range(3)}  # fmt: skip
    assert opened == {"111111", "222222", "333333"}


def test_guessing_pins_is_throttled_per_player(rooms: Rooms) -> None:
    from quiz.store.rooms import GUESS_LIMIT

    pin = rooms.state(a_room(rooms)).pin
    other = elsewhere(rooms)
    misses = [p for p in (f"{n:06d}" for n in range(1000)) if p != pin][:GUESS_LIMIT]
    for guess in misses:
        with pytest.raises(RoomError) as missed:
            other.find(guess, "猜谜者")
        assert missed.value.code == "room.not_found"
    for guess in (misses[0], pin, pin):  # now even the right PIN is refused, for a while
        with pytest.raises(RoomError) as refused:
            other.find(guess, "猜谜者 ")  # a trailing space is the same guesser
        assert refused.value.code == "room.too_many_guesses"
        assert 1 <= int(str(refused.value.params["seconds"])) <= 60
    assert other.find(pin, "另一个人") is not None  # another player is not held back
    with other.transaction() as cur:  # a minute later (by the store's clock) it works again
        cur.execute("UPDATE room_guesses SET at = at - 61")
    assert other.find(pin, "猜谜者")


# -- results by unit (issue 29) -------------------------------------------------------------------


def test_room_results_by_unit(store_location: str, tmp_path: Path) -> None:
    """Players on the roster count in their unit, the rest under 未编入; figures by hand."""
    import json

    from click.testing import CliRunner

    from quiz.cli.main import cli
    from quiz.org.models import RosterEntry
    from quiz.store.opening import open_rooms, open_store
    from tests.org.test_org_report import ONE, TWO, day
    from tests.rooms_support import wrong

    store = open_store(store_location)
    store.import_roster([RosterEntry(2, "甲", ONE), RosterEntry(3, "乙", ONE),
                         RosterEntry(4, "丙", TWO)], {}, day(1))  # fmt: skip
    store.close()
    rooms = open_rooms(store_location)
    qs = room_questions(1)
    pin = a_room(rooms, "甲", "乙", "丙", "访客", questions=1)
    rooms.start(pin, HOST_TOKEN)
    for name, given in (("甲", right(qs[0])), ("乙", wrong(qs[0])), ("丙", right(qs[0])),
                        ("访客", wrong(qs[0]))):  # fmt: skip
        rooms.answer(pin, name, 0, given, f"k-{name}", seat_token(name))
    scores = {p.user: p.score for p in rooms.results(pin).players}
    rooms.db.close()
    runner = CliRunner()
    done = runner.invoke(cli, ["--db", store_location, "room", "results", pin[:6], "--by-unit",
                               "--json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert (data["pin"], data["room"], data["questions"]) == (pin[:6], pin, 1)
    by_unit = {u["unit"]: u for u in data["units"]}
    assert list(by_unit) == [TWO, ONE, None]  # 丙 alone beats 甲 and 乙's mean; 访客 last
    assert by_unit[ONE]["players"] == ["甲", "乙"] and by_unit[ONE]["best"] == "甲"
    assert by_unit[ONE]["mean_score"] == round((scores["甲"] + scores["乙"]) / 2, 1)
    assert by_unit[ONE]["mean_correct"] == 0.5 and by_unit[ONE]["answers"] == 2
    assert (by_unit[TWO]["players"], by_unit[TWO]["mean_score"]) == (["丙"], scores["丙"])
    assert (by_unit[None]["players"], by_unit[None]["mean_correct"]) == (["访客"], 0.0)
    table = runner.invoke(cli, ["--db", store_location, "--lang", "zh", "room", "results",
                                pin[:6], "--by-unit"])  # fmt: skip
    assert table.exit_code == 0 and "未编入" in table.stdout and ONE in table.stdout
