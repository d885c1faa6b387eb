"""A room question's right key (schema 17) judges an answer as quiz.engine.checking.is_correct
does, for every question type: the SQLite store compares it in Python (key_matches), the
PostgreSQL store on the server (quiz_room_key_matches: tests/rooms/test_room_roles.py checks
the two give the same verdicts on these very cases)."""

from __future__ import annotations

import json

from quiz.bank.models import Question, QuestionType
from quiz.engine.checking import is_correct
from quiz.rooms.answer_key import given_key, key_matches, right_key
from quiz.rooms.model import AnswerStatus, RoomPhase, RoomSettings
from quiz.rooms.scoring import score_answer
from quiz.store.rooms import Rooms
from tests.factories import bank
from tests.rooms_support import right, room_questions, wrong


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


def test_a_room_scores_as_the_rooms_scoring_says_on_both_backends(rooms: Rooms) -> None:
    """PostgreSQL's quiz_room_answer scores as quiz.rooms.scoring does (speed points and the
    streak bonus), keeps the seat's totals, and reveals once every seat has answered."""
    qs = room_questions(3)
    room = rooms.open("主持", RoomSettings(3, 60), qs, "h")
    rooms.join(room, "甲", "a")
    rooms.join(room, "乙", "b")
    rooms.start(room, "h")
    streak, total = 0, 0
    for position, question in enumerate(qs):
        mine = rooms.answer(room, "甲", position, right(question), f"a{position}", "a")
        expected = score_answer(True, mine.seconds, 60.0, streak)
        assert (mine.status, mine.correct) == (AnswerStatus.RECORDED, True)
        assert (mine.points, mine.streak) == (expected.points, expected.streak)
        streak, total = expected.streak, total + expected.points
        theirs = rooms.answer(room, "乙", position, wrong(question), f"b{position}", "b")
        assert (theirs.correct, theirs.points, theirs.streak) == (False, 0, 0)
        assert rooms.state(room).phase is RoomPhase.REVEAL
        rooms.advance(room, host_token="h")
    assert streak == 3 and total > 3 * 500 + 100 + 200
    seats = {
        seat.name: (seat.score, seat.correct, seat.answers) for seat in rooms.state(room).seats
    }
    assert seats == {"甲": (total, 3, 3), "乙": (0, 0, 3)}
    assert rooms.state(room).phase is RoomPhase.FINISHED
