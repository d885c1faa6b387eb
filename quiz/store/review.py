"""Queries behind the history, statistics, leaderboard and item-analysis views.

They read the running totals (`day_totals`, `version_totals`, `first_attempts`) and indexed
session rows, so they stay fast with millions of answers.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from quiz.engine.modes import Mode
from quiz.stats import Attempt, ItemInfo, ItemStats, accuracy, item_analysis, streaks
from quiz.store.records import SESSION_COLUMNS, SessionRow, session_from_row
from quiz.store.store import Store
from quiz.study import no_study

SORTABLE = {
    "started": "s.started_at",
    "mode": "s.mode",
    "score": "s.score",
    "accuracy": "CAST(s.correct AS REAL) / MAX(s.total, 1)",
    "time": "s.elapsed",
    "points": "s.points",
}


@dataclass(frozen=True, slots=True)
class SessionFilter:
    mode: Mode | None = None
    since: date | None = None
    until: date | None = None
    sort: str = "started"
    descending: bool = True
    limit: int = 500


def sessions(store: Store, user: str, wanted: SessionFilter) -> tuple[list[SessionRow], int]:
    """A page of the player's sessions, and how many match in all."""
    where = ["p.name = ?"]
    params: list[Any] = [user]
    if wanted.mode is not None:
        where.append("s.mode = ?")
        params.append(wanted.mode.value)
    if wanted.since is not None:
        where.append("s.day >= ?")
        params.append(wanted.since.isoformat())
    if wanted.until is not None:
        where.append("s.day <= ?")
        params.append(wanted.until.isoformat())
    condition = " AND ".join(where)
    order = SORTABLE.get(wanted.sort, SORTABLE["started"])
    direction = "DESC" if wanted.descending else "ASC"
    base = f"FROM sessions s JOIN players p ON p.id = s.player_id WHERE {condition}"
    rows = store.query(
        f"SELECT {SESSION_COLUMNS} {base} ORDER BY {order} {direction}, s.id {direction} LIMIT ?",
        [*params, wanted.limit],
    )
    total = store.query(f"SELECT COUNT(*) {base}", params)[0][0]
    return [session_from_row(r) for r in rows], int(total)


@dataclass(frozen=True, slots=True)
class QuestionTotal:
    question_id: str
    prompt: str
    section: str
    tags: tuple[str, ...]
    answers: int
    correct: int
    seconds: float

    @property
    def mean_seconds(self) -> float:
        return self.seconds / self.answers if self.answers else 0.0


def question_totals(store: Store, user: str) -> list[QuestionTotal]:
    """The player's answers per question (every version of it together)."""
    rows = store.query(
        "SELECT v.question_id, v.section, v.tags, json_extract(v.record, '$.prompt'), "
        "t.answers, t.correct, t.seconds FROM version_totals t "
        "JOIN question_versions v ON v.hash = t.version "
        "JOIN players p ON p.id = t.player_id WHERE p.name = ? AND t.answers > 0",
        (user,),
    )
    merged: dict[str, list[Any]] = {}
    for qid, section, tags, prompt, answers, correct, seconds in rows:
        entry = merged.setdefault(qid, [prompt, section, tuple(json.loads(tags)), 0, 0, 0.0])
        entry[3] += answers
        entry[4] += correct
        entry[5] += seconds
    return [
        QuestionTotal(qid, prompt, section, tags, answers, correct, seconds)
        for qid, (prompt, section, tags, answers, correct, seconds) in merged.items()
    ]


@dataclass(frozen=True, slots=True)
class DayTotal:
    day: date
    answers: int
    correct: int
    points: int


def day_totals(store: Store, user: str, since: date | None = None) -> list[DayTotal]:
    rows = store.query(
        "SELECT d.day, d.answers, d.correct, d.points FROM day_totals d "
        "JOIN players p ON p.id = d.player_id WHERE p.name = ? AND d.day >= ? ORDER BY d.day",
        (user, (since or date.min).isoformat()),
    )
    return [DayTotal(date.fromisoformat(d), a, c, pts) for d, a, c, pts in rows]


