"""The bank file format, field by field: one description drives the validator's key checks and
the JSON Schema editors use (`quiz schema`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from quiz.bank.models import QuestionType
from quiz.text.safe import UNSAFE_CHARS

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
MIN_OPTIONS, MAX_OPTIONS = 2, 6
MIN_ORDER_ITEMS = 3
DIFFICULTIES = (1, 2, 3)
DEFAULT_DIFFICULTY = 2

MAX_LENGTH = {
    "prompt": 2000,
    "options": 500,
    "answer": 500,
    "explanation": 5000,
    "quote": 2000,
    "tags": 50,
    "section": 100,
    "source": 1000,
    "origin": 4096,
    "id": 64,
}
"""Characters a text field may hold: far above any real question (the 9,370-record xxqg bank's
longest prompt has 222), low enough that one field cannot stall the screen."""

SAFE_TEXT_PATTERN = (
    "^[^" + "".join(c if c == "-" else f"\\u{ord(c):04x}" for c in UNSAFE_CHARS) + "]*$"
)
"""No control or bidi characters (quiz.text.safe's rule), for editors that check the schema."""


def text_schema(limit: int) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "maxLength": limit, "pattern": SAFE_TEXT_PATTERN}


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    required: bool
    schema: dict[str, Any]
    description: str


FILE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "source",
        False,
        text_schema(MAX_LENGTH["source"]),
        "The article these questions come from, e.g. seeds/<file>.txt, looked up from the bank "
        "file's folder upwards. Every quote must be a verbatim span of it.",
    ),
    FieldSpec(
        "section",
        True,
        text_schema(MAX_LENGTH["section"]),
        "Default section (part of the article) of the questions.",
    ),
    FieldSpec(
        "origin",
        False,
        text_schema(MAX_LENGTH["origin"]),
        "Where imported questions came from (a file, a URL); for banks without an article.",
    ),
    FieldSpec("questions", True, {"type": "array"}, "The questions of this file."),
)

QUESTION_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "id",
        True,
        {"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_LENGTH["id"]},
        "Unique in the whole bank and stable forever: score history keys on it.",
    ),
    FieldSpec("type", True, {"enum": [t.value for t in QuestionType]}, "The kind of question."),
    FieldSpec(
        "prompt",
        True,
        text_schema(MAX_LENGTH["prompt"]),
        "The question. For fill, each blank is written ____ (3+ underscores).",
    ),
    FieldSpec(
        "options",
        False,
        {
            "type": "array",
            "items": text_schema(MAX_LENGTH["options"]),
            "minItems": MIN_OPTIONS,
            "maxItems": MAX_OPTIONS,
            "uniqueItems": True,
        },
        "single/multiple: the choices (shuffled on screen). order: the items in the correct order. "
        "Not used by judge and fill.",
    ),
    FieldSpec(
        "answer",
        False,
        {},
        "Option text (single), list of option texts (multiple), true/false (judge), one entry per "
        "blank (fill; each a string or a list of accepted strings). Not used by order.",
    ),
    FieldSpec(
        "explanation",
        False,
        text_schema(MAX_LENGTH["explanation"]),
        "What the player learns after answering.",
    ),
    FieldSpec(
        "quote",
        False,
        {
            "oneOf": [
                text_schema(MAX_LENGTH["quote"]),
                {"type": "array", "items": text_schema(MAX_LENGTH["quote"]), "minItems": 1},
            ]
        },
        "A verbatim span of the source article (whitespace aside), or a list of spans when the "
        "answer gathers facts from several places: together they must hold the whole answer.",
    ),
    FieldSpec(
        "tags",
        False,
        {"type": "array", "items": text_schema(MAX_LENGTH["tags"])},
        "Topics, for topic practice and statistics.",
    ),
    FieldSpec(
        "difficulty",
        False,
        {"type": "integer", "minimum": DIFFICULTIES[0], "maximum": DIFFICULTIES[-1]},
        "1 easy, 2 medium (default), 3 hard.",
    ),
    FieldSpec(
        "section",
        False,
        text_schema(MAX_LENGTH["section"]),
        "Overrides the file's section for this question.",
    ),
    FieldSpec(
        "draft",
        False,
        {"type": "boolean"},
        "A generated draft not yet reviewed by an author: never shown to players.",
    ),
)

FILE_KEYS = {f.name for f in FILE_FIELDS}
QUESTION_KEYS = {f.name for f in QUESTION_FIELDS}
