"""The browser side: textual-serve does the page, the terminal in it and the websocket; each
session is a `quiz` process under Textual's web driver, started by our spawner instead of a
shell command (so it is forked ready-imported, counted, and given its login channel)."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import gzip
import hashlib
import json
import logging
import os
import signal
import socket
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from textual_serve.server import Server, to_int

from quiz.i18n import t
from quiz.serve.auth import Identity, Verdict
from quiz.serve.gate import serve_gate
from quiz.serve.limits import (
    INPUT_RATE,
    Session,
    Throttle,
    clamped_size,
    shown,
)
from quiz.serve.proxy import forwarded_client
from quiz.serve.textual_serve_hooks import Piped, ProcessService
from quiz.tui.hosted import OUT_OF_MEMORY

if TYPE_CHECKING:
    from quiz.serve.hub import Hub
    from quiz.serve.spawn import SessionProcess

log = logging.getLogger("quiz.serve")
HEARTBEAT_SECONDS = 15
TEMPLATES = Path(__file__).resolve().parent / "templates"
TRY_AGAIN_LATER = 1013  # websocket close code
MAX_MESSAGE = 64 * 1024
"""The largest message a browser may send (a paste of keys): a larger one closes the socket."""
MALFORMED_LOG_SECONDS = 60.0
PAGE_LANGUAGE = {"zh": "zh-CN", "en": "en"}
"""The page's `lang`: Simplified Chinese, so a browser falling back to a font of its own for
a character picks one with Simplified forms."""


class PipedProcess(Piped):
    """A session process and its standard streams, as textual-serve reads them."""

    def __init__(self, process: SessionProcess, stdin: asyncio.StreamWriter,
                 stdout: asyncio.StreamReader, stderr: asyncio.StreamReader) -> None:  # fmt: skip
        super().__init__(stdin, stdout, stderr)
        self.process = process


async def read_pipe(fd: int) -> asyncio.StreamReader:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader),
                                 os.fdopen(fd, "rb", buffering=0))  # fmt: skip
    return reader


async def write_pipe(fd: int) -> asyncio.StreamWriter:
    loop = asyncio.get_running_loop()
    unused = asyncio.StreamReader()
    protocol = asyncio.StreamReaderProtocol(unused)
    transport, _ = await loop.connect_write_pipe(lambda: protocol,
                                                 os.fdopen(fd, "wb", buffering=0))  # fmt: skip
    return asyncio.StreamWriter(transport, protocol, unused, loop)


class SessionService(ProcessService):
    """One browser session: the process, its login channel, its place in the session table."""

    def __init__(self, hub: Hub, session: Session, address: str, **kwargs: Any) -> None:
        super().__init__("quiz", **kwargs)
        self.hub = hub
        self.session = session
        self.address = address
        self.piped: PipedProcess | None = None
        self.gate_task: asyncio.Task[None] | None = None
        self.stopping: asyncio.Future[None] | None = None
        self.output = Throttle(hub.config.output_rate)
        self.farewell: str | None = None
        """Words for the player once the session has left their screen (the login deadline)."""
        self.said_goodbye = False
        self.making_room: asyncio.Task[None] | None = None
        self.close_socket = self.remote_close
        self.remote_close = self.goodbye  # textual-serve closes the socket when the app exits

    async def open_process(self, width: int, height: int) -> PipedProcess:
        hub = self.hub
        spec = hub.spec("web", None, term="xterm-256color", colorterm="truecolor",
                        size=(width, height))  # fmt: skip
        in_r, in_w = os.pipe()
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        ours, theirs = socket.socketpair()
        try:
            process = hub.spawner.start(spec, (in_r, out_w, err_w), gate=theirs.fileno())
        finally:
            for fd in (in_r, out_w, err_w):
                os.close(fd)
            theirs.close()
        self.gate_task = asyncio.create_task(serve_gate(ours, self.check, self.logged_in))
        self.piped = PipedProcess(process, await write_pipe(in_w), await read_pipe(out_r),
                                  await read_pipe(err_r))  # fmt: skip
        return self.piped

    async def check(self, login: str, passcode: str) -> Verdict:
        return await self.hub.auth.check_passcode("web", login, passcode, self.address)

    def logged_in(self, identity: Identity) -> bool:
        """The login is right: the session takes a member's place (False: none is free)."""
        return self.hub.table.identified(self.session, identity.player, identity.login)

    async def on_data(self, payload: bytes) -> None:
        """The session's output, at most `output_rate` bytes a second (a slower read makes the
        session wait on its pipe)."""
        if delay := self.output.delay(len(payload)):
            await asyncio.sleep(delay)
        await super().on_data(payload)

    async def run(self) -> None:
        """Forward the session's output; when it ends (the app quit, or its process died
        without saying so: killed, out of memory), the player is told and the socket closed."""
        await super().run()
        await self.remote_close()

    async def goodbye(self) -> None:
        """Once the session has gone: what the player should know (why it ended, when that
        was not their choice), then the socket closes. The words follow the quiz's last frame,
        so they stay on the player's screen."""
        if self.said_goodbye:
            return
        self.said_goodbye = True
        piped = self.piped
        if piped is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(piped.process.wait()),
                                       self.hub.config.stop_grace)  # fmt: skip
            if piped.process.exit_code == OUT_OF_MEMORY:
                megabytes = self.hub.config.session_memory // (1024 * 1024)
                self.farewell = t("serve.out_of_memory", megabytes=megabytes)
        if self.farewell is not None:
            with contextlib.suppress(Exception):
                await self.remote_write_bytes(f"\r\n{self.farewell}\r\n".encode())
        with contextlib.suppress(Exception):
            await self.close_socket()

    async def login_deadline(self) -> None:
        """A session still at its login screen when the deadline passes is told so and ends:
        strangers cannot hold the places of those who have not logged in yet."""
        deadline = self.hub.config.login_timeout
        await asyncio.sleep(deadline)
        if self.session.player is None:
            log.info("web session %d from %s: not logged in within %.0f s, closed",
                     self.session.number, self.address, deadline)  # fmt: skip
            self.farewell = t("serve.login_deadline", seconds=f"{deadline:.0f}")
            await self.stop()

    def make_room(self) -> None:
        """Chosen to make room (limits.SessionTable.room): silent longest at its login screen
        while every stranger's place was held. Its place is already the newcomer's; the player
        is told why and the session ends as at the login deadline."""
        self.farewell = t("serve.made_room")
        self.making_room = asyncio.ensure_future(self.stop())

    async def stop(self) -> None:
        """Ask the session to quit (it saves as it goes); kill it if it does not go. Called
        when the browser goes and when the server stops, maybe both at once."""
        if self.stopping is None:
            self.stopping = asyncio.ensure_future(self._stop())
        await asyncio.shield(self.stopping)

    async def _stop(self) -> None:
        piped = self.piped
        if piped is not None and piped.process.running:
            with contextlib.suppress(Exception):
                await self.send_meta({"type": "quit"})
            grace = self.hub.config.stop_grace
            try:
                await asyncio.wait_for(asyncio.shield(piped.process.wait()), grace)
            except TimeoutError:
                await piped.process.end(signal.SIGTERM, grace)
        await self.finish_reading()
        if self.gate_task is not None:
            self.gate_task.cancel()


