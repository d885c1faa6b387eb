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

from quiz.serve.auth import Identity, Verdict
from quiz.tui.hosted import LINE_MAX

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
