"""The bank in play: loaded (or, at start-up, only outlined from the cache and built once home
is drawn), watched for edits, switched for another; and the articles its questions quote.

Loading is blocking I/O: callers run it from a worker thread."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from quiz.bank.models import Bank, BankError, Question
from quiz.bank.recent import bank_signature, remember_bank
from quiz.system import paths


class Library:
    def __init__(self, folder: Path, first_frame: threading.Event) -> None:
        self.folder = folder
        """The bank folder in play."""
        self.first_frame = first_frame
        """Set once home is drawn: questions outlined at start-up are built after it."""
        self.signature: tuple[tuple[str, int, int], ...] = ()
        self.rejected: list[BankError] = []
        """Errors of an edit that was not taken (the last good bank stays in play)."""
        self._bank = Bank()
        self._outline: list[str] | None = None
        """The playable ids read from the cache's headers, while the questions are not built."""
        self._built = threading.Event()
        self._build_error: Exception | None = None

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

    @property
    def questions(self) -> list[Question]:
        """The playable questions (drafts left out)."""
        return [q for q in self.bank.questions if not q.draft]

    def load(self, outline: bool = False) -> None:
        """The bank. With `outline`, a bank the cache has whole and clean is only outlined (its
        playable ids, from the entries' headers): home can show it before its questions are
        built (9,361 questions: about 20 ms), and `build` builds them."""
        self.signature = bank_signature(self.folder)
        ids = self.read_outline(self.folder) if outline else None
        if ids is None:
            self.bank = self.read_bank(self.folder)
        else:
            self._outline, self._built = ids, threading.Event()
        self.rejected = []
        remember_bank(self.folder)

    def build(self) -> None:
        """Build the questions of an outlined bank (nothing when there is none to build)."""
        if self._outline is None or self._built.is_set():
            return
        try:
            self._bank = self.read_bank(self.folder)
        except Exception as exc:  # a daemon thread's traceback would land on the screen
            self._build_error = exc
        finally:
            self._outline = None
            self._built.set()

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
        signature = bank_signature(self.folder)
        if signature == self.signature:
            return None
        self.signature = signature
        fresh = self.read_bank(self.folder)
        if fresh.errors:
            self.rejected = fresh.errors
            return "rejected"
        self.bank, self.rejected = fresh, []
        return "updated"

    def switch(self, folder: Path) -> None:
        """Play another bank folder (blocking: it is read now)."""
        self.folder = folder
        self.signature = bank_signature(folder)
        self.bank = self.read_bank(folder)
        self.rejected = []
        remember_bank(folder)

    @property
    def all_errors(self) -> list[BankError]:
        """The edit's errors, else the bank's (an outlined bank has none: it is outlined only
        when the cache says so)."""
        return self.rejected or ([] if self._outline is not None else self.bank.errors)

    @staticmethod
    def read_outline(folder: Path) -> list[str] | None:
        from quiz.bank.loader import cached_outline

        return cached_outline([folder], paths.bank_cache())

    @staticmethod
    def read_bank(folder: Path) -> Bank:
        """The bank, unchanged files from the cache (imported here: loading runs in a worker
        thread, after the first screen is drawn)."""
        from quiz.bank.loader import load_bank

        return load_bank([folder], paths.bank_cache())

    # -- the articles the questions quote ------------------------------------------------------

    def article_path(self, question: Question) -> Path | None:
        """The article a question quotes (sources are looked up from its bank file upwards)."""
        from quiz.bank.sources import find_source

        if not question.source:
            return None
        return find_source(Path(question.file).resolve(), question.source) or find_source(
            self.folder / "_", question.source
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