class QuizWebServer(Server):
    def __init__(self, hub: Hub) -> None:
        address = hub.config.web
        assert address is not None
        super().__init__("quiz", host=address.host, port=address.port, title=t("app.title"),
                         templates_path=TEMPLATES)  # fmt: skip
        self.hub = hub
        self.quiet: dict[str, float] = {}
        """When each address last had a malformed message logged."""

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: the serve log says where it listens."""

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        if self.hub.table.full or self.hub.stopping:
            raise web.HTTPServiceUnavailable(text=t("serve.full"), headers={"Retry-After": "60"})
        # Nothing of the request (its Host header) is written into the page: its addresses
        # are relative, and the page's script opens the websocket back to the address the
        # browser used (behind a proxy too).
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": "",
            "config": {"static": {"url": "/static/"}},
            "page_script": PAGE_SCRIPT,
            "application": {"name": self.title},
            "lang": PAGE_LANGUAGE.get(self.hub.config.settings.lang, "en"),
            "words": {key: t(f"serve.web_{key}") for key in ("loading", "ended", "restart")},
        }

    async def serve_messages(self, websocket: web.WebSocketResponse, service: SessionService,
                             address: str) -> None:  # fmt: skip
        """The browser's messages to its session: keys, a resize (clamped), focus; anything
        else is dropped with one log line now and then, never a traceback. Keys arrive at
        most INPUT_RATE bytes a second (beyond it this loop waits, and so does the browser)."""
        typed = Throttle(INPUT_RATE)
        table = self.hub.table
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                kind, data = envelope_of(message.data)
                if kind == "stdin" and isinstance(data, str):
                    table.typed(service.session)  # keys only: a script's pings are not typing
                    await type_keys(service, data, typed)
                elif kind == "resize" and isinstance(data, dict):
                    width, height = clamped_size(int(data["width"]), int(data["height"]))
                    await service.set_terminal_size(width, height)
                elif kind == "ping":
                    await websocket.send_json(["pong", data])
                elif kind == "blur":
                    await service.blur()
                elif kind == "focus":
                    await service.focus()
                else:
                    raise ValueError(kind)
            except (ValueError, KeyError, TypeError, OverflowError):
                self.malformed(address)

    def malformed(self, address: str) -> None:
        """One line for a malformed message, at most once a minute per address."""
        now = time.monotonic()
        if now - self.quiet.get(address, -MALFORMED_LOG_SECONDS) >= MALFORMED_LOG_SECONDS:
            self.quiet[address] = now
            log.warning("web: malformed messages from %s dropped", address)

    def origin_allowed(self, request: web.Request) -> bool:
        """A browser's page may open a session only from the served host itself (or an
        --allowed-origin): a page on another site cannot play, or hold a slot, for its visitor
        (cross-site websocket hijacking). A client that sends no Origin is not a browser."""
        origin = request.headers.get("Origin")
        if origin is None:
            return True
        origin = origin.rstrip("/").lower()
        if origin in self.hub.config.allowed_origins:
            return True
        parts = urlsplit(origin)
        return parts.scheme in ("http", "https") and parts.netloc == request.host.lower()

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self.origin_allowed(request):
            log.warning("web: a session from the page of %s refused (not this host's)",
                        shown(request.headers.get("Origin", "")))  # fmt: skip
            raise web.HTTPForbidden(text="origin not allowed")
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT_SECONDS, max_msg_size=MAX_MESSAGE)
        width, height = clamped_size(to_int(request.query.get("width", "80"), 80),
                                     to_int(request.query.get("height", "24"), 24))  # fmt: skip
        address = forwarded_client(request.remote or "?",
                                   request.headers.get("X-Forwarded-For"),
                                   self.hub.config.trusted_proxies)  # fmt: skip
        await websocket.prepare(request)
        hub = self.hub
        session = None
        if hub.stopping or hub.table.full:  # a login could not take a member's place
            words = t("serve.full")
            log.warning("web from %s refused: server full (%d sessions)", address,
                        hub.table.capacity)  # fmt: skip
        else:  # the session holds a place of its own until its login is checked
            session = hub.table.open("web", address)
            words = t("serve.busy")
        if session is None:
            await websocket.send_bytes(f"\r\n{words}\r\n".encode())
            await websocket.close(code=TRY_AGAIN_LATER, message=b"server full")
            return websocket
        service = SessionService(hub, session, address, write_bytes=websocket.send_bytes,
                                 write_str=websocket.send_str, close=websocket.close,
                                 download_manager=self.download_manager)  # fmt: skip
        session.evict = service.make_room
        hub.live.add(service)
        deadline = asyncio.create_task(service.login_deadline())
        try:
            await service.start(width, height)
            await self.serve_messages(websocket, service, address)
        except (asyncio.CancelledError, ConnectionError):
            pass
        except Exception:  # the fork server gone, or the like: say so, stay up
            log.exception("web session %d: failed", session.number)
            with contextlib.suppress(Exception):
                await websocket.send_bytes(f"\r\n{t('serve.failed')}\r\n".encode())
        finally:
            deadline.cancel()
            await service.stop()
            hub.live.discard(service)
            code = service.piped.process.exit_code if service.piped else None
            hub.table.close(session, code)
            with contextlib.suppress(Exception):
                await websocket.close()
        return websocket


PAGE_SCRIPT = (TEMPLATES / "page.js").read_text(encoding="utf-8")
"""The page's own script (inlined in the page, allowed by its hash in the CSP)."""


