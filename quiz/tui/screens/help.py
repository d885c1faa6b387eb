"""The key bindings, for every screen."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from quiz.i18n import t
from quiz.tui.base import QuizModal

HELP_ROWS = (
    ("a–f / 1–6", "help.pick"),
    ("Backspace", "help.undo"),
    ("Tab", "help.tab"),
    ("Enter", "help.enter"),
    ("R", "help.revive"),
    ("PgUp / PgDn  ← / →", "help.move"),
    ("Ctrl+S", "help.hand_in"),
    ("Esc", "help.leave"),
    ("C / X", "help.resume"),
    ("Ctrl+P", "help.palette"),
    ("Ctrl+T", "help.theme"),
    ("F1 / ?", "help.help"),
    ("Ctrl+Q", "help.quit"),
)


class HelpScreen(QuizModal[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "close", "key.close")]

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for keys, what in HELP_ROWS:
            table.add_row(keys, t(what))
        with VerticalScroll(id="help"):
            yield Static(t("help.title"), id="help-title")
            yield Static(table)
            yield Static(t("help.close"), id="help-close")

    def action_close(self) -> None:
        self.dismiss()
