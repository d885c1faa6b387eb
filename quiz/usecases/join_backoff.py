"""加入房间 in one session (a served session is one process): after a few PINs that found no
room, each further try waits longer (2, 4, 8 … up to 60 s), on top of the store's own count of
a player's misses (quiz.store.rooms.Rooms.find). A PIN that finds its room starts afresh."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

FREE_MISSES = 3
"""Typos cost nothing: the wait starts after this many misses in a row."""
MAX_WAIT_SECONDS = 60.0


class JoinBackoff:
    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self.misses = 0
        self._until = 0.0

    def wait_left(self) -> int:
        """Whole seconds before the next try is allowed (0: now)."""
        return max(0, math.ceil(self._until - self._now()))

    def missed(self) -> None:
        self.misses += 1
        if self.misses > FREE_MISSES:
            wait = min(2.0 ** (self.misses - FREE_MISSES), MAX_WAIT_SECONDS)
            self._until = self._now() + wait

    def found(self) -> None:
        self.misses = 0
        self._until = 0.0