def security_policy() -> str:
    """What the page may load and run: its own files and its own inline script only; never in
    a frame (clickjacking); no form posts, no other bases."""
    digest = base64.b64encode(hashlib.sha256(PAGE_SCRIPT.encode()).digest()).decode()
    return (
        "default-src 'self'; "
        f"script-src 'self' 'sha256-{digest}'; "
        "style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; "
        "connect-src 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'"
    )


@web.middleware
async def security_headers(request: web.Request, handler: Any) -> web.StreamResponse:
    response: web.StreamResponse = await handler(request)
    if isinstance(response, web.Response) and response.content_type == "text/html":
        response.enable_compression()  # the page: 11 KB, 4 KB gzipped (a phone's network)
    response.headers.setdefault("Content-Security-Policy", POLICY)
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response


POLICY = security_policy()


class PageFiles:
    """The files the page loads (textual-serve's terminal script and its stylesheet), sent
    gzipped to a browser that takes it: textual.js is 514 KB, 124 KB gzipped, the most of what
    a phone waits for on a slow network (issue 28). Read and compressed once, on first ask;
    kept a day in the browser's cache (they change only with textual-serve)."""

    NAMES: ClassVar[dict[str, str]] = {
        "js/textual.js": "application/javascript",
        "css/xterm.css": "text/css",
    }
    CACHE = "public, max-age=86400"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: dict[str, tuple[bytes, bytes]] = {}

    def read(self, name: str) -> tuple[bytes, bytes]:
        if name not in self.files:
            raw = (self.folder / name).read_bytes()
            self.files[name] = (raw, gzip.compress(raw, compresslevel=9, mtime=0))
        return self.files[name]

    async def handle(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        raw, packed = self.read(name)
        headers = {"Cache-Control": self.CACHE, "Vary": "Accept-Encoding"}
        if "gzip" in request.headers.get("Accept-Encoding", ""):
            headers["Content-Encoding"] = "gzip"
            return web.Response(body=packed, content_type=self.NAMES[name], headers=headers)
        return web.Response(body=raw, content_type=self.NAMES[name], headers=headers)


def make_app(server: QuizWebServer) -> web.Application:
    """textual-serve's application from its public handlers, with the page's security headers
    and no folder listing under /static/ (textual-serve lists it); the page's script and
    stylesheet gzipped (PageFiles)."""
    app = web.Application(middlewares=[security_headers])
    aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(server.templates_path))
    files = PageFiles(Path(server.statics_path))
    names = "|".join(name.replace(".", "\\.") for name in PageFiles.NAMES)
    app.add_routes([
        web.get("/", server.handle_index, name="index"),
        web.get(f"/static/{{name:{names}}}", files.handle, name="page-files"),
        web.get("/ws", server.handle_websocket, name="websocket"),
        web.get("/download/{key}", server.handle_download, name="download"),
        web.static("/static", server.statics_path, show_index=False, name="static"),
    ])  # fmt: skip
    app.on_startup.append(server.on_startup)
    app.on_shutdown.append(server.on_shutdown)
    return app


