"""Session as a state machine, driven by hypothesis through any sequence of actions in any
mode: whatever the player does, the session stays consistent and never lets a phase do what
it does not allow."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from quiz.engine.modes import PLAYABLE, Mode
from quiz.engine.selection import PlayerHistory, plan
from quiz.engine.session import Phase, Session, SessionError
from tests.factories import bank, clock, right, wrong

QUESTIONS = bank(12)
BOOK = {q.id: i % 2 for i, q in enumerate(QUESTIONS)}
HISTORY = PlayerHistory(mistake_streaks=BOOK, new_allowance=6)


class SessionMachine(RuleBasedStateMachine):
    session: Session

    @initialize(
        mode=st.sampled_from(PLAYABLE),
        seed=st.integers(0, 2**16),
        count=st.none() | st.integers(1, 8),
    )
    def start(self, mode: Mode, seed: int, count: int | None) -> None:
        self.clock = clock()
        chosen = plan(mode, QUESTIONS, user="u", today=date(2026, 11, 28), seed=seed,
                      count=count, history=HISTORY)  # fmt: skip
        self.session = Session(chosen, self.clock)
        self.finished = self.session.phase is Phase.FINISHED
        self.wrong = 0

    # -- actions -------------------------------------------------------------------------------

    @precondition(lambda self: self.session.phase is Phase.ASKING)
    @rule(correct=st.booleans(), seconds=st.floats(0, 60))
    def answer(self, correct: bool, seconds: float) -> None:
        session = self.session
        question = session.current
        given = right(question) if correct else wrong(question)
        position = session.position
        answer = session.submit(given, seconds)
        assert answer.correct is correct and answer.position == position
        assert session.answers[position] is answer
        self.wrong += not correct
        if session.rules.feedback:
            assert session.phase is Phase.FEEDBACK and session.last_answer is answer

    @precondition(lambda self: self.session.phase is Phase.FEEDBACK)
    @rule()
    def proceed(self) -> None:
        self.session.proceed()

    @precondition(lambda self: self.session.can_revive)
    @rule()
    def revive(self) -> None:
        self.session.revive()
        assert self.session.revive_used and self.session.phase is not Phase.FEEDBACK

    @precondition(lambda self: self.session.rules.navigable)
    @rule(position=st.integers(-2, 25))
    def go_to(self, position: int) -> None:
        session = self.session
        if session.phase is not Phase.ASKING:
            with pytest.raises(SessionError):
                session.go_to(position)
            return
        session.go_to(position)
        assert session.position == max(0, min(position, len(session.asked) - 1))

    @rule()
    def hand_in(self) -> None:
        self.session.hand_in()
        assert self.session.phase is Phase.FINISHED

    @rule()
    def time_up(self) -> None:
        session = self.session
        before = len(session.answers)
        answer = session.time_up()
        if answer is not None:  # a race question ran out: nothing given, nothing scored
            assert answer.given == () and not answer.correct and answer.score == 0
            assert len(session.answers) == before + 1
            self.wrong += 1

    @rule(seconds=st.floats(0, 3600))
    def wait(self, seconds: float) -> None:
        self.clock.advance(seconds)

    @rule()
    def actions_out_of_phase_are_refused(self) -> None:
        session = self.session
        if session.phase is not Phase.ASKING:
            with pytest.raises(SessionError):
                session.submit(("甲",), 1.0)
        if session.phase is not Phase.FEEDBACK:
            with pytest.raises(SessionError):
                session.proceed()
        if not session.can_revive:
            with pytest.raises(SessionError):
                session.revive()

    # -- what always holds ---------------------------------------------------------------------

    @invariant()
    def finished_is_final(self) -> None:
        if self.finished:
            assert self.session.phase is Phase.FINISHED
        self.finished = self.session.phase is Phase.FINISHED

    @invariant()
    def positions_and_answers_agree(self) -> None:
        session = self.session
        if session.asked:
            assert 0 <= session.position < len(session.asked)
        assert set(session.answers) <= set(range(len(session.asked)))
        for position, answer in session.answers.items():
            assert answer.question is session.asked[position]
        if session.phase is Phase.FEEDBACK:
            assert session.last_answer is not None

    @invariant()
    def totals_add_up(self) -> None:
        session = self.session
        totals = session.totals()
        assert totals.score == sum(a.score for a in session.answers.values())
        assert totals.correct == sum(a.correct for a in session.answers.values())
        assert 0 <= totals.correct <= totals.total
        assert totals.best_streak <= totals.correct
        assert (totals.passed is None) is (session.mode is not Mode.EXAM)
        assert (totals.won is None) is (session.mode is not Mode.RACE)

    @invariant()
    def the_run_keeps_its_length(self) -> None:
        session = self.session
        limit = session.limit
        if limit is not None and session.mode is not Mode.MISTAKES:
            assert len(session.asked) <= limit
        if not session.rules.navigable:
            assert (
                len(session.answers) == len(session.asked) - (session.phase is Phase.ASKING)
                or session.phase is Phase.FINISHED
            )

    @invariant()
    def a_challenge_ends_at_a_wrong_answer(self) -> None:
        session = self.session
        if session.mode is Mode.CHALLENGE and session.phase is Phase.ASKING:
            assert self.wrong <= int(session.revive_used)


TestSession = SessionMachine.TestCase
TestSession.settings = settings(
    max_examples=100,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
