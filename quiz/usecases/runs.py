"""Starting what a player plays: a mode, a practice of chosen questions, a saved run resumed
(or dropped), a team contest, a matched race booked in the history. Each is saved as it goes
when there is a store (quiz.usecases.play.Run, quiz.usecases.contest_run.ContestRun)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quiz.system.clock import Clock
from quiz.usecases.library import Library
from quiz.usecases.saving import Saving

if TYPE_CHECKING:
    from quiz.contest.engine import ContestPlan
    from quiz.store.rooms import Rooms
    from quiz.usecases.contest_run import ContestRun
    from quiz.usecases.play import Outcome, Run
    from quiz.usecases.requests import PlayRequest


class Runs:
    def __init__(self, user: str, saving: Saving, library: Library, clock: Clock) -> None:
        self.user = user
        self.saving = saving
        self.library = library
        self.clock = clock

    def start(self, request: PlayRequest) -> Run:
        """A run of a mode; NothingToAsk when the bank has nothing for it. An attempt at an
        assigned paper when the request names one (PaperRefused when it may not start)."""
        from quiz.usecases.play import Run

        if request.paper is not None:
            from quiz.usecases.papers import start_attempt

            return start_attempt(self.saving.store, self.user, request.paper, self.clock,
                                 self.saving.recorder)  # fmt: skip

        return Run.start(
            self.saving.store, self.user, self.library.questions, request.mode, self.clock,
            seed=request.seed, count=request.count, topic=request.topic,
            opponents=request.opponents, recorder=self.saving.recorder,
            sentence_of=self.library.sentence_of,
        )  # fmt: skip

    def practise(self, question_ids: list[str], study: bool = False) -> Run:
        """A past session's wrong answers as in the mistake book (each until right twice in a
        row), or a sentence's questions as study (`study`); NothingToAsk when none is left."""
        from quiz.usecases.play import Run

        return Run.practise(self.saving.store, self.user, self.library.questions, question_ids,
                            self.clock, study=study, recorder=self.saving.recorder)  # fmt: skip

    def resume(self, session_id: int) -> Run | None:
        """The player's unfinished run saved under `session_id` (None: no such run to resume)."""
        from quiz.usecases.play import Run

        store = self.saving.store
        if store is None:
            return None
        rows = [r for r in store.resumable(self.user) if r.id == session_id]
        if not rows:
            return None
        questions = self.library.questions
        if (paper := store.paper_of_session(session_id)) is not None:  # as it was published
            from quiz.usecases.papers import paper_questions

            questions = paper_questions(store, paper)
        return Run.resume(store, rows[0], questions, self.clock,
                          self.saving.recorder)  # fmt: skip

    def drop(self, session_id: int) -> None:
        """No longer offered for resuming (its answers stay in the history)."""
        if self.saving.store is not None:
            self.saving.store.drop_session(session_id)

    def contest(self, plan: ContestPlan, seed: int | None = None) -> ContestRun:
        """A team contest over the bank; TooFewQuestions when the plan cannot be filled."""
        from quiz.usecases.contest_run import ContestRun

        return ContestRun.start(plan, self.library.questions, self.user, self.clock, seed=seed,
                                store=self.saving.store, recorder=self.saving.recorder)  # fmt: skip

    def book_match(self, rooms: Rooms, pin: str) -> Outcome:
        """A finished matched race, booked in the player's history with its points."""
        from quiz.usecases.match_booking import book_match

        return book_match(rooms, pin, self.user, self.saving.store, self.clock,
                          self.saving.recorder)  # fmt: skip
