"""A yes/no question over the current screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical

from quiz.i18n import t
from quiz.tui.base import QuizModal
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.plain import Plain
from quiz.tui.widgets.wrap import WrapText


class ConfirmScreen(QuizModal[bool]):
    BINDINGS = [
        Binding("y,enter", "answer(True)", "key.yes"),
        Binding("n,escape", "answer(False)", "key.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield WrapText(self.question, id="confirm-question")
            yield Plain(t("confirm.keys"), id="confirm-keys")
        yield KeyBar()  # yes and no to tap, on a phone

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
