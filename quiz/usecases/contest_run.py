"""Hosting a contest and saving it as it goes: the use case between the quizmaster's screen,
the contest engine and the store, as `quiz.usecases.play.Run` is for a player's run.

`ContestRun` is the one thing that changes a `Contest`: each action the quizmaster takes goes
through it, and every event it causes is saved at once (and the result when it ends), in order,
off the UI thread. Without a store the contest is hosted all the same and not saved.

A write is made again while the server is out of reach (quiz.store.recorder), so the
contest's session and each event get their key here, once, before the first attempt: the
store keeps each once.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from quiz.bank.models import Question
from quiz.contest.engine import Contest, ContestPhase, ContestPlan
from quiz.contest.plan import plan_text
from quiz.contest.standings import answered, contest_event, standings, standings_csv
from quiz.engine.selection import in_topic
from quiz.store.recorder import Recorder, new_key
from quiz.system.clock import Clock

if TYPE_CHECKING:
    from datetime import datetime

    from quiz.reports.contests import ContestEvent, TeamStanding
    from quiz.store.protocol import Store

    Final = tuple[Sequence[TeamStanding], str, tuple[int, int]]
    """What a finished contest saves: the standings, the plan, answers (right, in all)."""
    Keyed = tuple[ContestEvent, str]
    """An event as it is saved, with the key that stores it once however often it is sent."""


class TooFewQuestions(ValueError):
    """The bank (or the plan's topics) has fewer questions than the contest has teams."""


def contest_pool(questions: Sequence[Question], plan: ContestPlan) -> list[Question]:
    """The questions a contest may ask: the bank, or the plan's sections and tags."""
    return [
        q for q in questions if not plan.topics or any(in_topic(q, topic) for topic in plan.topics)
    ]


class ContestRun:
    def __init__(
        self,
        contest: Contest,
        host: str,
        clock: Clock,
        store: Store | None = None,
        recorder: Recorder | None = None,
    ) -> None:
        self.contest = contest
        self.host = host
        self.clock = clock
        self.store = store
        self.recorder = recorder
        self.session_id: int | None = None
        self.saved = 0
        """Events already handed to the writer (read and changed on the UI thread only)."""
        self.finished_saved = False
        if store is not None:
            key, at = new_key(), clock.now()  # started now, though it may be stored later
            self._write(lambda: self._open(key, at))
            self.save()

    @classmethod
    def start(
        cls,
        plan: ContestPlan,
        questions: Sequence[Question],
        host: str,
        clock: Clock,
        *,
        seed: int | None = None,
        store: Store | None = None,
        recorder: Recorder | None = None,
    ) -> ContestRun:
        """A new contest over the plan's pool; raises TooFewQuestions when it is too small."""
        pool = contest_pool(questions, plan)
        if len(pool) < len(plan.teams):
            raise TooFewQuestions(len(pool))
        chosen_seed = seed if seed is not None else random.randrange(2**31)
        return cls(Contest(plan, pool, clock, seed=chosen_seed), host, clock, store, recorder)

    # -- the quizmaster's actions ----------------------------------------------------------------

    def step(self) -> None:
        """Space: 请抢答 once a question is shown, else on to the next question."""
        if self.contest.phase is ContestPhase.SHOWN:
            self.contest.open_buzzing()
        else:
            self.contest.advance()
        self.save()

    def judge(self, right: bool) -> None:
        self.contest.judge(right)
        self.save()

    def reveal(self) -> None:
        self.contest.reveal()
        self.save()

    def pick(self, value: int) -> None:
        self.contest.pick(value)
        self.save()

    def buzz(self, team: int) -> bool:
        """A team's buzzer; True when it was a foul (pressed before 请抢答)."""
        before = len(self.contest.events)
        self.contest.buzz(team)
        fouled = any(e.kind == "foul" and e.team == team for e in self.contest.events[before:])
        self.save()
        return fouled

    def correct(self, team: int, points: int, reason: str) -> None:
        self.contest.correct(team, points, reason)
        self.save()

    def time_up(self) -> None:
        self.contest.time_up()
        self.save()

    def results_csv(self) -> str:
        """The final ranking as CSV (rank, team, score, right, wrong, fouls, …)."""
        return standings_csv(standings(self.contest))

    # -- saving --------------------------------------------------------------------------------

    def save(self) -> None:
        """Hand the events not yet saved (and the result, once over) to the writer."""
        if self.store is None:
            return
        contest = self.contest
        fresh = [(contest_event(contest, e), new_key()) for e in contest.events[self.saved :]]
        self.saved = len(contest.events)
        final: Final | None = None
        if contest.phase is ContestPhase.FINISHED and not self.finished_saved:
            self.finished_saved = True
            final = (standings(contest), plan_text(contest.plan), answered(contest))
        if fresh or final is not None:
            self._write(lambda: self._record(fresh, final))

    def _open(self, key: str, at: datetime) -> None:
        assert self.store is not None
        self.session_id = self.store.start_contest(self.host, self.contest.plan.teams, at, key)

    def _record(self, events: Sequence[Keyed], final: Final | None) -> None:
        store, session_id = self.store, self.session_id
        if store is None or session_id is None:  # the contest could not be opened
            return
        for event, key in events:  # made again whole after a lost connection: keys skip the done
            store.record_contest_event(session_id, event, key)
        if final is not None:
            table, plan, totals = final
            store.finish_contest(session_id, self.clock.now(), table, plan, totals)

    def _write(self, write: Callable[[], None]) -> None:
        """In order, off the UI thread when there is a recorder (each write after the one
        opening the contest, so events never come before their session)."""
        if self.recorder is None:
            write()
        else:
            self.recorder.submit(write)
