"""The 组织 screen's drill-down: Enter on a unit lists its members (and those of the units under
it) with their participation, answers, accuracy and last day of play in the screen's period; F
shows only those who have not taken part (未参与). On every store backend; snapshots at two
sizes in both languages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.org import OrgScreen
from quiz.tui.screens.org_members import UnitMembersScreen
from tests.tui.test_tui_org import campaign, cells, loaded
from tests.tui_support import make_app, make_services, settle, wait_for

SnapCompare = Callable[..., bool]


async def members_of(pilot: Pilot[None], down: int) -> UnitMembersScreen:
    """From home: the 组织 screen, the tree's row `down` rows from the top, its members."""
    await wait_for(pilot, HomeScreen)
    await pilot.press("o")
    await loaded(pilot)
    for _ in range(down):
        await pilot.press("down")
    await pilot.press("enter")
    screen = await wait_for(pilot, UnitMembersScreen)
    for _ in range(100):
        if screen.loaded:
            break
        await pilot.pause(0.02)
    await settle(pilot)
    return screen


async def test_a_unit_drills_down_to_its_members(tmp_path: Path, store_location: str) -> None:
    campaign(store_location)
    app = make_app(make_services(tmp_path, lang="zh", db=store_location))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await members_of(pilot, 1)  # 计算机学院, this month (the clock: 28 November)
        assert screen.unit == "武汉大学/计算机学院"
        table: DataTable[Any] = screen.query_one(DataTable)
        # By unit (学生第一党支部 sorts before 教工第一党支部, byte-wise), then name.
        assert cells(table, 0) == ["张三", "赵四", "李二", "王一"]
        # No one has a login in this campaign: no login column.
        assert cells(table, 1) == ["学生第一党支部", "学生第一党支部", "教工第一党支部",
                                   "教工第一党支部"]  # fmt: skip
        assert cells(table, 2) == ["已参与", "已参与", "未参与", "已参与"]
        assert cells(table, 3) == ["5", "5", "0", "5"]
        assert [c.strip() for c in cells(table, 4)] == ["20%", "20%", "—", "100%"]
        assert cells(table, 5) == ["2026-11-28", "2026-11-25", "2026-10-20", "2026-11-27"]
        status = str(screen.query_one("#members-status").render())
        assert "4 人中 3 人参与" in status and "1 人未参与" in status
        await pilot.press("f")  # 未参与 only
        assert cells(table, 0) == ["李二"]
        await pilot.press("f")
        assert table.row_count == 4
        await pilot.press("escape")
        await wait_for(pilot, OrgScreen)


async def test_the_unassigned_row_has_no_members_to_show(
    tmp_path: Path, store_location: str
) -> None:
    campaign(store_location)
    app = make_app(make_services(tmp_path, lang="en", db=store_location))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, HomeScreen)
        await pilot.press("o")
        screen = await loaded(pilot)
        for _ in range(6):  # the last row: players who are not on the roster
            await pilot.press("down")
        assert screen.chosen_unit() is None
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OrgScreen)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_members_snapshot(
    snap_compare: SnapCompare, tmp_path: Path, lang: str, size: tuple[int, int]
) -> None:
    campaign(tmp_path / "quiz.db")
    app = make_app(make_services(tmp_path, lang=lang))

    async def drill(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await members_of(pilot, 0)  # 武汉大学: everyone
        await pilot.press("f")
        await pilot.press("f")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=drill)
