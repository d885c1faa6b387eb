"""A room question's right answer as a key the database can check by itself (schema 17), so
that on PostgreSQL an answer is judged on the server and a member never needs to read the
question's record, answer and all, while it is open (quiz.store.postgres sql/room_answers.sql).

The key holds the answer already normalised (quiz.bank.text.normalise_answer); the player's
process sends what they gave normalised the same way (`given_key`). The two are compared as
quiz.engine.checking.is_correct compares them (tests/rooms/test_answer_key.py holds them to it):

- `{"seq": [[texts…], …]}`: as many texts given as slots, each one of its slot's accepted
  texts (single and judge: one slot; order: one slot per step; fill: one per blank);
- `{"set": [texts…]}`: the same texts in any order, none twice (multiple choice);
- `null`: no answer is right (a single-choice question whose record has not one answer).
"""

from __future__ import annotations

import json

from quiz.bank.models import Question, QuestionType
from quiz.bank.text import normalise_answer


def right_key(question: Question) -> str:
    wanted = [normalise_answer(text) for text in question.answer]
    match question.type:
        case QuestionType.SINGLE | QuestionType.JUDGE:
            key: object = {"seq": [wanted]} if len(wanted) == 1 else None
        case QuestionType.MULTIPLE:
            key = {"set": sorted(set(wanted))}
        case QuestionType.ORDER:
            key = {"seq": [[text] for text in wanted]}
        case _:  # fill
            accepted = question.accepted or tuple((text,) for text in question.answer)
            key = {"seq": [sorted({normalise_answer(t) for t in texts}) for texts in accepted]}
    return json.dumps(key, ensure_ascii=False, sort_keys=True)


def given_key(given: tuple[str, ...]) -> str:
    return json.dumps([normalise_answer(text) for text in given], ensure_ascii=False)


def key_matches(right: str | None, given: str) -> bool:
    """What the server-side check of sql/room_answers.sql decides, in Python (SQLite)."""
    try:
        key = json.loads(right) if right else None
        got = json.loads(given)
    except ValueError:
        return False
    if not isinstance(key, dict) or not isinstance(got, list):
        return False
    if not all(isinstance(text, str) for text in got):
        return False
    if "set" in key:
        wanted = key["set"]
        return len(got) == len(wanted) and len(set(got)) == len(got) and set(got) <= set(wanted)
    slots = key.get("seq") or []
    return len(got) == len(slots) and all(
        text in slot for text, slot in zip(got, slots, strict=True)
    )
