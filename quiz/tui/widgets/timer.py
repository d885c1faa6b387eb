"""A countdown bar that turns amber, then red, as time runs low."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

LOW, CRITICAL = 0.34, 0.15


class TimerBar(Widget):
    remaining: reactive[float] = reactive(0.0)

    def __init__(self, limit: float) -> None:
        super().__init__(id="timer")
        self.limit = limit
        self.remaining = limit

    def watch_remaining(self, remaining: float) -> None:
        share = remaining / self.limit if self.limit else 0
        self.set_class(CRITICAL < share <= LOW, "-low")
        self.set_class(share <= CRITICAL, "-critical")

    def render(self) -> Text:
        seconds = max(0, int(self.remaining + 0.999))
        if seconds >= 3600:  # an assigned paper open for hours or days
            label = f" {seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
        elif self.limit >= 60:
            label = f" {seconds // 60}:{seconds % 60:02d}"
        else:
            label = f" {seconds:>2}s"
        width = max(1, self.size.width - len(label))
        filled = round(width * max(0.0, min(1.0, self.remaining / self.limit)))
        return Text("█" * filled + "░" * (width - filled) + label)
