"""The key hints at the bottom of every screen: one line drawn as text, keys clickable.

Textual's Footer builds a widget per key and rebuilds them whenever bindings change; on the
home screen that was a sixth of the start-up time. This draws the same hints in one widget.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.screen import Screen
from textual.widget import Widget

from quiz.tui.bindings import describe


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def shown(self) -> list[tuple[str, Binding]]:
        """(key, binding) to show: one per action, in binding order, enabled ones only."""
        seen: set[tuple[str, str]] = set()
        keys: list[tuple[str, Binding]] = []
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            ident = (binding.action, binding.description)
            if not binding.show or not active.enabled or ident in seen:
                continue
            seen.add(ident)
            keys.append((key, binding))
        return keys

    def render(self) -> Content:
        parts: list[str | tuple[str, str]] = []
        self._spans = []
        x = 0
        for key, binding in self.shown():
            label = f" {self.app.get_key_display(binding)} "
            description = f"{describe(binding)}  "
            parts.append((label, "bold $footer-key-foreground"))
            parts.append((description, "$footer-description-foreground"))
            width = cell_len(label) + cell_len(description)
            self._spans.append((x, x + width, key))
            x += width
        return Content.assemble(*parts)

    def on_click(self, event: Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)  # as if typed: the same checks apply
                return
