"""Rooms on both backends: joining, scoring, exactly-once answers, deadlines, rejoin, kicks,
a host that dies, results."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.rooms.model import AnswerStatus, RoomError, RoomPhase, RoomSettings
from quiz.rooms.scoring import Scored, score_answer
from quiz.store.rooms import Rooms
from tests.conftest import BANK, REPO
from tests.rooms_support import (
    HOST_TOKEN,
    expire,
    make_rooms,
    right,
    room_questions,
    seat_token,
    wrong,
)

BOT_FLAGS = ("--bank", str(BANK), "--accuracy", "1", "--think", "0.05")


def test_scoring_streak_bonus() -> None:
    assert score_answer(True, 0, 20, 0).points == 1000
    assert score_answer(True, 20, 20, 0).points == 500
    assert score_answer(True, 10, 20, 1).points == 750 + 100
    assert score_answer(True, 0, 20, 9).bonus == 500
    assert score_answer(False, 0, 20, 4) == score_answer(False, 3, 20, 0)
    assert score_answer(False, 0, 20, 4).streak == 0
    # A matched race is booked as a race: speed points only, so the podium shows what is booked.
    assert score_answer(True, 10, 20, 4, bonus=False) == Scored(750, 5, 0)


def test_a_room_played_to_the_podium(rooms: Rooms) -> None:
    qs = room_questions(2)
    pin = rooms.open("主持人", RoomSettings(questions=2, seconds=20), qs, HOST_TOKEN)
    assert rooms.state(pin).pin == pin[:6] and pin[:6].isdigit()  # its id starts with its PIN
    for name in ("甲", "乙", "丙"):
        rooms.join(pin, name, seat_token(name))
    lobby = rooms.state(pin)
    assert lobby.phase is RoomPhase.LOBBY and [s.name for s in lobby.players] == ["甲", "乙", "丙"]
    rooms.start(pin, HOST_TOKEN)
    state = rooms.state(pin)
    assert state.phase is RoomPhase.QUESTION and state.position == 0
    assert state.question is not None and state.question.prompt == qs[0].prompt
    assert (
        rooms.answer(pin, "甲", 0, right(qs[0]), "k1", seat_token("甲")).status
        is AnswerStatus.RECORDED
    )
    assert rooms.answer(pin, "乙", 0, wrong(qs[0]), "k2", seat_token("乙")).correct is False
    assert rooms.state(pin).phase is RoomPhase.QUESTION  # 丙 has not answered yet
    rooms.answer(pin, "丙", 0, right(qs[0]), "k3", seat_token("丙"))
    # The last answer closes the question.
    assert rooms.state(pin).phase is RoomPhase.REVEAL
    spread = rooms.distribution(pin, 0)
    assert spread.answered == 3 and spread.right == 2
    assert dict(spread.counts)[qs[0].answer[0]] == 2
    assert rooms.advance(pin, host_token=HOST_TOKEN)
    rooms.answer(pin, "甲", 1, right(qs[1]), "k4", seat_token("甲"))
    assert rooms.advance(pin, host_token=HOST_TOKEN)  # the host skips: 乙 and 丙 did not answer
    assert rooms.advance(pin, host_token=HOST_TOKEN)
    results = rooms.results(pin)
    assert results.phase is RoomPhase.FINISHED
    first = results.players[0]
    assert first.user == "甲"
    assert (first.correct, first.answers) == (2, 2)
    assert first.score > 1500 + 100  # two fast right answers and the streak bonus


def test_answers_are_stored_exactly_once(rooms: Rooms) -> None:
    qs = room_questions(1)
    pin = rooms.open("h", RoomSettings(questions=1, seconds=30), qs, HOST_TOKEN)
    rooms.join(pin, "甲", seat_token("甲"))
    rooms.join(pin, "乙", seat_token("乙"))
    rooms.start(pin, HOST_TOKEN)
    first = rooms.answer(pin, "甲", 0, right(qs[0]), "same-key", seat_token("甲"))
    again = rooms.answer(pin, "甲", 0, right(qs[0]), "same-key", seat_token("甲"))
    other = rooms.answer(pin, "甲", 0, wrong(qs[0]), "another-key", seat_token("甲"))
    assert again.status is AnswerStatus.REPEATED and again.points == first.points
    assert other.status is AnswerStatus.ALREADY
    seat = rooms.state(pin).seat("甲")
    assert seat is not None and (seat.answers, seat.score) == (1, first.points)


def test_answers_after_the_deadline_are_refused(rooms: Rooms) -> None:
    qs = room_questions(1)
    pin = rooms.open("h", RoomSettings(questions=1, seconds=30), qs, HOST_TOKEN)
    rooms.join(pin, "甲", seat_token("甲"))
    rooms.join(pin, "乙", seat_token("乙"))
    rooms.start(pin, HOST_TOKEN)
    version = rooms.state(pin).version
    assert not rooms.advance(pin, version)  # not due yet
    expire(rooms.db, pin)
    assert (
        rooms.answer(pin, "甲", 0, right(qs[0]), "k", seat_token("甲")).status is AnswerStatus.LATE
    )
    assert rooms.advance(pin, version)
    assert not rooms.advance(pin, version)  # someone else moved it already: nothing twice
    assert rooms.state(pin).phase is RoomPhase.REVEAL


def test_the_host_ends_a_question_nobody_answers_when_its_time_is_up(rooms: Rooms) -> None:
    """The host's screen holds the state it read while the timer runs down: the time it has
    waited since counts, and the store's clock decides."""
    from quiz.store.room_watch import Watcher
    from quiz.usecases.room_client import RoomHost

    qs = room_questions(1)
    pin = rooms.open("h", RoomSettings(questions=1, seconds=30), qs, HOST_TOKEN)
    rooms.join(pin, "甲", seat_token("甲"))
    rooms.start(pin, HOST_TOKEN)
    host = RoomHost(rooms, Watcher(rooms.db, rooms.version), pin, HOST_TOKEN)
    held = rooms.state(pin)  # read with 30 s to go
    assert not host.tick(held)  # not due
    assert not host.tick(held, waited=31.0)  # the store's clock says not yet either
    expire(rooms.db, pin)
    assert host.tick(held, waited=31.0)
    assert rooms.state(pin).phase is RoomPhase.REVEAL
    host.watcher.close()


