"""The read side: what the store gives back and what screens and the CLI show, as frozen types.

Every backend returns these; `quiz.usecases.review` composes them into the views (statistics,
history, leaderboard, item analysis, a session's detail). JSON is made from them only in `quiz.cli`.

Names are loaded on first use (PEP 562), each with its feature's module only: starting the TUI
needs a run's row, not the twenty other types (about 8 ms of dataclass creation).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quiz.system.lazy import lazy_names

if TYPE_CHECKING:
    from quiz.reports.contests import ContestEvent, TeamStanding
    from quiz.reports.history import SORTABLE, HistoryPage, HistoryRow, SessionDetail, SessionFilter
    from quiz.reports.replay import SavedPlan, StoredAnswer
    from quiz.reports.rooms import (
        RoomAnswer,
        RoomDetail,
        RoomQuestion,
        RoomRole,
        RoomRow,
        RoomStanding,
        room_order,
    )
    from quiz.reports.runs import SessionKind, SessionRow
    from quiz.reports.standings import (
        DayTotal,
        GroupAccuracy,
        ItemAnalysis,
        Leaderboard,
        ModeBest,
        PlayerStats,
        QuestionTotal,
        Standing,
        Streak,
    )

__all__ = [
    "SORTABLE",
    "ContestEvent",
    "DayTotal",
    "GroupAccuracy",
    "HistoryPage",
    "HistoryRow",
    "ItemAnalysis",
    "Leaderboard",
    "ModeBest",
    "PlayerStats",
    "QuestionTotal",
    "RoomAnswer",
    "RoomDetail",
    "RoomQuestion",
    "RoomRole",
    "RoomRow",
    "RoomStanding",
    "SavedPlan",
    "SessionDetail",
    "SessionFilter",
    "SessionKind",
    "SessionRow",
    "Standing",
    "StoredAnswer",
    "Streak",
    "TeamStanding",
    "room_order",
]
_HOMES = {
    "SessionKind": "quiz.reports.runs",
    "SessionRow": "quiz.reports.runs",
    "SavedPlan": "quiz.reports.replay",
    "StoredAnswer": "quiz.reports.replay",
    "ContestEvent": "quiz.reports.contests",
    "TeamStanding": "quiz.reports.contests",
    "RoomRole": "quiz.reports.rooms",
    "room_order": "quiz.reports.rooms",
    "RoomRow": "quiz.reports.rooms",
    "RoomAnswer": "quiz.reports.rooms",
    "RoomQuestion": "quiz.reports.rooms",
    "RoomStanding": "quiz.reports.rooms",
    "RoomDetail": "quiz.reports.rooms",
    "SessionDetail": "quiz.reports.history",
    "SessionFilter": "quiz.reports.history",
    "SORTABLE": "quiz.reports.history",
    "HistoryRow": "quiz.reports.history",
    "HistoryPage": "quiz.reports.history",
    "QuestionTotal": "quiz.reports.standings",
    "DayTotal": "quiz.reports.standings",
    "GroupAccuracy": "quiz.reports.standings",
    "Streak": "quiz.reports.standings",
    "ModeBest": "quiz.reports.standings",
    "PlayerStats": "quiz.reports.standings",
    "Standing": "quiz.reports.standings",
    "Leaderboard": "quiz.reports.standings",
    "ItemAnalysis": "quiz.reports.standings",
}

__getattr__ = lazy_names(_HOMES)
