"""Typed messages between screens, workers and the app (as Textualize's toolong has).

Screens ask for a use case by posting a request (`StartRun`, `Practise`, `ResumeRun`,
`HostContest`, `OpenSession`, …); it bubbles up to the app, which routes it. Workers hand back
what they made by posting a result message (`RunReady`, `Warn`, `SummaryReady`, …):
Textual delivers it on the UI thread, so no worker calls back into a screen.
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from quiz.author.article import AuthorArticle
    from quiz.author.coverage import Coverage
    from quiz.bank.models import Question
    from quiz.contest.engine import ContestPlan
    from quiz.org.report import OrgReport
    from quiz.reports.history import HistoryPage, SessionDetail
    from quiz.reports.items import ItemStats
    from quiz.reports.rooms import RoomDetail, RoomRole
    from quiz.reports.standings import Leaderboard, PlayerStats
    from quiz.rooms.model import RoomState
    from quiz.tui.hosted import GateReply
    from quiz.usecases.play import Run
    from quiz.usecases.read_side import HomeSummary
    from quiz.usecases.requests import PlayRequest
    from quiz.usecases.room_client import RoomHost, RoomPlayer


# -- requests: a screen asks, the app routes ----------------------------------------------------


@dataclass
class StartRun(Message):
    """Play a mode (topic practice first asks which topic when none is given)."""

    request: PlayRequest


@dataclass
class Practise(Message):
    """Practise these questions: one run's wrong answers, or a sentence's questions (study)."""

    question_ids: list[str]
    _: KW_ONLY
    study: bool = False


@dataclass
class ResumeRun(Message):
    """Go on with the unfinished run saved under this session id."""

    session_id: int


@dataclass
class HostContest(Message):
    plan: ContestPlan
    seed: int | None = None


@dataclass
class OpenSession(Message):
    """Show one past session in detail."""

    session_id: int


@dataclass
class OpenRoomRecord(Message):
    """Show a room of the history in detail, as the player took part in it."""

    pin: str
    role: RoomRole


class ShowBankErrors(Message):
    """List the bank's errors."""


class ChooseBank(Message):
    """Pick another question bank."""


# -- results: a worker hands back what it made ----------------------------------------------------


class Result(Message, bubble=False):
    """Delivered to the one that started the worker, on the UI thread (it goes no further)."""

    def __init_subclass__(cls, **options: Any) -> None:
        options.setdefault("bubble", False)  # Textual's default would make each one bubble
        super().__init_subclass__(**options)


@dataclass
class RunReady(Result):
    run: Run
    request: PlayRequest | None
    """What to offer as "play again" (None: the run cannot be asked for again as it was)."""


@dataclass
class Warn(Result):
    """Something asked for cannot be done (the bank has nothing for that run, there is no
    article): `key` is the catalog message saying so. Posted to the app."""

    key: str


class ServicesReady(Result):
    """The bank and the store are loaded."""


@dataclass
class LoadFailed(Result):
    """The bank or the store could not be loaded: an error screen says what to do."""

    error: Exception


@dataclass
class BankChanged(Result):
    """The bank files changed: "updated" (now in play) or "rejected" (an edit with errors)."""

    outcome: str


@dataclass
class Notice(Result):
    """Something the player should know that is no problem (`key`: the catalog message)."""

    key: str


@dataclass
class NotSaved(Result):
    """A write to the store failed; play goes on."""

    reason: str


class RunFinished(Result):
    """Points and bests of the finished run are saved: the results can be shown."""


@dataclass
class ArticleLoaded(Result):
    article: AuthorArticle
    coverage: Coverage
    questions: list[Question]


@dataclass
class SummaryReady(Result):
    summary: HomeSummary


@dataclass
class RoomRecordReady(Result):
    """A room of the history, read for its detail screen (None: not found)."""

    detail: RoomDetail | None


@dataclass
class OrgReportReady(Result):
    """Participation by unit for the 组织 screen (None: nothing is saved)."""

    report: OrgReport | None


@dataclass
class LeaderboardReady(Result):
    board: Leaderboard


@dataclass
class ItemsReady(Result):
    """The bank screen's rows: each question's item analysis."""

    rows: list[ItemStats]


@dataclass
class LoginChecked(Result):
    """The host's verdict on a login (None: the host could not be asked)."""

    reply: GateReply | None


@dataclass
class HistoryReady(Result):
    page: HistoryPage


@dataclass
class StatsReady(Result):
    stats: PlayerStats


@dataclass
class MatchFound(Result):
    """The matched room's PIN (None: no real opponents; play simulated ones)."""

    pin: str | None


@dataclass
class RoomOpened(Result):
    """The host's room is open."""

    host: RoomHost


@dataclass
class SessionReady(Result):
    detail: SessionDetail | None


@dataclass
class SeatTaken(Result):
    player: RoomPlayer
    state: RoomState


@dataclass
class MatchBooked(Result):
    """A matched race is in the player's history, with these points."""

    points: int
