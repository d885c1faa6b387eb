"""The code every room participant runs, with or without a screen: the TUI's host and player
screens drive these from workers, and the bench runs hundreds of them as tasks.

Writes that fail because the store is briefly unreachable are retried with the same key, so a
lost connection costs time, never a doubled or lost answer.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from typing import TypeVar

from quiz.bank.models import Question
from quiz.rooms.model import (
    HOST_GONE_SECONDS,
    PIN_DIGITS,
    AnswerOutcome,
    RoomError,
    RoomPhase,
    RoomSettings,
    RoomState,
)
from quiz.store.errors import StoreError
from quiz.store.opening import open_rooms
from quiz.store.room_watch import Watcher
from quiz.store.rooms import Rooms
from quiz.usecases.room_keys import RoomKeys, new_token

T = TypeVar("T")
RETRY_SECONDS = 30.0


def transient(exc: BaseException) -> bool:
    """A fault that waiting may cure: a lost connection, a locked database."""
    return isinstance(exc, StoreError) and exc.transient


def retried(action: Callable[[], T], within: float = RETRY_SECONDS) -> T:
    end = time.monotonic() + within
    pause = 0.05
    while True:
        try:
            return action()
        except Exception as exc:
            if not transient(exc) or time.monotonic() + pause > end:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 1.0)


class Participant:
    """What host and players share: the room (by its own id), and waiting for it to change."""

    def __init__(self, rooms: Rooms, watcher: Watcher, room_id: str) -> None:
        self.rooms = rooms
        self.watcher = watcher
        self.room_id = room_id
        self.seen = 0

    def state(self) -> RoomState:
        state = retried(lambda: self.rooms.state(self.room_id))
        self.seen = max(self.seen, state.version)
        return state

    def next_state(self, timeout: float = 1.0) -> RoomState | None:
        """The room's state once it has changed since it was last seen, else None."""
        version = self.watcher.wait(self.room_id, self.seen, timeout)
        if version <= self.seen:
            return None
        state = retried(lambda: self.rooms.state_since(self.room_id, version))
        self.seen = max(self.seen, state.version)
        return state


def is_pin(text: str) -> bool:
    """A PIN as players type it (6 digits), not a room's own id (a matched race's)."""
    return len(text) == PIN_DIGITS and text.isdigit()


class RoomPlayer(Participant):
    def __init__(self, rooms: Rooms, watcher: Watcher, pin: str, name: str, keys: RoomKeys) -> None:
        """`pin`: what the player typed (the live room with that PIN), or a room's own id."""
        super().__init__(rooms, watcher, "" if is_pin(pin) else pin)
        self.pin = pin
        self.name = name
        self.keys = keys
        self.token = ""

    def join(self) -> RoomState:
        """Take a seat, or take this player's seat back, with the seat token kept in `keys`.
        A PIN that finds no live room counts as a guess against the player (Rooms.find)."""
        if not self.room_id:
            self.room_id = retried(lambda: self.rooms.find(self.pin, self.name))
        room_id = self.room_id
        self.token = self.keys.seat(room_id, self.name)
        state = retried(lambda: self.rooms.join(room_id, self.name, self.token))
        self.seen = state.version
        return state

    def answer(self, position: int, given: tuple[str, ...]) -> AnswerOutcome:
        key = uuid.uuid4().hex  # one key per answer: every retry of it is the same answer
        token = self.token
        return retried(
            lambda: self.rooms.answer(self.room_id, self.name, position, given, key, token)
        )

    def host_gone(self) -> bool:
        """The room's host has not checked in for HOST_GONE_SECONDS (its process died, or it
        left the room open); a matched room has no host to miss."""
        silence = retried(lambda: self.rooms.host_silence(self.room_id))
        return silence is not None and silence > HOST_GONE_SECONDS

    def end_question_if_due(self, state: RoomState) -> bool:
        """With the host gone, end the open question once its time is up (by the store's
        clock), as the host would have: the players see the answer."""
        if state.phase is not RoomPhase.QUESTION:
            return False
        return retried(lambda: self.rooms.advance(self.room_id, state.version))


