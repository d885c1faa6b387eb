"""One input per blank of a fill question; Tab moves between them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup
from textual.widgets import Input

from quiz.i18n import t


class BlankInput(Input):
    """A blank whose Enter (submit the answer) shows in the footer like everywhere else."""

    BINDINGS = [Binding("enter", "submit", "key.submit")]

    def __init__(self, value: str, placeholder: str, id: str) -> None:
        super().__init__(value=value, placeholder=placeholder, id=id, classes="blank")


class BlankInputs(HorizontalGroup):
    def __init__(self, count: int, values: list[str]) -> None:
        super().__init__(classes="blanks")
        self.count = count
        self.values = values

    def compose(self) -> ComposeResult:
        for index in range(self.count):
            yield BlankInput(
                value=self.values[index] if index < len(self.values) else "",
                placeholder=t("play.blank", n=index + 1),
                id=f"blank-{index}",
            )

    def on_mount(self) -> None:
        if self.app.is_headless:  # tests and snapshots: a steady cursor
            for field in self.query(Input):
                field.cursor_blink = False

    def focus_first(self) -> None:
        self.query(Input).first().focus()

    def disable_all(self) -> None:
        for field in self.query(Input):
            field.disabled = True
