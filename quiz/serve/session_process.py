"""The first steps of a session process, before the TUI: its own session and controlling
terminal, the standard streams on the pty (SSH) or the pipes (web), a clean environment.
Then `quiz.tui.served` runs the app. Nothing here imports Textual."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quiz.tui.hosted import SessionSpec

SCRUBBED = ("NO_COLOR", "QUIZ_USER", "COLUMNS", "LINES", "ROWS", "SSH_AUTH_SOCK")
"""Variables of the server's environment a session must not inherit."""


def main(spec: SessionSpec, stdin: int, stdout: int, stderr: int, gate: int | None) -> None:
    """Runs in the forked session process."""
    os.setsid()  # signals from the server's terminal (Ctrl+C) never reach a session directly
    if spec.memory:  # a session that asks for more ends alone (OUT_OF_MEMORY), the host stays up
        import resource

        resource.setrlimit(resource.RLIMIT_DATA, (spec.memory, spec.memory))
    if spec.transport == "ssh":
        import fcntl
        import termios

        fcntl.ioctl(stdin, termios.TIOCSCTTY, 0)  # resizes then signal SIGWINCH here
    for target, fd in enumerate((stdin, stdout, stderr)):
        os.dup2(fd, target)
    for fd in {stdin, stdout, stderr} - {0, 1, 2}:
        os.close(fd)
    # Textual uses the original streams (sys.__stdin__...): they must be the new ones.
    sys.stdin = sys.__stdin__ = open(0, encoding="utf-8", closefd=False)  # type: ignore[misc]  # noqa: SIM115
    sys.stdout = sys.__stdout__ = open(1, "w", encoding="utf-8", closefd=False)  # type: ignore[misc]  # noqa: SIM115
    sys.stderr = sys.__stderr__ = open(2, "w", encoding="utf-8", closefd=False)  # type: ignore[misc]  # noqa: SIM115
    for name in SCRUBBED:
        os.environ.pop(name, None)
    os.environ["TERM"] = spec.term
    if spec.colorterm:
        os.environ["COLORTERM"] = spec.colorterm
    if spec.transport == "web":
        os.environ["COLUMNS"], os.environ["ROWS"] = str(spec.size[0]), str(spec.size[1])
    # The session process is the TUI: imported here, after the fork, never in the server.
    from quiz.tui.hosted import OUT_OF_MEMORY
    from quiz.tui.served import run

    try:
        run(spec, gate)
    except Exception as exc:  # outside the app's handlers (its start, its driver)
        if not spec.memory or not out_of_memory(exc):
            raise
        os._exit(OUT_OF_MEMORY)  # no traceback on the player's screen: the server tells them


def out_of_memory(error: BaseException | None) -> bool:
    """Whether `error`, or what it happened while handling, is the memory cap reached: a
    MemoryError, or a thread whose stack could not be had."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, MemoryError) or "can't start new thread" in str(error):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False
