"""The room screens driven by keys: a player answers, the host starts, kicks, skips and shows
the distribution, the standings and the podium; what the store holds is checked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from quiz.engine.response import OPTION_KEYS
from quiz.rooms.model import RoomPhase, RoomSettings
from quiz.store.opening import open_rooms
from quiz.tui.app import QuizApp
from quiz.tui.screens.room_host import RoomHostScreen
from quiz.tui.screens.room_player import RoomPlayerScreen
from tests.rooms_support import HOST_TOKEN, right, room_questions, seat_token
from tests.tui_support import make_services, notices


async def until(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    for _ in range(400):
        if condition():
            return
        await pilot.pause(0.025)
    raise AssertionError(f"never happened: {what}")


def showing(screen: Any, phase: RoomPhase, position: int | None = None) -> Callable[[], bool]:
    """The room screen shows `phase` (of question `position`): its keys now act on it."""

    def check() -> bool:
        state = screen.state
        return bool(state and state.phase is phase and position in (None, state.position))

    return check


def app_with(
    tmp_path: Path, user: str, screen: Callable[[], object], db: str | None = None
) -> QuizApp:
    """The app on `screen`, its store at `db` (a file or a PostgreSQL URL; else quiz.db in
    `tmp_path`); what it tells the player is kept (tests.tui_support.notices)."""
    from quiz import i18n

    services = make_services(tmp_path, user=user, db=db)
    i18n.set_language("zh")
    app = QuizApp(services, first_screen=screen)  # type: ignore[arg-type]
    notices(app)
    return app


async def test_a_player_answers_and_sees_points_and_rank(tmp_path: Path) -> None:
    rooms = open_rooms(tmp_path / "quiz.db")
    qs = room_questions(2)
    pin = rooms.open("主持人", RoomSettings(questions=2, seconds=60), qs, HOST_TOKEN)
    rooms.join(pin, "对手", seat_token("对手"))
    app = app_with(tmp_path, "小王", lambda: RoomPlayerScreen(pin))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RoomPlayerScreen), "player screen")
        screen = app.screen
        assert isinstance(screen, RoomPlayerScreen)
        await until(pilot, lambda: screen.state is not None, "joined")
        assert rooms.state(pin).seat("小王") is not None
        rooms.start(pin, HOST_TOKEN)
        await until(pilot, lambda: bool(screen.state and screen.state.phase is RoomPhase.QUESTION),
                    "question shown")  # fmt: skip
        await until(pilot, lambda: bool(screen.query("OptionRow")), "options drawn")
        question = qs[0]
        await pilot.press(OPTION_KEYS[question.options.index(question.answer[0])], "enter")
        await until(pilot, lambda: 0 in screen.outcomes, "answer stored")
        assert screen.outcomes[0].correct and screen.outcomes[0].points > 500
        stored = rooms.my_answer(pin, "小王", 0)
        assert stored is not None and stored.correct
        rooms.answer(
            pin, "对手", 0, right(question), "k", seat_token("对手")
        )  # the last answer closes it
        await until(pilot, lambda: bool(screen.state and screen.state.phase is RoomPhase.REVEAL),
                    "reveal")  # fmt: skip
        shown = str(screen.query_one("#room-result").render())
        assert "回答正确" in shown
        assert "第 1 名" in shown or "第 2 名" in shown
    rooms.db.close()


async def test_the_host_runs_a_room_to_the_podium(tmp_path: Path) -> None:
    rooms = open_rooms(tmp_path / "quiz.db")
    app = app_with(tmp_path, "主持人", lambda: RoomHostScreen(RoomSettings(2, 60)))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RoomHostScreen), "host screen")
        screen = app.screen
        assert isinstance(screen, RoomHostScreen)
        await until(pilot, lambda: screen.host is not None, "room opened")
        assert screen.host is not None
        pin = screen.host.room_id
        for name in ("甲", "乙", "坏人"):
            rooms.join(pin, name, seat_token(name))
        await until(pilot, lambda: bool(screen.state and len(screen.state.players) == 3),
                    "three in the lobby")  # fmt: skip
        await pilot.press("down", "down", "k")  # the third player is highlighted and kicked
        await until(pilot, lambda: len(rooms.state(pin).players) == 2, "kicked")
        # Each key acts on what the screen shows (its bindings follow the room's phase as the
        # screen last saw it): wait until the screen has the state, not only the store.
        await pilot.press("enter")
        await until(pilot, showing(screen, RoomPhase.QUESTION, 0), "first question shown")
        question = rooms.state(pin).question
        assert question is not None
        outcome = rooms.answer(pin, "甲", 0, right(question), "k1", seat_token("甲"))
        assert outcome.correct, outcome
        await pilot.press("s")  # 乙 has not answered: skip
        await until(
            pilot,
            lambda: showing(screen, RoomPhase.REVEAL, 0)() and screen.spread is not None,
            "distribution",
        )
        detail = str(screen.query_one("#room-detail").render())
        assert "答对 1 人，作答 1 人" in detail
        await pilot.press("enter")  # standings
        await until(pilot, lambda: screen.showing_standings, "standings")
        assert "甲" in str(screen.query_one("#room-detail").render())
        await pilot.press("enter")  # next question
        await until(pilot, showing(screen, RoomPhase.QUESTION, 1), "second question shown")
        await pilot.press("s")
        await until(
            pilot,
            lambda: showing(screen, RoomPhase.REVEAL, 1)() and screen.spread is not None,
            "second distribution",
        )
        await pilot.press("enter")
        await until(pilot, lambda: screen.showing_standings, "second standings")
        await pilot.press("enter")
        await until(pilot, lambda: rooms.state(pin).phase is RoomPhase.FINISHED, "podium")
        await until(pilot, showing(screen, RoomPhase.FINISHED), "podium shown")
        assert screen.query_one("#room-big").display  # big digits at 120×40
    results = rooms.results(pin)
    assert [p.user for p in results.players] == ["甲", "乙"]
    rooms.db.close()


async def test_a_race_is_played_against_a_real_opponent_and_booked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from quiz.engine.modes import Mode
    from quiz.store import rooms as service
    from quiz.store.matching import Matchmaker
    from quiz.store.room_watch import Watcher
    from quiz.usecases.requests import PlayRequest
    from quiz.usecases.room_bot import BotLog, play
    from quiz.usecases.room_keys import RoomKeys

    monkeypatch.setenv("QUIZ_MATCH_SECONDS", "20")
    monkeypatch.setattr(service, "MATCH_REVEAL_SECONDS", 0.2)
    rooms = open_rooms(tmp_path / "quiz.db")
    watcher = Watcher(rooms.db, rooms.version)

    def opponent() -> None:  # another player on the same store, through the same client code
        pin = Matchmaker(rooms).find("对手", 2, room_questions(5), seat_token("对手"), wait=20)
        assert pin is not None
        keys = RoomKeys("opponent")
        keys.keep_seat(pin, "对手", seat_token("对手"))
        play(rooms, watcher, pin, "对手", BotLog(), accuracy=0.0, think=0.0, keys=keys)

    seeker = threading.Thread(target=opponent, daemon=True)
    seeker.start()
    app = app_with(tmp_path, "小王", lambda: RoomPlayerScreen("000000"))
    app.first_screen = None
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.ready, "loaded")
        app.play(PlayRequest(Mode.RACE, opponents=1))
        await until(pilot, lambda: isinstance(app.screen, RoomPlayerScreen), "matched")
        screen = app.screen
        assert isinstance(screen, RoomPlayerScreen)
        for position in range(5):
            await until(
                pilot,
                lambda p=position: bool(  # type: ignore[misc]
                    screen.state and screen.state.position == p
                    and screen.state.phase is RoomPhase.QUESTION and screen.query("OptionRow")
                ),
                f"question {position + 1}",
            )  # fmt: skip
            question = screen.state.question if screen.state else None
            assert question is not None
            keys = [OPTION_KEYS[question.options.index(text)] for text in right(question)]
            await pilot.press(*keys, "enter")
            await until(pilot, lambda p=position: p in screen.outcomes, "answer stored")  # type: ignore[misc]
        await until(pilot, lambda: screen.booked is True, "race booked")
        status = str(screen.query_one("#room-status").render())
        assert status.startswith("双人对战") and screen.pin not in status  # the mode, not a PIN
        shown = str(screen.query_one("#room-result").render())
    seeker.join(timeout=10)
    from quiz.reports.labels import session_name
    from quiz.store.opening import open_store

    assert screen.player is not None
    seat = rooms.state(screen.player.room_id).seat("小王")
    assert seat is not None and f"小王  {seat.score}" in shown
    sessions = open_store(tmp_path / "quiz.db").sessions("小王")
    assert [(s.mode, s.won, s.points) for s in sessions] == [(Mode.RACE, True, 3)]
    assert sessions[0].score == seat.score  # what the podium showed is what is booked
    assert session_name(sessions[0]) == "双人对战"
    rooms.db.close()


async def test_joining_from_the_home_screen(tmp_path: Path) -> None:
    from quiz.tui.screens.home import HomeScreen
    from quiz.tui.screens.room_join import JoinRoomScreen

    rooms = open_rooms(tmp_path / "quiz.db")
    pin = rooms.open("主持人", RoomSettings(questions=1, seconds=60), room_questions(1), HOST_TOKEN)
    app = app_with(tmp_path, "小王", lambda: HomeScreen())
    app.first_screen = None
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.ready, "loaded")
        menu = app.screen.query_one("#mode-menu")
        index = [o.id for o in menu.options].index("room")  # type: ignore[attr-defined]
        menu.highlighted = index  # type: ignore[attr-defined]
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, JoinRoomScreen), "PIN asked")
        await pilot.press("1", "2", "enter")  # too short: asked again
        assert isinstance(app.screen, JoinRoomScreen)
        await pilot.press("backspace", "backspace", *pin, "enter")
        await until(pilot, lambda: isinstance(app.screen, RoomPlayerScreen), "joined")
        await until(pilot, lambda: rooms.state(pin).seat("小王") is not None, "seated")
    rooms.db.close()


def footer(app: QuizApp) -> str:
    from quiz.tui.widgets.keybar import KeyBar

    return app.screen.query_one(KeyBar).render().plain


async def test_a_judge_question_asks_for_a_or_b_with_nothing_to_undo(tmp_path: Path) -> None:
    from quiz.bank.loader import load_bank
    from tests.conftest import BANK

    judge = next(q for q in load_bank([BANK]).questions if q.type.value == "judge")
    rooms = open_rooms(tmp_path / "quiz.db")
    pin = rooms.open(
        "主持人", RoomSettings(questions=2, seconds=60), [judge, *room_questions(1)], HOST_TOKEN
    )
    app = app_with(tmp_path, "小王", lambda: RoomPlayerScreen(pin))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RoomPlayerScreen), "player screen")
        screen = app.screen
        await until(pilot, showing(screen, RoomPhase.LOBBY), "joined")
        rooms.start(pin, HOST_TOKEN)
        await until(pilot, lambda: showing(screen, RoomPhase.QUESTION, 0)()
                    and bool(screen.query("OptionRow")), "judge question")  # fmt: skip
        await pilot.pause(0.05)
        hint = str(screen.query_one("#room-result").render())
        assert "按 A 正确 / B 错误" in hint and "A–F" not in hint
        assert "撤销" not in footer(app) and "提交" in footer(app)
        rooms.advance(pin, host_token=HOST_TOKEN)
        rooms.advance(pin, host_token=HOST_TOKEN)  # the second question: a single choice
        await until(pilot, lambda: showing(screen, RoomPhase.QUESTION, 1)()
                    and bool(screen.query("OptionRow")), "single choice")  # fmt: skip
        await pilot.pause(0.05)
        assert "按 A–F 选择" in str(screen.query_one("#room-result").render())
        assert "撤销" not in footer(app)
    rooms.db.close()


async def test_the_last_screen_gives_the_final_place(tmp_path: Path) -> None:
    rooms = open_rooms(tmp_path / "quiz.db")
    qs = room_questions(1)
    pin = rooms.open("主持人", RoomSettings(questions=1, seconds=60), qs, HOST_TOKEN)
    for name in ("甲", "乙"):
        rooms.join(pin, name, seat_token(name))
    app = app_with(tmp_path, "小王", lambda: RoomPlayerScreen(pin))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RoomPlayerScreen), "player screen")
        screen = app.screen
        await until(pilot, showing(screen, RoomPhase.LOBBY), "joined")
        rooms.start(pin, HOST_TOKEN)
        rooms.answer(pin, "甲", 0, right(qs[0]), "a", seat_token("甲"))
        rooms.answer(pin, "乙", 0, right(qs[0]), "b", seat_token("乙"))
        rooms.advance(pin, host_token=HOST_TOKEN)  # 小王 has not answered: the host skips
        await until(pilot, showing(screen, RoomPhase.REVEAL, 0), "the answer")
        assert "当前第 3 名（共 3 人）" in str(screen.query_one("#room-result").render())
        rooms.advance(pin, host_token=HOST_TOKEN)  # the podium
        await until(pilot, showing(screen, RoomPhase.FINISHED), "the podium")
        last = str(screen.query_one("#room-result").render())
        assert "最终第 3 名（共 3 人）" in last and "当前" not in last
    rooms.db.close()


def text_of(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def test_the_host_sees_who_has_answered_while_the_question_is_open(
    tmp_path: Path, store_location: str
) -> None:
    rooms = open_rooms(store_location)
    app = app_with(tmp_path, "主持人", lambda: RoomHostScreen(RoomSettings(2, 60)),
                   db=store_location)  # fmt: skip
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RoomHostScreen), "host screen")
        screen = app.screen
        assert isinstance(screen, RoomHostScreen)
        await until(pilot, lambda: screen.host is not None, "room opened")
        assert screen.host is not None
        pin = screen.host.room_id
        for name in ("甲", "乙", "丙"):
            rooms.join(pin, name, seat_token(name))
        await until(pilot, lambda: bool(screen.state and len(screen.state.players) == 3),
                    "three in the lobby")  # fmt: skip
        await pilot.press("enter")
        await until(pilot, showing(screen, RoomPhase.QUESTION, 0), "first question shown")
        assert "已答 0/3" in text_of(screen, "#room-status")
        assert "未答：甲、乙、丙" in text_of(screen, "#room-detail")
        question = rooms.state(pin).question
        assert question is not None
        rooms.answer(
            pin, "甲", 0, right(question), "k1", seat_token("甲")
        )  # an answer bumps no version
        await until(pilot, lambda: "已答 1/3" in text_of(screen, "#room-status"),
                    "the count moves while the question is open")  # fmt: skip
        assert "未答：乙、丙" in text_of(screen, "#room-detail")
        rooms.answer(pin, "丙", 0, right(question), "k3", seat_token("丙"))
        await until(pilot, lambda: "已答 2/3" in text_of(screen, "#room-status"), "two")
        assert "未答：乙" in text_of(screen, "#room-detail")
        assert rooms.state(pin).phase is RoomPhase.QUESTION
    rooms.db.close()


async def test_a_kicked_player_is_told_and_goes_home(tmp_path: Path, store_location: str) -> None:
    from quiz.tui.screens.home import HomeScreen

    rooms = open_rooms(store_location)
    pin = rooms.open("主持人", RoomSettings(questions=1, seconds=60), room_questions(1), HOST_TOKEN)
    app = app_with(tmp_path, "小王", lambda: RoomPlayerScreen(pin), db=store_location)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RoomPlayerScreen), "player screen")
        screen = app.screen
        await until(pilot, showing(screen, RoomPhase.LOBBY), "joined")
        rooms.kick(pin, "小王", HOST_TOKEN)
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "back home")
        assert f"你已被请出房间 {pin[:6]}" in notices(app)  # its PIN
    rooms.db.close()


async def test_players_are_told_the_host_is_gone_and_play_on_when_the_host_is_back(
    tmp_path: Path, store_location: str
) -> None:
    from quiz.usecases.room_client import RoomHost, connect
    from quiz.usecases.room_keys import RoomKeys
    from tests.rooms_support import expire, host_silent

    rooms, watcher = connect(store_location)
    qs = room_questions(2)
    host = RoomHost.open(
        rooms, watcher, "主持人", RoomSettings(questions=2, seconds=60), qs, RoomKeys("test")
    )
    app = app_with(tmp_path, "小王", lambda: RoomPlayerScreen(host.pin), db=store_location)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RoomPlayerScreen), "player screen")
        screen = app.screen
        await until(pilot, showing(screen, RoomPhase.LOBBY), "joined")
        host.start()
        await until(pilot, showing(screen, RoomPhase.QUESTION, 0), "the question")
        assert not screen.query_one("#room-notice").display
        host_silent(rooms.db, host.room_id)  # the host's process died a minute ago
        expire(rooms.db, host.room_id)  # and the question's time is up: nobody ends it
        await until(pilot, lambda: screen.query_one("#room-notice").display, "told")
        told = text_of(screen, "#room-notice")
        assert "主持人已离线" in told and "Esc" in told, told
        # The player's own process ends the question whose time is up: the answer shows.
        await until(pilot, showing(screen, RoomPhase.REVEAL, 0), "the answer shown")
        host.heartbeat()  # `quiz room host --resume PIN`
        await until(pilot, lambda: not screen.query_one("#room-notice").display, "back")
        assert "主持人回来了" in notices(app)
        host.next()
        await until(pilot, showing(screen, RoomPhase.QUESTION, 1), "the room goes on")
    watcher.close()
    rooms.db.close()


def test_join_backoff_waits_longer_after_each_miss() -> None:
    from quiz.usecases.join_backoff import FREE_MISSES, JoinBackoff

    now = [100.0]
    backoff = JoinBackoff(now=lambda: now[0])
    for _ in range(FREE_MISSES):
        backoff.missed()
        assert backoff.wait_left() == 0  # typos cost nothing
    waits = []
    for _ in range(8):
        backoff.missed()
        waits.append(backoff.wait_left())
    assert waits == [2, 4, 8, 16, 32, 60, 60, 60]
    now[0] += 60
    assert backoff.wait_left() == 0
    backoff.found()
    backoff.missed()
    assert backoff.wait_left() == 0


async def test_a_session_that_guesses_pins_is_made_to_wait(tmp_path: Path) -> None:
    """加入房间 in one session: after a few PINs that found no room, the next try waits, and
    does not reach the store (whose own count of the player's misses stops growing)."""
    from quiz.tui.screens.home import HomeScreen
    from quiz.usecases.join_backoff import FREE_MISSES

    rooms = open_rooms(tmp_path / "quiz.db")
    rooms.open("主持人", RoomSettings(questions=1, seconds=60), room_questions(1), HOST_TOKEN)
    app = app_with(tmp_path, "小王", lambda: HomeScreen())
    app.first_screen = None

    def misses() -> int:
        with rooms.transaction() as cur:
            cur.execute("SELECT count(*) FROM room_guesses WHERE who = ?", ("小王",))
            return int(cur.fetchone()[0])

    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.ready, "loaded")
        for attempt in range(FREE_MISSES + 2):
            app.push_screen(RoomPlayerScreen(f"{attempt:06d}"))
            await until(pilot, lambda: isinstance(app.screen, HomeScreen), "back home")
        assert misses() == FREE_MISSES + 1  # the last try never reached the store
        assert any("秒后再试" in notice for notice in notices(app)), notices(app)
    rooms.db.close()
