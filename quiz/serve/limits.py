"""Failed logins slow down per address; sessions are capped and logged."""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from quiz.tui.hosted import OUT_OF_MEMORY

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
    """Every running session, across transports: members' sessions within `capacity`, and
    sessions not logged in yet (a browser at its login screen) within `anonymous_capacity`, so
    strangers who never log in cannot hold a member's place. The log says who connected, from
    where, and for how long."""

    capacity: int
    anonymous_capacity: int = 10
    clock: Callable[[], float] = time.monotonic
    sessions: dict[int, Session] = field(default_factory=dict)
    _next: int = 1

    @property
    def members(self) -> int:
        return sum(1 for session in self.sessions.values() if session.player is not None)

    @property
    def anonymous(self) -> int:
        return len(self.sessions) - self.members

    def open(self, transport: str, peer: str, player: str | None = None,
             login: str | None = None) -> Session | None:  # fmt: skip
        """A new session, or None (logged) when its kind has no room: a member's session
        within `capacity`, one not logged in (player None) within `anonymous_capacity`."""
        if player is None and self.anonymous >= self.anonymous_capacity:
            log.warning("%s from %s refused: %d sessions not logged in yet", transport, peer,
                        self.anonymous_capacity)  # fmt: skip
            return None
        if player is not None and self.full:
            log.warning("%s from %s refused: server full (%d sessions)", transport, peer,
                        self.capacity)  # fmt: skip
            return None
        session = Session(self._next, transport, peer, self.clock(), player, login)
        self._next += 1
        self.sessions[session.number] = session
        log.info("%s session %d: %s from %s started (%s)", transport, session.number,
                 session.who, peer, self.counts)  # fmt: skip
        return session

    @property
    def counts(self) -> str:
        text = f"{self.members}/{self.capacity}"
        if self.anonymous:
            text += f", {self.anonymous}/{self.anonymous_capacity} not logged in"
        return text

    def identified(self, session: Session, player: str, login: str | None) -> bool:
        """The session's player has logged in: it moves to a member's place, False (logged)
        when every member's place is taken (it stays at its login screen)."""
        if session.player is None and self.full:
            log.warning("%s session %d: %s from %s refused: server full (%d sessions)",
                        session.transport, session.number, shown(player), session.peer,
                        self.capacity)  # fmt: skip
            return False
        session.player, session.login = player, login
        log.info("%s session %d: %s logged in from %s (%s)", session.transport,
                 session.number, session.who, session.peer, self.counts)  # fmt: skip
        return True

    def close(self, session: Session, exit_code: int | None = None) -> None:
        if self.sessions.pop(session.number, None) is None:
            return
        if exit_code == OUT_OF_MEMORY:
            log.warning("%s session %d: %s from %s reached its memory cap", session.transport,
                        session.number, session.who, session.peer)  # fmt: skip
        log.info("%s session %d: %s from %s ended after %s (exit %s)", session.transport,
                 session.number, session.who, session.peer,
                 duration(self.clock() - session.started), exit_code)  # fmt: skip

    @property
    def full(self) -> bool:
        """Every member's place is taken."""
        return self.members >= self.capacity

    @property
    def anonymous_full(self) -> bool:
        return self.anonymous >= self.anonymous_capacity


class Throttle:
    """A byte rate (a token bucket a second deep): `delay(size)` says how long to wait before
    sending `size` bytes so that the rate holds on average; bursts up to a second's worth pass
    at once."""

    def __init__(self, rate: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.clock = clock
        self.tokens = float(rate)
        self.last = clock()

    def delay(self, size: int) -> float:
        """Take `size` bytes now; how long to wait before the next."""
        self.take(size)
        return 0.0 if self.tokens >= 0 else -self.tokens / self.rate

    def available(self) -> int:
        """Bytes that may go now."""
        self._refill()
        return max(0, int(self.tokens))

    def take(self, size: int) -> None:
        self._refill()
        self.tokens -= size

    def wait_for(self, size: int) -> float:
        """Seconds until `size` bytes may go."""
        self._refill()
        return max(0.0, (size - self.tokens) / self.rate)

    def _refill(self) -> None:
        now = self.clock()
        self.tokens = min(float(self.rate), self.tokens + (now - self.last) * self.rate)
        self.last = now


INPUT_RATE = 4 * 1024
"""Bytes a second a client may type into its session: a fast typist types 10, an answer is a
few words, a paste of a paragraph 1-2 KB. Beyond it the keys wait (the client too, past a
buffer), so a flood costs the session no more than this: every key is an event to handle
(a 3 MB paste took the session from 40 to 80 MB at 32 KB a second, to 50-66 MB at 4 KB)."""
