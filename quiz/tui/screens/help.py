"""Help for the screen it is opened on: that screen's keys, then the keys that work everywhere.

Each screen lists its keys in `KEY_HELP` (keys as shown, catalog key of what they do). The list
scrolls when it must; the title and the close hint stay in view, at 80×24 too.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll

from quiz.i18n import t
from quiz.tui.base import QuizModal
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.plain import Plain
from quiz.tui.widgets.wrap import WrapText

HelpRows = tuple[tuple[str, str], ...]

EVERYWHERE: HelpRows = (
    ("F1 / ?", "help.help"),
    ("Ctrl+P", "help.palette"),
    ("Ctrl+T / Ctrl+Q", "help.theme_quit"),
)


class HelpScreen(QuizModal[None]):
    ANSWER_FIRST = False
    BINDINGS = [Binding("escape,q,f1,question_mark", "close", "key.close")]

    def __init__(self, rows: HelpRows = ()) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        rows = (*self.rows, *EVERYWHERE)
        column = max(cell_len(keys) for keys, _ in rows) + 2
        with Vertical(id="help"):
            yield Plain(t("help.title"), id="help-title")
            with VerticalScroll(id="help-rows"):
                for keys, what in rows:
                    row = Text(keys, style="bold")
                    row.append(" " * (column - cell_len(keys)))
                    row.append(t(what))
                    yield WrapText(row, hanging=column)
            yield Plain(t("help.close"), id="help-close")
        yield KeyBar()  # close, to tap on a phone

    def action_close(self) -> None:
        self.dismiss()
