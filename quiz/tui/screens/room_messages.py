"""What the room workers tell the room screens (results arrive as messages, not callbacks)."""

from __future__ import annotations

from textual.message import Message

from quiz.rooms.model import AnswerOutcome, Distribution, RoomState


class RoomChanged(Message):
    def __init__(self, state: RoomState) -> None:
        super().__init__()
        self.state = state


class RoomAnswered(Message):
    def __init__(self, position: int, outcome: AnswerOutcome) -> None:
        super().__init__()
        self.position = position
        self.outcome = outcome


class RoomSpread(Message):
    def __init__(self, position: int, spread: Distribution) -> None:
        super().__init__()
        self.position = position
        self.spread = spread


class RoomFailed(Message):
    """A room operation that cannot be done (`code` is a catalog key)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__()
        self.code = code
        self.params = params
