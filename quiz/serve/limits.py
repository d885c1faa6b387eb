"""Failed logins slow down per address; sessions are capped and logged."""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

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


IDLE_SECONDS = 5.0
"""A connection not logged in that has sent nothing for this long may be closed to make room
for a newcomer when every stranger's place is held (as OpenSSH's MaxStartups drops some of the
unauthenticated connections rather than refuse everyone): long enough for a person to read a
login screen's first line, short enough that a member waits only a moment. One who is typing
(in a browser: keys; over SSH: an authentication step) is never the one closed first."""
EVICTION_LOG_SECONDS = 1.0
"""At most one log line a second about connections closed to make room (the rest counted)."""


class Waiting(Protocol):
    """A connection not logged in yet, as the rule for making room sees it."""

    @property
    def heard(self) -> float:
        """When it last sent something (its start, until then)."""


W = TypeVar("W", bound=Waiting)


def idlest(waiting: Iterable[W], now: float, idle: float = IDLE_SECONDS) -> W | None:
    """The one that has been silent longest, if it has been silent at least `idle` seconds;
    None when every one has sent something lately (the newcomer is refused then)."""
    silent = [one for one in waiting if now - one.heard >= idle]
    return min(silent, key=lambda one: one.heard, default=None)


class EvictionLog:
    """One line per connection closed to make room, but at most one a second: a flood of
    newcomers cannot flood the log (the lines skipped are counted in the next)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.last = -EVICTION_LOG_SECONDS
        self.skipped = 0

    def note(self, what: str, idle: float) -> None:
        now = self.clock()
        if now - self.last < EVICTION_LOG_SECONDS:
            self.skipped += 1
            return
        more = f" ({self.skipped} more since the last line)" if self.skipped else ""
        log.warning("%s: silent for %.0f s while every stranger's place was held, closed to "
                    "make room%s", what, idle, more)  # fmt: skip
        self.last, self.skipped = now, 0


@dataclass
class Session:
    number: int
    transport: str
    peer: str
    started: float
    player: str | None = None
    login: str | None = None
    heard: float = 0.0
    """When its client last typed (its start, until then): the idlest stranger makes room."""
    evict: Callable[[], None] | None = None
    """Closes the session (with a word to its client) when it is chosen to make room."""

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
    evictions: EvictionLog | None = None
    leaving: dict[int, Session] = field(default_factory=dict)
    """Sessions closed to make room, until they have ended (outside every quota meanwhile)."""

    def __post_init__(self) -> None:
        if self.evictions is None:
            self.evictions = EvictionLog(self.clock)

    @property
    def per_address(self) -> int:
        """Strangers' places one address may hold: half of them (at least one), so one
        address cannot hold them all."""
        return max(1, self.anonymous_capacity // 2)

    @property
    def members(self) -> int:
        return sum(1 for session in self.sessions.values() if session.player is not None)

    @property
    def anonymous(self) -> int:
        return len(self.sessions) - self.members

    def open(self, transport: str, peer: str, player: str | None = None,
             login: str | None = None) -> Session | None:  # fmt: skip
        """A new session, or None (logged) when its kind has no room: a member's session
        within `capacity`, one not logged in (player None) within `anonymous_capacity` and
        `per_address`, made by closing the idlest stranger when those are full (`room`)."""
        if player is None and not self.room(transport, peer):
            return None
        if player is not None and self.full:
            log.warning("%s from %s refused: server full (%d sessions)", transport, peer,
                        self.capacity)  # fmt: skip
            return None
        now = self.clock()
        session = Session(self._next, transport, peer, now, player, login, heard=now)
        self._next += 1
        self.sessions[session.number] = session
        log.info("%s session %d: %s from %s started (%s)", transport, session.number,
                 session.who, peer, self.counts)  # fmt: skip
        return session

    def room(self, transport: str, peer: str) -> bool:
        """A stranger's place for a newcomer from `peer`: free, or made by closing the session
        not logged in that has been silent longest (IDLE_SECONDS at least), among those of the
        same address when it holds its share, else among all; False (logged) when every one
        has typed lately."""
        waiting = [session for session in self.sessions.values() if session.player is None]
        mine = [session for session in waiting if session.peer == peer]
        if len(mine) >= self.per_address:
            pool, why = mine, f"{len(mine)} sessions not logged in from this address"
        elif len(waiting) >= self.anonymous_capacity:
            pool, why = waiting, f"{self.anonymous_capacity} sessions not logged in yet"
        else:
            return True
        now = self.clock()
        victim = idlest(pool, now)
        if victim is not None and len(self.leaving) >= self.anonymous_capacity:
            # As many are still ending: newcomers who make room as fast as sessions fall silent
            # cannot multiply the processes beyond twice the strangers' quota.
            victim, why = None, f"{len(self.leaving)} sessions closed to make room still ending"
        if victim is None:
            log.warning("%s from %s refused: %s", transport, peer, why)
            return False
        # Its place is the newcomer's now; it ends within a moment (stop_grace at most).
        self.leaving[victim.number] = self.sessions.pop(victim.number)
        assert self.evictions is not None
        self.evictions.note(f"{victim.transport} session {victim.number} from {victim.peer}",
                            now - victim.heard)  # fmt: skip
        if victim.evict is not None:
            victim.evict()
        return True

    def typed(self, session: Session) -> None:
        """Its client has typed: not the first to make room."""
        session.heard = self.clock()

    @property
    def counts(self) -> str:
        text = f"{self.members}/{self.capacity}"
        if self.anonymous:
            text += f", {self.anonymous}/{self.anonymous_capacity} not logged in"
        return text

    def identified(self, session: Session, player: str, login: str | None) -> bool:
        """The session's player has logged in: it moves to a member's place, False (logged)
        when every member's place is taken (it stays at its login screen), or when it has
        been closed to make room (it is ending)."""
        if session.number in self.leaving:
            return False
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
        known = self.sessions.pop(session.number, None) or self.leaving.pop(session.number, None)
        if known is None:
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


PENDING_PER_ADDRESS = 10
"""SSH connections from one address still logging in (or idling before it) at once."""
PENDING_TOTAL = 100
"""SSH connections logging in at once from every address together (OpenSSH's MaxStartups stops
at 100 too): a bound on what strangers who never log in cost the host (a key exchange and the
connection's state each, for up to the login deadline). SSH logins hold no session's place."""


@dataclass(eq=False)
class Pending:
    """An SSH connection not logged in yet."""

    address: str
    peer: str
    heard: float
    """When it last took an authentication step (its start, until then)."""
    evict: Callable[[], None]
    """Closes the connection, telling the client why."""


class LoggingIn:
    """SSH connections still logging in: at most `per_address` from one address and `total` in
    all. A newcomer past either bound takes the place of the connection (of that address, or
    of all) that has been silent longest (IDLE_SECONDS at least: one that never finished its
    handshake, or stopped after it), which is closed; it is refused only when every one has
    taken a step lately."""

    def __init__(self, per_address: int = PENDING_PER_ADDRESS, total: int = PENDING_TOTAL,
                 clock: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        self.per_address = per_address
        self.total = total
        self.clock = clock
        self.waiting: set[Pending] = set()
        self.evictions = EvictionLog(clock)

    def count(self, address: str) -> int:
        return sum(1 for one in self.waiting if one.address == address)

    def admit(self, newcomer: Pending) -> bool:
        mine = [one for one in self.waiting if one.address == newcomer.address]
        if len(mine) >= self.per_address:
            pool, why = mine, f"{self.per_address} logins already in progress"
        elif len(self.waiting) >= self.total:
            pool, why = list(self.waiting), f"{self.total} logins already in progress in all"
        else:
            self.waiting.add(newcomer)
            return True
        now = self.clock()
        victim = idlest(pool, now)
        if victim is None:
            log.warning("ssh from %s refused: %s", newcomer.peer, why)
            return False
        self.waiting.discard(victim)
        self.evictions.note(f"ssh from {victim.peer}, not logged in", now - victim.heard)
        victim.evict()
        self.waiting.add(newcomer)
        return True

    def heard(self, pending: Pending) -> None:
        pending.heard = self.clock()

    def done(self, pending: Pending) -> None:
        """Logged in, or gone."""
        self.waiting.discard(pending)
