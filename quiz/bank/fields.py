"""The bank file format, field by field: one description drives the validator's key checks and
the JSON Schema editors use (`quiz schema`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from quiz.bank.models import QuestionType

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
MIN_OPTIONS, MAX_OPTIONS = 2, 6
MIN_ORDER_ITEMS = 3
DIFFICULTIES = (1, 2, 3)
DEFAULT_DIFFICULTY = 2

TEXT: dict[str, Any] = {"type": "string", "minLength": 1}
TEXT_LIST: dict[str, Any] = {"type": "array", "items": TEXT}


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
        TEXT,
        "The article these questions come from, e.g. seeds/<file>.txt, looked up from the bank "
        "file's folder upwards. Every quote must be a verbatim span of it.",
    ),
    FieldSpec("section", True, TEXT, "Default section (part of the article) of the questions."),
    FieldSpec(
        "origin",
        False,
        TEXT,
        "Where imported questions came from (a file, a URL); for banks without an article.",
    ),
    FieldSpec("questions", True, {"type": "array"}, "The questions of this file."),
)

QUESTION_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "id",
        True,
        {"type": "string", "pattern": ID_PATTERN},
        "Unique in the whole bank and stable forever: score history keys on it.",
    ),
    FieldSpec("type", True, {"enum": [t.value for t in QuestionType]}, "The kind of question."),
    FieldSpec(
        "prompt", True, TEXT, "The question. For fill, each blank is written ____ (3+ underscores)."
    ),
    FieldSpec(
        "options",
        False,
        {**TEXT_LIST, "minItems": MIN_OPTIONS, "maxItems": MAX_OPTIONS, "uniqueItems": True},
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
    FieldSpec("explanation", False, TEXT, "What the player learns after answering."),
    FieldSpec(
        "quote",
        False,
        {"oneOf": [TEXT, {**TEXT_LIST, "minItems": 1}]},
        "A verbatim span of the source article (whitespace aside), or a list of spans when the "
        "answer gathers facts from several places: together they must hold the whole answer.",
    ),
    FieldSpec("tags", False, TEXT_LIST, "Topics, for topic practice and statistics."),
    FieldSpec(
        "difficulty",
        False,
        {"type": "integer", "minimum": DIFFICULTIES[0], "maximum": DIFFICULTIES[-1]},
        "1 easy, 2 medium (default), 3 hard.",
    ),
    FieldSpec("section", False, TEXT, "Overrides the file's section for this question."),
    FieldSpec(
        "draft",
        False,
        {"type": "boolean"},
        "A generated draft not yet reviewed by an author: never shown to players.",
    ),
)

FILE_KEYS = {f.name for f in FILE_FIELDS}
QUESTION_KEYS = {f.name for f in QUESTION_FIELDS}
