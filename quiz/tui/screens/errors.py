"""The bank's validation errors, file:line first, as `quiz validate` prints them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from quiz.bank import BankError
from quiz.i18n import t
from quiz.tui.base import QuizModal
from quiz.tui.widgets.wrap import WrapText


class BankErrorsScreen(QuizModal[None]):
    BINDINGS = [Binding("escape,e,q", "close", "key.close")]

    def __init__(self, errors: list[BankError], rejected: bool) -> None:
        super().__init__()
        self.errors = errors
        self.rejected = rejected

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="errors"):
            title = "errors.rejected" if self.rejected else "errors.title"
            yield Static(t(title, count=len(self.errors)), id="errors-title")
            for error in self.errors[:200]:
                yield WrapText(str(error), hanging=4, classes="error-line")
            yield Static(t("help.close"), id="errors-close")

    def action_close(self) -> None:
        self.dismiss()
