"""The client's own address behind a reverse proxy (--trusted-proxy): from X-Forwarded-For
(web) or the PROXY protocol's v1 header (SSH), and only when the connection comes from a proxy
the operator named. From anyone else those headers are ignored (a client could write any
address into them, and so escape the limits per address or forge the log)."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import socket
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from asyncssh import SSHServer

log = logging.getLogger("quiz.serve")

PROXY_LINE_MAX = 107
"""The longest PROXY v1 header, its CRLF included (the protocol's own bound)."""
PROXY_PREFIX = b"PROXY "


def ip_text(text: str) -> str | None:
    """An IP address as the peer's address is written, or None when `text` is not one."""
    try:
        return str(ipaddress.ip_address(text.strip().strip("[]")))
    except ValueError:
        return None


def forwarded_client(remote: str, header: str | None, trusted: tuple[str, ...]) -> str:
    """The client behind `remote`: the right-most address of X-Forwarded-For that is not a
    trusted proxy itself (each proxy appends the address it was reached from, so what is to
    the left of the nearest untrusted one may be forged); `remote` when it is not trusted,
    or the header is missing or malformed."""
    if remote not in trusted or not header:
        return remote
    client = remote
    for entry in reversed(header.split(",")[-20:]):
        address = ip_text(entry)
        if address is None:
            return client
        client = address
        if address not in trusted:
            break
    return client


class ProxyHeaderError(ValueError):
    """A PROXY header that is not one (the connection is closed)."""


def parse_proxy_line(line: bytes) -> tuple[str, int] | None:
    """`PROXY TCP4|TCP6 SRC DST SRCPORT DSTPORT` (without its CRLF): the source address and
    port; None for `PROXY UNKNOWN` (the proxy's own address then stands)."""
    fields = line.decode("ascii", "replace").split(" ")
    if len(fields) >= 2 and fields[:2] == ["PROXY", "UNKNOWN"]:
        return None
    if len(fields) != 6 or fields[0] != "PROXY" or fields[1] not in ("TCP4", "TCP6"):
        raise ProxyHeaderError(line[:PROXY_LINE_MAX])
    source, port = ip_text(fields[2]), fields[4]
    if source is None or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ProxyHeaderError(line[:PROXY_LINE_MAX])
    return source, int(port)


async def read_proxy_header(sock: socket.socket, timeout: float) -> tuple[str, int] | None:
    """Take a PROXY v1 header off the start of `sock` (non-blocking), leaving what follows
    (the SSH client's own first line) unread. None when the connection does not start with
    one; ProxyHeaderError when it is malformed, TimeoutError when it does not come in time."""
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(timeout):
        while True:
            await readable(loop, sock)
            data = sock.recv(PROXY_LINE_MAX, socket.MSG_PEEK)
            if not data:
                raise ConnectionError("closed before its first line")
            if not data.startswith(PROXY_PREFIX[: len(data)]):
                return None  # no header: the SSH client's version line
            end = data.find(b"\r\n")
            if end >= 0:
                sock.recv(end + 2)  # the header only
                return parse_proxy_line(data[:end])
            if len(data) >= PROXY_LINE_MAX:
                raise ProxyHeaderError(data)
            await asyncio.sleep(0.01)  # the rest of the line is on its way


async def readable(loop: asyncio.AbstractEventLoop, sock: socket.socket) -> None:
    ready: asyncio.Future[None] = loop.create_future()

    def now_readable() -> None:
        if not ready.done():
            ready.set_result(None)

    loop.add_reader(sock.fileno(), now_readable)
    try:
        await ready
    finally:
        loop.remove_reader(sock.fileno())


class Acceptor(Protocol):
    def get_addresses(self) -> list[tuple[str, int]]: ...
    def close(self) -> None: ...
    async def wait_closed(self) -> None: ...


PROXY_HEADER_SECONDS = 10.0
"""How long a trusted proxy may take to send its PROXY header."""


class ProxiedAcceptor:
    """The SSH listener when proxies are trusted: a connection from one of them may start with
    a PROXY v1 header naming the client, read here before asyncssh takes the connection;
    from anyone else nothing is read (a PROXY line is then only a broken SSH handshake)."""

    def __init__(self, listeners: list[socket.socket], trusted: tuple[str, ...],
                 server: Callable[[tuple[str, int]], SSHServer],
                 options: dict[str, object]) -> None:  # fmt: skip
        self.listeners = listeners
        self.trusted = trusted
        self.server = server
        """The SSH server of one connection, given the client's address."""
        self.options = options
        self.tasks: set[asyncio.Task[None]] = set()
        self.accepting = [asyncio.create_task(self.accept(sock)) for sock in listeners]

    @classmethod
    async def start(cls, host: str, port: int, trusted: tuple[str, ...],
                    server: Callable[[tuple[str, int]], SSHServer],
                    options: dict[str, object]) -> ProxiedAcceptor:  # fmt: skip
        loop = asyncio.get_running_loop()
        found = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                       flags=socket.AI_PASSIVE)  # fmt: skip
        listeners: list[socket.socket] = []
        try:
            for family, kind, proto, _name, where in dict.fromkeys(found):
                sock = socket.socket(family, kind, proto)
                listeners.append(sock)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                if family == socket.AF_INET6:
                    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                sock.bind(where)
                sock.listen(128)
                sock.setblocking(False)
        except OSError:  # the port taken, say: the server says so and does not start
            for sock in listeners:
                sock.close()
            raise
        return cls(listeners, trusted, server, options)

    def get_addresses(self) -> list[tuple[str, int]]:
        return [sock.getsockname()[:2] for sock in self.listeners]

    async def accept(self, listener: socket.socket) -> None:
        loop = asyncio.get_running_loop()
        while True:
            try:
                conn, peer = await loop.sock_accept(listener)
            except OSError:  # out of descriptors, or the like: the next one may do
                await asyncio.sleep(0.1)
                continue
            task = asyncio.create_task(self.connect(conn, (str(peer[0]), int(peer[1]))))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)

    async def connect(self, conn: socket.socket, peer: tuple[str, int]) -> None:
        from quiz.org.sshlib import asyncssh

        conn.setblocking(False)
        client = peer
        if ip_text(peer[0]) in self.trusted:
            try:
                client = await read_proxy_header(conn, PROXY_HEADER_SECONDS) or peer
            except ConnectionError:  # a health check: connected, then gone
                conn.close()
                return
            except (ProxyHeaderError, TimeoutError, OSError):
                log.warning("ssh from the proxy %s:%s closed: no valid PROXY header", *peer)
                conn.close()
                return
        with contextlib.suppress(asyncssh.Error, OSError):  # its own server logs refusals
            await asyncssh.run_server(conn, server_factory=lambda: self.server(client),
                                      **self.options)  # fmt: skip

    def close(self) -> None:
        for task in self.accepting:
            task.cancel()
        for sock in self.listeners:
            sock.close()

    async def wait_closed(self) -> None:
        await asyncio.gather(*self.accepting, return_exceptions=True)
