"""What the room workers tell the room screens (results arrive as messages, not callbacks)."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from quiz.rooms.model import AnswerOutcome, Distribution, RoomState


@dataclass(repr=False, eq=False)
class RoomChanged(Message):
    state: RoomState


@dataclass(repr=False, eq=False)
class RoomAnswered(Message):
    position: int
    outcome: AnswerOutcome


@dataclass(repr=False, eq=False)
class RoomSpread(Message):
    position: int
    spread: Distribution


@dataclass(repr=False, eq=False)
class RoomProgress(Message):
    """Who has answered the open question so far (the host reads it: answers bump no
    version)."""

    position: int
    answered: tuple[str, ...]


@dataclass(repr=False, eq=False)
class HostPresence(Message):
    """The room's host has gone (not heard from for a while), or is back."""

    gone: bool


@dataclass(repr=False, eq=False)
class RoomFailed(Message):
    """A room operation that cannot be done (`code` is a catalog key, `params` its values)."""

    code: str
    params: dict[str, object] = field(default_factory=dict)
