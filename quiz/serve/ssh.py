"""The SSH side: asyncssh does the protocol, keys and ciphers; each session is a `quiz`
process on a pseudo-terminal, started once the login is checked."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import re
import signal
import struct
import termios
from typing import TYPE_CHECKING, Protocol

from quiz.i18n import t
from quiz.org.sshlib import asyncssh
from quiz.serve.auth import Identity, clean
from quiz.serve.limits import (
    INPUT_RATE,
    Pending,
    Session,
    Throttle,
    clamped_size,
    shown,
)
from quiz.tui.hosted import OUT_OF_MEMORY

if TYPE_CHECKING:
    from quiz.serve.hub import Hub
    from quiz.serve.proxy import Acceptor
    from quiz.serve.spawn import SessionProcess

log = logging.getLogger("quiz.serve")
KEEPALIVE_SECONDS = 30
READ_SIZE = 65536
INPUT_BUFFER = 65536
"""Keys not yet taken by the session beyond which the client is paused (a paste, a flood)."""
SESSIONS_PER_CONNECTION = 1
"""As OpenSSH's MaxSessions 1: one connection plays one session (more channels on it are
refused, so one connection cannot take several of the host's slots)."""
TERM_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")


def term_name(requested: str | None) -> str:
    """The client's terminal type, when it looks like one (it becomes the session's TERM)."""
    return requested if requested and TERM_NAME.fullmatch(requested) else "xterm-256color"


def set_size(fd: int, width: int, height: int) -> None:
    """The terminal size the session sees; the kernel sends it SIGWINCH."""
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))


def peer_of(conn: asyncssh.SSHServerConnection) -> str:
    peer = conn.get_extra_info("peername") or ("?", 0)
    return address_text(peer[0], peer[1])


def address_text(host: str, port: int) -> str:
    return f"{host}:{port}"


