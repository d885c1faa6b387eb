"""Failed logins slow down per address; sessions are capped and logged."""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger("quiz.serve")

FAILURES_ALLOWED = 5
"""Failed logins one account may have within WINDOW_SECONDS before it must wait."""
ADDRESS_FAILURES_ALLOWED = 50
"""Failed logins one address may make within WINDOW_SECONDS (to any accounts) before it must
wait: many people may sit behind one address (a NAT, a proxy), so this is a bound on guessing
across accounts, not a penalty for one person's typing."""
WINDOW_SECONDS = 60.0


class RateLimiter:
    """Per address: after FAILURES_ALLOWED failures within the window, every attempt is refused
    until the oldest of them is older than the window. Successes do not reset the count, so
    a guesser cannot interleave a known login to keep going."""

    def __init__(
        self,
        allowed: int = FAILURES_ALLOWED,
        window: float = WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.allowed = allowed
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}

    def wait_seconds(self, address: str) -> float:
        """0 when `address` may try now, else how long it must wait."""
        failures = self._recent(address)
        if len(failures) < self.allowed:
            return 0.0
        return max(0.0, failures[0] + self.window - self.clock())

    def failed(self, address: str) -> None:
        self._failures.setdefault(address, deque()).append(self.clock())
        self._recent(address)

    def _recent(self, address: str) -> deque[float]:
        failures = self._failures.get(address)
        if failures is None:
            return deque()
        horizon = self.clock() - self.window
        while failures and failures[0] <= horizon:
            failures.popleft()
        if not failures:
            del self._failures[address]
        while len(failures) > self.allowed:  # only the newest `allowed` matter
            failures.popleft()
        return failures


MAX_COLUMNS, MAX_ROWS = 400, 150
"""The largest terminal a session is given, whatever the client asks (a 10000×10000 terminal
took a gigabyte and a long freeze): a wider or taller client sees the quiz at this size."""


def clamped_size(columns: int, rows: int) -> tuple[int, int]:
    return max(1, min(columns, MAX_COLUMNS)), max(1, min(rows, MAX_ROWS))


class LoginLimits:
    """Failed logins limited per account and per address (as OpenSSH's PerSourcePenalties
    bound a source): five failures lock that account for a while, wherever they come from, but
    not the other accounts behind the same address; an address that fails on many accounts is
    slowed down as a whole."""

    def __init__(
        self,
        account: RateLimiter | None = None,
        address: RateLimiter | None = None,
    ) -> None:
        self.account = account or RateLimiter()
        self.address = address or RateLimiter(allowed=ADDRESS_FAILURES_ALLOWED)

    def wait_seconds(self, login: str, address: str) -> float:
        """0 when `login` may be tried from `address` now, else how long to wait."""
        return max(self.account.wait_seconds(login), self.address.wait_seconds(address))

    def failed(self, login: str, address: str) -> None:
        self.account.failed(login)
        self.address.failed(address)


def shown(text: str) -> str:
    """Untrusted text (a login, a player's name) as it may appear in the log: unsafe characters
    and line breaks as visible stand-ins, so a name cannot forge log lines or drive a terminal."""
    from quiz.text import safe as safetext

    line = safetext.shown(text[:80])
    return line.replace("\n", safetext.stand_in("\n")).replace("\t", safetext.stand_in("\t"))


def duration(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


@dataclass
class Session:
    number: int
    transport: str
    peer: str
    started: float
    player: str | None = None
    login: str | None = None

    @property
    def who(self) -> str:
        if self.player is None:
            return "(not logged in)"
        if self.login and self.login != self.player:
            return f"{shown(self.player)} (login {shown(self.login)})"
        return shown(self.player)


@dataclass
class SessionTable:
    """Every running session, across transports, within `capacity`; the log says who
    connected, from where, and for how long."""

    capacity: int
    clock: Callable[[], float] = time.monotonic
    sessions: dict[int, Session] = field(default_factory=dict)
    _next: int = 1

    def open(self, transport: str, peer: str, player: str | None = None,
             login: str | None = None) -> Session | None:  # fmt: skip
        """A new session, or None (logged) when the server is full."""
        if len(self.sessions) >= self.capacity:
            log.warning("%s from %s refused: server full (%d sessions)", transport, peer,
                        self.capacity)  # fmt: skip
            return None
        session = Session(self._next, transport, peer, self.clock(), player, login)
        self._next += 1
        self.sessions[session.number] = session
        log.info("%s session %d: %s from %s started (%d/%d)", transport, session.number,
                 session.who, peer, len(self.sessions), self.capacity)  # fmt: skip
        return session

    def identified(self, session: Session, player: str, login: str | None) -> None:
        session.player, session.login = player, login
        log.info("%s session %d: %s logged in from %s", session.transport, session.number,
                 session.who, session.peer)  # fmt: skip

    def close(self, session: Session, exit_code: int | None = None) -> None:
        if self.sessions.pop(session.number, None) is None:
            return
        log.info("%s session %d: %s from %s ended after %s (exit %s)", session.transport,
                 session.number, session.who, session.peer,
                 duration(self.clock() - session.started), exit_code)  # fmt: skip

    @property
    def full(self) -> bool:
        return len(self.sessions) >= self.capacity
