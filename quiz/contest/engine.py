"""竞赛: a team contest hosted from one terminal — the rules, as a state machine (no UI).

Rounds: 必答题 (each team in turn answers its own question: +10 right, no deduction), 抢答题
(the question is shown, then "请抢答": the first team to buzz answers, ±20; buzzing before that is
a foul), 风险题 (the team lowest in score picks first among 10/20/30-point questions; ±value).
The quizmaster judges each answer; score corrections carry a reason; every event is kept.
Ties in the final ranking are broken by extra buzzer questions among the tied teams.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from quiz.bank.models import Question
from quiz.system.clock import Clock

REQUIRED_POINTS = 10
BUZZ_POINTS = 20
RISK_VALUES = (10, 20, 30)
FOUL_PENALTY = 10


class RoundKind(StrEnum):
    REQUIRED = "required"
    BUZZ = "buzz"
    RISK = "risk"
    TIEBREAK = "tiebreak"


@dataclass(frozen=True, slots=True)
class RoundPlan:
    kind: RoundKind
    questions: int
    """Required and risk rounds: questions per team; buzz rounds: questions in all."""


@dataclass(frozen=True, slots=True)
class ContestPlan:
    teams: tuple[str, ...]
    rounds: tuple[RoundPlan, ...] = (
        RoundPlan(RoundKind.REQUIRED, 1),
        RoundPlan(RoundKind.BUZZ, 3),
        RoundPlan(RoundKind.RISK, 1),
    )
    answer_seconds: int = 10
    buzz_seconds: int = 20
    topics: tuple[str, ...] = ()
    """Sections or tags to draw from (all questions when empty)."""


class ContestPhase(StrEnum):
    PICK = "pick"  # risk: the team chooses 10/20/30
    SHOWN = "shown"  # the question is read out; buzzing now is a foul
    BUZZING = "buzzing"  # 请抢答
    ANSWERING = "answering"
    REVEALED = "revealed"
    FINISHED = "finished"


@dataclass(frozen=True, slots=True)
class Event:
    kind: str  # answer, foul, correction, nobody
    team: int | None
    question_id: str | None
    points: int
    right: bool | None
    reason: str
    at: datetime


@dataclass
class Contest:
    plan: ContestPlan
    questions: Sequence[Question]
    clock: Clock
    seed: int = 0
    scores: list[int] = field(init=False)
    tiebreak: list[int] = field(init=False)
    events: list[Event] = field(default_factory=list)
    phase: ContestPhase = ContestPhase.SHOWN
    round_index: int = 0
    asked_in_round: int = 0
    current: Question | None = None
    team: int | None = None
    """The team answering (or picking, in a risk round)."""
    value: int = 0
    """What the current question is worth."""
    excluded: set[int] = field(default_factory=set)
    """Teams out of the current buzz question (a foul, a wrong answer)."""
    phase_started: datetime = field(init=False)

    def __post_init__(self) -> None:
        if not 2 <= len(self.plan.teams) <= 12:
            raise ValueError("a contest needs 2 to 12 teams")
        self.scores = [0] * len(self.plan.teams)
        self.tiebreak = [0] * len(self.plan.teams)
        self._rng = random.Random(self.seed)
        self._pool = list(self.questions)
        self._rng.shuffle(self._pool)
        self._risk_order: list[int] = []
        self.phase_started = self.clock.now()
        self._start_question()

    # -- reading -------------------------------------------------------------------------------

    @property
    def round(self) -> RoundPlan:
        if self.round_index < len(self.plan.rounds):
            return self.plan.rounds[self.round_index]
        return RoundPlan(RoundKind.TIEBREAK, 1)

    @property
    def kind(self) -> RoundKind:
        return self.round.kind

    def round_length(self) -> int:
        per_team = self.kind in (RoundKind.REQUIRED, RoundKind.RISK)
        return self.round.questions * (len(self.plan.teams) if per_team else 1)

    def seconds_left(self) -> float | None:
        limit = {
            ContestPhase.ANSWERING: self.plan.answer_seconds,
            ContestPhase.BUZZING: self.plan.buzz_seconds,
        }
        if self.phase not in limit:
            return None
        spent = (self.clock.now() - self.phase_started).total_seconds()
        return max(0.0, limit[self.phase] - spent)

    def ranking(self) -> list[int]:
        """Team indexes, best first: by score, then by tie-break answers, then by name order."""
        teams = range(len(self.plan.teams))
        return sorted(teams, key=lambda i: (-self.scores[i], -self.tiebreak[i], i))

    def tied_groups(self) -> list[list[int]]:
        groups: dict[tuple[int, int], list[int]] = {}
        for i in range(len(self.plan.teams)):
            groups.setdefault((self.scores[i], self.tiebreak[i]), []).append(i)
        return [g for g in groups.values() if len(g) > 1]

    # -- the quizmaster's and the teams' actions -------------------------------------------

    def pick(self, value: int) -> None:
        """风险题: the team chooses what its question is worth."""
        if self.phase is not ContestPhase.PICK or value not in RISK_VALUES:
            return
        if not self._pool:
            self._enter(ContestPhase.FINISHED)  # the bank ran out
            return
        self.value = value
        self.current = self._draw(difficulty=RISK_VALUES.index(value) + 1)
        self._enter(ContestPhase.ANSWERING)

    def open_buzzing(self) -> None:
        if self.phase is ContestPhase.SHOWN and self.kind in (RoundKind.BUZZ, RoundKind.TIEBREAK):
            self._enter(ContestPhase.BUZZING)

    def buzz(self, team: int) -> bool:
        """A team's buzzer; False when it is ignored (out, or not a buzz question)."""
        if self.kind not in (RoundKind.BUZZ, RoundKind.TIEBREAK) or team in self.excluded:
            return False
        if not 0 <= team < len(self.plan.teams) or team not in self._eligible():
            return False
        if self.phase is ContestPhase.SHOWN:  # before 请抢答
            self.excluded.add(team)
            penalty = 0 if self.kind is RoundKind.TIEBREAK else -FOUL_PENALTY
            self.scores[team] += penalty
            self._log("foul", team, penalty, None, "抢答犯规")
            return True
        if self.phase is not ContestPhase.BUZZING:
            return False
        self.team = team
        self._enter(ContestPhase.ANSWERING)
        return True

    def judge(self, right: bool) -> None:
        """The quizmaster's verdict on the answer given."""
        if self.phase is not ContestPhase.ANSWERING or self.team is None:
            return
        team = self.team
        if self.kind is RoundKind.REQUIRED:
            points = REQUIRED_POINTS if right else 0
        elif self.kind is RoundKind.BUZZ:
            points = BUZZ_POINTS if right else -BUZZ_POINTS
        elif self.kind is RoundKind.RISK:
            points = self.value if right else -self.value
        else:
            points = 0
            self.tiebreak[team] += 1 if right else 0
        self.scores[team] += points
        self._log("answer", team, points, right, "")
        if not right and self.kind in (RoundKind.BUZZ, RoundKind.TIEBREAK):
            self.excluded.add(team)
            if set(self._eligible()) - self.excluded:  # others may still buzz
                self.team = None
                self._enter(ContestPhase.BUZZING)
                return
        self._enter(ContestPhase.REVEALED)

    def time_up(self) -> None:
        if self.phase is ContestPhase.ANSWERING:
            self.judge(False)
        elif self.phase is ContestPhase.BUZZING:
            self._log("nobody", None, 0, None, "无人抢答")
            self._enter(ContestPhase.REVEALED)

    def reveal(self) -> None:
        """Show the answer now (nobody buzzed, or the quizmaster moves on)."""
        if self.phase in (ContestPhase.SHOWN, ContestPhase.BUZZING):
            self._log("nobody", None, 0, None, "无人作答")
            self._enter(ContestPhase.REVEALED)

    def correct(self, team: int, points: int, reason: str) -> None:
        """A manual correction of a team's score, kept in the log with its reason."""
        if 0 <= team < len(self.plan.teams) and points and reason.strip():
            self.scores[team] += points
            self._log("correction", team, points, None, reason.strip())

    def advance(self) -> None:
        """From the revealed answer to the next question, round, tie-break or the end."""
        if self.phase is not ContestPhase.REVEALED:
            return
        self.asked_in_round += 1
        if self.kind is RoundKind.TIEBREAK or self.asked_in_round >= self.round_length():
            self.round_index += 1
            self.asked_in_round = 0
            if self.round_index >= len(self.plan.rounds) and not self.tied_groups():
                self._enter(ContestPhase.FINISHED)
                return
        self._start_question()

    # -- internals ----------------------------------------------------------------------------

    def _eligible(self) -> list[int]:
        if self.kind is RoundKind.TIEBREAK:
            groups = self.tied_groups()
            return groups[0] if groups else []
        return list(range(len(self.plan.teams)))

    def _start_question(self) -> None:
        self.excluded = set()
        self.team = None
        self.current = None
        if not self._pool and self.kind is not RoundKind.RISK:
            self._enter(ContestPhase.FINISHED)  # the bank ran out
            return
        match self.kind:
            case RoundKind.REQUIRED:
                self.team = self.asked_in_round % len(self.plan.teams)
                self.value = REQUIRED_POINTS
                self.current = self._draw()
                self._enter(ContestPhase.ANSWERING)
            case RoundKind.RISK:
                if self.asked_in_round % len(self.plan.teams) == 0:  # lowest score picks first
                    self._risk_order = sorted(range(len(self.scores)),
                                              key=lambda i: (self.scores[i], i))  # fmt: skip
                self.team = self._risk_order[self.asked_in_round % len(self.plan.teams)]
                self._enter(ContestPhase.PICK)
            case _:
                self.value = BUZZ_POINTS if self.kind is RoundKind.BUZZ else 0
                self.current = self._draw()
                self._enter(ContestPhase.SHOWN)

    def _draw(self, difficulty: int | None = None) -> Question:
        index = next((i for i, q in enumerate(self._pool) if difficulty in (None, q.difficulty)), 0)
        return self._pool.pop(index)

    def _enter(self, phase: ContestPhase) -> None:
        self.phase = phase
        self.phase_started = self.clock.now()

    def _log(self, kind: str, team: int | None, points: int, right: bool | None, why: str) -> None:
        qid = self.current.id if self.current else None
        self.events.append(Event(kind, team, qid, points, right, why, self.clock.now()))