def bests(store: Store, user: str) -> dict[str, int]:
    """Best score per mode (the challenge: the longest streak)."""
    rows = store.query(
        "SELECT s.mode, MAX(s.score), MAX(s.best_streak) FROM sessions s "
        "JOIN players p ON p.id = s.player_id WHERE p.name = ? AND s.status = 'finished' "
        "GROUP BY s.mode",
        (user,),
    )
    return {
        mode: int(streak if mode == Mode.CHALLENGE.value else score)
        for mode, score, streak in sorted(rows)
    }


def grouped(totals: list[QuestionTotal], key: str) -> list[dict[str, Any]]:
    """Answers and accuracy by section or by tag, biggest first."""
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for total in totals:
        names = [total.section] if key == "section" else list(total.tags)
        for name in names:
            groups[name][0] += total.answers
            groups[name][1] += total.correct
    return [
        {key: name, "answers": n, "correct": c, "accuracy": accuracy(c, n)}
        for name, (n, c) in sorted(groups.items(), key=lambda item: (-item[1][0], item[0]))
    ]


def player_stats(
    store: Store, user: str, today: date, study: dict[str, object] | None = None
) -> dict[str, Any]:
    """`quiz stats --json`: the documented contract (`study` from `study_overview`)."""
    totals = question_totals(store, user)
    days = day_totals(store, user)
    answers = sum(d.answers for d in days)
    correct = sum(d.correct for d in days)
    current, longest = streaks((d.day for d in days if d.answers), today)
    return {
        "user": user,
        "answers": answers,
        "correct": correct,
        "accuracy": accuracy(correct, answers),
        "by_section": grouped(totals, "section"),
        "by_tag": grouped(totals, "tag"),
        "streak": {"current": current, "longest": longest},
        "bests": bests(store, user),
        "points_by_day": [{"date": d.day.isoformat(), "points": d.points} for d in days],
        "study": study if study is not None else no_study().as_json(),
    }


@dataclass(frozen=True, slots=True)
class Standing:
    user: str
    week: int
    all_time: int
    best_streak: int


def leaderboard(store: Store, today: date) -> list[Standing]:
    """Every local player: points this week (from Monday), all time, best challenge streak."""
    monday = today - timedelta(days=today.weekday())
    rows = store.query(
        "SELECT p.name, "
        "COALESCE((SELECT SUM(points) FROM day_totals d WHERE d.player_id = p.id "
        "          AND d.day >= ?), 0), "
        "COALESCE((SELECT SUM(points) FROM day_totals d WHERE d.player_id = p.id), 0), "
        "COALESCE((SELECT MAX(best_streak) FROM sessions s WHERE s.player_id = p.id "
        "          AND s.mode = 'challenge'), 0) "
        "FROM players p",
        (monday.isoformat(),),
    )
    standings = [Standing(name, week, total, best) for name, week, total, best in rows]
    return sorted(standings, key=lambda s: (-s.week, -s.all_time, -s.best_streak, s.user))


def items(store: Store) -> list[ItemStats]:
    """Item analysis over every player's first attempt at each question."""
    rows = store.query(
        "SELECT f.player_id, f.question_id, a.is_correct, a.given FROM first_attempts f "
        "JOIN answers a ON a.id = f.answer_id"
    )
    attempts = [Attempt(p, q, bool(ok), tuple(json.loads(g))) for p, q, ok, g in rows]
    latest = store.query(
        "SELECT question_id, record FROM question_versions WHERE rowid IN "
        "(SELECT MAX(rowid) FROM question_versions GROUP BY question_id)"
    )
    info: dict[str, ItemInfo] = {}
    for qid, record in latest:
        data = json.loads(record)
        info[qid] = ItemInfo(
            qid, data["type"], tuple(data["options"]), tuple(data["answer"]), data["prompt"]
        )
    return item_analysis(attempts, info)
