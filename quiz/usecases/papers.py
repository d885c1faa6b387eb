"""Assigned papers (组卷与考试任务) as organisers and members use them: publishing one, the papers
a member has still to take, taking one (an exam run over the paper's frozen questions, sealed
until it is handed in), and the results rolled up the unit tree. The rules are quiz.org.papers;
the rows, quiz.store.papers.

Time always comes from the caller's clock (QUIZ_NOW in the CLI, the app's clock in the TUI).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from quiz.bank.models import Question
from quiz.engine.modes import Mode
from quiz.engine.session import Plan, Session
from quiz.org.papers import (
    AttemptRow,
    Paper,
    PaperRefused,
    PaperResults,
    PaperSpec,
    check_spec,
    chosen,
    clean_title,
    clean_units,
    draw,
    in_subtree,
    may_start,
    member_result,
    roll_up,
)
from quiz.system.clock import Clock

if TYPE_CHECKING:
    from quiz.store.protocol import Store
    from quiz.store.recorder import Recorder
    from quiz.usecases.play import Run


@dataclass(frozen=True, slots=True)
class Setting:
    """What the organiser asked for, as given (checked by `publish`)."""

    title: str
    units: Sequence[str]
    opens: datetime
    closes: datetime
    ids: Sequence[str] = ()
    draw: int | None = None
    section: str | None = None
    seed: int | None = None
    minutes: int | None = None
    attempts: int = 1
    pass_mark: float | None = None


@dataclass(frozen=True, slots=True)
class OpenPaper:
    """A paper a member has still to take: open now, set for their unit, attempts left."""

    paper: Paper
    attempts_used: int

    @property
    def attempts_left(self) -> int:
        return self.paper.attempts - self.attempts_used


def publish(
    store: Store, bank: Sequence[Question], setting: Setting, user: str, now: datetime
) -> int:
    """The new paper's id; PaperRefused for anything wrong with it (nothing is written)."""
    if setting.ids and setting.draw is not None:
        raise PaperRefused("paper.ids_or_draw")
    if setting.ids:
        questions = chosen(bank, setting.ids)
    elif setting.draw is not None:
        seed = setting.seed if setting.seed is not None else random.SystemRandom().randrange(2**31)
        questions = draw(bank, setting.draw, setting.section, seed)
    else:
        raise PaperRefused("paper.ids_or_draw")
    spec = check_spec(
        PaperSpec(
            title=clean_title(setting.title),
            questions=questions,
            units=clean_units(setting.units),
            opens=setting.opens,
            closes=setting.closes,
            minutes=setting.minutes,
            attempts=setting.attempts,
            pass_mark=setting.pass_mark,
        )
    )
    return store.publish_paper(spec, user, now)


def paper_or_refuse(store: Store | None, paper_id: int) -> Paper:
    paper = store.paper(paper_id) if store is not None else None
    if paper is None:
        raise PaperRefused("paper.unknown", id=str(paper_id))
    return paper


def open_papers(store: Store | None, user: str, now: datetime) -> list[OpenPaper]:
    """The member's papers to take now, the one closing first first (none off the roster)."""
    if store is None:
        return []
    unit = store.member_unit(user)
    if unit is None:
        return []
    used = store.paper_attempts_of(user)
    found = [
        OpenPaper(paper, used.get(paper.id, 0))
        for paper in store.papers()
        if paper.is_open(now) and paper.covers(unit) and used.get(paper.id, 0) < paper.attempts
    ]
    return sorted(found, key=lambda p: (p.paper.closes, p.paper.id))


def check_start(store: Store | None, paper_id: int, user: str, now: datetime) -> Paper:
    """The paper, when `user` may start an attempt at it now; else PaperRefused saying why."""
    paper = paper_or_refuse(store, paper_id)
    assert store is not None  # paper_or_refuse found it there
    used = store.paper_attempts_of(user).get(paper_id, 0)
    may_start(paper, store.member_unit(user), used, now)
    return paper


def paper_questions(store: Store, paper_id: int) -> list[Question]:
    """The paper's questions as they were published (whatever the bank says now)."""
    from quiz.rooms.codec import question_from_text

    return [question_from_text(record) for record in store.paper_questions(paper_id)]


def start_attempt(
    store: Store | None, user: str, paper_id: int, clock: Clock, recorder: Recorder | None = None
) -> Run:
    """A new attempt, as an exam run (sealed until handed in, navigable) over the paper's
    questions, with its deadline: the time limit, or the closing time when that comes first.
    PaperRefused when it may not start (checked again in the store's transaction)."""
    from quiz.store.recorder import new_key
    from quiz.usecases.play import Run

    if store is None:
        raise PaperRefused("paper.no_store")
    paper = check_start(store, paper_id, user, clock.now())
    started = clock.now()
    questions = tuple(paper_questions(store, paper_id))
    plan = Plan(
        mode=Mode.EXAM,
        questions=questions,
        seed=random.SystemRandom().randrange(2**31),
        count=len(questions),
        label=paper.title,
        deadline=paper.deadline(started),
    )
    session = Session(plan, clock, started_at=started)
    session_id = store.start_paper_attempt(paper_id, user, plan, started, new_key())
    return Run(store, user, session, session_id, recorder)


def results(
    store: Store | None,
    paper_id: int,
    now: datetime,
    unit: str | None = None,
    user: str | None = None,
) -> PaperResults:
    """Each member's result (best attempt handed in; an attempt whose deadline passed counts as
    it stood), rolled up from the paper's units (or from `unit`, within them). A member who
    may read only their own attempts (PostgreSQL's authority) gets only their own row: the
    others' would read as not taken."""
    paper = paper_or_refuse(store, paper_id)
    assert store is not None
    only = None if store.reads_everyone() else (user or "")
    by_member: dict[str, list[AttemptRow]] = {}
    for row in store.paper_attempt_rows(paper_id):
        by_member.setdefault(row.name, []).append(row)
    members = [
        member_result(paper, name, login, path, by_member.get(name, []), now)
        for name, login, path in store.paper_members(paper_id)
        if (unit is None or in_subtree(path, unit)) and only in (None, name)
    ]
    tops = paper.units if unit is None else (unit,)
    return PaperResults(paper, tuple(members), roll_up(members, tops))
