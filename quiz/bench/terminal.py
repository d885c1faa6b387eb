"""A program run in a real terminal (a pseudo-terminal this process reads), timed by what
reaches the screen: when a text first shows, and the frames a key press draws.

The reader answers the one query Textual waits on the terminal for (synchronized output,
mode 2026), as modern terminals do, so every Textual frame arrives between the mode's
begin/end marks and can be counted. Text is searched in the output with escape sequences
removed; a program is ready when every marker has been written to the terminal.
"""

from __future__ import annotations

import codecs
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

SYNC_QUERY = "\x1b[?2026$p"
SYNC_REPLY = b"\x1b[?2026;2$y"  # "supported, currently off"
SYNC_START, SYNC_END = "\x1b[?2026h", "\x1b[?2026l"
# CSI, OSC (to BEL or ST), other two-byte escapes; an unfinished one is kept for the next read.
ESCAPE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[P^_][^\x1b]*\x1b\\|[ -~])"
)
UNFINISHED = re.compile(r"\x1b(?:\[[0-?]*[ -/]*|\][^\x07\x1b]*\x1b?|[P^_][^\x1b]*\x1b?)?\Z")
SIZE = (100, 30)


class TerminalTimeout(RuntimeError):
    pass


@dataclass
class Terminal:
    """One program on a fresh pseudo-terminal of `size` (columns, rows)."""

    argv: Sequence[str]
    env: dict[str, str]
    cwd: Path | None = None
    size: tuple[int, int] = SIZE
    pid: int = 0
    fd: int = -1
    started: float = 0.0
    text: str = ""
    """Everything shown so far, escape sequences removed."""
    frames: list[float] = field(default_factory=list)
    """When each synchronized frame ended (perf_counter seconds)."""
    last_output: float = 0.0
    open_frames: int = 0
    """Frames begun and not yet ended (the terminal shows a frame when it ends)."""
    _raw_tail: str = ""
    _decoder: codecs.IncrementalDecoder = field(
        default_factory=lambda: codecs.getincrementaldecoder("utf-8")("replace")
    )

    def start(self) -> Terminal:
        columns, rows = self.size
        env = {**self.env, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(rows)}
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: the terminal's size first, then the program
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
                if self.cwd is not None:
                    os.chdir(self.cwd)
                os.execvpe(self.argv[0], list(self.argv), env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        return self

    def read(self, timeout: float) -> bool:
        """Read what is there within `timeout` seconds; False when nothing came (or the end)."""
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # the program ended and closed the terminal
            return False
        if not data:
            return False
        now = time.perf_counter()
        self.last_output = now
        raw = self._raw_tail + self._decoder.decode(data)
        if SYNC_QUERY in raw:
            os.write(self.fd, SYNC_REPLY)
        ended = raw.count(SYNC_END)
        self.frames.extend(now for _ in range(ended))
        self.open_frames = max(0, self.open_frames + raw.count(SYNC_START) - ended)
        tail = UNFINISHED.search(raw)
        cut = tail.start() if tail and tail.group() else len(raw)
        self._raw_tail = raw[cut:]
        self.text += ESCAPE.sub("", raw[:cut])
        return True

    def wait_for(self, markers: Sequence[str], timeout: float = 30.0) -> float:
        """Seconds from the start until every marker has been shown."""
        deadline = time.perf_counter() + timeout
        searched = 0
        found: set[str] = set()
        while True:
            for marker in markers:
                # Only text that arrived since the last look (and a marker's length before it).
                if marker not in found and marker in self.text[max(0, searched - len(marker)) :]:
                    found.add(marker)
            searched = len(self.text)
            if len(found) == len(markers) and not self.open_frames:
                return self.last_output - self.started
            remaining = deadline - time.perf_counter()
            if remaining <= 0 or not (self.read(remaining) or self.alive()):
                missing = [m for m in markers if m not in found]
                raise TerminalTimeout(
                    f"{' '.join(self.argv)}: never showed {missing}; screen text:\n"
                    f"{self.text[-2000:]}"
                )

    def press(self, keys: str, quiet: float = 0.3, timeout: float = 10.0) -> tuple[float, int]:
        """Type `keys`; (seconds from the key to the last frame it drew, frames drawn),
        once nothing more has been drawn for `quiet` seconds."""
        self.drain(0.0)
        before = len(self.frames)
        sent = time.perf_counter()
        os.write(self.fd, keys.encode())
        deadline = sent + timeout
        while time.perf_counter() < deadline:
            if not self.read(quiet):
                break
        drawn = self.frames[before:]
        return (drawn[-1] - sent if drawn else 0.0), len(drawn)

    def drain(self, quiet: float) -> None:
        while self.read(quiet):
            pass

    def alive(self) -> bool:
        try:
            pid, _ = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            return False
        return pid == 0

    def stop(self, keys: str | None = None, grace: float = 3.0) -> None:
        """Quit by `keys` when given (else a SIGTERM), SIGKILL after `grace` seconds; the
        terminal is closed either way."""
        try:
            if keys is not None:
                os.write(self.fd, keys.encode())
            else:
                os.kill(self.pid, signal.SIGTERM)
            deadline = time.perf_counter() + grace
            while time.perf_counter() < deadline:
                self.read(0.05)  # a program blocks when nobody reads its terminal
                if not self.alive():
                    return
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (OSError, ChildProcessError):
            pass
        finally:
            os.close(self.fd)
