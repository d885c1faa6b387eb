"""What a session of `quiz serve` gets from its host: its spec (transport, player, size), and
the session's side of the login gate (quiz.serve.gate), which asks the host whether a login and
passcode are right. The host imports this module; it never imports Textual."""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass

LINE_MAX = 4096
"""The longest line either side of the gate reads."""
OUT_OF_MEMORY = 3
"""A session process's exit status when it reached its memory cap (the server tells the
player)."""


@dataclass(frozen=True, slots=True)
class SessionSpec:
    transport: str
    """"ssh" or "web"."""
    player: str | None
    """Set by the server after its login check (SSH); None: the web login screen asks."""
    lang: str
    bank: str
    db: str
    theme: str = "dark"
    term: str = "xterm-256color"
    colorterm: str | None = None
    size: tuple[int, int] = (80, 24)
    open_mode: bool = False
    """Web: the login screen asks for a name only."""
    memory: int = 0
    """The session's memory cap in bytes (its data segment, RLIMIT_DATA); 0: none."""


@dataclass(frozen=True, slots=True)
class GateReply:
    player: str | None
    wait: float = 0.0
    full: bool = False
    """The login is right, but every member's place on the server is taken."""


class GateClient:
    """The session's side (blocking: the login screen calls it from a worker thread)."""

    def __init__(self, fd: int) -> None:
        self.sock = socket.socket(fileno=fd)
        self.stream = self.sock.makefile("rwb")

    def ask(self, login: str, passcode: str) -> GateReply:
        request = json.dumps({"login": login, "passcode": passcode}, ensure_ascii=False)
        self.stream.write(request.encode("utf-8") + b"\n")
        self.stream.flush()
        line = self.stream.readline(LINE_MAX)
        if not line:
            raise ConnectionError("the server closed the login channel")
        reply = json.loads(line)
        player = reply.get("player")
        return GateReply(player if isinstance(player, str) else None, float(reply.get("wait", 0)),
                         reply.get("full") is True)  # fmt: skip
