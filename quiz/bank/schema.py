"""JSON Schema of bank files, generated from the field descriptions in `fields.py`.

Bank files start with `# yaml-language-server: $schema=schema.json`, so editors with the YAML
language server validate and autocomplete them; `quiz schema` writes `questions/schema.json`.
"""

from __future__ import annotations

import json
from typing import Any

from quiz.bank import fields as F
from quiz.bank.models import QuestionType as QT

SCHEMA_ID = "https://example.invalid/dangshi-quiz/bank.schema.json"
_ANSWER = F.text_schema(F.MAX_LENGTH["answer"])
_TEXT_LIST: dict[str, Any] = {"type": "array", "items": _ANSWER, "minItems": 1}


def _object(specs: tuple[F.FieldSpec, ...], overrides: dict[str, Any]) -> dict[str, Any]:
    properties = {
        spec.name: {**spec.schema, **overrides.get(spec.name, {}), "description": spec.description}
        for spec in specs
    }
    return {
        "type": "object",
        "properties": properties,
        "required": [spec.name for spec in specs if spec.required],
        "additionalProperties": False,
    }


def _when(qtype: QT, then: dict[str, Any]) -> dict[str, Any]:
    return {"if": {"properties": {"type": {"const": qtype.value}}}, "then": then}


def build_schema() -> dict[str, Any]:
    question = _object(F.QUESTION_FIELDS, {})
    order_items = {"minItems": F.MIN_ORDER_ITEMS}
    blank = {"oneOf": [_ANSWER, _TEXT_LIST]}
    question["allOf"] = [
        _when(QT.SINGLE, {"required": ["options", "answer"], "properties": {"answer": _ANSWER}}),
        _when(
            QT.MULTIPLE,
            {"required": ["options", "answer"], "properties": {"answer": _TEXT_LIST}},
        ),
        _when(
            QT.JUDGE,
            {
                "required": ["answer"],
                "properties": {"answer": {"type": "boolean"}},
                "not": {"required": ["options"]},
            },
        ),
        _when(
            QT.FILL,
            {
                "required": ["answer"],
                "properties": {
                    "answer": {"oneOf": [_ANSWER, {"type": "array", "items": blank, "minItems": 1}]}
                },
                "not": {"required": ["options"]},
            },
        ),
        _when(
            QT.ORDER,
            {
                "required": ["options"],
                "properties": {"options": order_items},
                "not": {"required": ["answer"]},
            },
        ),
    ]
    bank_file = _object(F.FILE_FIELDS, {"questions": {"items": {"$ref": "#/$defs/question"}}})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "党史学习 quiz: question bank file",
        **bank_file,
        "$defs": {"question": question},
    }


def schema_text() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"
