"""Playing a run and saving it as it goes: the use case between the UI, the engine and the
store. `Run` is the one thing that changes a `Session` (screens read it and draw).

Every answer is committed the moment it is given. Without a store (a read-only data location)
runs are played all the same and simply not saved.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from quiz.bank.models import Question
from quiz.engine.checking import Given
from quiz.engine.modes import RULES, Mode, Pool
from quiz.engine.points import DayTally, earned
from quiz.engine.selection import NothingToAsk, PlayerHistory, plan, restore_plan
from quiz.engine.session import Answer, Phase, Plan, Session
from quiz.engine.study import end_of_day
from quiz.reports.runs import SessionRow
from quiz.store.errors import StoreError, StoreUnavailable
from quiz.store.recorder import Recorder, new_key
from quiz.system.clock import Clock
from quiz.usecases.review import new_allowance

if TYPE_CHECKING:
    from quiz.store.protocol import Store


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the results screen shows beyond the answers themselves."""

    points: int
    best_before: int | None
    """The player's best score in this mode before this run (None: first run)."""
    today: DayTally
    saved: bool = True
    """False when the run, or part of it, could not be saved (no store, disk full, locked…)."""


def player_history(store: Store | None, user: str, mode: Mode, now: datetime) -> PlayerHistory:
    """What selection needs of the player's past for this mode's pool, read from the store."""
    if store is None:
        return PlayerHistory()
    rules = RULES[mode]
    study = rules.pool is Pool.DUE
    return PlayerHistory(
        mistake_streaks=store.mistake_book(user) if rules.pool is Pool.BOOK else {},
        due=store.due_ids(user, end_of_day(now)) if study else (),
        carded=frozenset(store.carded_ids(user)) if study else frozenset(),
        new_allowance=new_allowance(store, user, now.date()) if study else 0,
        opponent_profiles=store.opponent_profiles(user) if rules.rivals else (),
    )


def practice_plan(
    questions: Sequence[Question],
    question_ids: Sequence[str],
    *,
    study: bool,
    book: Mapping[str, int],
    seed: int,
) -> Plan:
    """The plan for practising chosen questions: as study, or as a retry of one run's wrong
    answers (each until right twice in a row, as in the mistake book, counting the book's
    streaks so far)."""
    by_id = {q.id: q for q in questions}
    chosen = tuple(by_id[i] for i in question_ids if i in by_id)
    if not chosen:
        raise NothingToAsk("practise")
    mode = Mode.STUDY if study else Mode.RETRY
    streaks = {} if study else {q.id: book.get(q.id, 0) for q in chosen}
    count = len(chosen) if study else None  # a retry goes on until each is right twice
    return Plan(mode, chosen, seed=seed, count=count, right_streaks=streaks)


