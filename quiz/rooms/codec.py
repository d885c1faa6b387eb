"""Questions and answers as the rooms store them: every machine asks the very same question,
whatever bank it has loaded."""

from __future__ import annotations

import json
from typing import Any

from quiz.bank.export import question_record
from quiz.bank.models import Question, QuestionType


def question_to_text(question: Question) -> str:
    return json.dumps(question_record(question), ensure_ascii=False, sort_keys=True)


SEALED_FIELDS = ("answer", "accepted", "explanation", "quote", "quotes", "source")
"""What a question shows only once its answer is revealed: the answer itself, and whatever tells
it (the explanation, the quoted passage, where it comes from)."""


def question_to_shown_text(question: Question) -> str:
    """The question as players see it while it is open: prompt and options, nothing that gives
    the answer away (the store hands this, not the record, until the answer is revealed)."""
    record = question_record(question)
    for name in SEALED_FIELDS:
        record.pop(name, None)
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def question_from_text(text: str) -> Question:
    record: dict[str, Any] = json.loads(text)
    accepted = record.get("accepted")
    quotes = record.get("quotes")
    if not isinstance(quotes, list):
        quotes = [record["quote"]] if record.get("quote") else []
    return Question(
        id=str(record["id"]),
        type=QuestionType(record["type"]),
        prompt=str(record["prompt"]),
        options=tuple(str(o) for o in record.get("options") or ()),
        answer=tuple(str(a) for a in record.get("answer") or ()),
        accepted=tuple(tuple(str(t) for t in texts) for texts in accepted) if accepted else None,
        explanation=str(record.get("explanation") or ""),
        quotes=tuple(str(q) for q in quotes),
        tags=tuple(str(t) for t in record.get("tags") or ()),
        difficulty=int(record.get("difficulty") or 1),
        section=str(record.get("section") or ""),
        source=record.get("source"),
        file=str(record.get("file") or ""),
        line=int(record.get("line") or 0),
    )


def given_to_text(given: tuple[str, ...]) -> str:
    return json.dumps(list(given), ensure_ascii=False)


def given_from_text(text: str) -> tuple[str, ...]:
    value = json.loads(text)
    return tuple(str(v) for v in value) if isinstance(value, list) else ()
