"""组织: participation by unit, as a tree with bars (brothers sorted), the units ranked, and
the top players, for this month, the last 7 days or everything."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import TabbedContent, TabPane

from quiz.i18n import t
from quiz.org.models import UNASSIGNED
from quiz.org.report import SORT_KEYS, OrgReport, UnitLine, sorted_tree, unit_ranking
from quiz.reports.labels import period_text, share_text
from quiz.tui.base import ORGANISER_SIZE, QuizScreen
from quiz.tui.messages import Result
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.plain import Plain
from quiz.tui.widgets.table import PlainTable


@dataclass(repr=False, eq=False)
class OrgReportReady(Result):
    """Participation by unit for the 组织 screen (None: nothing is saved)."""

    report: OrgReport | None


WINDOWS = ("month", "week", "all")
VIEWS = ("tree", "units", "players")
BAR, NARROW_BAR = 12, 6  # cells; the narrow bar below 100 columns keeps 80 free of scrolling


def window(name: str, today: date) -> tuple[date | None, date | None]:
    if name == "month":
        return today.replace(day=1), today
    if name == "week":
        return today - timedelta(days=6), today
    return None, None


def share_bar(share: float | None, width: int = BAR) -> Text:
    """`██████░░░░  60%` as coloured cells (block characters are double width in many
    Chinese terminals)."""
    filled = round(width * (share or 0.0))
    text = Text(" " * filled, style="on green4")
    text.append(" " * (width - filled), style="on grey23")
    text.append(f" {share_text(share):>4}")
    return text


def unit_name(line: UnitLine, indent: bool) -> Text:
    if line.unit == UNASSIGNED:
        return Text(t("org.unassigned"), style="italic")
    return Text("  " * line.depth + line.name if indent else line.unit)


class OrgScreen(QuizScreen[None]):
    MIN_SIZE = ORGANISER_SIZE  # an organiser's screen (quiz.tui.base)
    BINDINGS = [
        Binding("escape", "back", "key.back"),
        # Priority: the table's own Enter selects a row; here it opens the unit's members.
        Binding("enter", "members", "key.members", priority=True),
        Binding("s", "next_sort", "key.sort"),
        Binding("w", "next_window", "key.window"),
        Binding("v", "next_view", "key.view"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort = SORT_KEYS[0]
        self.window = WINDOWS[0]
        self.report: OrgReport | None = None
        self.loaded = False
        self._filled_bar = 0

    def compose(self) -> ComposeResult:
        yield Plain(t("org.title"), classes="screen-title")
        yield Plain(t("home.loading"), id="org-status")
        with TabbedContent(id="org-views"):
            with TabPane(t("org.tab.tree"), id="tree"):
                yield self.table("org-tree", ("unit", "members", "active", "participation",
                                              "answers", "accuracy", "points"))  # fmt: skip
            with TabPane(t("org.tab.units"), id="units"):
                yield self.table("org-units", ("rank", "unit", "members", "participation",
                                               "points"))  # fmt: skip
            with TabPane(t("org.tab.players"), id="players"):
                yield self.table("org-players", ("rank", "name", "unit", "points"))
        yield KeyBar()

    @staticmethod
    def table(name: str, columns: tuple[str, ...]) -> PlainTable:
        table = PlainTable(id=name, cursor_type="row")
        for column in columns:
            label = "#" if column == "rank" else t(f"org.view.{column}")
            table.add_column(label, key=column)
        return table

    def on_mount(self) -> None:
        self.query_one("#org-tree", PlainTable).focus()
        self.load()

    def on_resize(self) -> None:
        # the bars are as wide as the terminal allows: filled again only when that changes (a
        # refill on every resize redraws the tables for nothing, and a snapshot or a reader
        # may catch them half laid out)
        if self.loaded and self._bar_width() != self._filled_bar:
            self.call_after_refresh(self.fill)

    def _bar_width(self) -> int:
        return BAR if self.app.size.width >= 100 else NARROW_BAR

    @work(thread=True, exclusive=True, group="org")
    def load(self) -> None:
        start, end = window(self.window, self.services.read.today())
        self.post_message(OrgReportReady(self.services.read.org_report(start, end)))

    def on_org_report_ready(self, message: OrgReportReady) -> None:
        self.report = message.report
        self.fill()
        self.loaded = True

    def fill(self) -> None:
        report = self.report
        units = report.units if report else ()
        bar = self._filled_bar = self._bar_width()
        tree = self.query_one("#org-tree", PlainTable)
        tree.clear()
        for line in sorted_tree(units, self.sort):
            f = line.figures
            tree.add_row(unit_name(line, indent=True), str(f.members), str(f.active),
                         share_bar(line.participation, bar), str(f.answers),
                         share_text(line.accuracy),
                         str(f.points), key=line.unit)  # fmt: skip
        ranked = self.query_one("#org-units", PlainTable)
        ranked.clear()
        for rank, line in enumerate(unit_ranking(units, self.sort), start=1):
            ranked.add_row(str(rank), unit_name(line, indent=False), str(line.figures.members),
                           share_bar(line.participation, bar), str(line.figures.points),
                           key=line.unit)  # fmt: skip
        players = self.query_one("#org-players", PlainTable)
        players.clear()
        for rank, player in enumerate(report.players if report else (), start=1):
            where = t("org.unassigned") if player.unit == UNASSIGNED else player.unit
            players.add_row(str(rank), player.user, where,
                            str(player.points))  # fmt: skip
        self.query_one("#org-status", Plain).update(self.status(report))

    def status(self, report: OrgReport | None) -> Text:
        if report is None:
            return Text(t("home.not_saved"))
        if not report.units:
            return Text(t("org.no_report"))
        return Text(
            t("org.status", period=self.period(report), sort=t(f"org.view.{self.sort}"),
              count=len(report.units))
        )  # fmt: skip

    def period(self, report: OrgReport) -> str:
        period = period_text(report.start, report.end)
        if self.window != "all":  # this month, the last 7 days: and which days they are
            period = f"{t(f'org.window.{self.window}')} {period}"
        return period

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "members":  # a unit's row is under the cursor (not a player's)
            return self.chosen_unit() is not None
        return True

    def chosen_unit(self) -> str | None:
        """The unit of the row under the cursor of the tree or the ranking, when it is one of
        the roster's units."""
        table = self.focused
        if not isinstance(table, PlainTable) or table.id not in ("org-tree", "org-units"):
            return None
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return key if key and key != UNASSIGNED else None

    def action_members(self) -> None:
        from quiz.tui.screens.org_members import UnitMembersScreen

        unit, report = self.chosen_unit(), self.report
        if unit is None or report is None:
            return
        self.app.push_screen(UnitMembersScreen(unit, report.start, report.end, self.period(report)))

    def action_next_sort(self) -> None:
        self.sort = SORT_KEYS[(SORT_KEYS.index(self.sort) + 1) % len(SORT_KEYS)]
        self.fill()

    def action_next_window(self) -> None:
        self.window = WINDOWS[(WINDOWS.index(self.window) + 1) % len(WINDOWS)]
        self.loaded = False
        self.load()

    def action_next_view(self) -> None:
        views = self.query_one(TabbedContent)
        following = VIEWS[(VIEWS.index(str(views.active)) + 1) % len(VIEWS)]
        views.active = following
        self.query_one(f"#org-{following}", PlainTable).focus()

    def action_back(self) -> None:
        self.dismiss()
