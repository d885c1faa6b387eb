"""Rooms show in the history with their detail, on both store backends: for each player who kept
a seat and for the host, in the store's read side, `quiz history` (text and JSON) and beside the
sessions in the history's order; a matched race is booked as a run and not listed again."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from click.testing import CliRunner

from quiz.cli.main import cli
from quiz.engine.modes import Mode
from quiz.reports.history import SessionFilter
from quiz.reports.rooms import RoomRole, RoomRow
from quiz.reports.runs import SessionKind, SessionRow
from quiz.rooms.model import RoomKind, RoomSettings
from quiz.store.opening import open_rooms, open_store
from quiz.store.protocol import Store
from quiz.usecases.play import Run
from quiz.usecases.review import history, recent
from tests import factories
from tests.rooms_support import (
    HOST_TOKEN,
    pin_room_times,
    play_room,
    room_questions,
    seat_token,
    wrong,
)

OPENED = datetime(2026, 11, 18, 16, 26, 40, tzinfo=UTC).timestamp()
"""2026-11-19 00:26:40 in Shanghai (the tests' zone): the local day counts, not UTC's."""


@pytest.fixture
def played(store_location: str) -> Iterator[tuple[str, str]]:
    """(the store's location, the PIN of a room played there to the podium)."""
    rooms = open_rooms(store_location)
    try:
        pin = play_room(rooms)
    finally:
        rooms.db.close()
    yield store_location, pin


@pytest.fixture
def reader(played: tuple[str, str]) -> Iterator[Store]:
    store = open_store(played[0])
    yield store
    store.close()


def test_a_player_and_the_host_find_the_room(played: tuple[str, str], reader: Store) -> None:
    _, pin = played
    [mine] = reader.room_rows("小王")
    assert (mine.room_id, mine.role, mine.status, mine.questions, mine.asked) == (
        pin, RoomRole.PLAYER, "finished", 2, 2,
    )  # fmt: skip
    assert (mine.players, mine.rank, mine.winner, mine.correct, mine.total) == (3, 1, "小王", 2, 2)
    assert mine.score > 2000 and mine.points == 0 and mine.finished_at is not None
    [third] = reader.room_rows("乙")
    assert (third.rank, third.correct, third.score, third.elapsed >= 0) == (3, 0, 0, True)
    [hosted] = reader.room_rows("主持人")
    assert (hosted.role, hosted.rank, hosted.players, hosted.winner) == (
        RoomRole.HOST, None, 3, "小王",
    )  # fmt: skip
    assert (hosted.score, hosted.correct, hosted.total) == (mine.score, 3, 6)
    assert reader.room_rows("丙") == []  # asked to leave in the lobby: never played
    everyone = reader.room_rows(None)
    assert sorted((r.user, r.role.value) for r in everyone) == [
        ("主持人", "host"), ("乙", "player"), ("小王", "player"), ("甲", "player"),
    ]  # fmt: skip


def test_the_detail_lists_each_question_with_the_answer_and_points(
    played: tuple[str, str], reader: Store
) -> None:
    _, pin = played
    qs = room_questions(2)
    detail = reader.room_detail(pin, "甲", RoomRole.PLAYER)
    assert detail is not None and detail.row.rank == 2
    assert [q.question_id for q in detail.questions] == [q.id for q in qs]
    first, second = (q.answer_of("甲") for q in detail.questions)
    assert first is not None and second is not None
    assert (first.correct, first.points) == (False, 0)
    assert second.correct and second.points > 500 and second.given == qs[1].answer
    assert detail.questions[0].prompt == qs[0].prompt
    assert detail.questions[0].right_answer == qs[0].answer
    assert detail.questions[0].answer_of("乙") is None  # no answer: the host skipped
    assert [(s.rank, s.user) for s in detail.standings] == [(1, "小王"), (2, "甲"), (3, "乙")]
    hosted = reader.room_detail(pin, "主持人", RoomRole.HOST)
    assert hosted is not None
    assert [(len(q.answers), q.right) for q in hosted.questions] == [(2, 1), (3, 2)]
    assert reader.room_detail(pin, "甲", RoomRole.HOST) is None
    assert reader.room_detail(pin, "丙", RoomRole.PLAYER) is None
    assert reader.room_detail("000000", "甲", RoomRole.PLAYER) is None


def test_an_unfinished_and_a_closed_room_and_a_match(store_location: str) -> None:
    rooms = open_rooms(store_location)
    qs = room_questions(3)
    waiting = rooms.open("主持人", RoomSettings(questions=3, seconds=60), qs, HOST_TOKEN)
    rooms.join(waiting, "小王", seat_token("小王"))
    closed = rooms.open("主持人", RoomSettings(questions=3, seconds=60), qs, HOST_TOKEN)
    rooms.join(closed, "小王", seat_token("小王"))
    rooms.start(closed, HOST_TOKEN)
    rooms.close(closed, HOST_TOKEN)  # during the first question
    settings = RoomSettings(questions=3, seconds=60)
    rooms.open("小王", settings, qs, HOST_TOKEN, RoomKind.MATCH, seats=[("小王", None)])
    rooms.db.close()
    store = open_store(store_location)
    try:
        by_pin = {row.room_id: row for row in store.room_rows("小王")}
        assert set(by_pin) == {waiting, closed}  # the match is a race in the sessions instead
        assert (by_pin[waiting].status, by_pin[waiting].asked, by_pin[waiting].finished_at) == (
            "unfinished", 0, None,
        )  # fmt: skip
        assert (by_pin[closed].status, by_pin[closed].asked) == ("closed", 1)
        detail = store.room_detail(closed, "小王", RoomRole.PLAYER)
        assert detail is not None
        assert [q.asked for q in detail.questions] == [True, False, False]
        # Both rooms, by PIN: opened in the same millisecond, their order (newest first) is a tie.
        hosted = {r.room_id: r.status for r in store.room_rows("主持人")}
        assert hosted == {closed: "closed", waiting: "unfinished"}
    finally:
        store.close()


def play_daily(store: Store, user: str, days_ago: int) -> None:
    clock = factories.clock(factories.START - timedelta(days=days_ago))
    run = Run.start(store, user, factories.bank(), Mode.DAILY, clock, seed=1)
    for _ in range(5):
        run.submit(factories.right(run.session.current), 2.0)
        run.session.proceed()
    run.finish()


def test_rooms_and_sessions_in_one_history(played: tuple[str, str]) -> None:
    location, pin = played
    rooms = open_rooms(location)
    pin_room_times(rooms.db, pin, OPENED)  # 2026-11-19 00:26 in Shanghai
    rooms.db.close()
    store = open_store(location)
    try:
        play_daily(store, "小王", days_ago=0)  # 2026-11-28
        play_daily(store, "小王", days_ago=20)  # 2026-11-08
        page = history(store, "小王", SessionFilter())
        assert [type(r).__name__ for r in page.rows] == ["SessionRow", "RoomRow", "SessionRow"]
        assert page.total == 3
        by_score = history(store, "小王", SessionFilter(sort="score"))
        assert isinstance(by_score.rows[0], RoomRow)  # 1800 beats 5
        assert [r.kind for r in history(store, "小王", SessionFilter(mode=Mode.DAILY)).rows] == [
            SessionKind.RUN, SessionKind.RUN,
        ]  # fmt: skip
        only_rooms = history(store, "小王", SessionFilter(kind=SessionKind.ROOM))
        assert [r.key for r in only_rooms.rows] == [f"room-player-{pin}"]
        assert only_rooms.total == 1
        since = history(store, "小王", SessionFilter(since=date(2026, 11, 19)))
        assert [r.kind for r in since.rows] == [SessionKind.RUN, SessionKind.ROOM]
        later = history(store, "小王", SessionFilter(since=date(2026, 11, 20)))
        assert [r.kind for r in later.rows] == [SessionKind.RUN]
        limited = history(store, "小王", SessionFilter(limit=2, descending=False))
        assert [r.kind for r in limited.rows] == [SessionKind.RUN, SessionKind.ROOM]
        assert limited.total == 3
        newest = recent(store, "小王", limit=2)
        assert isinstance(newest[0], SessionRow) and isinstance(newest[1], RoomRow)
    finally:
        store.close()


def test_history_json_and_text_show_rooms(played: tuple[str, str]) -> None:
    location, pin = played
    runner = CliRunner()
    result = runner.invoke(cli, ["history", "--db", location, "--user", "小王", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["sessions"] == []
    [room] = out["rooms"]
    assert set(room) == {
        "pin", "room", "role", "user", "started_at", "finished_at", "status", "questions",
        "players", "winner", "score", "correct", "rank", "answers", "standings",
    }  # fmt: skip
    assert (room["room"], room["role"], room["status"], room["questions"]) == (
        pin, "player", "finished", 2,
    )  # fmt: skip
    assert (room["players"], room["winner"], room["rank"], room["correct"]) == (3, "小王", 1, 2)
    assert [set(a) for a in room["answers"]] == [
        {"question_id", "given", "correct", "seconds", "points"}
    ] * 2
    assert sum(a["points"] for a in room["answers"]) == room["score"]
    assert [s["user"] for s in room["standings"]] == ["小王", "甲", "乙"]
    assert set(room["standings"][0]) == {"user", "score", "correct", "answers"}

    hosted = json.loads(
        runner.invoke(cli, ["history", "--db", location, "--user", "主持人", "--json"]).stdout
    )["rooms"][0]
    assert (hosted["role"], hosted["score"], hosted["rank"], hosted["answers"]) == (
        "host", None, None, [],
    )  # fmt: skip
    first = hosted["distribution"][0]
    assert (first["answered"], first["right"]) == (2, 1)
    question = room_questions(1)[0]
    expected = {o: int(o in (question.answer[0], wrong(question)[0])) for o in question.options}
    assert [(c["answer"], c["count"]) for c in first["counts"]] == list(expected.items())
    everyone = runner.invoke(cli, ["history", "--db", location, "--all-users", "--json"])
    assert len(json.loads(everyone.stdout)["rooms"]) == 4

    text = runner.invoke(cli, ["--lang", "en", "history", "--db", location, "--user", "小王"])
    [line] = text.stdout.splitlines()[1:]
    cells = line.split("\t")
    assert cells[0] == pin and cells[2] == f"Room {pin[:6]} #1/3" and cells[3] == "finished"
    assert cells[5] == "100% (2/2)"
    text = runner.invoke(cli, ["--lang", "zh", "history", "--db", location, "--user", "主持人"])
    assert f"主持 {pin[:6]} 3人 · 小王夺冠" in text.stdout
    csv_out = runner.invoke(cli, ["history", "--db", location, "--user", "小王", "--csv"])
    assert csv_out.stdout.splitlines()[1:] == []  # one row per session; rooms are not sessions
