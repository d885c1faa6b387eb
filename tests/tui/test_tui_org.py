"""The 组织 screen: reached from home by a key and from the command palette; the tree sorted,
the period changed, the unit ranking and the top players shown, on every store backend;
snapshots at two sizes (drawn the same whatever the backend: SQLite)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList

from quiz.engine.modes import Mode
from quiz.org.models import RosterEntry
from quiz.store.opening import open_store
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.org import OrgScreen
from quiz.usecases.play import Run
from tests.factories import BEIJING, bank, clock, right, wrong
from tests.tui_support import make_app, make_services, settle, wait_for

SnapCompare = Callable[..., bool]
ONE = "武汉大学/计算机学院/教工第一党支部"
TWO = "武汉大学/计算机学院/学生第一党支部"
ARTS = "武汉大学/文学院/教工党支部"


def campaign(db: Path | str) -> None:
    """Six members in three branches and a visitor; plays this month (the app's clock is 28
    November 2026) and two in October."""
    store = open_store(db)
    roster = [("王一", ONE), ("李二", ONE), ("张三", TWO), ("赵四", TWO), ("钱五", ARTS),
              ("孙六", ARTS)]  # fmt: skip
    entries = [RosterEntry(n, name, where) for n, (name, where) in enumerate(roster, 1)]
    store.import_roster(entries, {}, datetime(2026, 11, 1, tzinfo=BEIJING))
    plays = [("王一", 11, 27, 5), ("李二", 10, 20, 3), ("张三", 11, 28, 1), ("赵四", 11, 25, 1),
             ("钱五", 11, 3, 2), ("孙六", 10, 15, 5), ("访客", 11, 26, 1)]  # fmt: skip
    for user, month, day, ok in plays:
        when = datetime(2026, month, day, 9, tzinfo=BEIJING)
        run = Run.start(store, user, bank(), Mode.DAILY, clock(when), seed=1)
        for i in range(5):
            q = run.session.current
            run.submit(right(q) if i < ok else wrong(q), 2.0)
            run.session.proceed()
        run.finish()
    store.close()


def cells(table: DataTable[Any], column: int) -> list[str]:
    return [str(table.get_row_at(i)[column]) for i in range(table.row_count)]


async def loaded(pilot: Pilot[None]) -> OrgScreen:
    screen = await wait_for(pilot, OrgScreen)
    for _ in range(500):  # a loaded machine (CI beside other work) takes seconds
        if screen.loaded:
            break
        await pilot.pause(0.02)
    assert screen.loaded
    await settle(pilot)
    # The tables lay out their columns after the rows come, later on a loaded machine: wait
    # until their widths read the same three times running (bounded), not a fixed pause.
    last: object = None
    steady = 0
    for _ in range(100):
        await pilot.pause(0.05)
        widths = [
            (table.virtual_size, tuple(c.get_render_width(table) for c in table.columns.values()))
            for table in screen.query(DataTable)
        ]
        steady = steady + 1 if widths == last else 0
        last = widths
        if steady >= 3:
            break
    return screen


async def test_org_screen_from_home_sorted_and_by_period(
    tmp_path: Path, store_location: str
) -> None:
    campaign(store_location)
    app = make_app(make_services(tmp_path, lang="zh", db=store_location))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, HomeScreen)
        await pilot.press("o")
        screen = await loaded(pilot)
        tree = screen.query_one("#org-tree", DataTable)
        # This month, by participation: 学生第一党支部 (2 of 2) before 教工第一党支部 (1 of 2).
        assert [c.strip() for c in cells(tree, 0)] == [
            "武汉大学", "计算机学院", "学生第一党支部", "教工第一党支部", "文学院", "教工党支部",
            "(未编入)",
        ]  # fmt: skip
        assert cells(tree, 1)[0] == "6" and cells(tree, 2)[0] == "4"
        assert cells(tree, 6) == ["9", "7", "2", "5", "2", "2", "1"]
        await pilot.press("s")  # by points: 教工第一党支部 (5) before 学生第一党支部 (2)
        assert [c.strip() for c in cells(tree, 0)][2:4] == ["教工第一党支部", "学生第一党支部"]
        await pilot.press("w")  # the last 7 days: 钱五 (the 3rd) drops out
        screen = await loaded(pilot)
        assert cells(tree, 2)[0] == "3" and cells(tree, 6)[0] == "7"
        await pilot.press("w")  # all time: the October runs count
        screen = await loaded(pilot)
        assert str(screen.query_one("#org-status").render()).startswith("全部时间 · ")
        assert cells(tree, 2)[0] == "6" and cells(tree, 6)[0] == "17"
        await pilot.press("v")  # the units ranked by the current sort (points)
        ranked = screen.query_one("#org-units", DataTable)
        assert cells(ranked, 1) == [ONE, ARTS, TWO]
        await pilot.press("v")
        players = screen.query_one("#org-players", DataTable)
        assert cells(players, 1) == ["孙六", "王一", "李二", "钱五", "张三", "访客", "赵四"]
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)


async def test_org_screen_from_the_command_palette(tmp_path: Path, store_location: str) -> None:
    campaign(store_location)
    app = make_app(make_services(tmp_path, lang="zh", db=store_location))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"组织")
        await settle(pilot)
        await pilot.press("enter")
        screen = await loaded(pilot)
        assert screen.query_one("#org-tree", DataTable).row_count == 7


@pytest.mark.parametrize(("lang", "name"), [("zh", "组织"), ("en", "Organisation")])
async def test_org_screen_from_the_home_menu(tmp_path: Path, lang: str, name: str) -> None:
    app = make_app(make_services(tmp_path, lang=lang))
    async with app.run_test(size=(100, 40)) as pilot:
        home = await wait_for(pilot, HomeScreen)
        menu = home.query_one("#mode-menu", OptionList)
        ids = [menu.get_option_at_index(i).id for i in range(menu.option_count)]
        assert "org" in ids
        org = menu.get_option_at_index(ids.index("org"))
        assert str(org.prompt).startswith(name)
        menu.highlighted = ids.index("org")
        await pilot.press("enter")
        await loaded(pilot)


async def test_org_screen_without_a_roster_says_how_to_start(
    tmp_path: Path, store_location: str
) -> None:
    app = make_app(make_services(tmp_path, lang="en", db=store_location))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        await pilot.press("o")
        screen = await loaded(pilot)
        status = str(screen.query_one("#org-status").render())
        assert "quiz org import roster.csv" in status


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_org_snapshot(
    snap_compare: SnapCompare, tmp_path: Path, lang: str, size: tuple[int, int]
) -> None:
    campaign(tmp_path / "quiz.db")
    app = make_app(make_services(tmp_path, lang=lang))

    async def open_org(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("o")
        await loaded(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_org)


async def test_the_bars_follow_the_terminals_width(tmp_path: Path) -> None:
    campaign(tmp_path / "quiz.db")
    app = make_app(make_services(tmp_path, lang="zh"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        screen = await loaded(pilot)

        def bar_cells() -> int:
            tree = screen.query_one("#org-tree", DataTable)
            return cell_len(str(tree.get_row_at(0)[3]))

        wide = bar_cells()
        await pilot.resize_terminal(90, 30)  # under 100 columns: the narrow bar
        await settle(pilot)
        await pilot.pause(0.1)
        assert bar_cells() < wide
        narrow = bar_cells()
        await pilot.resize_terminal(95, 30)  # the same bar width: nothing to fill again
        await settle(pilot)
        assert bar_cells() == narrow
