"""Team contests in the store: a session row (so contests show in the history), each event as
it happens, and the final standings."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from quiz.contest.engine import Contest, Event
from quiz.contest.plan import plan_text
from quiz.engine.modes import Mode
from quiz.store.records import to_utc_text
from quiz.store.store import Store


def start_contest(store: Store, host: str, contest: Contest, at: datetime) -> int:
    pid = store.player_id(host, at)
    with store.write() as conn:
        cursor = conn.execute(
            "INSERT INTO sessions(player_id, mode, plan, started_at, day) VALUES (?,?,?,?,?)",
            (pid, Mode.CONTEST.value, json.dumps({"teams": list(contest.plan.teams)},
             ensure_ascii=False), to_utc_text(at), at.date().isoformat()),
        )  # fmt: skip
        return int(cursor.lastrowid or 0)


def record_event(store: Store, session_id: int, contest: Contest, event: Event) -> None:
    team = contest.plan.teams[event.team] if event.team is not None else None
    prompt = next((q.prompt for q in contest.questions if q.id == event.question_id), None)
    with store.write() as conn:
        conn.execute(
            "INSERT INTO contest_events(session_id, kind, team, question_id, prompt, points, "
            "is_correct, reason, at) VALUES (?,?,?,?,?,?,?,?,?)",
            (session_id, event.kind, team, event.question_id, prompt, event.points,
             None if event.right is None else int(event.right), event.reason,
             to_utc_text(event.at)),
        )  # fmt: skip


def standings(contest: Contest) -> list[dict[str, object]]:
    rows = []
    for rank, team in enumerate(contest.ranking(), start=1):
        mine = [e for e in contest.events if e.team == team]
        rows.append({
            "rank": rank,
            "team": contest.plan.teams[team],
            "score": contest.scores[team],
            "right": sum(1 for e in mine if e.kind == "answer" and e.right),
            "wrong": sum(1 for e in mine if e.kind == "answer" and e.right is False),
            "fouls": sum(1 for e in mine if e.kind == "foul"),
            "corrections": sum(e.points for e in mine if e.kind == "correction"),
            "tiebreak": contest.tiebreak[team],
        })  # fmt: skip
    return rows


def finish_contest(store: Store, session_id: int, contest: Contest, at: datetime) -> None:
    answers = [e for e in contest.events if e.kind == "answer"]
    table = standings(contest)
    with store.write() as conn:
        conn.execute(
            "UPDATE sessions SET status='finished', finished_at=?, correct=?, total=?, score=? "
            "WHERE id=?",
            (to_utc_text(at), sum(1 for e in answers if e.right), len(answers),
             int(table[0]["score"]) if table else 0, session_id),  # type: ignore[call-overload]
        )  # fmt: skip
        conn.execute(
            "INSERT OR REPLACE INTO contest_results(session_id, plan, standings) VALUES (?,?,?)",
            (session_id, plan_text(contest.plan), json.dumps(table, ensure_ascii=False)),
        )


@dataclass(frozen=True, slots=True)
class StoredEvent:
    kind: str
    team: str | None
    question_id: str | None
    prompt: str | None
    points: int
    right: bool | None
    reason: str


def contest_events(store: Store, session_id: int) -> list[StoredEvent]:
    rows = store.query(
        "SELECT kind, team, question_id, prompt, points, is_correct, reason FROM contest_events "
        "WHERE session_id = ? ORDER BY id",
        (session_id,),
    )
    return [
        StoredEvent(k, team, q, p, pts, None if ok is None else bool(ok), why)
        for k, team, q, p, pts, ok, why in rows
    ]


def contest_standings(store: Store, session_id: int) -> list[dict[str, object]]:
    rows = store.query("SELECT standings FROM contest_results WHERE session_id = ?", (session_id,))
    return list(json.loads(rows[0][0])) if rows else []


def standings_csv(table: list[dict[str, object]]) -> str:
    import csv
    import io

    from quiz.safetext import csv_cell, shown

    buffer = io.StringIO()
    columns = ["rank", "team", "score", "right", "wrong", "fouls", "corrections", "tiebreak"]
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    # Team names are typed by people: shown literally, never run as a spreadsheet formula.
    writer.writerows({k: csv_cell(shown(v)) for k, v in row.items()} for row in table)
    return buffer.getvalue()
