"""Importing a roster file: read and check every row, hash the passcodes (outside the write
transaction: a hash is slow on purpose), then apply everything in one transaction."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import TYPE_CHECKING

from quiz.org.models import ImportSummary, RosterEntry
from quiz.org.passcode import hash_passcode
from quiz.org.roster_file import RosterFile, read_roster

if TYPE_CHECKING:
    from quiz.store.protocol import Store

Progress = Callable[[int, int], None]


def import_roster(
    store: Store,
    data: bytes,
    now: datetime,
    *,
    strict: bool = False,
    progress: Progress | None = None,
) -> tuple[RosterFile, ImportSummary | None]:
    """The file as read and what the import did; None (nothing written) when no row is valid,
    or when `strict` and some row is not."""
    roster = read_roster(data)
    if not roster.entries or (strict and roster.skipped):
        return roster, None
    hashes = passcode_hashes(store, roster.entries, progress)
    return roster, store.import_roster(roster.entries, hashes, now)


def passcode_hashes(
    store: Store, entries: list[RosterEntry], progress: Progress | None = None
) -> dict[int, str]:
    """Line → hash to store. A passcode is hashed with its member's stored salt, so an
    unchanged one gives the very hash stored (one PBKDF2 of a few milliseconds, nothing
    written), and importing the same file twice changes nothing."""
    with_code = [e for e in entries if e.passcode is not None]
    salts = store.passcode_salts([e.name for e in with_code])

    def one(entry: RosterEntry) -> str:
        assert entry.passcode is not None
        return hash_passcode(entry.passcode, salts.get(entry.name))

    hashes: dict[int, str] = {}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # hashlib frees the GIL
        for done, (entry, code) in enumerate(
            zip(with_code, pool.map(one, with_code), strict=True), 1
        ):
            hashes[entry.line] = code
            if progress is not None:
                progress(done, len(with_code))
    return hashes
