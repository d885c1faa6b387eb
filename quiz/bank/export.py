"""The normalised JSON form of a bank: a contract other tools read (docs/authoring.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from quiz.bank.models import Question, QuestionType


def question_record(question: Question) -> dict[str, Any]:
    return {
        "id": question.id,
        "type": question.type.value,
        "prompt": question.prompt,
        "options": list(question.options),
        "answer": list(question.answer),
        "accepted": (
            [list(texts) for texts in question.accepted]
            if question.type is QuestionType.FILL and question.accepted is not None
            else None
        ),
        "explanation": question.explanation,
        "quote": question.quote,
        "quotes": list(question.quotes),
        "source": question.source,
        "section": question.section,
        "tags": list(question.tags),
        "difficulty": question.difficulty,
        "file": question.file,
        "line": question.line,
    }


def to_json(questions: Iterable[Question]) -> str:
    records = [question_record(q) for q in questions]
    return json.dumps({"questions": records}, ensure_ascii=False, indent=2) + "\n"
