"""Snapshots of the room screens: the host's lobby and standings, a player's question and the
podium, at 80×24 and 120×40. The PIN and the countdown are pinned so the pictures are stable."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from quiz.rooms.model import RoomPhase, RoomSettings
from quiz.store.opening import open_rooms
from quiz.tui.screens.room_base import RoomScreen
from quiz.tui.screens.room_host import RoomHostScreen
from quiz.tui.screens.room_player import RoomPlayerScreen
from tests.rooms_support import (
    HOST_TOKEN,
    finish_on_the_podium,
    podium_room,
    right,
    room_questions,
    seat_token,
    wrong,
)
from tests.tui.test_tui_rooms import app_with

SIZES = [(80, 24), (120, 40)]
SnapCompare = Callable[..., bool]
PIN = "246810"


@pytest.fixture(autouse=True)
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quiz.store.rooms.secrets.randbelow", lambda _n: int(PIN))
    monkeypatch.setattr(RoomScreen, "remaining", lambda self: 12.0)
    monkeypatch.setattr(  # the same questions every time (single choice, in id order)
        "quiz.tui.screens.room_host.room_questions",
        lambda _bank, count, _section: room_questions(count),
    )


async def wait(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    for _ in range(400):
        if condition():
            await pilot.pause(0.1)
            return
        await pilot.pause(0.025)
    raise AssertionError("the room screen never got there")


def room_screen(app: Any) -> Any:
    """The room screen on top (typed loosely: tests read its state)."""
    return app.screen


def phase_is(app: Any, phase: RoomPhase, standings: bool = False) -> Callable[[], bool]:
    def check() -> bool:
        screen = app.screen
        if not isinstance(screen, RoomScreen) or screen.state is None:
            return False
        if isinstance(screen, RoomHostScreen) and standings != screen.showing_standings:
            return False
        return screen.state.phase is phase

    return check


@pytest.mark.parametrize("size", SIZES)
def test_host_lobby(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    app = app_with(tmp_path, "主持人", lambda: RoomHostScreen(RoomSettings(3, 20)))

    async def run_before(pilot: Pilot[None]) -> None:
        await wait(
            pilot, lambda: isinstance(app.screen, RoomHostScreen) and app.screen.host is not None
        )
        rooms = open_rooms(tmp_path / "quiz.db")
        room = room_screen(app).host.room_id
        for name in ("江城学子", "红船领航", "[b]东湖[/b]"):  # a name is shown as written
            rooms.join(room, name, seat_token(name))
        await wait(
            pilot, lambda: bool(room_screen(app).state and len(room_screen(app).state.players) == 3)
        )

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_player_question(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    rooms = open_rooms(tmp_path / "quiz.db")
    room = rooms.open("主持人", RoomSettings(3, 20), room_questions(3), HOST_TOKEN)
    app = app_with(tmp_path, "小王", lambda: RoomPlayerScreen(PIN))  # joined by its PIN

    async def run_before(pilot: Pilot[None]) -> None:
        await wait(pilot, phase_is(app, RoomPhase.LOBBY))
        rooms.start(room, HOST_TOKEN)
        await wait(
            pilot,
            lambda: phase_is(app, RoomPhase.QUESTION)() and bool(app.screen.query("OptionRow")),
        )

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_host_standings(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    app = app_with(tmp_path, "主持人", lambda: RoomHostScreen(RoomSettings(3, 20)))

    async def run_before(pilot: Pilot[None]) -> None:
        await wait(
            pilot, lambda: isinstance(app.screen, RoomHostScreen) and app.screen.host is not None
        )
        rooms = open_rooms(tmp_path / "quiz.db")
        room = room_screen(app).host.room_id
        for name in ("江城学子", "红船领航", "东湖晨读"):
            rooms.join(room, name, seat_token(name))
        await wait(
            pilot, lambda: bool(room_screen(app).state and len(room_screen(app).state.players) == 3)
        )
        room_screen(app).host.start()  # as the host's Enter does
        question = rooms.state(room).question
        assert question is not None
        rooms.answer(room, "江城学子", 0, right(question), "a", seat_token("江城学子"))
        rooms.answer(room, "红船领航", 0, wrong(question), "b", seat_token("红船领航"))
        rooms.answer(room, "东湖晨读", 0, right(question), "c", seat_token("东湖晨读"))
        with rooms.db.transaction() as cur:
            cur.execute("UPDATE room_seats SET score = CASE name WHEN '江城学子' THEN 982"
                        " WHEN '东湖晨读' THEN 871 ELSE 0 END WHERE room = ?", (room,))  # fmt: skip
        await wait(
            pilot, lambda: phase_is(app, RoomPhase.REVEAL)() and room_screen(app).spread is not None
        )
        await pilot.press("enter")
        await wait(pilot, phase_is(app, RoomPhase.REVEAL, standings=True))

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_player_podium(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    rooms = open_rooms(tmp_path / "quiz.db")
    room = podium_room(rooms)
    app = app_with(tmp_path, "小王", lambda: RoomPlayerScreen(PIN))

    async def run_before(pilot: Pilot[None]) -> None:
        await wait(pilot, phase_is(app, RoomPhase.LOBBY))
        finish_on_the_podium(rooms, room)
        await wait(pilot, phase_is(app, RoomPhase.FINISHED))

    assert snap_compare(app, terminal_size=size, run_before=run_before)
