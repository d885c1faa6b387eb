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
3. A terminal that hangs up (`textual.drivers._writer_thread.WriterThread`,
   `textual.drivers.linux_driver.LinuxDriver._sigcont_application`). When a terminal closes
   (a tmux pane killed, a shell or an SSH connection gone) the kernel sends its session leader
   SIGHUP *and* SIGCONT. Textual's SIGCONT handler, there to come back from Ctrl+Z, starts
   application mode again: a second writer thread, on a terminal that is gone. That writer's
   first flush fails (EIO) and its thread ends; the app keeps writing to its queue (30 places),
   and the write after the 30th waits for ever, on the main thread: the app never quits, and
   SIGTERM cannot stop it either (asyncio's handler needs the loop that is blocked). Seen as
   `quiz` processes left behind, two threads on futexes (py-spy: MainThread in
   `Queue.put` ← `WriterThread.write` ← `LinuxDriver._disable_mouse_support` ←
   `disable_input` ← `App._shutdown`; "textual-output" in `Queue.get`, the first writer,
   forgotten). Fixed twice over: SIGCONT resumes only a terminal that is still one, and a
   writer whose terminal fails goes on emptying its queue, writing nothing, until it is
   stopped, so no write can wait for ever (tests/tui/test_tui_hangup.py). Not reported
   upstream yet (no network here).

4. A session out of memory (`App._handle_exception`, per app, only when asked: served
   sessions, which run under a memory cap). Textual answers an exception in a handler with a
   traceback of every frame's locals, made while memory is short (so it may fail again), and
   shown to the player. A MemoryError instead ends the app at once, quietly, and the served
   session exits with its own status, so that the server tells the player why
   (`end_quietly_on_memory_error`). Textual has no public hook for an app's exceptions.
5. A sequence of quiz's own to the terminal (`App._driver.write`): a browser session tells its
   page when a text field has the focus, so a phone opens its keyboard then only (see
   `QuizApp.tell_page_keyboard`). Textual has no public way to write to its terminal; its
   driver's `write` is what Textual itself writes each frame with, so the sequence comes in
   order with the frames.
6. The widget to be focused when the app gets the focus back
   (`App._last_focused_on_app_blur`): a browser session starts without the page's focus (its
   player has not tapped yet), and Textual lets go of the focus while it has not; what the page
   is told (5) is about the field that will have it.

All six were read against the versions in CHECKED_VERSIONS; a test pins them, so an upgrade of
Textual fails until they are checked again. At run time the fix is applied where the private
method it wraps exists (`textual.__version__` is not read here: it loads importlib.metadata,
about 5 ms of start-up)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import IO, Any

from textual.app import App
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


def write_to_terminal(app: App[Any], text: str) -> None:
    """Write `text` to the app's terminal, in order with its frames (5)."""
    driver = getattr(app, "_driver", None)
    if driver is not None:
        driver.write(text)


def focus_on_return(app: App[Any]) -> Widget | None:
    """The widget Textual focuses again when the app gets the focus back (6)."""
    widget = getattr(app, "_last_focused_on_app_blur", None)
    return widget if isinstance(widget, Widget) else None


def _keep_toast_timers_positive() -> None:
    from textual.widgets._toast import Toast

    toast_mounted = getattr(Toast, "_on_mount", None)
    if toast_mounted is None:
        return  # not the Toast this fix was written for

    def _on_mount(self: Toast, event: Mount) -> None:
        self._timeout = max(self._timeout, SHORTEST_TOAST_SECONDS)
        toast_mounted(self, event)

    setattr(Toast, "_on_mount", _on_mount)  # noqa: B010  (the class, for every toast)


class _Terminal:
    """The writer thread's file: once a write or a flush fails (the terminal is gone), later
    ones are dropped, so the thread goes on taking from its queue until it is stopped."""

    def __init__(self, file: IO[str]) -> None:
        self._file = file
        self.gone = False

    def write(self, text: str) -> None:
        if not self.gone:
            try:
                self._file.write(text)
            except (OSError, ValueError):
                self.gone = True

    def flush(self) -> None:
        if not self.gone:
            try:
                self._file.flush()
            except (OSError, ValueError):
                self.gone = True

    def fileno(self) -> int:
        return self._file.fileno()


def _survive_hang_ups() -> None:
    from textual.drivers._writer_thread import WriterThread
    from textual.drivers.linux_driver import LinuxDriver

    writer_run = getattr(WriterThread, "run", None)
    resume = getattr(LinuxDriver, "_sigcont_application", None)
    if writer_run is None or resume is None:
        return  # not the driver this fix was written for

    def run(self: Any) -> None:
        self._file = _Terminal(self._file)
        writer_run(self)

    def _sigcont_application(self: Any, *args: object) -> None:
        if self.input_tty and not os.isatty(self.fileno):
            return  # the SIGCONT of a hang-up: no terminal to come back to
        resume(self, *args)

    setattr(WriterThread, "run", run)  # noqa: B010  (the class, for every writer)
    setattr(LinuxDriver, "_sigcont_application", _sigcont_application)  # noqa: B010


def end_quietly_on_memory_error(app: Any) -> Callable[[], bool]:
    """Make a MemoryError in `app` end it with no traceback; returns whether one did."""
    handle = getattr(app, "_handle_exception", None)
    close = getattr(app, "_close_messages_no_wait", None)
    ran_out = [False]
    if handle is None or close is None:
        return lambda: ran_out[0]  # not the Textual this was written for: its own handling

    def _handle_exception(error: Exception) -> None:
        if not isinstance(error, MemoryError):
            handle(error)
            return
        ran_out[0] = True
        app._return_code = 1
        close()

    app._handle_exception = _handle_exception
    return lambda: ran_out[0]


_keep_toast_timers_positive()
_survive_hang_ups()