async def type_keys(service: SessionService, text: str, typed: Throttle) -> None:
    """Keys to the session at most `typed`'s rate: a long paste goes in pieces, each whole
    characters (the session decodes each piece on its own)."""
    while text:
        allowed = typed.available() // 4  # characters of at most 4 bytes
        if not allowed:
            await asyncio.sleep(typed.wait_for(max(4, min(len(text) * 4, 1024))))
            continue
        piece, text = text[:allowed], text[allowed:]
        keys = piece.encode("utf-8")
        typed.take(len(keys))
        await service.send_bytes(keys)


def envelope_of(data: str) -> tuple[str, object]:
    """A browser message, `["stdin", "text"]`, `["resize", {"width": …, "height": …}]`, …;
    ValueError when it is not one."""
    envelope = json.loads(data)
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        raise ValueError("not a message")
    return envelope[0], envelope[1] if len(envelope) > 1 else None


async def start_web(hub: Hub) -> tuple[web.AppRunner, list[str]]:
    server = QuizWebServer(hub)
    runner = web.AppRunner(make_app(server), handle_signals=False)
    await runner.setup()
    address = hub.config.web
    assert address is not None
    site = web.TCPSite(runner, address.host, address.port)
    await site.start()
    bound = [f"{host}:{port}" for host, port, *_ in runner.addresses]
    return runner, bound
