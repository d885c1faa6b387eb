"""What the UI works with: the bank, the store, the clock, the background recorder.

Loading is blocking I/O, so the TUI calls `load` from a worker thread. Nothing here imports
Textual.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.bank.models import Bank, BankError, Question
from quiz.bank.recent import bank_signature, remember_bank
from quiz.engine.modes import Mode
from quiz.engine.points import daily_maximum, points_left
from quiz.engine.study import StudyOverview, no_study
from quiz.i18n import t
from quiz.reports.history import HistoryPage
from quiz.reports.standings import ItemAnalysis, Leaderboard
from quiz.store.recorder import Recorder
from quiz.system import paths
from quiz.system.clock import Clock, default_clock
from quiz.system.settings import Settings

if TYPE_CHECKING:
    from quiz.org.report import OrgReport
    from quiz.reports.history import HistoryPage, SessionDetail, SessionFilter
    from quiz.reports.rooms import RoomDetail, RoomRole
    from quiz.reports.runs import SessionRow
    from quiz.reports.standings import ItemAnalysis, Leaderboard, PlayerStats
    from quiz.store.protocol import Store


def fault_message(error: BaseException | None) -> str:
    """What to tell the player when something failed in the background: a store fault says
    what it is (and, for a bad file, how to move it aside); anything else names the error."""
    from quiz.store.errors import StoreError

    if isinstance(error, StoreError):
        hint = "  " + t("store.move_hint") if error.bad else ""
        return t("app.store_failed", problem=error.message) + hint
    return t("app.failed", error=f"{type(error).__name__}: {error}")


@dataclass(frozen=True, slots=True)
class HomeSummary:
    points_today: int
    points_max: int
    points_left: dict[Mode, int]
    study_streak: int
    best_challenge: int
    resumable: list[SessionRow]
    study: StudyOverview = field(default_factory=no_study)
    resume_answered: int = 0
    """Questions answered in the first resumable run (an exam's total counts every question)."""
    first_run: bool = False
    """The player has no session yet (home shows a one-line hint)."""

    @property
    def left_total(self) -> int:
        return sum(self.points_left.values())


BUILD_AFTER_SECONDS = 0.5
"""An outlined bank's questions are built once home is drawn, or after this at the latest."""


@dataclass
class Services:
    settings: Settings
    clock: Clock = field(default_factory=default_clock)
    store: Store | None = None
    store_problem: str | None = None
    recorder: Recorder = field(default_factory=Recorder)
    loaded: bool = False
    signature: tuple[tuple[str, int, int], ...] = ()
    rejected: list[BankError] = field(default_factory=list)
    """Errors of an edit that was not taken (the last good bank stays in play)."""

    preloaded: HomeSummary | None = None
    """Today's summary as read by `start_loading`, for the home screen's first frame."""
    loader: threading.Thread | None = None
    load_error: Exception | None = None
    """What made the loading thread fail, for the app to show."""
    first_frame: threading.Event = field(default_factory=threading.Event, repr=False)
    """Set by the app once home is drawn: questions outlined at start-up are built after it."""
    _bank: Bank = field(default_factory=Bank, repr=False)
    _outline: list[str] | None = field(default=None, repr=False)
    """The playable ids read from the cache's headers, while the questions are not built yet."""
    _built: threading.Event = field(default_factory=threading.Event, repr=False)
    _build_error: Exception | None = field(default=None, repr=False)
    _loaded: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def bank(self) -> Bank:
        """The bank. Where start-up outlined it (`load(outline=True)`), the first use waits
        for its questions to be built (begun at once if home is not drawn yet)."""
        if self._outline is not None:
            self.first_frame.set()
            self._built.wait()
        if self._build_error is not None:  # raised where the bank is wanted, not in a thread
            raise self._build_error
        return self._bank

    @bank.setter
    def bank(self, bank: Bank) -> None:
        if self._outline is not None:
            self.first_frame.set()
            self._built.wait()  # a bank taken now replaces the one being built, never the reverse
        self._bank, self._build_error = bank, None

    def load(self, outline: bool = False) -> None:
        """The bank and the store. With `outline`, a bank the cache has whole and clean is only
        outlined (its playable ids, from the entries' headers): home can show it before its
        questions are built (9,361 questions: about 20 ms), and `build_bank` builds them."""
        bank = self.settings.bank
        self.signature = bank_signature(bank)
        ids = self.read_outline(bank) if outline else None
        if ids is None:
            self.bank = self.read_bank(bank)
        else:
            self._outline, self._built = ids, threading.Event()
        self.rejected = []
        self.open_store()
        remember_bank(bank)
        self.loaded = True

    def build_bank(self) -> None:
        """Build the questions of an outlined bank (nothing when there is none to build)."""
        if self._outline is None or self._built.is_set():
            return
        try:
            self._bank = self.read_bank(self.settings.bank)
        except Exception as exc:  # a daemon thread's traceback would land on the screen
            self._build_error = exc
        finally:
            self._outline = None
            self._built.set()

    def start_loading(self) -> None:
        """Load and read today's summary in a thread. Started before Textual is imported, it
        runs while the interface starts, and the home screen's first frame can show the bank and
        the day (see `wait_loaded`). Does nothing when loading has already begun."""
        if self.loaded or self.loader is not None:
            return

        def load() -> None:
            try:
                self.load(outline=True)
                self.preloaded = self.summary()
            except Exception as exc:  # kept for the app to show (a dying thread shows nothing)
                self.load_error = exc
            finally:
                self._loaded.set()
            self.first_frame.wait(BUILD_AFTER_SECONDS)  # not while the first frame is drawn
            self.build_bank()

        self.loader = threading.Thread(target=load, name="quiz-load", daemon=True)
        self.loader.start()

    def wait_loaded(self, timeout: float | None) -> bool:
        """Wait up to `timeout` seconds for `start_loading`; True once all is loaded."""
        if self.loader is not None:
            return self._loaded.wait(timeout) and self.loaded
        return self.loaded

    @property
    def question_count(self) -> int:
        """Playable questions (an outlined bank is not built for it)."""
        outline = self._outline
        return len(outline) if outline is not None else len(self.questions)

    def playable_ids(self) -> Sequence[str]:
        outline = self._outline
        return outline if outline is not None else [q.id for q in self.questions]

    def reload_if_changed(self) -> str | None:
        """Pick up edited bank files: "updated" when the new bank is taken, "rejected" when it
        has errors (the bank in play stays as it was), None when nothing changed."""
        signature = bank_signature(self.settings.bank)
        if signature == self.signature:
            return None
        self.signature = signature
        fresh = self.read_bank(self.settings.bank)
        if fresh.errors:
            self.rejected = fresh.errors
            return "rejected"
        self.bank, self.rejected = fresh, []
        return "updated"

    def switch_bank(self, bank: Path) -> None:
        self.settings = replace(self.settings, bank=bank)
        self.signature = bank_signature(bank)
        self.bank = self.read_bank(bank)
        self.rejected = []
        remember_bank(bank)

    @property
    def all_errors(self) -> list[BankError]:
        """The edit's errors, else the bank's (an outlined bank has none: it is outlined only
        when the cache says so)."""
        return self.rejected or ([] if self._outline is not None else self.bank.errors)

    @staticmethod
    def read_outline(bank: Path) -> list[str] | None:
        from quiz.bank.loader import cached_outline

        return cached_outline([bank], paths.bank_cache())

    @staticmethod
    def read_bank(bank: Path) -> Bank:
        """The bank, unchanged files from the cache (imported here: loading runs in a worker
        thread, after the first screen is drawn)."""
        from quiz.bank.loader import load_bank

        return load_bank([bank], paths.bank_cache())

    def open_store(self) -> None:
        from quiz.store.errors import StoreError
        from quiz.store.opening import open_store

        if self.store is not None:
            return
        try:
            self.store = open_store(self.settings.db)
        except StoreError as exc:  # locked, read-only, full…: play on, unsaved, and say why
            self.store_problem = exc.message
        except OSError as exc:
            self.store_problem = t("store.cannot_open", path=self.settings.db, reason=exc.strerror)

    @property
    def questions(self) -> list[Question]:
        return [q for q in self.bank.questions if not q.draft]

    def article_path(self, question: Question) -> Path | None:
        """The article a question quotes (sources are looked up from its bank file upwards)."""
        from quiz.bank.sources import find_source

        if not question.source:
            return None
        return find_source(Path(question.file).resolve(), question.source) or find_source(
            self.settings.bank / "_", question.source
        )

    def quote_in_context(self, question: Question) -> tuple[str, str, str] | None:
        """The article sentence a question quotes, split around the quote."""
        from quiz.bank.seeds import cached_article, sentence_around

        located = self.article_path(question) if question.quote else None
        if located is None:
            return None
        return sentence_around(cached_article(located).text, question.quote)

    def sentence_of(self, question: Question) -> str | None:
        """The whole article sentence a question quotes (None: no quote, or not found)."""
        context = self.quote_in_context(question)
        return "".join(context) if context else None

    def today(self) -> date:
        return self.clock.now().date()

    # -- the read side: blocking calls, made from worker threads ---------------------------------

    def summary(self) -> HomeSummary:
        """Today's points, streaks and a run to resume; empty when there is no store, or when
        it cannot be read now (the problem is then kept, for the home screen to show)."""
        from quiz.store.errors import StoreError

        try:
            return self._summary()
        except StoreError as exc:
            self.store_problem = exc.message
            return HomeSummary(0, daily_maximum(), {}, 0, 0, [])

    def _summary(self) -> HomeSummary:
        from quiz.usecases.review import study_streak

        user = self.settings.user
        if self.store is None:
            return HomeSummary(0, daily_maximum(), {}, 0, 0, [])
        tally = self.store.day_tally(user, self.today())
        resumable = self.store.resumable(user)
        return HomeSummary(
            points_today=tally.total,
            points_max=daily_maximum(),
            points_left=points_left(tally),
            study_streak=study_streak(self.store, user, self.today()),
            best_challenge=self.store.best_streak(user),
            resumable=resumable,
            study=self.study_overview(),
            resume_answered=len(self.store.answers(resumable[0].id)) if resumable else 0,
            first_run=not self.store.sessions(user, limit=1),
        )

    def study_overview(self) -> StudyOverview:
        """Due today, new today, the week's forecast and retention, for the current player."""
        from quiz.usecases.review import study_overview, unseen_count

        if self.store is None:
            return no_study()
        user = self.settings.user
        unseen = unseen_count(self.store, user, self.playable_ids())
        return study_overview(self.store, user, self.clock.now(), unseen)

    def player_stats(self) -> PlayerStats:
        from quiz.usecases.review import no_player_stats, player_stats

        user = self.settings.user
        if self.store is None:
            return no_player_stats(user, self.question_count)
        return player_stats(self.store, user, self.clock.now(), self.playable_ids())

    def history(self, wanted: SessionFilter) -> HistoryPage:
        from quiz.usecases.review import history

        if self.store is None:
            return HistoryPage((), 0)
        return history(self.store, self.settings.user, wanted)

    def room_detail(self, pin: str, role: RoomRole) -> RoomDetail | None:
        """A room of the player's history, as they took part in it."""
        return self.store.room_detail(pin, self.settings.user, role) if self.store else None

    def session_detail(self, session_id: int) -> SessionDetail | None:
        from quiz.usecases.review import session_detail

        return session_detail(self.store, session_id) if self.store else None

    def leaderboard(self) -> Leaderboard:
        from quiz.usecases.review import leaderboard

        if self.store is None:
            return Leaderboard(self.today(), ())
        return leaderboard(self.store, self.today())

    def item_analysis(self) -> ItemAnalysis:
        from quiz.usecases.review import items

        return items(self.store) if self.store else ItemAnalysis(())

    def drop_session(self, session_id: int) -> None:
        """No longer offered for resuming (blocking: call from a worker)."""
        if self.store is not None:
            self.store.drop_session(session_id)

    def org_report(
        self, start: date | None, end: date | None, scope: str | None = None
    ) -> OrgReport | None:
        """Participation by unit (quiz org report), or None when nothing is saved."""
        if self.store is None:
            return None
        return self.store.org_report(start, end, scope)

    def close(self) -> None:
        self.recorder.close()
        if self.store is not None:
            self.store.close()
