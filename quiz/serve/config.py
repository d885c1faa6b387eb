"""What `quiz serve` was asked to do, and the defaults that keep the host up."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from quiz.system.settings import Settings

MB = 1024 * 1024
SESSION_MB = 40
"""The memory budget of one idle session (measured: about 36 MB RSS, 18 MB PSS)."""
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


def memory_bytes() -> int:
    """The host's physical memory (0 when the platform does not say)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 0


def default_max_sessions(memory: int | None = None, cores: int | None = None) -> int:
    """As many sessions as memory and cores allow, whichever is fewer (at least 1)."""
    memory = memory_bytes() if memory is None else memory
    cores = (os.cpu_count() or 1) if cores is None else cores
    by_memory = int(memory * MEMORY_SHARE / (SESSION_MB * MB)) if memory else 10**6
    return max(1, min(by_memory, cores * SESSIONS_PER_CORE))


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
    login_timeout: float = 60.0
    allowed_origins: tuple[str, ...] = ()
    """Page addresses (scheme://host[:port]) besides the served host's own whose pages may open
    a browser session (--allowed-origin)."""
    stop_grace: float = 10.0
    """How long a session may take to save and quit when the server stops or its client has
    gone, before it is killed."""
