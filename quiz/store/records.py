"""Rows as the rest of the program sees them, and the JSON forms stored in text columns."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from quiz.bank.export import question_record
from quiz.bank.models import Question
from quiz.engine.modes import Mode
from quiz.engine.race import Opponent
from quiz.engine.session import Plan


def to_utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_text(value: str) -> datetime:
    return datetime.fromisoformat(value)


def question_version(question: Question) -> tuple[str, str]:
    """(hash, JSON) of a question as asked; history keeps it even after the bank changes."""
    record = question_record(question)
    record.pop("line", None)  # moving a question in its file does not change it
    text = json.dumps(record, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:32], text


def plan_to_json(plan: Plan) -> str:
    ids = [] if plan.mode is Mode.CHALLENGE else [q.id for q in plan.questions]
    return json.dumps(
        {
            "ids": ids,
            "seed": plan.seed,
            "count": plan.count,
            "opponents": [[o.name, o.accuracy, o.mean_seconds] for o in plan.opponents],
            "streaks": plan.right_streaks,
            "label": plan.label,
            "deadline": to_utc_text(plan.deadline) if plan.deadline else None,
        },
        ensure_ascii=False,
    )


def plan_from_json(text: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(text)
    data["opponents"] = [Opponent(str(n), float(a), float(m)) for n, a, m in data["opponents"]]
    deadline = data.get("deadline")  # absent in runs saved before deadlines were stored
    data["deadline"] = from_text(deadline) if deadline else None
    return data


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    position: int
    question_id: str
    prompt: str
    question: dict[str, Any]
    """The question as it was asked (export record)."""
    shown_options: list[str]
    given: list[str]
    correct: bool
    seconds: float
    score: int
    answered_at: datetime


@dataclass(frozen=True, slots=True)
class SessionRow:
    id: int
    user: str
    mode: Mode
    plan: str
    started_at: datetime
    finished_at: datetime | None
    status: str
    dropped: bool
    correct: int
    total: int
    score: int
    points: int
    best_streak: int
    elapsed: float
    passed: bool | None
    won: bool | None

    @property
    def finished(self) -> bool:
        return self.status == "finished"


SESSION_COLUMNS = (
    "s.id, p.name, s.mode, s.plan, s.started_at, s.finished_at, s.status, s.dropped, s.correct, "
    "s.total, s.score, s.points, s.best_streak, s.elapsed, s.passed, s.won"
)


def session_from_row(row: tuple[Any, ...]) -> SessionRow:
    (sid, name, mode, plan, started, finished, status, dropped, correct, total, score, points,
     streak, elapsed, passed, won) = row  # fmt: skip
    return SessionRow(
        id=sid,
        user=name,
        mode=Mode(mode),
        plan=plan,
        started_at=from_text(started),
        finished_at=from_text(finished) if finished else None,
        status=status,
        dropped=bool(dropped),
        correct=correct,
        total=total,
        score=score,
        points=points,
        best_streak=streak,
        elapsed=elapsed,
        passed=None if passed is None else bool(passed),
        won=None if won is None else bool(won),
    )