class QuizSSHServer(asyncssh.SSHServer):
    """One per connection: the login check, then one quiz session per shell request."""

    def __init__(self, hub: Hub, client: tuple[str, int] | None = None) -> None:
        self.hub = hub
        self.client = client
        """The client's address from a trusted proxy's PROXY header (None: the peer's)."""
        self.peer = "?"
        self.address = "?"
        self.identity: Identity | None = None
        self.candidate: Identity | None = None
        self.keys: list[tuple[asyncssh.SSHKey, str]] = []  # with their OpenSSH lines
        self.pending: Pending | None = None
        """Its place among the connections logging in (limits.LoggingIn), until it has."""
        self.deadline: asyncio.TimerHandle | None = None
        self.sessions = 0
        """Sessions playing on this connection: at most SESSIONS_PER_CONNECTION."""

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.peer = peer_of(conn) if self.client is None else address_text(*self.client)
        self.deadline = asyncio.get_running_loop().call_later(
            self.hub.config.login_timeout, self.login_deadline, conn
        )
        self.address = self.peer.rsplit(":", 1)[0]
        logging_in = self.hub.logging_in
        pending = Pending(self.address, self.peer, logging_in.clock(),
                          lambda: self.make_room(conn))  # fmt: skip
        if not logging_in.admit(pending):  # every one logging in has taken a step lately
            conn.close()
            return
        self.pending = pending

    def make_room(self, conn: asyncssh.SSHServerConnection) -> None:
        """Silent longest while every place was held: closed for a newcomer, told why."""
        self.logged_in_or_gone()
        conn.disconnect(asyncssh.DISC_TOO_MANY_CONNECTIONS, t("serve.made_room"))

    def heard(self) -> None:
        """An authentication step: a client at work, not the first to make room."""
        if self.pending is not None:
            self.hub.logging_in.heard(self.pending)

    def login_deadline(self, conn: asyncssh.SSHServerConnection) -> None:
        """Not logged in in time (OpenSSH's LoginGraceTime): the client is told why, in the
        disconnect message every SSH client shows, and the connection closes."""
        log.info("ssh from %s: not logged in within %.0f s, closed", self.peer,
                 self.hub.config.login_timeout)  # fmt: skip
        seconds = f"{self.hub.config.login_timeout:.0f}"
        conn.disconnect(asyncssh.DISC_NO_MORE_AUTH_METHODS_AVAILABLE,
                        t("serve.login_deadline", seconds=seconds))  # fmt: skip

    def logged_in_or_gone(self) -> None:
        if self.deadline is not None:
            self.deadline.cancel()
            self.deadline = None
        if self.pending is not None:
            self.hub.logging_in.done(self.pending)
            self.pending = None

    def auth_completed(self) -> None:
        self.logged_in_or_gone()

    def connection_lost(self, exc: Exception | None) -> None:
        self.logged_in_or_gone()

    async def begin_auth(self, username: str) -> bool:
        self.heard()
        auth = self.hub.auth
        if auth.open_mode:
            self.identity = auth.open_identity(username)
            if self.identity is None:
                log.info("ssh: name %s from %s refused", shown(username), self.peer)
            return self.identity is None  # an unusable name: no method will let it in
        self.candidate, lines = await auth.member_keys(username)
        self.keys = []
        for line in lines:
            with contextlib.suppress(asyncssh.KeyImportError, ValueError):
                self.keys.append((asyncssh.import_public_key(line), line))
        return True

    def password_auth_supported(self) -> bool:
        return not self.hub.auth.open_mode

    async def validate_password(self, username: str, password: str) -> bool:
        self.heard()
        verdict = await self.hub.auth.check_passcode("ssh", username, password, self.address)
        self.identity = verdict.identity
        return verdict.identity is not None

    def public_key_auth_supported(self) -> bool:
        return not self.hub.auth.open_mode

    async def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        self.heard()
        if self.hub.auth.limits.wait_seconds(clean(username), self.address) > 0:
            return False
        line = next((line for known, line in self.keys if key.public_data == known.public_data),
                    None)  # fmt: skip
        if line is not None and await self.hub.auth.key_accepted(clean(username), line):
            self.identity = self.candidate
        return self.identity is not None

    def session_requested(self) -> asyncssh.SSHServerSession[bytes] | bool:
        if self.identity is None or self.hub.stopping:
            return False
        return PtySession(self.hub, self.identity, self.peer, self)

    def claim_session(self) -> bool:
        """A session is about to start on this connection: True if it may (at most
        SESSIONS_PER_CONNECTION at once; taken and given back on the event loop)."""
        if self.sessions >= SESSIONS_PER_CONNECTION:
            assert self.identity is not None
            log.warning("ssh: %s from %s refused a second session on one connection",
                        shown(self.identity.player), self.peer)  # fmt: skip
            return False
        self.sessions += 1
        return True

    def release_session(self) -> None:
        self.sessions -= 1


class Slots(Protocol):
    """What a session asks of its connection: a place among the connection's sessions."""

    def claim_session(self) -> bool: ...
    def release_session(self) -> None: ...


