"""One input per blank of a fill question; Tab moves between them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.widgets import Input

from quiz.i18n import t


class BlankInputs(HorizontalGroup):
    def __init__(self, count: int, values: list[str]) -> None:
        super().__init__(classes="blanks")
        self.count = count
        self.values = values

    def compose(self) -> ComposeResult:
        for index in range(self.count):
            yield Input(
                value=self.values[index] if index < len(self.values) else "",
                placeholder=t("play.blank", n=index + 1),
                id=f"blank-{index}",
                classes="blank",
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
