"""Rows as the rest of the program sees them (`quiz.reports`), and the JSON forms kept in text
columns. Times are stored as ISO text in UTC, days as ISO dates, flags as 0/1: the same in
every backend."""

from __future__ import annotations

import functools
import hashlib
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from quiz.engine.modes import Mode

if TYPE_CHECKING:
    from quiz.bank.models import Question
    from quiz.engine.session import Plan
    from quiz.reports.contests import TeamStanding
    from quiz.reports.replay import SavedPlan, StoredAnswer
    from quiz.reports.runs import SessionRow

# The report types are imported where rows are read: opening the store, the TUI's start-up,
# makes none of them.


def to_utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_text(value: str) -> datetime:
    return datetime.fromisoformat(value)


@functools.lru_cache(maxsize=8192)  # asked again and again: hashed once
def question_version(question: Question) -> tuple[str, str]:
    """(hash, JSON) of a question as asked; history keeps it even after the bank changes."""
    from quiz.bank.export import question_record

    record = question_record(question)
    record.pop("line", None)  # moving a question in its file does not change it
    text = json.dumps(record, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:32], text


def plan_to_json(plan: Plan) -> str:
    ids = [q.id for q in plan.questions] if plan.rules.stores_order else []
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


def plan_from_json(text: str) -> SavedPlan:
    from quiz.engine.race import Opponent  # a saved plan is read to resume: not at start-up
    from quiz.reports.replay import SavedPlan

    data = json.loads(text)
    return SavedPlan(
        ids=tuple(str(i) for i in data["ids"]),
        seed=int(data["seed"]),
        count=None if data["count"] is None else int(data["count"]),
        opponents=tuple(Opponent(str(n), float(a), float(m)) for n, a, m in data["opponents"]),
        right_streaks={str(k): int(v) for k, v in data["streaks"].items()},
        label=str(data["label"]),
        deadline=from_text(data["deadline"]) if data.get("deadline") else None,
    )


SESSION_COLUMNS = (
    "s.id, p.name, s.kind, s.mode, s.started_at, s.finished_at, s.status, s.dropped, s.correct, "
    "s.total, s.score, s.points, s.best_streak, s.elapsed, s.passed, s.won, s.plan"
)


def session_from_row(row: tuple[Any, ...]) -> SessionRow:
    from quiz.reports.runs import SessionKind, SessionRow

    (sid, name, kind, mode, started, finished, status, dropped, correct, total, score, points,
     streak, elapsed, passed, won, plan) = row  # fmt: skip
    the_kind = SessionKind(kind)
    # A race's plan names its opponents (双人对战 or 四人赛); other plans are not read.
    opponents = len(json.loads(plan).get("opponents", ())) if mode == Mode.RACE.value else 0
    return SessionRow(
        id=int(sid),
        user=str(name),
        kind=the_kind,
        mode=Mode(mode) if the_kind is SessionKind.RUN else None,
        started_at=from_text(started),
        finished_at=from_text(finished) if finished else None,
        status=str(status),
        dropped=bool(dropped),
        correct=int(correct),
        total=int(total),
        score=int(score),
        points=int(points),
        best_streak=int(streak),
        elapsed=float(elapsed),
        passed=None if passed is None else bool(passed),
        won=None if won is None else bool(won),
        opponents=opponents,
    )


ANSWER_COLUMNS = (
    "a.position, a.question_id, a.prompt, v.record, a.shown_options, a.given, a.is_correct, "
    "a.seconds, a.score, a.answered_at"
)


def answer_from_row(row: tuple[Any, ...]) -> StoredAnswer:
    from quiz.reports.replay import StoredAnswer

    position, qid, prompt, record, shown, given, ok, seconds, score, at = row
    asked = json.loads(str(record))
    return StoredAnswer(
        position=int(position),
        question_id=str(qid),
        prompt=str(prompt),
        right_answer=tuple(str(a) for a in asked.get("answer", [])),
        explanation=str(asked.get("explanation") or ""),
        shown_options=tuple(json.loads(str(shown))),
        given=tuple(json.loads(str(given))),
        correct=bool(ok),
        seconds=float(seconds),
        score=int(score),
        answered_at=from_text(str(at)),
    )


STANDING_FIELDS = ("rank", "team", "score", "right", "wrong", "fouls", "corrections", "tiebreak")


def standings_to_json(table: list[TeamStanding]) -> str:
    return json.dumps(
        [{name: getattr(row, name) for name in STANDING_FIELDS} for row in table],
        ensure_ascii=False,
    )


def standings_from_json(text: str) -> list[TeamStanding]:
    from quiz.reports.contests import TeamStanding

    return [
        TeamStanding(
            rank=int(row["rank"]),
            team=str(row["team"]),
            score=int(row["score"]),
            right=int(row["right"]),
            wrong=int(row["wrong"]),
            fouls=int(row["fouls"]),
            corrections=int(row["corrections"]),
            tiebreak=int(row["tiebreak"]),
        )
        for row in json.loads(text)
    ]
