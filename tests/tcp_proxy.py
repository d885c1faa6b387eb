"""A TCP proxy in front of the PostgreSQL server, to lose the connection for real: `cut()` drops
every connection and refuses new ones (a network gone, a server restarting), `restore()` lets
them through again, and `lose_next_reply(marker)` drops every connection as the next reply
holding `marker` comes back (the server did the work, the client never hears of it)."""

from __future__ import annotations

import contextlib
import socket
import threading
from urllib.parse import urlsplit, urlunsplit


class Proxy:
    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.target = (parts.hostname or "127.0.0.1", parts.port or 5432)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        netloc = (
            f"{parts.username}@127.0.0.1:{self.port}"
            if parts.username
            else (f"127.0.0.1:{self.port}")
        )
        self.url = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
        self._up = threading.Event()
        self._up.set()
        self._lose_reply: bytes | None = None
        self.replies_lost = 0
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if not self._up.is_set():
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open += [client, upstream]
            for source, sink, replies in ((client, upstream, False), (upstream, client, True)):
                threading.Thread(target=self._pump, args=(source, sink, replies),
                                 daemon=True).start()  # fmt: skip

    def _pump(self, source: socket.socket, sink: socket.socket, replies: bool) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                if replies and self._losing(data):
                    self._drop_all()
                    return
                sink.sendall(data)
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def lose_next_reply(self, marker: bytes) -> None:
        """E.g. b"COMMIT\\x00": the server's word that a transaction was committed."""
        with self._lock:
            self._lose_reply = marker

    def _losing(self, data: bytes) -> bool:
        with self._lock:
            if self._lose_reply is None or self._lose_reply not in data:
                return False
            self._lose_reply = None
            self.replies_lost += 1
            return True

    def cut(self) -> None:
        self._up.clear()
        self._drop_all()

    def _drop_all(self) -> None:
        with self._lock:
            for end in self._open:
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()
            self._open = []

    def restore(self) -> None:
        self._up.set()

    def close(self) -> None:
        self._closed = True
        self.cut()
        self._listener.close()
