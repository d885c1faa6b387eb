"""Questions written back in the YAML format, for generating large benchmark banks."""

from __future__ import annotations

from typing import Any

from quiz.bank.export import question_record
from quiz.bank.models import Question


def mapping(question: Question, qid: str) -> dict[str, Any]:
    """A question back in the YAML format (the inverse of loading)."""
    record = question_record(question)
    data: dict[str, Any] = {"id": qid, "type": record["type"], "prompt": record["prompt"]}
    kind = record["type"]
    if kind in ("single", "multiple", "order"):
        data["options"] = record["options"]
    if kind == "single":
        data["answer"] = record["answer"][0]
    elif kind == "multiple":
        data["answer"] = record["answer"]
    elif kind == "judge":
        data["answer"] = record["answer"] == ["正确"]
    elif kind == "fill":
        data["answer"] = record["accepted"]
    for key in ("explanation", "quote", "tags", "difficulty"):
        if record[key]:
            data[key] = record[key]
    return data
