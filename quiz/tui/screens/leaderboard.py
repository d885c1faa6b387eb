"""排行榜: every player on this machine, as the platform ranks them."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding

from quiz.i18n import t
from quiz.reports.standings import Leaderboard, Standing
from quiz.tui.base import QuizScreen
from quiz.tui.messages import Result
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.plain import Plain
from quiz.tui.widgets.table import PlainTable


@dataclass(repr=False, eq=False)
class LeaderboardReady(Result):
    board: Leaderboard


class LeaderboardScreen(QuizScreen[None]):
    KEY_HELP = (("↑↓  PgUp / PgDn", "help.scroll"), ("Esc", "help.back"))
    BINDINGS = [Binding("escape", "back", "key.back")]

    def __init__(self) -> None:
        super().__init__()
        self.standings: tuple[Standing, ...] = ()
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Plain(t("board.title"), classes="screen-title")
        table = PlainTable(id="board-table", cursor_type="row")
        for column in ("rank", "user", "week", "all_time", "best"):
            table.add_column(t(f"board.{column}"), key=column)
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(PlainTable).focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        board = self.services.read.leaderboard()
        self.post_message(LeaderboardReady(board))

    def on_leaderboard_ready(self, message: LeaderboardReady) -> None:
        self.show(message.board)

    def show(self, board: Leaderboard) -> None:
        self.standings = standings = board.standings
        table = self.query_one(PlainTable)
        me = self.services.settings.user
        for rank, row in enumerate(standings, start=1):
            style = "bold reverse" if row.user == me else ""
            table.add_row(
                *[
                    Text(str(value), style=style)
                    for value in (rank, row.user, row.week, row.all_time, row.best_streak)
                ],
                key=row.user,
            )
        self.loaded = True

    def action_back(self) -> None:
        self.dismiss()
