"""Small hand-made questions for engine and store tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from quiz.bank.models import JUDGE_OPTIONS, Question, QuestionType
from quiz.system.clock import FixedClock

BEIJING = timezone(timedelta(hours=8))
START = datetime(2026, 11, 28, 9, 0, tzinfo=BEIJING)


def clock(start: datetime = START) -> FixedClock:
    return FixedClock(start)


def question(
    qid: str,
    qtype: QuestionType = QuestionType.SINGLE,
    *,
    section: str = "一领",
    tags: tuple[str, ...] = (),
    draft: bool = False,
) -> Question:
    options: tuple[str, ...]
    answer: tuple[str, ...]
    accepted = None
    match qtype:
        case QuestionType.SINGLE:
            options, answer = ("甲", "乙", "丙", "丁"), ("乙",)
        case QuestionType.MULTIPLE:
            options, answer = ("甲", "乙", "丙", "丁"), ("甲", "丙")
        case QuestionType.JUDGE:
            options, answer = JUDGE_OPTIONS, ("正确",)
        case QuestionType.FILL:
            options, answer, accepted = (), ("8", "190"), (("8", "八"), ("190",))
        case QuestionType.ORDER:
            options = answer = ("一", "二", "三", "四")
    prompt = "填空 ____ 与 ____。" if qtype is QuestionType.FILL else f"问题 {qid}？"
    return Question(
        id=qid,
        type=qtype,
        prompt=prompt,
        options=options,
        answer=answer,
        accepted=accepted,
        explanation=f"解析 {qid}",
        quotes=("原文",),
        tags=tags,
        difficulty=2,
        section=section,
        source="seeds/mini.txt",
        file="questions/test.yaml",
        line=1,
        draft=draft,
    )


def bank(n: int = 30) -> list[Question]:
    kinds = list(QuestionType)
    return [question(f"q-{i:03d}", kinds[i % len(kinds)], section=f"S{i % 3}") for i in range(n)]


def right(q: Question) -> tuple[str, ...]:
    return q.answer


def wrong(q: Question) -> tuple[str, ...]:
    if q.type is QuestionType.FILL:
        return ("错", "错")
    if q.type is QuestionType.ORDER:
        return tuple(reversed(q.answer))
    return next((o,) for o in q.options if o not in q.answer)
