"""What the screens read of the store for the player: today's summary, statistics, history, a
session's or a room's detail, the leaderboard, item analysis and the organisation's report.
Every call is blocking (made from worker threads) and answers something sensible without a
store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from quiz.engine.modes import Mode
from quiz.engine.points import daily_maximum, points_left
from quiz.engine.study import StudyOverview, no_study
from quiz.system.clock import Clock
from quiz.usecases.library import Library
from quiz.usecases.saving import Saving

if TYPE_CHECKING:
    from quiz.org.models import MemberActivity
    from quiz.org.report import OrgReport
    from quiz.reports.history import HistoryPage, SessionDetail, SessionFilter
    from quiz.reports.rooms import RoomDetail, RoomRole
    from quiz.reports.runs import SessionRow
    from quiz.reports.standings import ItemAnalysis, Leaderboard, PlayerStats
    from quiz.usecases.papers import OpenPaper


@dataclass(frozen=True, slots=True)
class HomeSummary:
    points_today: int
    points_max: int
    points_left: dict[Mode, int]
    study_streak: int
    best_challenge: int
    resumable: list[SessionRow]
    study: StudyOverview = field(default_factory=no_study)
    resume_answered: int = 0
    """Questions answered in the first resumable run (an exam's total counts every question)."""
    first_run: bool = False
    """The player has no session yet (home shows a one-line hint)."""
    papers: list[OpenPaper] = field(default_factory=list)
    """Assigned papers the member has still to take (待完成的试卷), closing first first."""

    @property
    def left_total(self) -> int:
        return sum(self.points_left.values())


def empty_summary() -> HomeSummary:
    return HomeSummary(0, daily_maximum(), {}, 0, 0, [])


class ReadSide:
    def __init__(self, user: str, saving: Saving, library: Library, clock: Clock) -> None:
        self.user = user
        self.saving = saving
        self.library = library
        self.clock = clock

    def today(self) -> date:
        return self.clock.now().date()

    def summary(self) -> HomeSummary:
        """Today's points, streaks and a run to resume; empty when there is no store, or when
        it cannot be read now (the problem is then kept, for the home screen to show)."""
        from quiz.store.errors import StoreError

        try:
            return self._summary()
        except StoreError as exc:
            self.saving.problem = exc.message
            return empty_summary()

    def _summary(self) -> HomeSummary:
        from quiz.usecases.papers import open_papers
        from quiz.usecases.review import study_streak

        store = self.saving.store
        if store is None:
            return empty_summary()
        tally = store.day_tally(self.user, self.today())
        resumable = store.resumable(self.user)
        return HomeSummary(
            points_today=tally.total,
            points_max=daily_maximum(),
            points_left=points_left(tally),
            study_streak=study_streak(store, self.user, self.today()),
            best_challenge=store.best_streak(self.user),
            resumable=resumable,
            study=self.study_overview(),
            resume_answered=len(store.answers(resumable[0].id)) if resumable else 0,
            first_run=not store.sessions(self.user, limit=1),
            papers=open_papers(store, self.user, self.clock.now()),
        )

    def study_overview(self) -> StudyOverview:
        """Due today, new today, the week's forecast and retention, for the current player."""
        from quiz.usecases.review import study_overview, unseen_count

        store = self.saving.store
        if store is None:
            return no_study()
        unseen = unseen_count(store, self.user, self.library.playable_ids())
        return study_overview(store, self.user, self.clock.now(), unseen)

    def player_stats(self) -> PlayerStats:
        from quiz.usecases.review import no_player_stats, player_stats

        store = self.saving.store
        if store is None:
            return no_player_stats(self.user, self.library.question_count)
        return player_stats(store, self.user, self.clock.now(), self.library.playable_ids())

    def history(self, wanted: SessionFilter) -> HistoryPage:
        from quiz.reports.history import HistoryPage
        from quiz.usecases.review import history

        store = self.saving.store
        return history(store, self.user, wanted) if store else HistoryPage((), 0)

    def room_detail(self, room_id: str, role: RoomRole) -> RoomDetail | None:
        """A room of the player's history, as they took part in it."""
        store = self.saving.store
        return store.room_detail(room_id, self.user, role) if store else None

    def session_detail(self, session_id: int) -> SessionDetail | None:
        from quiz.usecases.review import session_detail

        store = self.saving.store
        return session_detail(store, session_id) if store else None

    def leaderboard(self) -> Leaderboard:
        from quiz.reports.standings import Leaderboard
        from quiz.usecases.review import leaderboard

        store = self.saving.store
        return leaderboard(store, self.today()) if store else Leaderboard(self.today(), ())

    def item_analysis(self) -> ItemAnalysis:
        from quiz.reports.standings import ItemAnalysis
        from quiz.usecases.review import items

        store = self.saving.store
        return items(store) if store else ItemAnalysis(())

    def org_report(
        self, start: date | None, end: date | None, scope: str | None = None
    ) -> OrgReport | None:
        """Participation by unit (quiz org report), or None when nothing is saved."""
        from quiz.usecases.org_report import org_report

        store = self.saving.store
        return org_report(store, start, end, scope) if store else None

    def member_activity(
        self, unit: str, start: date | None, end: date | None
    ) -> list[MemberActivity]:
        """The members of a unit and below with their play in the window (the 组织 screen's
        drill-down); none when nothing is saved."""
        store = self.saving.store
        return store.member_activity(unit, start, end) if store else []
