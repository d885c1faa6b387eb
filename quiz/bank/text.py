"""Text rules shared by the validator and the engine."""

from __future__ import annotations

import re
import unicodedata

BLANK = re.compile(r"_{3,}")
"""A blank in a fill prompt: a run of three or more underscores (write `____`)."""

_SPACE = re.compile(r"\s+")


def normalise_answer(text: str) -> str:
    """The form answers are compared in: NFKC (全角/半角 alike), trimmed, case-folded,
    inner whitespace collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def without_whitespace(text: str) -> str:
    return _SPACE.sub("", text)


def count_blanks(prompt: str) -> int:
    return len(BLANK.findall(prompt))
