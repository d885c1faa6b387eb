"""The web login: the session's login screen asks the server, over a socket pair made for that
session, whether a login and passcode are right. The server checks them as it checks SSH
passwords (same roster, same rate limit per address) and so knows who each browser session
is; the session process never reads the roster itself.

One JSON line each way: `{"login": ..., "passcode": ...}` then `{"player": name|null,
"wait": seconds}`."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from quiz.serve.auth import Identity, Verdict

LINE_MAX = 4096


@dataclass(frozen=True, slots=True)
class Answer:
    player: str | None
    wait: float = 0.0


class GateClient:
    """The session's side (blocking: the login screen calls it from a worker thread)."""

    def __init__(self, fd: int) -> None:
        self.sock = socket.socket(fileno=fd)
        self.stream = self.sock.makefile("rwb")

    def ask(self, login: str, passcode: str) -> Answer:
        request = json.dumps({"login": login, "passcode": passcode}, ensure_ascii=False)
        self.stream.write(request.encode("utf-8") + b"\n")
        self.stream.flush()
        line = self.stream.readline(LINE_MAX)
        if not line:
            raise ConnectionError("the server closed the login channel")
        reply = json.loads(line)
        player = reply.get("player")
        return Answer(player if isinstance(player, str) else None, float(reply.get("wait", 0)))


Check = Callable[[str, str], Awaitable[Verdict]]


async def serve_gate(sock: socket.socket, check: Check,
                     on_login: Callable[[Identity], None]) -> None:  # fmt: skip
    """The server's side, for one session, until the session closes its end."""
    reader, writer = await asyncio.open_unix_connection(sock=sock)
    try:
        while line := await reader.readline():
            try:
                request = json.loads(line[:LINE_MAX])
                login, passcode = str(request["login"]), str(request["passcode"])
            except (ValueError, KeyError, TypeError):
                break
            verdict = await check(login, passcode)
            if verdict.identity is not None:
                on_login(verdict.identity)
            player = verdict.identity.player if verdict.identity else None
            writer.write(json.dumps({"player": player, "wait": verdict.wait}).encode() + b"\n")
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError, ValueError):
        pass
    finally:
        writer.close()
