"""A quiz run as a state machine: asking → (feedback) → asking … → finished.

The session knows nothing of screens or storage: the UI calls `submit`, `proceed`, `revive`,
`go_to` and `hand_in`, reads `phase` and `current`, and stores each `Answer` it gets back.
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from quiz.bank.models import Question, QuestionType
from quiz.engine.checking import Given, is_correct
from quiz.engine.modes import RULES, Mode, Rules
from quiz.engine.race import Opponent, OpponentAnswer, simulate, speed_points
from quiz.system.clock import Clock


class Phase(StrEnum):
    ASKING = "asking"
    FEEDBACK = "feedback"
    FINISHED = "finished"


@dataclass(frozen=True, slots=True)
class Totals:
    """A session's running totals at one moment (saved with each answer)."""

    correct: int
    total: int
    score: int
    best_streak: int
    elapsed: float
    passed: bool | None = None
    won: bool | None = None


class SessionError(RuntimeError):
    """An action the current phase does not allow (a bug in the caller, never user input)."""


@dataclass(frozen=True, slots=True)
class Plan:
    """What a run asks: chosen by `selection`, stored with the session so it can be resumed."""

    mode: Mode
    questions: tuple[Question, ...]
    seed: int
    count: int | None = None
    opponents: tuple[Opponent, ...] = ()
    right_streaks: dict[str, int] = field(default_factory=dict)
    """Mistakes mode: right answers in a row so far, per question in the book."""
    label: str = ""
    """The section or tag of a topic run."""
    deadline: datetime | None = None
    """A timed run's end, fixed when it starts (Moodle's time limit): time runs while the
    player is away, and a run resumed after it is handed in at once."""

    @property
    def rules(self) -> Rules:
        return RULES[self.mode]


@dataclass(frozen=True, slots=True)
class Answer:
    position: int
    question: Question
    shown_options: tuple[str, ...]
    given: Given
    correct: bool
    seconds: float
    answered_at: datetime
    score: int
    """What the answer adds to the run's score: 1 or 0, speed points in a race."""
    opponents: tuple[OpponentAnswer, ...] = ()


def shown_options(question: Question, seed: int, position: int) -> tuple[str, ...]:
    """Options in screen order: shuffled (but stable for a run), judge always 正确 then 错误,
    order items never already in the right order."""
    if question.type is QuestionType.JUDGE or not question.options:
        return question.options
    rng = random.Random(f"options:{seed}:{position}:{question.id}")
    items = list(question.options)
    for _ in range(8):
        rng.shuffle(items)
        if question.type is not QuestionType.ORDER or tuple(items) != question.answer:
            break
    return tuple(items)


