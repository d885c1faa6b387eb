"""The read side's use cases: statistics, the leaderboard, item analysis, the history (sessions
and rooms together), a session's detail and the study overview, composed from what any `Store`
answers. Screens (through `Services`)
and the CLI both call these; neither sees SQL."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from quiz.engine.study import NEW_PER_DAY, StudyOverview, end_of_day, forecast, no_study

if TYPE_CHECKING:
    from quiz.reports.history import HistoryPage, HistoryRow, SessionDetail, SessionFilter
    from quiz.reports.replay import StoredAnswer
    from quiz.reports.rooms import RoomRow
    from quiz.reports.runs import SessionRow
    from quiz.reports.standings import (
        GroupAccuracy,
        ItemAnalysis,
        Leaderboard,
        PlayerStats,
        QuestionTotal,
    )
    from quiz.store.protocol import Store


def new_allowance(store: Store, user: str, day: date, per_day: int = NEW_PER_DAY) -> int:
    return max(0, per_day - store.new_started(user, day))


def study_overview(store: Store, user: str, now: datetime, unseen: int) -> StudyOverview:
    """Due today, new still to learn today, the next 7 days' reviews, retention so far."""
    today = now.date()
    dues = store.card_dues(user)
    local = now.tzinfo or UTC
    limit = end_of_day(now)
    reviewed, recalled = store.retention_counts(user)
    return StudyOverview(
        due_today=sum(1 for due in dues if due < limit),
        new_today=min(unseen, new_allowance(store, user, today)),
        reviews_next_7_days=forecast([due.astimezone(local).date() for due in dues], today),
        retention=recalled / reviewed if reviewed else None,
    )


def unseen_count(store: Store, user: str, playable: Iterable[str]) -> int:
    """Questions of the bank the player has no study card for yet."""
    return len(set(playable) - store.carded_ids(user))


def study_streak(store: Store, user: str, today: date) -> int:
    """Days in a row with at least one answer, ending today (or yesterday: today may still
    come)."""
    from quiz.reports.stats import streaks

    return streaks(store.study_days(user), today)[0]


def grouped(totals: Iterable[QuestionTotal], by_tag: bool) -> tuple[GroupAccuracy, ...]:
    """Answers and accuracy by section or by tag, biggest first."""
    from quiz.reports.standings import GroupAccuracy
    from quiz.reports.stats import accuracy

    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for total in totals:
        for name in total.tags if by_tag else (total.section,):
            groups[name][0] += total.answers
            groups[name][1] += total.correct
    return tuple(
        GroupAccuracy(name, n, c, accuracy(c, n))
        for name, (n, c) in sorted(groups.items(), key=lambda item: (-item[1][0], item[0]))
    )


def player_stats(store: Store, user: str, now: datetime, playable: Iterable[str]) -> PlayerStats:
    """A player's progress: totals, by section and tag, streaks, bests, days, study."""
    from quiz.reports.standings import ModeBest, PlayerStats, Streak
    from quiz.reports.stats import accuracy, streaks

    questions = tuple(store.question_totals(user))
    days = tuple(store.day_totals(user))
    answers = sum(d.answers for d in days)
    correct = sum(d.correct for d in days)
    current, longest = streaks((d.day for d in days if d.answers), now.date())
    bests = tuple(ModeBest(mode, best) for mode, best in store.bests(user).items())
    study = study_overview(store, user, now, unseen_count(store, user, playable))
    return PlayerStats(
        user=user,
        answers=answers,
        correct=correct,
        accuracy=accuracy(correct, answers),
        by_section=grouped(questions, by_tag=False),
        by_tag=grouped(questions, by_tag=True),
        streak=Streak(current, longest),
        bests=bests,
        days=days,
        questions=questions,
        study=study,
    )


def no_player_stats(user: str, playable: int) -> PlayerStats:
    """A player with nothing recorded (or no database at all)."""
    from quiz.reports.standings import PlayerStats

    study = no_study()
    return PlayerStats(user, 0, 0, None, study=StudyOverview(
        study.due_today, min(NEW_PER_DAY, playable), study.reviews_next_7_days, study.retention
    ))  # fmt: skip


def leaderboard(store: Store, today: date) -> Leaderboard:
    """Every player: points this week (from Monday), all time, best challenge streak."""
    from quiz.reports.standings import Leaderboard

    monday = today - timedelta(days=today.weekday())
    rows = sorted(
        store.standings(monday), key=lambda s: (-s.week, -s.all_time, -s.best_streak, s.user)
    )
    return Leaderboard(monday, tuple(rows))


