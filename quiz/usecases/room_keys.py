"""The secrets that prove who acts in a room: a player's seat token and a host's token.

The store keeps only their hashes (quiz.store.rooms.token_hash); the tokens themselves stay with
the process that made them. On a player's own machine that is a file per room and role in the
data folder (written through a temp file and os.replace, readable by the owner only), so the
seat or the room can be taken back after the process ends (`quiz room host --resume`, joining
again). A served session keeps them in its memory: every served player shares the host's data
folder, and a served player's seat lives as long as the session.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
import threading
from pathlib import Path

TOKEN_BYTES = 32
"""secrets.token_urlsafe's entropy: 256 bits, not guessable through the store's rate of joins."""
MAX_TOKEN_FILE = 256
"""A token file is one line; anything longer is not one of ours."""
KEY_FILE_MODE = 0o600


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def machine_keys(store: str) -> RoomKeys:
    """The tokens of this machine's user for the store at `store`, in the data folder."""
    from quiz.system.paths import data_dir

    return RoomKeys(store, data_dir() / "room-keys")


class RoomKeys:
    """Tokens by store, room, role and name; in `folder` (None: in memory only)."""

    def __init__(self, store: str, folder: Path | None = None) -> None:
        self.store = store
        self.folder = folder
        self._memory: dict[str, str] = {}
        self._lock = threading.Lock()

    def seat(self, room: str, name: str) -> str:
        """The seat token `name` holds in `room`, made (and kept) on first use."""
        return self._held_or_new(self._key(room, "seat", name))

    def keep_seat(self, room: str, name: str, token: str) -> None:
        """A seat taken elsewhere (a matched race: the ticket carried the token's hash)."""
        self._keep(self._key(room, "seat", name), token)

    def host(self, room: str) -> str | None:
        """The host's token of `room`, if this process or machine opened it."""
        return self._held(self._key(room, "host", ""))

    def keep_host(self, room: str, token: str) -> None:
        self._keep(self._key(room, "host", ""), token)

    # -- where they live --------------------------------------------------------------------

    def _key(self, room: str, role: str, name: str) -> str:
        # A digest, not the names: a file name says nothing of the player, and needs no escaping.
        return hashlib.sha256(f"{self.store}\0{room}\0{role}\0{name}".encode()).hexdigest()[:40]

    def _held_or_new(self, key: str) -> str:
        with self._lock:
            token = self._held(key)
            if token is None:
                token = new_token()
                self._keep(key, token)
            return token

    def _held(self, key: str) -> str | None:
        if key in self._memory:
            return self._memory[key]
        if self.folder is None:
            return None
        path = self.folder / f"{key}.key"
        try:
            with path.open("rb") as handle:
                text = handle.read(MAX_TOKEN_FILE + 1).decode("ascii", "replace").strip()
        except OSError:
            return None
        if not text or len(text) > MAX_TOKEN_FILE:
            return None
        self._memory[key] = text
        return text

    def _keep(self, key: str, token: str) -> None:
        self._memory[key] = token
        if self.folder is not None:
            from quiz.system.files import FileProblem, write_atomic

            # Kept for this process whatever happens: only a later one could not take it back.
            with contextlib.suppress(FileProblem):
                write_atomic(
                    self.folder / f"{key}.key", token + "\n", force=True, mode=KEY_FILE_MODE
                )
