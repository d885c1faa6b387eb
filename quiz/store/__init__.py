"""Score history in SQLite. Never imports Textual.

`Store` and `StoreError` are loaded on first use (PEP 562), so that importing a small part of
the package (the schema in `quiz.store.db`) does not pull in the rest.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quiz.store.db import StoreError
    from quiz.store.store import Store

__all__ = ["Store", "StoreError"]
_HOMES = {"Store": "quiz.store.store", "StoreError": "quiz.store.db"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(name)
