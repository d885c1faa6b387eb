"""The key hints at the bottom of every screen: one line drawn as text, keys clickable.

Textual's Footer builds a widget per key and rebuilds them whenever bindings change; on the
home screen that was a sixth of the start-up time. This draws the same hints in one widget.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.screen import Screen
from textual.widget import Widget

from quiz.tui.bindings import describe


class Hint(NamedTuple):
    key: str
    action: str
    app_wide: bool
    label: str
    description: str

    @property
    def width(self) -> int:
        return cell_len(self.label) + cell_len(self.description)


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

    def on_resize(self) -> None:
        self.refresh()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def shown(self) -> list[tuple[str, Binding, bool]]:
        """(key, binding, app-wide) to show: one per action, in binding order, enabled ones
        only; the screen's own first, then the app's, help first among those."""
        seen: set[tuple[str, str]] = set()
        own: list[tuple[str, Binding, bool]] = []
        everywhere: list[tuple[str, Binding, bool]] = []
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            ident = (binding.action, binding.description)
            if not binding.show or not active.enabled or ident in seen:
                continue
            seen.add(ident)
            app_wide = active.node is self.app
            (everywhere if app_wide else own).append((key, binding, app_wide))
        everywhere.sort(key=lambda item: item[1].action != "help")
        return own + everywhere

    def fitting(self) -> list[Hint]:
        """What fits on one line: app-wide keys go first (help never), then the screen's last
        ones; every key is in the help (F1) anyway."""
        hints = [
            Hint(key, binding.action, app_wide, f" {self.app.get_key_display(binding)} ",
                 f"{describe(binding)}  ")
            for key, binding, app_wide in self.shown()
        ]  # fmt: skip
        room = self.size.width or 10**6
        while sum(h.width for h in hints) > room:
            droppable = [h for h in hints if h.action != "help"]
            if not droppable:
                break
            app_wide = [h for h in droppable if h.app_wide]
            hints.remove((app_wide or droppable)[-1])
        return hints

    def render(self) -> Content:
        parts: list[str | tuple[str, str]] = []
        self._spans = []
        x = 0
        for hint in self.fitting():
            parts.append((hint.label, "bold $footer-key-foreground"))
            parts.append((hint.description, "$footer-description-foreground"))
            self._spans.append((x, x + hint.width, hint.key))
            x += hint.width
        return Content.assemble(*parts)

    def on_click(self, event: Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)  # as if typed: the same checks apply
                return
