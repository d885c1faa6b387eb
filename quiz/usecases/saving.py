"""Where scores go: the store named by `--db`, opened once, and the recorder that writes to it
off the UI thread. Without a store (locked, read-only, a server that does not answer) the quiz
is played all the same and `problem` says why nothing is saved."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from quiz.i18n import t
from quiz.store.recorder import Recorder

if TYPE_CHECKING:
    from quiz.store.protocol import Store


class Saving:
    def __init__(self, location: str | Path) -> None:
        self.location = location
        self.store: Store | None = None
        self.problem: str | None = None
        """Why scores cannot be saved now (None: they can, or the store is not open yet)."""
        self.recorder = Recorder()

    @property
    def saves(self) -> bool:
        """A store is open: what is played is kept."""
        return self.store is not None

    def open(self) -> None:
        from quiz.store.errors import StoreError
        from quiz.store.opening import open_store

        if self.store is not None:
            return
        try:
            self.store = open_store(self.location)
        except StoreError as exc:  # locked, read-only, full…: play on, unsaved, and say why
            self.problem = exc.message
        except OSError as exc:
            self.problem = t("store.cannot_open", path=self.location, reason=exc.strerror)

    def close(self) -> None:
        self.recorder.close()
        if self.store is not None:
            self.store.close()
