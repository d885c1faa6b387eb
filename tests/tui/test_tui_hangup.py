"""A terminal that closes just after the TUI's first frame (a shell or an SSH connection that
goes, a tmux pane killed): the program ends, every time, within a few seconds.

The real program on a real pseudo-terminal: closing it hangs it up, and the kernel sends the
program (its session leader) SIGHUP and SIGCONT, as when tmux kills a pane."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from quiz.bench.terminal import Terminal
from tests.conftest import REPO

ATTEMPTS = 12
CLOSE_STEP = 0.005
"""Start n closes its terminal n × 5 ms after the first frame. The hang came when the
terminal went while the app was still drawing after its first frame: in most starts that
closed 15–30 ms after it on this machine, in a few of those that closed at once."""
EXIT_SECONDS = 5.0


def ended_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done, _status = os.waitpid(pid, os.WNOHANG)
        if done:
            return True
        time.sleep(0.02)
    return False


def test_the_tui_ends_when_its_terminal_closes_after_the_first_frame(tmp_path: Path) -> None:
    path = os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "QUIZ_LANG": "zh", "PYTHONPATH": path}
    stuck: list[int] = []
    for attempt in range(ATTEMPTS):
        terminal = Terminal([sys.executable, "-m", "quiz"], env, cwd=tmp_path).start()
        try:
            terminal.wait_for(["题库"], timeout=60)
            closing = time.monotonic() + attempt * CLOSE_STEP
            while (left := closing - time.monotonic()) > 0:
                terminal.read(left)
        finally:
            os.close(terminal.fd)  # the terminal goes, just after the first frame
        if not ended_within(terminal.pid, EXIT_SECONDS):
            stuck.append(attempt)
            os.kill(terminal.pid, signal.SIGTERM)
            if not ended_within(terminal.pid, 1.0):
                os.kill(terminal.pid, signal.SIGKILL)  # it ignored SIGTERM too
                os.waitpid(terminal.pid, 0)
            break  # one is enough to know
    assert stuck == [], f"start {stuck} never ended after its terminal closed"
