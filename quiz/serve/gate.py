"""The web login: the session's login screen asks the server, over a socket pair made for that
session, whether a login and passcode are right. The server checks them as it checks SSH
passwords (same roster, same rate limit per address) and so knows who each browser session
is; the session process never reads the roster itself.

One JSON line each way: `{"login": ..., "passcode": ...}` then `{"player": name|null,
"wait": seconds, "full": bool}` (full: the login is right but every member's place is taken;
the session stays at its login screen, still within its login deadline)."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Awaitable, Callable

from quiz.serve.auth import Identity, Verdict
from quiz.tui.hosted import LINE_MAX

Check = Callable[[str, str], Awaitable[Verdict]]


async def serve_gate(sock: socket.socket, check: Check,
                     on_login: Callable[[Identity], bool]) -> None:  # fmt: skip
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
            identity, full = verdict.identity, False
            if identity is not None and not on_login(identity):  # no member's place free
                identity, full = None, True
            player = identity.player if identity else None
            reply = {"player": player, "wait": verdict.wait, "full": full}
            writer.write(json.dumps(reply).encode() + b"\n")
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError, ValueError):
        pass
    finally:
        writer.close()
