"""What the UI works with, each part with one job: the bank in play (`library`), where scores
go (`saving`), what the screens read (`read`), starting runs (`runs`); and loading them at
start-up in a thread while Textual starts. Nothing here imports Textual."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from pathlib import Path

from quiz.i18n import t
from quiz.system.clock import Clock, default_clock
from quiz.system.settings import Settings
from quiz.usecases.join_backoff import JoinBackoff
from quiz.usecases.library import Library
from quiz.usecases.read_side import HomeSummary, ReadSide
from quiz.usecases.room_keys import RoomKeys, machine_keys
from quiz.usecases.runs import Runs
from quiz.usecases.saving import Saving


def fault_message(error: BaseException | None) -> str:
    """What to tell the player when something failed in the background: a store fault says
    what it is (and, for a bad file, how to move it aside); anything else names the error."""
    from quiz.store.errors import StoreError

    if isinstance(error, StoreError):
        hint = "  " + t("store.move_hint") if error.bad else ""
        return t("app.store_failed", problem=error.message) + hint
    return t("app.failed", error=f"{type(error).__name__}: {error}")


BUILD_AFTER_SECONDS = 0.5
"""An outlined bank's questions are built once home is drawn, or after this at the latest."""


@dataclass
class StartUp:
    """Loading the bank and the store, and reading today's summary, in a thread started before
    Textual is imported: home's first frame can show them."""

    thread: threading.Thread | None = None
    done: threading.Event = field(default_factory=threading.Event)
    error: Exception | None = None
    """What made the loading thread fail, for the app to show."""
    summary: HomeSummary | None = None
    """Today's summary as read then, for the home screen's first frame (taken once)."""


@dataclass
class Services:
    settings: Settings
    clock: Clock = field(default_factory=default_clock)
    first_frame: threading.Event = field(default_factory=threading.Event, repr=False)
    """Set by the app once home is drawn: questions outlined at start-up are built after it."""
    loaded: bool = False
    start_up: StartUp = field(default_factory=StartUp, repr=False)
    library: Library = field(init=False, repr=False)
    saving: Saving = field(init=False, repr=False)
    read: ReadSide = field(init=False, repr=False)
    runs: Runs = field(init=False, repr=False)
    join_backoff: JoinBackoff = field(default_factory=JoinBackoff, repr=False)
    """加入房间's wait after PINs that found no room, for this session."""
    room_keys: RoomKeys = field(init=False, repr=False)
    """The seat and host tokens of rooms: in the data folder (a served session: in memory,
    set by quiz.tui.served)."""

    def __post_init__(self) -> None:
        user = self.settings.user
        self.library = Library(self.settings.bank, self.first_frame)
        self.saving = Saving(self.settings.db)
        self.read = ReadSide(user, self.saving, self.library, self.clock)
        self.runs = Runs(user, self.saving, self.library, self.clock)
        self.room_keys = machine_keys(str(self.settings.db))

    def load(self, outline: bool = False) -> None:
        """The bank and the store (blocking: from a worker thread). With `outline`, the bank
        may be outlined now and built after the first frame (Library.load)."""
        self.library.load(outline)
        self.saving.open()
        self.loaded = True

    def start_loading(self) -> None:
        """Load and read today's summary in a thread. Started before Textual is imported, it
        runs while the interface starts, and the home screen's first frame can show the bank and
        the day (see `wait_loaded`). Does nothing when loading has already begun."""
        if self.loaded or self.start_up.thread is not None:
            return
        start_up = self.start_up

        def load() -> None:
            try:
                self.load(outline=True)
                start_up.summary = self.read.summary()
            except Exception as exc:  # kept for the app to show (a dying thread shows nothing)
                start_up.error = exc
            finally:
                start_up.done.set()
            self.first_frame.wait(BUILD_AFTER_SECONDS)  # not while the first frame is drawn
            self.library.build()

        start_up.thread = threading.Thread(target=load, name="quiz-load", daemon=True)
        start_up.thread.start()

    def wait_loaded(self, timeout: float | None) -> bool:
        """Wait up to `timeout` seconds for `start_loading`; True once all is loaded."""
        if self.start_up.thread is not None:
            return self.start_up.done.wait(timeout) and self.loaded
        return self.loaded

    def sign_in(self, player: str) -> None:
        """A served session's login was checked: from now on everything is this player's."""
        self.settings = replace(self.settings, user=player)
        self.read.user = self.runs.user = player

    def switch_bank(self, folder: Path) -> None:
        """Play another bank folder (blocking)."""
        self.settings = replace(self.settings, bank=folder)
        self.library.switch(folder)

    def close(self) -> None:
        self.saving.close()