class RoomHost(Participant):
    """The host's moves, each proved by the host's token (the store keeps its hash)."""

    def __init__(self, rooms: Rooms, watcher: Watcher, room_id: str, token: str) -> None:
        super().__init__(rooms, watcher, room_id)
        self.token = token

    @property
    def pin(self) -> str:
        """What players type to join (the room's id starts with it)."""
        return self.room_id.partition("-")[0]

    @classmethod
    def open(
        cls, rooms: Rooms, watcher: Watcher, host: str, settings: RoomSettings,
        questions: Sequence[Question], keys: RoomKeys,
    ) -> RoomHost:  # fmt: skip
        token = new_token()
        room_id = retried(lambda: rooms.open(host, settings, questions, token))
        keys.keep_host(room_id, token)
        return cls(rooms, watcher, room_id, token)

    @classmethod
    def resume(cls, rooms: Rooms, watcher: Watcher, pin: str, keys: RoomKeys, who: str) -> RoomHost:
        """The host again of the live room with this PIN (`who` typed it: a miss counts as a
        guess), from the token kept when the room was opened; RoomError `room.not_host`
        without it (another machine, another player)."""
        room_id = retried(lambda: rooms.find(pin, who)) if is_pin(pin) else pin
        token = keys.host(room_id)
        if token is None:
            raise RoomError("room.not_host", pin=pin)
        retried(lambda: rooms.check_host(room_id, token))
        return cls(rooms, watcher, room_id, token)

    def start(self) -> None:
        retried(lambda: self.rooms.start(self.room_id, self.token))

    def kick(self, name: str) -> None:
        retried(lambda: self.rooms.kick(self.room_id, name, self.token))

    def heartbeat(self) -> None:
        """Tell the store the host is there (every HOST_CHECK_IN_SECONDS while hosting)."""
        retried(lambda: self.rooms.host_check_in(self.room_id, self.token))

    def answered(self, position: int) -> tuple[str, ...]:
        """Who has answered question `position` so far."""
        return retried(lambda: self.rooms.answered(self.room_id, position))

    def tick(self, state: RoomState, waited: float = 0.0) -> bool:
        """End the open question once its time is up (by the store's clock). `waited`: seconds
        since `state` was read (a screen holds a state while its timer runs down)."""
        if state.phase is not RoomPhase.QUESTION or state.remaining - waited > 0:
            return False
        return retried(lambda: self.rooms.advance(self.room_id, state.version))

    def next(self) -> None:
        """Skip the open question, or go on from a reveal to the next question or the podium."""
        retried(lambda: self.rooms.advance(self.room_id, host_token=self.token))

    def close(self) -> None:
        retried(lambda: self.rooms.close(self.room_id, self.token))


def check_resume(target: str, pin: str, keys: RoomKeys, who: str) -> None:
    """RoomError unless the live room `pin` is there and `keys` hold its host's token: `quiz
    room host --resume` says so before any screen opens."""
    rooms = open_rooms(target)
    try:
        RoomHost.resume(rooms, Watcher(rooms.db, rooms.version), pin, keys, who).watcher.close()
    finally:
        rooms.db.close()


def connect(target: str) -> tuple[Rooms, Watcher]:
    rooms = open_rooms(target)
    return rooms, Watcher(rooms.db, rooms.version)


def find_match(
    target: str, name: str, players: int, questions: Sequence[Question], wait: float,
    cancelled: Callable[[], bool], keys: RoomKeys,
) -> str | None:  # fmt: skip
    """双人对战/四人赛 with real people in the shared store at `target`: the match's PIN once
    `players - 1` others are found within `wait` seconds, else None. The seat's token is kept
    in `keys` for the player's screen to join with."""
    from quiz.store.matching import Matchmaker

    token = new_token()
    rooms = open_rooms(target)
    try:
        pin = Matchmaker(rooms).find(name, players, questions, token, wait, cancelled=cancelled)
    finally:
        rooms.db.close()
    if pin is not None:  # the match's own id: its seat is taken with this token
        keys.keep_seat(pin, name, token)
    return pin
