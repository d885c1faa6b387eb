"""Assigned papers (组卷与考试任务): a fixed set of questions set for some units, open between two
times, with a time limit, a number of attempts and an optional pass mark (Moodle's quiz
activity, 学习强国's 专项答题). Pure: the store keeps papers and attempts, the use case joins them.

A paper never changes once published: its questions are frozen as they were (each question's
stored record), so editing the bank afterwards changes no paper; a new version is a new paper.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from quiz.bank.models import Question, QuestionType
from quiz.org.text import SEPARATOR, TextProblem, ancestors, clean_unit
from quiz.text.names import normal_name
from quiz.text.safe import UnsafeName, check_name

MAX_TITLE = 80
MAX_QUESTIONS = 200
MAX_UNITS = 50
MAX_MINUTES = 24 * 60
MAX_ATTEMPTS = 100


class PaperRefused(ValueError):
    """Something asked of a paper that cannot be done: `code` is a catalog key, `params` fill
    it (the CLI prints it and exits 1; the TUI shows it as a warning)."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True)
class PaperSpec:
    """A paper as the organiser sets it, checked, before it is published."""

    title: str
    questions: tuple[Question, ...]
    units: tuple[str, ...]
    opens: datetime
    closes: datetime
    minutes: int | None = None
    attempts: int = 1
    pass_mark: float | None = None
    """The lowest score (0–100) that passes; None: the paper is not passed or failed."""


@dataclass(frozen=True, slots=True)
class Paper:
    """A published paper, as the store returns it."""

    id: int
    title: str
    units: tuple[str, ...]
    opens: datetime
    closes: datetime
    minutes: int | None
    attempts: int
    pass_mark: float | None
    questions: int
    created_at: datetime
    created_by: str

    def is_open(self, now: datetime) -> bool:
        return self.opens <= now < self.closes

    def covers(self, unit: str) -> bool:
        """The member of `unit` is one this paper is set for (its units include sub-units)."""
        return any(in_subtree(unit, assigned) for assigned in self.units)

    def deadline(self, started: datetime) -> datetime:
        """When an attempt started at `started` is handed in: its time limit, or the paper's
        closing time when that comes first (the attempt is handed in as it stands)."""
        if self.minutes is None:
            return self.closes
        return min(started + timedelta(minutes=self.minutes), self.closes)


@dataclass(frozen=True, slots=True)
class AttemptRow:
    """One attempt as stored: its session's state and how many answers were right."""

    login: str | None
    name: str
    attempt: int
    finished_at: datetime | None
    deadline: datetime
    correct: int
    seconds: float

    def handed_in(self, now: datetime) -> datetime | None:
        """When it counts from: handed in, or its deadline passed while it was open (handed in
        as it stood then); None while it is still going."""
        if self.finished_at is not None:  # saved when the run was closed: never past its end
            return min(self.finished_at, self.deadline)
        return self.deadline if now >= self.deadline else None


@dataclass(frozen=True, slots=True)
class MemberResult:
    login: str | None
    name: str
    unit: str
    score: float | None
    """The best handed-in attempt's score, 0–100 (None: none handed in)."""
    attempts: int
    """Attempts started."""
    submitted: datetime | None
    """When the attempt that counts was handed in."""
    seconds: float | None
    passed: bool | None


@dataclass(frozen=True, slots=True)
class UnitResult:
    """A unit and every unit under it."""

    path: str
    members: int
    took_part: int
    mean: float | None
    pass_rate: float | None


@dataclass(frozen=True, slots=True)
class PaperResults:
    paper: Paper
    members: tuple[MemberResult, ...]
    units: tuple[UnitResult, ...]

    @property
    def absent(self) -> tuple[MemberResult, ...]:
        """Who has not handed in an attempt."""
        return tuple(m for m in self.members if m.score is None)


def in_subtree(unit: str, top: str) -> bool:
    return unit == top or unit.startswith(top + SEPARATOR)


def clean_title(raw: str) -> str:
    title = normal_name(raw)
    if not title:
        raise PaperRefused("paper.empty_title")
    try:
        check_name(title)
    except UnsafeName as unsafe:
        raise PaperRefused("paper.bad_title", char=unsafe.char) from None
    if len(title) > MAX_TITLE:
        raise PaperRefused("paper.title_too_long", limit=str(MAX_TITLE))
    return title


def clean_units(raw: Iterable[str]) -> tuple[str, ...]:
    """The units' paths as stored, once each, in the order given."""
    units: list[str] = []
    for text in raw:
        try:
            unit = clean_unit(text)
        except TextProblem as problem:
            raise PaperRefused(problem.code, **problem.params) from None
        if unit not in units:
            units.append(unit)
    if not units:
        raise PaperRefused("paper.no_units")
    if len(units) > MAX_UNITS:
        raise PaperRefused("paper.too_many_units", limit=str(MAX_UNITS))
    return tuple(units)