def test_rejoin_gets_the_seat_back_and_kicked_players_stay_out(rooms: Rooms) -> None:
    qs = room_questions(2)
    pin = rooms.open("h", RoomSettings(questions=2, seconds=30), qs, HOST_TOKEN)
    for name in ("甲", "乙", "丙"):
        rooms.join(pin, name, seat_token(name))
    rooms.start(pin, HOST_TOKEN)
    scored = rooms.answer(pin, "甲", 0, right(qs[0]), "k", seat_token("甲"))
    back = rooms.join(pin, "甲", seat_token("甲"))
    seat = back.seat("甲")
    assert seat is not None and seat.score == scored.points
    assert back.position == 0 and rooms.my_answer(pin, "甲", 0) is not None
    rooms.kick(pin, "丙", HOST_TOKEN)
    with pytest.raises(RoomError) as refused:
        rooms.join(pin, "丙", seat_token("丙"))
    assert refused.value.code == "room.kicked"
    rooms.answer(pin, "乙", 0, wrong(qs[0]), "k2", seat_token("乙"))
    assert rooms.state(pin).phase is RoomPhase.REVEAL  # the kicked player is not waited for


def test_a_room_outlives_its_host(rooms: Rooms, request: pytest.FixtureRequest) -> None:
    qs = room_questions(2)
    pin = rooms.open("h", RoomSettings(questions=2, seconds=30), qs, HOST_TOKEN)
    rooms.join(pin, "甲", seat_token("甲"))
    rooms.start(pin, HOST_TOKEN)
    rooms.answer(pin, "甲", 0, right(qs[0]), "k", seat_token("甲"))
    # Another process (a new host) opens the same store and carries on from the last state.
    target = rooms.db.url or rooms.db.location
    again = make_rooms(target)
    state = again.state(pin)
    assert state.phase is RoomPhase.REVEAL and state.seat("甲") is not None
    assert again.advance(pin, host_token=HOST_TOKEN)  # the host's token, kept by its machine
    assert again.state(pin).position == 1
    again.close(pin, HOST_TOKEN)
    assert again.state(pin).phase is RoomPhase.CLOSED
    with pytest.raises(RoomError):
        again.join(pin, "乙", seat_token("乙"))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_host_and_three_players_in_separate_processes(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    import os
    import subprocess
    import sys

    from quiz.usecases.room_client import RoomHost, connect
    from quiz.usecases.room_keys import RoomKeys

    target = (
        str(tmp_path / "rooms.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    )
    rooms, watcher = connect(target)
    qs = room_questions(3)
    host = RoomHost.open(
        rooms, watcher, "主持人", RoomSettings(questions=3, seconds=20), qs, RoomKeys(target)
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    players = [
        subprocess.Popen(
            [sys.executable, "-m", "quiz.usecases.room_bot", target, host.pin, name, *BOT_FLAGS],
            env=env,
        )
        for name in ("甲", "乙", "丙")
    ]
    try:
        state = host.state()
        while len(state.players) < 3:
            state = host.next_state(timeout=5.0) or host.state()
        host.start()
        while state.phase is not RoomPhase.FINISHED:
            state = host.next_state(timeout=5.0) or host.state()
            if state.phase is RoomPhase.REVEAL:
                host.next()  # everyone answered: the question closed by itself
            assert all(p.poll() in (None, 0) for p in players)
        assert [p.wait(timeout=30) for p in players] == [0, 0, 0]
    finally:
        for p in players:
            p.kill() if p.poll() is None else None
    results = rooms.results(host.room_id)
    assert sorted(p.user for p in results.players) == ["丙", "乙", "甲"]
    assert all((p.correct, p.answers) == (3, 3) for p in results.players)
    assert all(p.score >= 3 * 500 + 100 + 200 for p in results.players)
    watcher.close()
    rooms.db.close()


@pytest.mark.parametrize("size", [2, 4])
def test_players_are_matched_by_arrival(rooms: Rooms, size: int) -> None:
    import threading

    from quiz.rooms.model import RoomKind
    from quiz.store.matching import Matchmaker

    maker = Matchmaker(rooms)
    qs = room_questions(5)
    names = [f"玩家{n}" for n in range(size + 1)]
    tickets = [maker.enqueue(name, size, seat_token(name)) for name in names]  # arrival order
    found: dict[str, str | None] = {}

    def seek(index: int) -> None:
        pin = None
        for _ in range(40):
            pin = maker.try_match(tickets[index], qs)
            if pin is not None:
                break
            threading.Event().wait(0.05)
        found[names[index]] = pin

    threads = [threading.Thread(target=seek, args=(i,)) for i in range(size + 1)]
    for thread in reversed(threads):  # the latest arrival looks first: fairness is by arrival
        thread.start()
    for thread in threads:
        thread.join()
    pins = {found[name] for name in names[:size]}
    assert len(pins) == 1 and None not in pins
    assert found[names[size]] is None  # the last to arrive waits for the next match
    pin = pins.pop()
    assert pin is not None
    state = rooms.state(pin)
    assert state.kind is RoomKind.MATCH and state.phase is RoomPhase.QUESTION
    assert sorted(seat.name for seat in state.players) == sorted(names[:size])
    assert maker.give_up(tickets[size]) is None


def test_a_matched_room_moves_on_without_a_host(rooms: Rooms) -> None:
    from quiz.store.matching import Matchmaker

    maker = Matchmaker(rooms)
    qs = room_questions(5)
    first, second = (
        maker.enqueue("甲", 2, seat_token("甲")),
        maker.enqueue("乙", 2, seat_token("乙")),
    )
    pin = maker.try_match(second, qs) or maker.try_match(first, qs)
    assert pin is not None and maker.try_match(first, qs) == pin
    rooms.answer(
        pin,
        "甲",
        0,
        right(rooms.state(pin).question or qs[0]),
        "k",
        seat_token("甲"),
    )
    expire(rooms.db, pin)
    state = rooms.state(pin)
    assert rooms.advance(pin, state.version)  # any player's process ends the question
    assert rooms.state(pin).phase is RoomPhase.REVEAL
    assert not rooms.advance(pin, rooms.state(pin).version)  # the answer is shown a moment


HOST_SCRIPT = """
import sys, time
from pathlib import Path
from quiz.usecases.room_client import RoomHost, connect
from quiz.usecases.room_keys import RoomKeys
from quiz.rooms.model import RoomSettings
from tests.rooms_support import room_questions, seat_token
rooms, watcher = connect(sys.argv[1])
keys = RoomKeys(sys.argv[1], Path(sys.argv[2]))  # the host's token: a file, as on a machine
host = RoomHost.open(rooms, watcher, "主持人", RoomSettings(3, 60), room_questions(3), keys)
rooms.join(host.room_id, "甲", seat_token("甲"))
host.start()
print(host.room_id, flush=True)
time.sleep(600)
"""


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_killed_host_leaves_a_room_that_is_resumed(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    import os
    import subprocess
    import sys

    from quiz.usecases.room_client import RoomHost, connect
    from quiz.usecases.room_keys import RoomKeys

    target = (
        str(tmp_path / "rooms.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    keys = tmp_path / "keys"
    host_process = subprocess.Popen(
        [sys.executable, "-c", HOST_SCRIPT, target, str(keys)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert host_process.stdout is not None
    pin = host_process.stdout.readline().strip()
    host_process.kill()  # SIGKILL: no chance to tidy up
    host_process.wait()
    rooms, watcher = connect(target)
    qs = room_questions(3)
    assert rooms.answer(
        pin, "甲", 0, right(qs[0]), "k", seat_token("甲")
    ).correct  # the room is still open
    with pytest.raises(RoomError) as refused:  # another machine: no token kept there
        RoomHost.resume(rooms, watcher, pin, RoomKeys(target, tmp_path / "elsewhere"), "主持人")
    assert refused.value.code == "room.not_host"
    host = RoomHost.resume(rooms, watcher, pin, RoomKeys(target, keys), "主持人")  # --resume
    state = host.state()
    assert state.phase is RoomPhase.REVEAL and state.position == 0
    for _step in range(5):  # question 2, its answer, question 3, its answer, the podium
        host.next()
    assert host.state().phase is RoomPhase.FINISHED
    results = rooms.results(pin)
    assert [(p.user, p.correct) for p in results.players] == [("甲", 1)]
    watcher.close()
    rooms.db.close()


def test_room_results_on_the_command_line(tmp_path: Path) -> None:
    import csv
    import io
    import json

    from click.testing import CliRunner

    from quiz.cli.main import cli

    db = tmp_path / "quiz.db"
    rooms = make_rooms(str(db))
    qs = room_questions(1)
    pin = rooms.open("主持人", RoomSettings(1, 60), qs, HOST_TOKEN)
    rooms.join(pin, "甲", seat_token("甲"))
    rooms.join(pin, "乙", seat_token("乙"))
    rooms.start(pin, HOST_TOKEN)
    rooms.answer(pin, "甲", 0, right(qs[0]), "a", seat_token("甲"))
    rooms.answer(pin, "乙", 0, wrong(qs[0]), "b", seat_token("乙"))
    rooms.advance(pin, host_token=HOST_TOKEN)
    rooms.db.close()
    runner = CliRunner()
    done = runner.invoke(cli, ["--db", str(db), "room", "results", pin, "--json"])
    assert done.exit_code == 0, done.output
    payload = json.loads(done.output)
    assert payload["room"] == pin and payload["pin"] == pin[:6] and payload["questions"] == 1
    assert [(p["user"], p["correct"], p["answers"]) for p in payload["players"]] == [
        ("甲", 1, 1),
        ("乙", 0, 1),
    ]
    assert payload["players"][0]["score"] >= 500
    table = runner.invoke(cli, ["--db", str(db), "room", "results", pin, "--csv"])
    rows = list(csv.DictReader(io.StringIO(table.output)))
    assert [r["user"] for r in rows] == ["甲", "乙"]
    assert runner.invoke(cli, ["--db", str(db), "room", "results", "12ab"]).exit_code == 2
    missing = runner.invoke(cli, ["--db", str(db), "room", "results", "000001"])
    assert missing.exit_code == 1


def test_the_rooms_bench_smoke(tmp_path: Path, pg_url: str) -> None:
    import json
    import os
    import subprocess
    import sys

    out = tmp_path / "bench.json"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "quiz.bench", "--only", "rooms", "--smoke", "--out", str(out),
         "--work", str(tmp_path / "work")],
        env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rooms = json.loads(out.read_text(encoding="utf-8"))["rooms"]
    assert rooms["players"] == 10 and rooms["lost"] == 0 and rooms["duplicated"] == 0
    assert rooms["answers"] == 10 * 5 and rooms["p50_ms"] is not None
