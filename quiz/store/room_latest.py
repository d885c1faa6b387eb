"""The latest state of each room this process has read, shared by all its players.

A served host or a bench process holds many players of one room. Each waits for the room to
change; one of them reads the new state and the others take it (Rooms.state_since), so a
version costs one read a process, however many players it holds.

In the lobby, versions come as fast as people join: a room of 1,000 filling in ten seconds
makes 100 versions a second, and every process reading each of them whole (every seat) would
spend more CPU than two cores have, starving the joins themselves. A process therefore reads a
room still in its lobby at most LOBBY_READS_PER_SECOND times a second: a join shows within a
quarter of a second, and a lobby of any size costs a few reads a second a process. Once the
room has started, every version is read as soon as it is asked for (a question's start and end
are what players race on); the first question waits for the lobby's pace only when a join came
less than a quarter of a second before the host started.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from quiz.rooms.model import RoomPhase, RoomState

LOBBY_READS_PER_SECOND = 4


class LatestStates:
    def __init__(
        self,
        read: Callable[[str], RoomState],
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._read = read
        self._clock = clock
        self._sleep = sleep
        self._latest: dict[str, tuple[RoomState, float]] = {}
        self._lock = threading.Lock()

    def since(self, room_id: str, version: int) -> RoomState:
        """The room's state at `version` or newer, read by one waiter for all of them."""
        with self._lock:
            cached = self._latest.get(room_id)
            if cached is not None:
                state, read_at = cached
                if state.version >= version:
                    return state
                pause = read_at + 1 / LOBBY_READS_PER_SECOND - self._clock()
                if state.phase is RoomPhase.LOBBY and pause > 0:
                    self._sleep(pause)  # the others wait on the lock for this read
            state = self._read(room_id)
            if cached is None or state.version > cached[0].version:
                self._latest[room_id] = (state, self._clock())
            return state