def chosen(questions: Sequence[Question], ids: Sequence[str]) -> tuple[Question, ...]:
    """The questions named, in the order named; PaperRefused naming the ids the bank lacks (or
    holds only as drafts)."""
    by_id = {q.id: q for q in questions if not q.draft}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        shown = ", ".join(unknown[:10])
        raise PaperRefused("paper.unknown_ids", ids=shown, count=str(len(unknown)))
    if len(set(ids)) != len(ids):
        raise PaperRefused("paper.repeated_ids")
    return tuple(by_id[i] for i in ids)


def draw(
    questions: Sequence[Question], count: int, section: str | None, seed: int
) -> tuple[Question, ...]:
    """`count` questions of a section or tag (or of the whole bank), drawn with `seed`, taking
    turns between question types so a paper mixes them; the same for the same bank and seed."""
    pool = sorted(
        (q for q in questions if not q.draft and (section is None or _in_topic(q, section))),
        key=lambda q: q.id,
    )
    if len(pool) < count:
        raise PaperRefused("paper.too_few", wanted=str(count), found=str(len(pool)),
                           section=section or "")  # fmt: skip
    rng = random.Random(seed)
    queues = []
    for kind in QuestionType:
        of_kind = [q for q in pool if q.type is kind]
        rng.shuffle(of_kind)
        queues.append(of_kind)
    picked: list[Question] = []
    while len(picked) < count:
        for queue in queues:
            if queue and len(picked) < count:
                picked.append(queue.pop())
    rng.shuffle(picked)
    return tuple(picked)


def _in_topic(question: Question, topic: str) -> bool:
    return question.section == topic or topic in question.tags


def check_spec(spec: PaperSpec) -> PaperSpec:
    """The spec, or PaperRefused saying what is wrong with it."""
    if not spec.questions:
        raise PaperRefused("paper.no_questions")
    if len(spec.questions) > MAX_QUESTIONS:
        raise PaperRefused("paper.too_many_questions", limit=str(MAX_QUESTIONS))
    if spec.opens.tzinfo is None or spec.closes.tzinfo is None:
        raise PaperRefused("paper.naive_time")
    if spec.closes <= spec.opens:
        raise PaperRefused("paper.closes_first", opens=spec.opens.isoformat(),
                           closes=spec.closes.isoformat())  # fmt: skip
    if spec.minutes is not None and not 1 <= spec.minutes <= MAX_MINUTES:
        raise PaperRefused("paper.bad_minutes", limit=str(MAX_MINUTES))
    if not 1 <= spec.attempts <= MAX_ATTEMPTS:
        raise PaperRefused("paper.bad_attempts", limit=str(MAX_ATTEMPTS))
    if spec.pass_mark is not None and not 0 <= spec.pass_mark <= 100:
        raise PaperRefused("paper.bad_pass")
    return spec


def may_start(paper: Paper, unit: str | None, attempts_so_far: int, now: datetime) -> None:
    """PaperRefused when a member of `unit` (None: not on the roster) may not start an attempt
    now: not yet open, closed, not set for their unit, or every attempt used."""
    if now < paper.opens:
        raise PaperRefused("paper.not_open", title=paper.title, opens=_shown(paper.opens))
    if now >= paper.closes:
        raise PaperRefused("paper.closed", title=paper.title, closes=_shown(paper.closes))
    if unit is None or not paper.covers(unit):
        raise PaperRefused("paper.not_for_you", title=paper.title)
    if attempts_so_far >= paper.attempts:
        raise PaperRefused("paper.no_attempts_left", title=paper.title,
                           attempts=str(paper.attempts))  # fmt: skip


def _shown(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M %z")


def score_of(correct: int, questions: int) -> float:
    return round(100.0 * correct / questions, 1) if questions else 0.0


def member_result(
    paper: Paper, name: str, login: str | None, unit: str, attempts: Sequence[AttemptRow],
    now: datetime,
) -> MemberResult:  # fmt: skip
    """A member's result: the best attempt handed in (the earliest of equal ones)."""
    counted = [(a, when) for a in attempts if (when := a.handed_in(now)) is not None]
    if not counted:
        return MemberResult(login, name, unit, None, len(attempts), None, None, None)
    best, when = max(counted, key=lambda c: (c[0].correct, -c[1].timestamp()))
    score = score_of(best.correct, paper.questions)
    passed = None if paper.pass_mark is None else score >= paper.pass_mark
    return MemberResult(login, name, unit, score, len(attempts), when, best.seconds, passed)


def roll_up(members: Sequence[MemberResult], tops: Sequence[str]) -> tuple[UnitResult, ...]:
    """Every unit from the assigned ones (`tops`) down to the members' own, each counting the
    members of the units under it too, in path order."""
    paths: set[str] = set()
    for member in members:
        for top in tops:
            if in_subtree(member.unit, top):
                paths.update(a for a in ancestors(member.unit) if in_subtree(a, top))
    paths.update(tops)
    rows = []
    for path in sorted(paths):
        under = [m for m in members if in_subtree(m.unit, path)]
        took = [m for m in under if m.score is not None]
        mean = round(sum(m.score or 0.0 for m in took) / len(took), 1) if took else None
        marked = [m for m in took if m.passed is not None]
        rate = round(sum(1 for m in marked if m.passed) / len(marked), 3) if marked else None
        rows.append(UnitResult(path, len(under), len(took), mean, rate))
    return tuple(rows)
