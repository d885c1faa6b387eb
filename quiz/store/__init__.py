"""Score history: `Store` is what the program asks of it, `open_store` gives the backend a
location names. Never imports Textual.

Loaded on first use (PEP 562), so that importing a small part of the package (the schema in
`quiz.store.db`) does not pull in the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quiz.system.lazy import lazy_names

if TYPE_CHECKING:
    from quiz.store.errors import StoreError
    from quiz.store.opening import open_store
    from quiz.store.protocol import Store

__all__ = ["Store", "StoreError", "open_store"]
_HOMES = {
    "Store": "quiz.store.protocol",
    "StoreError": "quiz.store.errors",
    "open_store": "quiz.store.opening",
}

__getattr__ = lazy_names(_HOMES)
