"""加入房间: the PIN a host announced, typed in; six digits or nothing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input

from quiz.i18n import t
from quiz.tui.base import QuizModal
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.plain import Plain


class JoinRoomScreen(QuizModal[str | None]):
    BINDINGS = [Binding("escape", "cancel", "key.back")]

    def compose(self) -> ComposeResult:
        with Vertical(id="join-room"):
            yield Plain(t("room.join_title"), classes="screen-title")
            yield Plain(t("room.join_prompt"))
            yield Input(max_length=6, restrict=r"[0-9]*", id="join-pin")
            yield Plain("", id="join-problem")
        yield KeyBar()  # back, to tap on a phone (its keyboard has no Esc)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        pin = event.value.strip()
        if len(pin) != 6 or not pin.isdigit():
            self.query_one("#join-problem", Plain).update(t("room.bad_pin"))
            return
        self.dismiss(pin)

    def action_cancel(self) -> None:
        self.dismiss(None)
