"""A room question's right key (schema 17) judges an answer as quiz.engine.checking.is_correct
does, for every question type: the SQLite store compares it in Python (key_matches), the
PostgreSQL store on the server (quiz_room_key_matches: tests/rooms/test_room_roles.py checks
the two give the same verdicts on these very cases)."""

from __future__ import annotations

import json

from quiz.bank.models import Question, QuestionType
from quiz.engine.checking import is_correct
from quiz.rooms.answer_key import given_key, key_matches, right_key
from tests.factories import bank


def givens(question: Question) -> list[tuple[str, ...]]:
    """Right, wrong and awkward answers to one question: every option alone, the answer in
    other orders, doubled, shouted, padded, short of one, one too many, nothing."""
    answer = question.answer
    found: list[tuple[str, ...]] = [answer, tuple(reversed(answer)), (), ("",)]
    found += [(option,) for option in question.options]
    found += [tuple(f"  {text.upper()} " for text in answer), answer + answer[:1], answer[:-1]]
    found += [(*answer, "另一个"), (answer[0], answer[0])] if answer else []
    for texts in question.accepted or ():
        found += [tuple(texts[-1] if i == 0 else a for i, a in enumerate(answer))]
    return found


def cases() -> list[tuple[Question, tuple[str, ...]]]:
    odd = bank()[0]._replace(type=QuestionType.SINGLE, answer=("甲", "乙"))  # never right
    return [(q, given) for q in [*bank(), odd] for given in givens(q)]


def test_the_key_judges_every_type_as_the_engine_does() -> None:
    verdicts = [(q.type, key_matches(right_key(q), given_key(g)), is_correct(q, g))
                for q, g in cases()]  # fmt: skip
    assert {kind for kind, _, _ in verdicts} == set(QuestionType)
    assert any(mine for _, mine, _ in verdicts) and not all(mine for _, mine, _ in verdicts)
    assert [(kind, mine) for kind, mine, _ in verdicts] == [
        (kind, engine) for kind, _, engine in verdicts
    ]


def test_a_key_holds_no_question_text_but_the_answer() -> None:
    question = next(q for q in bank() if q.type is QuestionType.FILL and q.accepted)
    key = json.loads(right_key(question))
    assert key == {"seq": [sorted(set(texts)) for texts in question.accepted or ()]}


def test_no_key_or_a_malformed_answer_is_never_right() -> None:
    question = bank()[0]
    assert not key_matches(None, given_key(question.answer))
    assert not key_matches(right_key(question), json.dumps([1]))
    assert not key_matches(right_key(question), json.dumps({"a": 1}))