class PtySession(asyncssh.SSHServerSession[bytes]):
    """Bytes between the SSH channel and the session's pseudo-terminal."""

    def __init__(self, hub: Hub, identity: Identity, peer: str, connection: Slots) -> None:
        self.hub = hub
        self.identity = identity
        self.peer = peer
        self.connection = connection
        self.chan: asyncssh.SSHServerChannel[bytes] | None = None
        self.term: str | None = None
        self.size = (80, 24)
        self.master: int | None = None
        self.process: SessionProcess | None = None
        self.session: Session | None = None
        self.pending = b""
        self.client_gone = False
        self.done = asyncio.Event()
        self.output = Throttle(hub.config.output_rate)
        self.typed = Throttle(INPUT_RATE)
        self.client_paused = False
        """The client's window is full: no reading of the session's output until it drains."""
        self.output_held = False
        """The session has used its output rate: reading waits a moment."""
        self.input_held = False
        """The client has typed faster than INPUT_RATE: its keys wait here a moment."""

    # -- what the client asks for ---------------------------------------------------------

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        self.chan = chan

    def pty_requested(self, term_type: str, term_size: tuple[int, int, int, int],
                      term_modes: object) -> bool:  # fmt: skip
        self.term = term_name(term_type)
        if term_size[0] and term_size[1]:
            self.size = clamped_size(term_size[0], term_size[1])
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        return False  # the quiz only: no commands

    def subsystem_requested(self, subsystem: str) -> bool:
        return False

    def terminal_size_changed(self, width: int, height: int, pixwidth: int,
                              pixheight: int) -> None:  # fmt: skip
        if width and height:
            self.size = clamped_size(width, height)
            if self.master is not None:
                set_size(self.master, *self.size)

    def session_started(self) -> None:
        asyncio.get_running_loop().create_task(self.run())

    # -- the session ----------------------------------------------------------------------

    def say(self, text: str) -> None:
        assert self.chan is not None
        self.chan.write((text + "\r\n").encode("utf-8"))

    async def run(self) -> None:
        assert self.chan is not None
        if self.term is None:
            self.say(t("serve.need_terminal"))
            self.chan.exit(2)
            return
        if not self.connection.claim_session():  # more sessions would hold more of the slots
            self.say(t("serve.one_session"))
            self.chan.exit(1)
            return
        try:
            await self.run_claimed()
        finally:
            self.connection.release_session()

    async def run_claimed(self) -> None:
        assert self.chan is not None
        hub = self.hub
        session = hub.table.open("ssh", self.peer, self.identity.player, self.identity.login)
        if session is None:
            self.say(t("serve.full"))
            self.chan.exit(1)
            return
        self.session = session
        hub.live.add(self)
        code: int | None = 1
        try:
            code = await self.play()
        except Exception:  # the fork server gone, no pseudo-terminals left: say so, stay up
            log.exception("ssh session %d: could not start", session.number)
            if not self.client_gone:
                self.say(t("serve.failed"))
        finally:
            hub.live.discard(self)
            hub.table.close(session, self.process.exit_code if self.process else None)
            self.done.set()
        if not self.client_gone:
            if hub.stopping:  # after the quiz has left the screen, so the words stay on it
                self.say(t("serve.stopping"))
            elif code == OUT_OF_MEMORY:
                megabytes = hub.config.session_memory // (1024 * 1024)
                self.say(t("serve.out_of_memory", megabytes=megabytes))
            self.chan.exit(0 if code == 0 else 1)

    async def play(self) -> int | None:
        colorterm = self.chan.get_environment().get("COLORTERM") if self.chan else None
        spec = self.hub.spec("ssh", self.identity.player, term=self.term or "xterm-256color",
                             colorterm=colorterm if colorterm in ("truecolor", "24bit") else None,
                             size=self.size)  # fmt: skip
        master, slave = os.openpty()
        self.master = master
        set_size(slave, *self.size)
        os.set_blocking(master, False)
        try:
            self.process = self.hub.spawner.start(spec, (slave, slave, slave))
        finally:
            os.close(slave)
        loop = asyncio.get_running_loop()
        self.watch_output()
        try:
            return await self.process.wait()
        finally:
            self.drain_output()
            loop.remove_reader(master)
            with contextlib.suppress(OSError):
                loop.remove_writer(master)
            os.close(master)
            self.master = None

    def watch_output(self) -> None:
        """Read the session's output while the client keeps up and the rate allows."""
        if self.master is None:
            return
        loop = asyncio.get_running_loop()
        if self.client_paused or self.output_held:
            loop.remove_reader(self.master)
        else:
            loop.add_reader(self.master, self.read_output)

    def read_output(self) -> None:
        assert self.master is not None
        try:
            data = os.read(self.master, READ_SIZE)
        except BlockingIOError:
            return
        except OSError:  # EIO: the session has closed its terminal
            asyncio.get_running_loop().remove_reader(self.master)
            return
        if data and self.chan is not None and not self.client_gone:
            self.chan.write(data)
        if delay := self.output.delay(len(data)):  # over the output rate: the session waits
            self.output_held = True
            self.watch_output()
            asyncio.get_running_loop().call_later(delay, self.release_output)

    def release_output(self) -> None:
        self.output_held = False
        self.watch_output()

    def drain_output(self) -> None:
        """What the session wrote last (its goodbye), before its terminal goes."""
        with contextlib.suppress(OSError):
            while self.master is not None and (data := os.read(self.master, READ_SIZE)):
                if self.chan is not None and not self.client_gone:
                    self.chan.write(data)

    # -- keys and flow control ------------------------------------------------------------

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        if self.master is None:
            return
        self.pending += data
        self.write_input()

    def write_input(self) -> None:
        """Keys to the session's terminal as fast as it takes them, but no faster than
        INPUT_RATE (the rest waits here, and beyond INPUT_BUFFER the client waits too)."""
        master = self.master
        if master is None:
            return
        loop = asyncio.get_running_loop()
        allowed = self.pending[: self.typed.available()]
        try:
            written = os.write(master, allowed) if allowed else 0
        except BlockingIOError:
            written = 0
        except OSError:
            self.pending = b""
            return
        self.typed.take(written)
        self.pending = self.pending[written:]
        if self.pending and written < len(allowed):  # the terminal is full: when it drains
            loop.add_writer(master, self.write_input)
        else:
            with contextlib.suppress(OSError):
                loop.remove_writer(master)
            if self.pending and not self.input_held:  # over the rate: in a moment
                self.input_held = True
                loop.call_later(self.typed.wait_for(min(len(self.pending), 1024)),
                                self.release_input)  # fmt: skip
        if self.chan is not None:  # the client waits while the session catches up
            if len(self.pending) > INPUT_BUFFER:
                self.chan.pause_reading()
            else:
                self.chan.resume_reading()

    def release_input(self) -> None:
        self.input_held = False
        self.write_input()

    def pause_writing(self) -> None:
        self.client_paused = True
        self.watch_output()

    def resume_writing(self) -> None:
        self.client_paused = False
        self.watch_output()

    def eof_received(self) -> bool:
        return True  # keep playing: the keyboard may still type

    def connection_lost(self, exc: Exception | None) -> None:
        """The client went away (or the channel closed after the session ended)."""
        self.client_gone = True
        if self.process is not None and self.process.running:
            asyncio.get_running_loop().create_task(
                self.process.end(signal.SIGHUP, self.hub.config.stop_grace)
            )

    async def stop(self) -> None:
        """The server is stopping: the session saves and quits as on a hang-up; the player is
        told once it has (`run`). Said before, the words would be drawn into the quiz's last
        frame, and gone with it a moment later, when the quiz leaves the alternate screen."""
        if self.process is not None and self.process.running:
            await self.process.end(signal.SIGHUP, self.hub.config.stop_grace)
        await self.done.wait()


