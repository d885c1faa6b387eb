"""Which questions a room asks: those answered by picking options (single, multiple, judge,
order), so every player answers with the same keys and the host can show a distribution."""

from __future__ import annotations

import random
from collections.abc import Sequence

from quiz.bank.models import Question, QuestionType
from quiz.rooms.model import RoomError

ROOM_TYPES = (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.JUDGE, QuestionType.ORDER)


def room_questions(
    bank: Sequence[Question], count: int, section: str | None = None, seed: int | None = None
) -> list[Question]:
    pool = [
        q for q in bank
        if q.type in ROOM_TYPES and not q.draft
        and (section is None or q.section == section or section in q.tags)
    ]  # fmt: skip
    if not pool:
        raise RoomError("room.no_questions")
    rng = random.Random(seed)
    rng.shuffle(pool)
    return pool[:count]
