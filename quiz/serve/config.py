"""What `quiz serve` was asked to do, and the defaults that keep the host up."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from quiz.system.settings import Settings

KB = 1024
MB = 1024 * KB
SESSION_MB = 24
"""What one more idle session costs: its PSS, measured (docs/serving.md, Capacity: 41 MB RSS,
23.3-24.1 MB PSS with three idle sessions on 2026-12-07; the pages of the imported code are
shared with the fork server)."""
ANONYMOUS_SHARE = 4
"""Sessions not logged in yet (a browser's login screen) may be one for every this many
members' places: each is a process too, so the memory budget counts them."""
ANONYMOUS_MIN = 4
LOGIN_DEADLINE = 60.0
"""Seconds a connection has to log in (OpenSSH's LoginGraceTime)."""
SESSION_MEMORY_MB = 256
"""A session's data segment cap (RLIMIT_DATA): an idle one uses about 60 MB of it."""
OUTPUT_RATE = 256 * KB
"""Bytes a second a session may send its client (a full 400×150 redraw is about 150 KB)."""
SESSIONS_PER_CORE = 50
"""Players mostly read and think: a core keeps up with this many at their typing speed."""
MEMORY_SHARE = 0.75
"""The share of the host's memory sessions may take; the rest is for the system and the DB."""


class AddressError(ValueError):
    """HOST:PORT that cannot be used (the message says why)."""


@dataclass(frozen=True, slots=True)
class Address:
    host: str
    port: int

    def __str__(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


def parse_address(text: str) -> Address:
    """`HOST:PORT`, `[IPv6]:PORT` or `:PORT` (every interface)."""
    host, sep, port_text = text.strip().rpartition(":")
    if not sep or not port_text.isdigit():
        raise AddressError(text)
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    port = int(port_text)
    if not 0 <= port <= 65535:
        raise AddressError(text)
    return Address(host or "0.0.0.0", port)


def proxy_address(text: str) -> str:
    """A --trusted-proxy: an IP address, as the connection's peer address is written;
    ValueError (naming it) when it is not one."""
    from quiz.serve.proxy import ip_text

    address = ip_text(text)
    if address is None:
        raise ValueError(text)
    return address


def memory_bytes() -> int:
    """The host's physical memory (0 when the platform does not say)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 0


def default_max_sessions(memory: int | None = None, cores: int | None = None) -> int:
    """As many members' sessions as memory and cores allow, whichever is fewer (at least 1);
    the memory is shared with the sessions not logged in yet (default_max_anonymous)."""
    memory = memory_bytes() if memory is None else memory
    cores = (os.cpu_count() or 1) if cores is None else cores
    share = 1 + 1 / ANONYMOUS_SHARE
    by_memory = int(memory * MEMORY_SHARE / (SESSION_MB * MB * share)) if memory else 10**6
    return max(1, min(by_memory, cores * SESSIONS_PER_CORE))


def default_max_anonymous(max_sessions: int) -> int:
    """Sessions not logged in yet, besides the members' ones."""
    return max(ANONYMOUS_MIN, max_sessions // ANONYMOUS_SHARE)


@dataclass(frozen=True, slots=True)
class ServeConfig:
    settings: Settings
    """The bank, the database and the language every session uses (the user is set per
    session)."""
    ssh: Address | None
    web: Address | None
    max_sessions: int
    open_mode: bool
    host_key: Path
    max_anonymous: int = ANONYMOUS_MIN
    """Sessions not logged in yet (a browser at its login screen): a quota of their own, so
    strangers never hold a member's place."""
    login_timeout: float = LOGIN_DEADLINE
    """The login deadline: a connection not logged in by then is told so and closed."""
    session_memory: int = SESSION_MEMORY_MB * MB
    """A session's memory cap in bytes (RLIMIT_DATA); 0: none."""
    output_rate: int = OUTPUT_RATE
    """Bytes a second a session may send its client (keys: limits.INPUT_RATE)."""
    trusted_proxies: tuple[str, ...] = ()
    """Addresses of reverse proxies whose X-Forwarded-For (web) or PROXY header (SSH) names
    the client (--trusted-proxy)."""
    allowed_origins: tuple[str, ...] = ()
    """Page addresses (scheme://host[:port]) besides the served host's own whose pages may open
    a browser session (--allowed-origin)."""
    stop_grace: float = 10.0
    """How long a session may take to save and quit when the server stops or its client has
    gone, before it is killed."""