def server_options(hub: Hub, host_key: asyncssh.SSHKey) -> dict[str, object]:
    return {
        "server_host_keys": [host_key],
        "line_editor": False,
        "encoding": None,
        "allow_pty": True,
        "x11_forwarding": False,
        "agent_forwarding": False,
        "allow_scp": False,
        "kbdint_auth": False,
        "login_timeout": hub.config.login_timeout + 10,  # a backstop: QuizSSHServer says why
        "keepalive_interval": KEEPALIVE_SECONDS,
        "keepalive_count_max": 3,
    }


async def start_ssh(hub: Hub, host_key: asyncssh.SSHKey) -> asyncssh.SSHAcceptor | Acceptor:
    """asyncssh's listener; quiz's own (ProxiedAcceptor) when proxies are trusted."""
    address = hub.config.ssh
    assert address is not None
    options = server_options(hub, host_key)
    if hub.config.trusted_proxies:  # connections are accepted by quiz, to read PROXY headers
        from quiz.serve.proxy import ProxiedAcceptor

        def server(client: tuple[str, int]) -> QuizSSHServer:
            return QuizSSHServer(hub, client)

        return await ProxiedAcceptor.start(address.host, address.port,
                                           hub.config.trusted_proxies, server, options)  # fmt: skip
    return await asyncssh.create_server(lambda: QuizSSHServer(hub), address.host, address.port,
                                        **options)  # fmt: skip
