"""A fix for Textual (8.2) applied at import, until it is fixed there.

A toast starts its expiry timer with its notification's time left, read when the toast is
made. The toast rack checks that a notification has not expired and then makes its toast, so
a notification that runs out in between (a screen switch re-shows the toasts; a busy machine
widens the gap) gets a timer with a negative delay, and Textual's `Timer` loops on one for
ever without yielding: the app freezes at full CPU and ignores SIGTERM. A CI run of the
contrast tour hung so. The delay is kept above zero (zero divides by zero in the same loop):
such a toast goes at once, as it should."""

from __future__ import annotations

from textual.events import Mount
from textual.widgets._toast import Toast

SHORTEST_TOAST_SECONDS = 0.01

_toast_mounted = Toast._on_mount


def _on_mount(self: Toast, event: Mount) -> None:
    self._timeout = max(self._timeout, SHORTEST_TOAST_SECONDS)
    _toast_mounted(self, event)


setattr(Toast, "_on_mount", _on_mount)  # noqa: B010  (the class, for every toast)
