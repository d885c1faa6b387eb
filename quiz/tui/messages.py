"""Typed messages between screens, workers and the app (as Textualize's toolong has).

Screens ask for a use case by posting a request (`StartRun`, `Practise`, `ResumeRun`,
`HostContest`, `OpenSession`, …); it bubbles up to the app, which routes it. Workers hand back
what they made by posting a result message (`RunReady`, `Warn`, `SummaryReady`, …):
Textual delivers it on the UI thread, so no worker calls back into a screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from quiz.author.article import AuthorArticle
    from quiz.author.coverage import Coverage
    from quiz.bank.models import Question
    from quiz.contest.engine import ContestPlan
    from quiz.org.report import OrgReport
    from quiz.reports.rooms import RoomDetail, RoomRole
    from quiz.usecases.play import Run
    from quiz.usecases.requests import PlayRequest
    from quiz.usecases.services import HomeSummary


# -- requests: a screen asks, the app routes ----------------------------------------------------


class StartRun(Message):
    """Play a mode (topic practice first asks which topic when none is given)."""

    def __init__(self, request: PlayRequest) -> None:
        super().__init__()
        self.request = request


class Practise(Message):
    """Practise these questions: one run's wrong answers, or a sentence's questions (study)."""

    def __init__(self, question_ids: list[str], *, study: bool = False) -> None:
        super().__init__()
        self.question_ids = question_ids
        self.study = study


class ResumeRun(Message):
    """Go on with the unfinished run saved under this session id."""

    def __init__(self, session_id: int) -> None:
        super().__init__()
        self.session_id = session_id


class HostContest(Message):
    def __init__(self, plan: ContestPlan, seed: int | None = None) -> None:
        super().__init__()
        self.plan = plan
        self.seed = seed


class OpenSession(Message):
    """Show one past session in detail."""

    def __init__(self, session_id: int) -> None:
        super().__init__()
        self.session_id = session_id


class OpenRoomRecord(Message):
    """Show a room of the history in detail, as the player took part in it."""

    def __init__(self, pin: str, role: RoomRole) -> None:
        super().__init__()
        self.pin = pin
        self.role = role


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


class RunReady(Result):
    def __init__(self, run: Run, request: PlayRequest | None) -> None:
        super().__init__()
        self.run = run
        self.request = request
        """What to offer as "play again" (None: the run cannot be asked for again as it was)."""


class Warn(Result):
    """Something asked for cannot be done (the bank has nothing for that run, there is no
    article): `key` is the catalog message saying so. Posted to the app."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


class ServicesReady(Result):
    """The bank and the store are loaded."""


class LoadFailed(Result):
    """The bank or the store could not be loaded: an error screen says what to do."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error


class BankChanged(Result):
    """The bank files changed: "updated" (now in play) or "rejected" (an edit with errors)."""

    def __init__(self, outcome: str) -> None:
        super().__init__()
        self.outcome = outcome


class Notice(Result):
    """Something the player should know that is no problem (`key`: the catalog message)."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


class NotSaved(Result):
    """A write to the store failed; play goes on."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class RunFinished(Result):
    """Points and bests of the finished run are saved: the results can be shown."""


class ArticleLoaded(Result):
    def __init__(
        self, article: AuthorArticle, coverage: Coverage, questions: list[Question]
    ) -> None:
        super().__init__()
        self.article = article
        self.coverage = coverage
        self.questions = questions


class SummaryReady(Result):
    def __init__(self, summary: HomeSummary) -> None:
        super().__init__()
        self.summary = summary


class RoomRecordReady(Result):
    """A room of the history, read for its detail screen (None: not found)."""

    def __init__(self, detail: RoomDetail | None) -> None:
        super().__init__()
        self.detail = detail


class OrgReportReady(Result):
    """Participation by unit for the 组织 screen (None: nothing is saved)."""

    def __init__(self, report: OrgReport | None) -> None:
        super().__init__()
        self.report = report
