"""A unit's members (the 组织 screen's drill-down): each member of the unit and the units under
it, whether they took part in the window, their answers, accuracy and last day of play; F shows
only those who have not taken part (未参与)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding

from quiz.i18n import t
from quiz.org.models import MemberActivity
from quiz.reports.labels import share_text
from quiz.tui.base import QuizScreen
from quiz.tui.messages import Result
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.plain import Plain
from quiz.tui.widgets.table import PlainTable

COLUMNS = ("name", "login", "unit", "took_part", "answers", "accuracy", "last_active")


@dataclass(repr=False, eq=False)
class MembersReady(Result):
    """The unit's members and their play in the window."""

    members: list[MemberActivity]


def below(unit: str, path: str) -> str:
    """A member's unit as seen from the unit drilled into: `.` for the unit itself."""
    return path[len(unit) + 1 :] if path.startswith(unit + "/") else "."


class UnitMembersScreen(QuizScreen[None]):
    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("f", "toggle_absent", "key.absent_only"),
    ]

    def __init__(self, unit: str, start: date | None, end: date | None, period: str) -> None:
        super().__init__()
        self.unit = unit
        self.start = start
        self.end = end
        self.period = period
        self.members: list[MemberActivity] = []
        self.absent_only = False
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Plain(self.unit, classes="screen-title")
        yield Plain(t("home.loading"), id="members-status")
        yield PlainTable(id="members-table", cursor_type="row")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(PlainTable).focus()
        self.load()

    @work(thread=True, exclusive=True, group="members")
    def load(self) -> None:
        found = self.services.read.member_activity(self.unit, self.start, self.end)
        self.post_message(MembersReady(found))

    def on_members_ready(self, message: MembersReady) -> None:
        self.members = message.members
        self.loaded = True
        self.fill()

    def shown(self) -> list[MemberActivity]:
        return [m for m in self.members if not (self.absent_only and m.took_part)]

    def fill(self) -> None:
        table = self.query_one(PlainTable)
        table.clear(columns=True)
        # The login column only when someone has one (80 columns are few for the rest).
        logins = any(m.login for m in self.members)
        for column in COLUMNS:
            if column != "login" or logins:
                table.add_column(t(f"org.member.{column}"), key=column)
        for member in self.shown():
            took = (Text(t("org.member.yes"), style="green") if member.took_part
                    else Text(t("org.member.absent"), style="bold yellow"))  # fmt: skip
            last = member.last_active.isoformat() if member.last_active else t("org.never")
            login = [member.login or ""] if logins else []
            table.add_row(member.name, *login, below(self.unit, member.unit), took,
                          str(member.answers), share_text(member.accuracy), last)  # fmt: skip
        took_part = sum(1 for m in self.members if m.took_part)
        status = t("org.members_status", period=self.period, took=took_part,
                   members=len(self.members), absent=len(self.members) - took_part)  # fmt: skip
        if self.absent_only:
            status += "  " + t("org.absent_filter")
        self.query_one("#members-status", Plain).update(status)

    def action_toggle_absent(self) -> None:
        self.absent_only = not self.absent_only
        self.fill()

    def action_back(self) -> None:
        self.dismiss()
