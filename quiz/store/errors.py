"""Why a store cannot be used, shared by every backend. The CLI and the TUI show `message`
(`code` is a catalog key)."""

from __future__ import annotations

BAD = frozenset({"store.not_a_database", "store.foreign_database", "store.damaged"})
"""Faults of the file itself: only these may be moved aside (--move-bad-db). Every other fault
(locked, busy, cannot open, read-only, full, I/O) means "cannot save now": the file is fine."""


TRANSIENT = frozenset({"store.unavailable", "store.busy"})


class StoreError(Exception):
    """The database cannot be used; `code` is a catalog key. The file is never modified."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def bad(self) -> bool:
        """The file is not a usable quiz database (not SQLite, another program's, damaged)."""
        return self.code in BAD

    @property
    def transient(self) -> bool:
        """Waiting may cure it: a lost connection, a locked or busy database."""
        return self.code in TRANSIENT

    @property
    def message(self) -> str:
        from quiz.i18n import t

        return t(self.code, **self.params)

    def __str__(self) -> str:
        return self.message


class StoreUnavailable(StoreError):
    """The database server cannot be reached now (connection lost, server down or restarting).
    Nothing was written by the failed call; the same write can be made again later (answers
    carry a client-made key, so a write that did reach the server is never stored twice)."""

    def __init__(self, location: str, reason: str) -> None:
        super().__init__("store.unavailable", url=location, reason=reason)
