"""The documented JSON of `quiz stats` and `quiz history`, made from the read side's types.
The only place those types become dictionaries."""

from __future__ import annotations

from quiz.reports import GroupAccuracy, PlayerStats, SessionRow, StoredAnswer
from quiz.stats import ItemStats
from quiz.study import StudyOverview

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
    return {
        "question_id": answer.question_id,
        "given": list(answer.given),
        "correct": answer.correct,
        "seconds": answer.seconds,
    }


def session_json(row: SessionRow, answers: list[StoredAnswer]) -> Json:
    """One session of `quiz history --json`."""
    return {
        "id": row.id,
        "user": row.user,
        "mode": row.mode.value if row.mode is not None else row.kind.value,
        "started_at": row.started_at.isoformat(),
        "finished_at": row.finished_at.isoformat() if row.finished_at else None,
        "status": row.status,
        "correct": row.correct,
        "total": row.total,
        "score": row.score,
        "points": row.points,
        "answers": [answer_json(a) for a in answers],
    }
