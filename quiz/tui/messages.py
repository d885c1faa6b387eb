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
    from quiz.contest.engine import ContestPlan
    from quiz.reports.rooms import RoomRole
    from quiz.usecases.play import Run
    from quiz.usecases.read_side import HomeSummary
    from quiz.usecases.requests import PlayRequest


# -- requests: a screen asks, the app routes ----------------------------------------------------


@dataclass(repr=False, eq=False)
class StartRun(Message):
    """Play a mode (topic practice first asks which topic when none is given)."""

    request: PlayRequest


@dataclass(repr=False, eq=False)
class Practise(Message):
    """Practise these questions: one run's wrong answers, or a sentence's questions (study)."""

    question_ids: list[str]
    _: KW_ONLY
    study: bool = False


@dataclass(repr=False, eq=False)
class ResumeRun(Message):
    """Go on with the unfinished run saved under this session id."""

    session_id: int


@dataclass(repr=False, eq=False)
class HostContest(Message):
    plan: ContestPlan
    seed: int | None = None


@dataclass(repr=False, eq=False)
class OpenSession(Message):
    """Show one past session in detail."""

    session_id: int


@dataclass(repr=False, eq=False)
class OpenRoomRecord(Message):
    """Show a room of the history in detail, as the player took part in it."""

    room_id: str
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


@dataclass(repr=False, eq=False)
class RunReady(Result):
    run: Run
    request: PlayRequest | None
    """What to offer as "play again" (None: the run cannot be asked for again as it was)."""


@dataclass(repr=False, eq=False)
class Warn(Result):
    """Something asked for cannot be done (the bank has nothing for that run, there is no
    article): `key` is the catalog message saying so, `params` fill it. Posted to the app."""

    key: str
    params: dict[str, str] | None = None


class ServicesReady(Result):
    """The bank and the store are loaded."""


@dataclass(repr=False, eq=False)
class LoadFailed(Result):
    """The bank or the store could not be loaded: an error screen says what to do."""

    error: Exception


@dataclass(repr=False, eq=False)
class BankChanged(Result):
    """The bank files changed: "updated" (now in play) or "rejected" (an edit with errors)."""

    outcome: str


@dataclass(repr=False, eq=False)
class Notice(Result):
    """Something the player should know that is no problem (`key`: the catalog message)."""

    key: str


@dataclass(repr=False, eq=False)
class NotSaved(Result):
    """A write to the store failed; play goes on."""

    reason: str


class RunFinished(Result):
    """Points and bests of the finished run are saved: the results can be shown."""


@dataclass(repr=False, eq=False)
class SummaryReady(Result):
    summary: HomeSummary


class RunDropped(Result):
    """The unfinished run is no longer offered for resuming: the summary can be read again."""