class Session:
    def __init__(self, plan: Plan, clock: Clock, started_at: datetime | None = None) -> None:
        self.mode = plan.mode
        self.rules = plan.rules
        self.clock = clock
        self.started_at = started_at or clock.now()
        if self.rules.total_seconds and plan.deadline is None:
            plan = replace(
                plan, deadline=self.started_at + timedelta(seconds=self.rules.total_seconds)
            )
        self.plan = plan
        self.deadline = plan.deadline
        self.finished_at: datetime | None = None
        self.phase = Phase.ASKING if plan.questions else Phase.FINISHED
        self.asked: list[Question] = []
        self.answers: dict[int, Answer] = {}
        self.position = 0
        self.revive_used = False
        self._pool: deque[Question] = deque(plan.questions)
        self._streaks = dict(plan.right_streaks)
        if self.phase is Phase.ASKING:
            if self.rules.navigable:
                self.asked = list(plan.questions[: self.limit])
                self._pool.clear()
            else:
                self.asked.append(self._pool.popleft())

    # -- reading -------------------------------------------------------------------------------

    @property
    def limit(self) -> int | None:
        """Questions in this run, when known in advance."""
        if self.rules.open_ended:
            return self.plan.count
        wanted = self.plan.count or self.rules.count
        return min(wanted, len(self.plan.questions)) if wanted else len(self.plan.questions)

    @property
    def current(self) -> Question:
        return self.asked[self.position]

    @property
    def options(self) -> tuple[str, ...]:
        return shown_options(self.current, self.plan.seed, self.position)

    @property
    def last_answer(self) -> Answer | None:
        return self.answers.get(self.position)

    @property
    def correct_count(self) -> int:
        return sum(1 for a in self.answers.values() if a.correct)

    @property
    def score(self) -> int:
        return sum(a.score for a in self.answers.values())

    @property
    def streak(self) -> int:
        """Right answers in a row, ending with the latest."""
        run = 0
        for position in sorted(self.answers, reverse=True):
            if not self.answers[position].correct:
                break
            run += 1
        return run

    @property
    def can_revive(self) -> bool:
        answer = self.last_answer
        return (
            self.rules.revivable
            and self.phase is Phase.FEEDBACK
            and answer is not None
            and not answer.correct
            and not self.revive_used
            and bool(self._pool)
        )

    def seconds_left(self) -> float | None:
        """Until the deadline of a timed run (None: the run has none)."""
        if self.deadline is None:
            return None
        return max(0.0, (self.deadline - self.clock.now()).total_seconds())

    @property
    def left_in_book(self) -> int:
        """Questions not yet answered right enough times in a row (`Rules.requeue_until`): a
        right answer never adds one."""
        until = self.rules.requeue_until or 1
        ids = {q.id for q in self.plan.questions}
        return sum(1 for i in ids if self._streaks.get(i, 0) < until)

    # -- acting --------------------------------------------------------------------------------

    def submit(self, given: Given, seconds: float) -> Answer:
        """Answer the current question; in navigable modes an answer may be replaced."""
        if self.phase is not Phase.ASKING:
            raise SessionError(f"cannot answer while {self.phase}")
        question = self.current
        if self.position in self.answers and not self.rules.navigable:
            raise SessionError("question already answered")
        limit = self.rules.question_seconds
        seconds = max(0.0, min(seconds, float(limit)) if limit else seconds)
        correct = is_correct(question, given)
        opponents: tuple[OpponentAnswer, ...] = ()
        score = 1 if correct else 0
        if self.rules.rivals and limit:
            score = speed_points(seconds, limit) if correct else 0
            opponents = tuple(
                simulate(o, self.plan.seed, self.position, limit) for o in self.plan.opponents
            )
        answer = Answer(
            position=self.position,
            question=question,
            shown_options=self.options,
            given=given,
            correct=correct,
            seconds=round(seconds, 2),
            answered_at=self.clock.now(),
            score=score,
            opponents=opponents,
        )
        self.answers[self.position] = answer
        if self.rules.requeue_until:
            self._requeue(question, correct, self.rules.requeue_until)
        if self.rules.feedback:
            self.phase = Phase.FEEDBACK
        elif self.rules.navigable:
            self._move_after_navigable_answer()
        else:
            self._advance()
        return answer

    def proceed(self) -> None:
        """Leave the feedback for the next question (or the end of the run)."""
        if self.phase is not Phase.FEEDBACK:
            raise SessionError(f"nothing to proceed from while {self.phase}")
        answer = self.answers[self.position]
        if self.rules.ends_on_wrong and not answer.correct:
            self._finish()
            return
        self._advance()

    def revive(self) -> None:
        """复活: the challenge goes on after a wrong answer, once per run."""
        if not self.can_revive:
            raise SessionError("no revive available")
        self.revive_used = True
        self._advance()

    def go_to(self, position: int) -> None:
        if not self.rules.navigable or self.phase is not Phase.ASKING:
            raise SessionError("this mode does not move between questions")
        self.position = max(0, min(position, len(self.asked) - 1))

    def hand_in(self) -> None:
        """交卷: end the run now; unanswered questions count as wrong."""
        if self.phase is Phase.FINISHED:
            return
        self._finish()

    def time_up(self) -> Answer | None:
        """The timer ran out: a race question scores nothing, an exam is handed in."""
        if self.rules.question_seconds and self.phase is Phase.ASKING:
            return self.submit((), float(self.rules.question_seconds))
        if self.rules.total_seconds:
            self.hand_in()
        return None

    # -- internals -----------------------------------------------------------------------------

    def _finish(self) -> None:
        now = self.clock.now()
        self.finished_at = min(now, self.deadline) if self.deadline else now
        self.phase = Phase.FINISHED

    def _advance(self) -> None:
        limit = self.limit
        if (limit is not None and len(self.asked) >= limit) or not self._pool:
            self._finish()
            return
        self.asked.append(self._pool.popleft())
        self.position = len(self.asked) - 1
        self.phase = Phase.ASKING

    def _move_after_navigable_answer(self) -> None:
        if self.position + 1 < len(self.asked):
            self.position += 1
            return
        unanswered = [p for p in range(len(self.asked)) if p not in self.answers]
        if unanswered:
            self.position = unanswered[0]

    def _requeue(self, question: Question, correct: bool, until: int) -> None:
        streak = self._streaks.get(question.id, 0) + 1 if correct else 0
        self._streaks[question.id] = streak
        if streak < until:
            self._pool.append(question)  # asked again after the others

    # -- results -------------------------------------------------------------------------------

    @property
    def total(self) -> int:
        """Questions that count: every question asked (unanswered exam questions are wrong)."""
        return len(self.asked) if self.rules.navigable else len(self.answers)

    @property
    def passed(self) -> bool | None:
        ratio = self.rules.pass_ratio
        if ratio is None:
            return None
        return self.total > 0 and self.correct_count / self.total >= ratio

    @property
    def best_streak(self) -> int:
        best = run = 0
        for position in sorted(self.answers):
            run = run + 1 if self.answers[position].correct else 0
            best = max(best, run)
        return best

    def standings(self) -> list[tuple[str, int]]:
        """Race totals, best first; the player is listed under the empty name."""
        totals = {"": self.score}
        for answer in self.answers.values():
            for other in answer.opponents:
                totals[other.name] = totals.get(other.name, 0) + other.points
        for opponent in self.plan.opponents:
            totals.setdefault(opponent.name, 0)
        return sorted(totals.items(), key=lambda item: (-item[1], item[0] != ""))

    @property
    def won(self) -> bool | None:
        if not self.rules.rivals:
            return None
        return self.standings()[0][0] == ""

    def elapsed_seconds(self) -> float:
        """A timed run's wall time (start to hand-in, at most its limit); else the time spent
        on the answers."""
        if self.deadline is None:
            return sum(a.seconds for a in self.answers.values())
        end = self.finished_at or min(self.clock.now(), self.deadline)
        return max(0.0, (end - self.started_at).total_seconds())

    def totals(self) -> Totals:
        return Totals(
            correct=self.correct_count,
            total=self.total,
            score=self.score,
            best_streak=self.best_streak,
            elapsed=round(self.elapsed_seconds(), 2),
            passed=self.passed,
            won=self.won,
        )
