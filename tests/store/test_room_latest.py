"""One read of a room per process and version, and a lobby read a few times a second at most
(quiz.store.room_latest), on an injected clock."""

from __future__ import annotations

from quiz.rooms.model import RoomKind, RoomPhase, RoomState
from quiz.store.room_latest import LOBBY_READS_PER_SECOND, LatestStates


def state(version: int, phase: RoomPhase) -> RoomState:
    return RoomState(
        room_id="r", pin="123456", kind=RoomKind.ROOM, host="h", phase=phase, version=version,
        position=-1 if phase is RoomPhase.LOBBY else 0, count=3, seconds=15, deadline=None,
        now=0.0, changed_at=0.0, reveal_until=None, seats=(), answered=0, question=None,
    )  # fmt: skip


class Room:
    """The store as the reads see it: its version moves on, each read is counted."""

    def __init__(self) -> None:
        self.version = 1
        self.phase = RoomPhase.LOBBY
        self.reads = 0
        self.now = 100.0
        self.slept: list[float] = []

    def read(self, _room: str) -> RoomState:
        self.reads += 1
        return state(self.version, self.phase)

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def latest(room: Room) -> LatestStates:
    return LatestStates(room.read, clock=lambda: room.now, sleep=room.sleep)


def test_a_version_already_read_is_not_read_again() -> None:
    room = Room()
    reads = latest(room)
    assert reads.since("r", 1).version == 1
    assert reads.since("r", 0).version == 1 and reads.since("r", 1).version == 1
    assert room.reads == 1


def test_a_lobby_is_read_at_most_a_few_times_a_second() -> None:
    room = Room()
    reads = latest(room)
    reads.since("r", 1)
    for _join in range(20):  # twenty joins in a tenth of a second
        room.version += 1
        room.now += 0.005
        reads.since("r", room.version)
    spacing = 1 / LOBBY_READS_PER_SECOND
    assert room.reads == 21
    assert room.now >= 100.0 + 20 * spacing - 1e-9  # each read waited for the lobby's pace
    assert all(0 < s <= spacing for s in room.slept)


def test_a_started_room_is_read_at_once() -> None:
    room = Room()
    reads = latest(room)
    reads.since("r", 1)
    room.now += 1.0  # the host looks at the lobby before starting: no wait
    room.version, room.phase = 2, RoomPhase.QUESTION
    assert reads.since("r", 2).phase is RoomPhase.QUESTION
    room.version, room.phase = 3, RoomPhase.REVEAL
    room.now += 0.01
    assert reads.since("r", 3).phase is RoomPhase.REVEAL
    assert room.slept == [] and room.reads == 3
