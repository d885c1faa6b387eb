"""历史记录: the player's sessions and rooms, sortable and filterable; Enter opens one."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Select

from quiz.engine.modes import PLAYABLE, Mode
from quiz.i18n import t
from quiz.reports.history import HistoryPage, HistoryRow, SessionFilter
from quiz.reports.labels import (
    accuracy_cell,
    duration,
    mode_name,
    score_cell,
    session_name,
    short_time,
)
from quiz.reports.rooms import RoomRow
from quiz.reports.runs import SessionKind
from quiz.tui.base import QuizScreen
from quiz.tui.messages import OpenRoomRecord, OpenSession, Result
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.plain import Plain
from quiz.tui.widgets.table import PlainTable


@dataclass(repr=False, eq=False)
class HistoryReady(Result):
    page: HistoryPage


COLUMNS = ("started", "mode", "score", "accuracy", "time", "points", "status")
RANGES = {"all": None, "today": 0, "week": 6, "month": 29, "year": 364}
ROOMS = SessionKind.ROOM.value
"""The filter's entry for rooms only, after the modes."""


class HistoryScreen(QuizScreen[None]):
    KEY_HELP = (
        ("↑↓  Enter", "help.history.open"),
        ("S / V", "help.sort"),
        ("Tab", "help.history.filters"),
        ("Esc", "help.back"),
    )
    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("s", "next_sort", "key.sort"),
        Binding("v", "reverse", "key.reverse"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter = SessionFilter()
        self.rows: tuple[HistoryRow, ...] = ()
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Plain(t("history.title"), classes="screen-title")
        with Horizontal(id="history-filters"):
            yield Select(
                [(t("history.all_modes"), "")]
                + [(mode_name(m), m.value) for m in PLAYABLE]
                + [(t("history.rooms"), ROOMS)],
                value="",
                allow_blank=False,
                id="filter-mode",
            )
            yield Select(
                [(t(f"history.range.{key}"), key) for key in RANGES],
                value="all",
                allow_blank=False,
                id="filter-range",
            )
        table = PlainTable(id="history-table", cursor_type="row")
        for column in COLUMNS:
            table.add_column(t(f"history.{column}"), key=column)
        yield table
        yield Plain(id="history-count")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(PlainTable).focus()
        self.reload()

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def reload(self) -> None:
        page = self.services.read.history(self.filter)
        self.post_message(HistoryReady(page))

    def on_history_ready(self, message: HistoryReady) -> None:
        self.show(message.page)

    def show(self, page: HistoryPage) -> None:
        self.rows = rows = page.rows
        total = page.total
        table = self.query_one(PlainTable)
        table.clear()
        for row in rows:
            table.add_row(
                short_time(row.started_at),
                session_name(row),
                score_cell(row),
                accuracy_cell(row),
                duration(row.elapsed),
                str(row.points),
                t(f"history.{row.status}"),
                key=row.key,
            )
        arrow = "↓" if self.filter.descending else "↑"
        sort = t(f"history.{self.filter.sort}")
        self.query_one("#history-count", Plain).update(
            t("history.count", shown=len(rows), total=total, sort=f"{sort}{arrow}")
        )
        self.loaded = True

    def on_select_changed(self, event: Select.Changed) -> None:
        value = str(event.value)
        if event.select.id == "filter-mode":
            mode = Mode(value) if value and value != ROOMS else None
            kind = SessionKind.ROOM if value == ROOMS else None
            self.filter = replace(self.filter, mode=mode, kind=kind)
        else:
            days = RANGES.get(value)
            since = None if days is None else self.services.read.today() - timedelta(days=days)
            self.filter = replace(self.filter, since=since, until=None)
        self.reload()

    def sort_by(self, column: str, descending: bool) -> None:
        self.filter = replace(self.filter, sort=column, descending=descending)
        self.reload()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        column = str(event.column_key.value)
        if column == "status":
            return
        same = column == self.filter.sort
        self.sort_by(column, not self.filter.descending if same else True)

    def action_next_sort(self) -> None:
        sortable = [c for c in COLUMNS if c != "status"]
        following = sortable[(sortable.index(self.filter.sort) + 1) % len(sortable)]
        self.sort_by(following, True)

    def action_reverse(self) -> None:
        self.sort_by(self.filter.sort, not self.filter.descending)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        row = next((r for r in self.rows if r.key == event.row_key.value), None)
        if isinstance(row, RoomRow):
            self.post_message(OpenRoomRecord(row.room_id, row.role))
        elif row is not None:
            self.post_message(OpenSession(row.id))

    def action_back(self) -> None:
        self.dismiss()