def items(store: Store) -> ItemAnalysis:
    """Item analysis over every player's first attempt at each question."""
    from quiz.reports.standings import ItemAnalysis

    attempts, info = store.first_attempts()
    from quiz.reports.items import item_analysis

    return ItemAnalysis(tuple(item_analysis(attempts, info)))


def sealed_row(row: SessionRow) -> SessionRow:
    """A history row as it may be shown: a sealed run's score and right answers withheld."""
    return dataclasses.replace(row, correct=0, score=0) if row.sealed else row


def shown_answers(row: SessionRow, answers: Sequence[StoredAnswer]) -> tuple[StoredAnswer, ...]:
    """A session's answers as they may be shown: of a sealed run, only what was asked, what
    was given and when (no right or wrong, no right answer, no explanation)."""
    if not row.sealed:
        return tuple(answers)
    return tuple(
        dataclasses.replace(a, correct=False, right_answer=(), explanation="", score=0,
                            sealed=True)
        for a in answers
    )  # fmt: skip


def session_detail(store: Store, session_id: int) -> SessionDetail | None:
    from quiz.reports.history import SessionDetail
    from quiz.reports.runs import SessionKind

    row = store.session(session_id)
    if row is None:
        return None
    answers = shown_answers(row, store.answers(session_id))
    row = sealed_row(row)
    if row.kind is SessionKind.CONTEST:
        events = tuple(store.contest_events(session_id))
        return SessionDetail(row, answers, events, tuple(store.contest_standings(session_id)))
    return SessionDetail(row, answers)


def _mode_text(row: HistoryRow) -> str:
    """What the history sorts by for "mode": a run's mode (a contest has none), else `room`."""
    from quiz.reports.rooms import RoomRow
    from quiz.reports.runs import SessionKind

    if isinstance(row, RoomRow):
        return SessionKind.ROOM.value
    return row.mode.value if row.mode is not None else ""


def _sort_key(sort: str) -> Callable[[HistoryRow], Any]:
    """The history's order in Python, as `quiz.store.review` orders sessions in SQL."""
    keys: dict[str, Callable[[HistoryRow], Any]] = {
        "mode": _mode_text,
        "score": lambda row: row.score,
        "accuracy": lambda row: row.correct / (row.total if row.total > 0 else 1),
        "time": lambda row: row.elapsed,
        "points": lambda row: row.points,
    }
    return keys.get(sort, lambda row: row.started_at)


def _within(row: RoomRow, wanted: SessionFilter) -> bool:
    day = row.started_at.astimezone().date()  # a session's day is its local start day too
    return (wanted.since is None or day >= wanted.since) and (
        wanted.until is None or day <= wanted.until
    )


def _shown(row: HistoryRow) -> HistoryRow:
    from quiz.reports.rooms import RoomRow

    return row if isinstance(row, RoomRow) else sealed_row(row)


def history(store: Store, user: str, wanted: SessionFilter) -> HistoryPage:
    """A page of the player's history: sessions and the rooms they played in or hosted, in
    the filter's order, and how many match in all."""
    from quiz.reports.history import HistoryPage
    from quiz.reports.runs import SessionKind

    rooms_wanted = wanted.mode is None and wanted.kind in (None, SessionKind.ROOM)
    page = store.history(user, wanted) if wanted.kind is not SessionKind.ROOM else None
    rooms = [r for r in store.room_rows(user) if _within(r, wanted)] if rooms_wanted else []
    found: list[HistoryRow] = [*(_shown(r) for r in (page.rows if page else ())), *rooms]
    # Stable: sessions keep the store's order among equals (its tie-break by id).
    found.sort(key=_sort_key(wanted.sort), reverse=wanted.descending)
    return HistoryPage(tuple(found[: wanted.limit]), (page.total if page else 0) + len(rooms))


def recent(store: Store, user: str | None, limit: int | None = None) -> list[HistoryRow]:
    """The newest sessions and rooms of one player (None: everyone), newest first."""
    found: list[HistoryRow] = [*map(sealed_row, store.sessions(user, limit)),
                               *store.room_rows(user, limit)]  # fmt: skip
    found.sort(key=lambda row: row.started_at, reverse=True)
    return found[:limit] if limit is not None else found
