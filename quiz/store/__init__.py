"""Score history in SQLite. Never imports Textual."""

from quiz.store.db import StoreError
from quiz.store.store import Store

__all__ = ["Store", "StoreError"]
