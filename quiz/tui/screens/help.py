"""The key bindings, for every screen."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from quiz.i18n import t
from quiz.tui.base import QuizModal
from quiz.tui.widgets.plain import Plain
from quiz.tui.widgets.wrap import WrapText

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
        column = max(cell_len(keys) for keys, _ in HELP_ROWS) + 2
        with VerticalScroll(id="help"):
            yield Plain(t("help.title"), id="help-title")
            for keys, what in HELP_ROWS:
                row = Text(keys, style="bold")
                row.append(" " * (column - cell_len(keys)))
                row.append(t(what))
                yield WrapText(row, hanging=column)
            yield Plain(t("help.close"), id="help-close")

    def action_close(self) -> None:
        self.dismiss()
