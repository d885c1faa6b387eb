"""Rooms in the TUI's history: listed beside the runs with the PIN and the place (or, hosted, how
many played and who won), a filter for rooms only, and Enter opening a room's detail — the
player's answers with their points, or the host's distribution — then the standings. Pictures
at 80×24 and 120×40."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Select

from quiz.bank.loader import load_bank
from quiz.engine.modes import Mode
from quiz.reports.rooms import RoomRole, RoomRow
from quiz.store.opening import open_rooms, open_store
from quiz.system.clock import FixedClock
from quiz.tui.screens.history import HistoryScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.room_record import RoomRecordScreen
from quiz.tui.widgets.table import PlainTable
from quiz.usecases.play import Run
from quiz.usecases.services import Services
from tests.conftest import BANK
from tests.factories import BEIJING, START
from tests.rooms_support import pin_room_times, play_room
from tests.tui_support import make_app, make_services, settle, wait_for

SnapCompare = Callable[..., bool]
SIZES = [(80, 24), (120, 40)]
PLAYED, HOSTED = "246810", "135790"


@pytest.fixture(autouse=True)
def pins(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    chosen = iter([int(PLAYED), int(HOSTED)])
    monkeypatch.setattr("quiz.store.rooms.secrets.randbelow", lambda _n: next(chosen))
    yield


def seeded(tmp_path: Path, lang: str) -> Services:
    """小王's history: a daily run (11-28), a room they hosted (11-25) and one they played in
    and won (11-20), with fixed times and points."""
    services = make_services(tmp_path, lang=lang)
    rooms = open_rooms(services.settings.db)
    try:
        played = play_room(rooms)
        hosted = play_room(rooms, host="小王", players=("江城学子", "红船领航", "东湖晨读", "坏人"))
        assert (played[:6], hosted[:6]) == (PLAYED, HOSTED)  # a room's id starts with its PIN
        pin_room_times(rooms.db, played, datetime(2026, 11, 20, 10, 0, tzinfo=BEIJING).timestamp())
        pin_room_times(rooms.db, hosted, datetime(2026, 11, 25, 20, 0, tzinfo=BEIJING).timestamp())
    finally:
        rooms.db.close()
    store = open_store(services.settings.db)
    questions = sorted(load_bank([BANK]).questions, key=lambda q: q.id)
    run = Run.start(store, "小王", questions, Mode.DAILY, FixedClock(START), seed=3)
    for index in range(5):
        question = run.session.current
        run.submit(question.answer if index % 2 else ("?",), 5.0)
        run.session.proceed()
    run.finish()
    store.close()
    return services


def cells(table: PlainTable, row: int) -> list[str]:
    return [str(cell) for cell in table.get_row_at(row)]


async def open_history(pilot: Pilot[None]) -> HistoryScreen:
    await wait_for(pilot, HomeScreen)
    await pilot.press("h")
    screen = await wait_for(pilot, HistoryScreen)
    await settle(pilot)
    return screen


async def test_rooms_are_listed_and_open_in_detail(tmp_path: Path) -> None:
    app = make_app(seeded(tmp_path, "en"))
    async with app.run_test(size=(120, 40)) as pilot:
        history = await open_history(pilot)
        table = history.query_one(PlainTable)
        assert [cells(table, i)[1] for i in range(table.row_count)] == [
            "Daily quiz",
            f"Hosted {HOSTED} (3)",
            f"Room {PLAYED} #1/3",
        ]
        assert cells(table, 2)[2:] == ["1800", "100% (2/2)", "0:08", "0", "finished"]
        assert cells(table, 1)[2:4] == ["1800", "50% (3/6)"]

        await pilot.press("down", "down", "enter")
        record = await wait_for(pilot, RoomRecordScreen)
        await settle(pilot)
        assert record.loaded and record.detail is not None
        assert (record.detail.row.pin, record.detail.row.role) == (PLAYED, RoomRole.PLAYER)
        title = str(record.query_one("#room-record-title").render())
        assert f"Room {PLAYED}" in title and "#1 of 3" in title and "score 1800" in title
        body = " ".join(str(w.render()) for w in record.query("#room-record-body WrapText"))
        assert "+900" in body and "(3.5s)" in body and "1 right of 2 answers" in body
        assert "Final ranking" in body
        await pilot.press("escape")
        await wait_for(pilot, HistoryScreen)

        await pilot.press("up", "enter")
        record = await wait_for(pilot, RoomRecordScreen)
        await settle(pilot)
        assert record.detail is not None and record.detail.row.role is RoomRole.HOST
        body = " ".join(str(w.render()) for w in record.query("#room-record-body WrapText"))
        assert "█" in body and "江城学子" in body
        await pilot.press("escape")

        history = await wait_for(pilot, HistoryScreen)
        history.query_one("#filter-mode", Select).value = "room"
        await settle(pilot)
        assert [type(r) for r in history.rows] == [RoomRow, RoomRow]
        history.query_one("#filter-mode", Select).value = Mode.DAILY.value
        await settle(pilot)
        assert [r.kind.value for r in history.rows] == ["run"]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_history_with_rooms_snapshot(
    snap_compare: SnapCompare, tmp_path: Path, lang: str, size: tuple[int, int]
) -> None:
    app = make_app(seeded(tmp_path, lang))

    async def run_before(pilot: Pilot[None]) -> None:
        await open_history(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("role", ["player", "host"])
def test_room_detail_snapshot(
    snap_compare: SnapCompare, tmp_path: Path, role: str, size: tuple[int, int]
) -> None:
    app = make_app(seeded(tmp_path, "zh"))

    async def run_before(pilot: Pilot[None]) -> None:
        await open_history(pilot)
        await pilot.press(*(["down", "down"] if role == "player" else ["down"]), "enter")
        await wait_for(pilot, RoomRecordScreen)
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


async def test_names_and_answers_are_shown_as_written(tmp_path: Path) -> None:
    from quiz.tui.app import QuizApp

    services = make_services(tmp_path, lang="en")
    rooms = open_rooms(services.settings.db)
    try:
        pin = play_room(rooms, host="小王", players=("[b]甲[/b]", "乙\x1b[31m", "丙", "丁"))
    finally:
        rooms.db.close()
    app = QuizApp(services, first_screen=lambda: RoomRecordScreen(pin, RoomRole.HOST))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            if isinstance(app.screen, RoomRecordScreen) and app.screen.loaded:
                break
            await pilot.pause(0.025)
        screen = app.screen
        assert isinstance(screen, RoomRecordScreen) and screen.loaded
        title = str(screen.query_one("#room-record-title").render())
        assert "1st [b]甲[/b]" in title
        body = "\n".join(str(w.render()) for w in screen.query("#room-record-body WrapText"))
        assert "[b]甲[/b]" in body and "乙" in body and "\x1b" not in body