class Run:
    def __init__(
        self,
        store: Store | None,
        user: str,
        session: Session,
        session_id: int | None,
        recorder: Recorder | None = None,
    ) -> None:
        self.store = store
        self.user = user
        self.session = session
        self.session_id = session_id
        self.recorder = recorder
        self.outcome: Outcome | None = None
        self.save_failed = False
        """An answer of this run could not be written."""

    @classmethod
    def start(
        cls,
        store: Store | None,
        user: str,
        questions: Sequence[Question],
        mode: Mode,
        clock: Clock,
        *,
        seed: int | None = None,
        count: int | None = None,
        topic: str | None = None,
        opponents: int = 3,
        recorder: Recorder | None = None,
        sentence_of: Callable[[Question], str | None] | None = None,
    ) -> Run:
        """A new run; raises selection.NothingToAsk when the bank has nothing for it.
        `sentence_of` gives the article sentence a question quotes (study spreads new cards
        across sentences)."""
        now = clock.now()
        today = now.date()
        try:
            history = player_history(store, user, mode, now)
        except StoreError as exc:  # locked, damaged, unreadable: play on, unsaved
            _report(recorder, exc)
            store, history = None, PlayerHistory()
        if RULES[mode].pool is Pool.DUE and sentence_of is not None:
            found = {q.id: sentence_of(q) for q in questions if q.quote}
            history = replace(history, sentence_of={k: v for k, v in found.items() if v})
        the_plan = plan(
            mode,
            questions,
            user=user,
            today=today,
            seed=seed,
            count=count,
            topic=topic,
            opponents=opponents,
            history=history,
        )
        return cls.from_plan(store, user, the_plan, clock, recorder)

    @classmethod
    def practise(
        cls,
        store: Store | None,
        user: str,
        questions: Sequence[Question],
        question_ids: Sequence[str],
        clock: Clock,
        *,
        study: bool = False,
        recorder: Recorder | None = None,
    ) -> Run:
        """Practise the given questions: one past run's wrong answers as in the mistake book,
        or a sentence's questions as study; raises NothingToAsk when none is in the bank."""
        book: Mapping[str, int] = {}
        if store is not None and not study:
            try:
                book = store.mistake_book(user)
            except StoreError as exc:  # locked, damaged, unreadable: play on, unsaved
                _report(recorder, exc)
                store = None
        the_plan = practice_plan(questions, question_ids, study=study, book=book,
                                 seed=random.randrange(2**31))  # fmt: skip
        return cls.from_plan(store, user, the_plan, clock, recorder)

    @classmethod
    def from_plan(
        cls,
        store: Store | None,
        user: str,
        the_plan: Plan,
        clock: Clock,
        recorder: Recorder | None = None,
    ) -> Run:
        session = Session(the_plan, clock)
        session_id = None
        if store is not None:
            session_id = _start(store, user, session, recorder)
            if session_id is None:  # a read-only or full disk, a server away: play on, unsaved
                store = None
        return cls(store, user, session, session_id, recorder)

    @classmethod
    def resume(
        cls,
        store: Store,
        row: SessionRow,
        questions: Sequence[Question],
        clock: Clock,
        recorder: Recorder | None = None,
    ) -> Run:
        """An unfinished run again, its saved answers replayed into a fresh session."""
        saved = store.saved_plan(row.id)
        if saved is None or row.mode is None:
            raise ValueError(f"session {row.id} is not a run that can be resumed")
        answers = store.answers(row.id)
        the_plan = restore_plan(
            row.mode,
            questions,
            list(saved.ids),
            [a.question_id for a in answers],
            seed=saved.seed,
            count=saved.count,
            opponents=list(saved.opponents),
            right_streaks=saved.right_streaks,
            label=saved.label,
            deadline=saved.deadline,
        )
        session = Session(the_plan, clock, started_at=row.started_at)
        run = cls(store, row.user, session, row.id, recorder)
        run._replay([(a.position, tuple(a.given), a.seconds) for a in answers])
        if session.seconds_left() == 0:
            session.hand_in()  # resumed after its deadline: handed in at once
        return run

    def _replay(self, saved: list[tuple[int, Given, float]]) -> None:
        session = self.session
        for index, (position, given, seconds) in enumerate(saved):
            if session.phase is Phase.FINISHED:
                break
            if session.rules.navigable:
                session.go_to(position)
            answer = session.submit(given, seconds)
            more = index + 1 < len(saved)
            if session.phase is not Phase.FEEDBACK:
                continue
            if not answer.correct and session.can_revive:
                if more:  # a later answer means the player revived
                    session.revive()
                # else the player has yet to choose whether to revive
            else:
                session.proceed()

    # -- actions the UI takes: the only way a session changes ------------------------------------

    def submit(self, given: Given, seconds: float) -> Answer:
        answer = self.session.submit(given, seconds)
        self._save(answer)
        return answer

    def proceed(self) -> None:
        """On from the feedback to the next question (or the end)."""
        self.session.proceed()

    def revive(self) -> None:
        self.session.revive()

    def go_to(self, position: int) -> None:
        self.session.go_to(position)

    def hand_in(self) -> None:
        self.session.hand_in()

    def time_up(self) -> Answer | None:
        answer = self.session.time_up()
        if answer is not None:
            self._save(answer)
        return answer

    def _save(self, answer: Answer) -> None:
        store, session_id = self.store, self.session_id
        if store is None or session_id is None:
            return
        totals = self.session.totals()  # taken now, on the caller's thread

        study = self.session.rules.cards
        key = new_key()  # the same each time this answer is sent: stored once

        def write() -> None:
            # One transaction: a study answer is never kept without its review, nor a review
            # without its answer, however the process ends.
            try:
                store.record_answer(session_id, self.user, answer, totals, study=study, key=key)
            except StoreUnavailable:
                raise  # made again by the recorder once the server is back
            except Exception:
                self.save_failed = True
                raise

        if self.recorder is None:
            write()
        else:
            self.recorder.submit(write)

    def finish(self) -> Outcome:
        """Points and bests, once the session is over; saved with the session. The day's caps
        are those of the day the run started (a run begun at 23:59 scores on that day), checked
        and booked in the write transaction. A store that fails here never ends the run: the
        outcome is marked not saved."""
        if self.outcome is not None:
            return self.outcome
        if self.recorder is not None:
            self.recorder.drain()
        session = self.session
        day: date = session.started_at.date()

        def points_for(tally: DayTally) -> int:
            return earned(session.mode, correct=session.correct_count, won=session.won,
                          today=tally)  # fmt: skip

        store, session_id = self.store, self.session_id
        saved = store is not None and session_id is not None and not self.save_failed
        if store is not None and session_id is not None:
            recorder = self.recorder
            finished_at, totals = session.clock.now(), session.totals()

            def close() -> Outcome:
                best = store.best_score(self.user, session.mode, exclude=session_id)
                points = store.finish_session(session_id, finished_at, totals, points_for)
                return Outcome(points, best, store.day_tally(self.user, day), saved)

            try:  # a server out of reach is waited for, as the answers were
                self.outcome = recorder.call(close) if recorder else close()
                return self.outcome
            except StoreError as exc:
                _report(self.recorder, exc)
        self.outcome = Outcome(points_for(DayTally()), None, DayTally(), saved=False)
        return self.outcome


def _start(store: Store, user: str, session: Session, recorder: Recorder | None) -> int | None:
    """The run's session in the store (with its plan and deadline), or None when it cannot be
    saved. A connection that broke since its last use is replaced once; the same key makes a
    second attempt whose first did reach the server find that session, not a new one."""
    key = new_key()
    for attempt in (1, 2):
        try:
            return store.start_session(user, session.plan, session.started_at, key)
        except StoreUnavailable as exc:
            if attempt == 2:
                _report(recorder, exc)
        except StoreError as exc:
            _report(recorder, exc)
            break
    return None


def _report(recorder: Recorder | None, exc: Exception) -> None:
    if recorder is not None:
        recorder.report(exc)
