"""Where quiz reaches inside Textual (8.2.x), and why; applied at import. Nothing else in quiz
touches Textual's private names (a test checks).

1. A toast's expiry timer (`textual.widgets._toast.Toast._on_mount`). A toast starts its
   timer with its notification's time left, read when the toast is made. The toast rack
   checks that a notification has not expired and then makes its toast, so a notification
   that runs out in between (a screen switch re-shows the toasts; a busy machine widens the
   gap) gets a timer with a negative delay, and Textual's `Timer` loops on one for ever
   without yielding: the app freezes at full CPU and ignores SIGTERM. A CI run of the contrast
   tour hung so. The delay is kept above zero (zero divides by zero in the same loop): such a
   toast goes at once, as it should. Reproduced in a 6-line app
   (tests/tui/test_tui_toasts.py). Not reported upstream yet (no network here): the fix
   belongs in `Toast._on_mount` or in `Timer` refusing a delay <= 0.
2. The toast rack's place (`#textual-toastrack`, the id Textual gives every screen's rack):
   the contest screen lifts it above its scoreboard. Textual has no public setting for where
   toasts stand on one screen.

Both were read against the versions in CHECKED_VERSIONS; a test pins them, so an upgrade of
Textual fails until they are checked again. At run time the fix is applied where the private
method it wraps exists (`textual.__version__` is not read here: it loads importlib.metadata,
about 5 ms of start-up)."""

from __future__ import annotations

from textual.dom import DOMNode
from textual.events import Mount
from textual.widget import Widget

CHECKED_VERSIONS = ("8.2.",)
"""Textual's releases this module was read against."""
SHORTEST_TOAST_SECONDS = 0.01
TOAST_RACK = "#textual-toastrack"


def checked_version() -> bool:
    """The installed Textual is one this module was read against (asked by the tests)."""
    from textual import __version__

    return __version__.startswith(CHECKED_VERSIONS)


def toast_racks(node: DOMNode) -> list[Widget]:
    """The toast rack(s) of a screen."""
    return list(node.query(TOAST_RACK).results(Widget))


def _keep_toast_timers_positive() -> None:
    from textual.widgets._toast import Toast

    toast_mounted = getattr(Toast, "_on_mount", None)
    if toast_mounted is None:
        return  # not the Toast this fix was written for

    def _on_mount(self: Toast, event: Mount) -> None:
        self._timeout = max(self._timeout, SHORTEST_TOAST_SECONDS)
        toast_mounted(self, event)

    setattr(Toast, "_on_mount", _on_mount)  # noqa: B010  (the class, for every toast)


_keep_toast_timers_positive()
