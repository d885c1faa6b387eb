"""The documented JSON of `quiz stats` and `quiz history` (its sessions and its rooms), made
from the read side's types. The only place those types become dictionaries."""

from __future__ import annotations

from collections.abc import Sequence

from quiz.engine.study import StudyOverview
from quiz.reports.items import ItemStats
from quiz.reports.replay import StoredAnswer
from quiz.reports.rooms import RoomDetail, RoomRole
from quiz.reports.runs import SessionRow
from quiz.reports.standings import GroupAccuracy, PlayerStats
from quiz.reports.stats import answer_counts

Json = dict[str, object]


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def study_json(study: StudyOverview) -> Json:
    return {
        "due_today": study.due_today,
        "new_today": study.new_today,
        "reviews_next_7_days": list(study.reviews_next_7_days),
        "retention": rounded(study.retention),
    }


def groups_json(groups: tuple[GroupAccuracy, ...], key: str) -> list[Json]:
    return [
        {key: g.name, "answers": g.answers, "correct": g.correct, "accuracy": g.accuracy}
        for g in groups
    ]


def player_stats_json(stats: PlayerStats) -> Json:
    """`quiz stats --json`."""
    return {
        "user": stats.user,
        "answers": stats.answers,
        "correct": stats.correct,
        "accuracy": stats.accuracy,
        "by_section": groups_json(stats.by_section, "section"),
        "by_tag": groups_json(stats.by_tag, "tag"),
        "streak": {"current": stats.streak.current, "longest": stats.streak.longest},
        "bests": {b.mode.value: b.best for b in stats.bests},
        "points_by_day": [{"date": d.day.isoformat(), "points": d.points} for d in stats.days],
        "study": study_json(stats.study),
    }


def item_json(item: ItemStats) -> Json:
    """One question of `quiz stats --items --json`."""
    return {
        "question_id": item.question_id,
        "attempts": item.attempts,
        "facility": rounded(item.facility),
        "discrimination": rounded(item.discrimination),
        "options": dict(item.options),
        "flags": list(item.flags),
    }


def answer_json(answer: StoredAnswer) -> Json:
    """An answer: `correct` is null in a sealed run (unfinished 专项答题/模拟考试)."""
    return {
        "question_id": answer.question_id,
        "given": list(answer.given),
        "correct": None if answer.sealed else answer.correct,
        "seconds": answer.seconds,
    }


def session_json(row: SessionRow, answers: Sequence[StoredAnswer]) -> Json:
    """One session of `quiz history --json`."""
    return {
        "id": row.id,
        "user": row.user,
        "mode": row.mode.value if row.mode is not None else row.kind.value,
        "started_at": row.started_at.isoformat(),
        "finished_at": row.finished_at.isoformat() if row.finished_at else None,
        "status": row.status,
        "sealed": row.sealed,
        "correct": None if row.sealed else row.correct,
        "total": row.total,
        "score": None if row.sealed else row.score,
        "points": row.points,
        "answers": [answer_json(a) for a in answers],
    }


def room_json(detail: RoomDetail) -> Json:
    """One room of `quiz history --json`: as the user took part in it. A player's row has
    their score, right answers, place and answers; the host's has how each question was
    answered. Both have the standings (as `quiz room results --json` has its players)."""
    row = detail.row
    player = row.role is RoomRole.PLAYER
    found: Json = {
        "pin": row.pin,
        "room": row.room_id,
        "role": row.role.value,
        "user": row.user,
        "started_at": row.started_at.isoformat(),
        "finished_at": row.finished_at.isoformat() if row.finished_at else None,
        "status": row.status,
        "questions": row.questions,
        "players": row.players,
        "winner": row.winner,
        "score": row.score if player else None,
        "correct": row.correct if player else None,
        "rank": row.rank,
        "answers": room_answers_json(detail) if player else [],
        "standings": [
            {"user": s.user, "score": s.score, "correct": s.correct, "answers": s.answers}
            for s in detail.standings
        ],
    }
    if not player:
        found["distribution"] = distribution_json(detail)
    return found


def room_answers_json(detail: RoomDetail) -> list[Json]:
    """The player's answers, one per question answered (as a session's, with their points)."""
    found: list[Json] = []
    for question in detail.questions:
        answer = question.answer_of(detail.row.user)
        if answer is not None:
            found.append({
                "question_id": question.question_id, "given": list(answer.given),
                "correct": answer.correct, "seconds": answer.seconds, "points": answer.points,
            })  # fmt: skip
    return found


def distribution_json(detail: RoomDetail) -> list[Json]:
    """How the players answered each question the room asked."""
    return [
        {
            "question_id": q.question_id,
            "answered": len(q.answers),
            "right": q.right,
            "counts": [
                {"answer": key, "count": count}
                for key, count in answer_counts(q.type, q.options, (a.given for a in q.answers))
            ],
        }
        for q in detail.questions
        if q.asked
    ]
