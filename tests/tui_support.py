"""Driving the TUI in tests: services on temp paths, a fixed clock, keys that answer."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.worker import WorkerCancelled

from quiz.bank.models import QuestionType
from quiz.engine.response import OPTION_KEYS
from quiz.system.clock import FixedClock
from quiz.system.locations import is_url
from quiz.system.settings import Settings
from quiz.tui.app import QuizApp
from quiz.tui.screens.question import QuestionScreen
from quiz.usecases.requests import PlayRequest
from quiz.usecases.services import Services
from tests.conftest import BANK
from tests.factories import START


def make_services(
    tmp_path: Path, *, lang: str = "zh", user: str = "小王", db: str | Path | None = None
) -> Services:
    """`db`: a store location (a file, a PostgreSQL URL); else quiz.db in `tmp_path`."""
    where = Path(db) if db is not None and not is_url(db) else db
    settings = Settings(lang=lang, bank=BANK, db=where or tmp_path / "quiz.db", user=user)
    return Services(settings, clock=FixedClock(START))


def make_app(services: Services, start: PlayRequest | None = None) -> QuizApp:
    from quiz import i18n

    i18n.set_language(services.settings.lang)
    app = QuizApp(services, start=start)
    notices(app)
    return app


_NOTICES: WeakKeyDictionary[App[Any], list[str]] = WeakKeyDictionary()


def notices(app: App[Any]) -> list[str]:
    """What the app has told the player (the messages given to `App.notify`, its public
    method), from the first call of this on: make_app calls it for every app it makes."""
    if app not in _NOTICES:
        told: list[str] = []
        notify = app.notify

        def recording(message: str, *args: Any, **kwargs: Any) -> None:
            told.append(message)
            notify(message, *args, **kwargs)

        app.notify = recording  # type: ignore[method-assign]
        _NOTICES[app] = told
    return _NOTICES[app]


async def settle(pilot: Pilot[None]) -> None:
    """Let loading and workers finish and the screen catch up."""
    for _ in range(500):
        if getattr(pilot.app, "ready", True):
            break
        await pilot.pause(0.01)
    for _ in range(3):
        # An exclusive worker started again (the bank watcher's timer and a test calling it)
        # cancels the first: that one is done, not a failure.
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()


ScreenT = TypeVar("ScreenT", bound="Screen[Any]")


async def wait_for(pilot: Pilot[None], kind: type[ScreenT]) -> ScreenT:
    for _ in range(50):
        await settle(pilot)
        screen = pilot.app.screen
        if isinstance(screen, kind):
            return screen
    raise AssertionError(f"{kind.__name__} never shown; on {type(pilot.app.screen).__name__}")


def keys_for(screen: QuestionScreen, right: bool = True) -> list[str]:
    """The key presses that answer the current question (rightly or wrongly)."""
    session = screen.session
    question = session.current
    options = session.options
    if question.type is QuestionType.FILL:
        texts = question.answer if right else tuple("错" for _ in question.answer)
        keys: list[str] = []
        for index, text in enumerate(texts):
            keys.extend(list(text))
            if index + 1 < len(texts):
                keys.append("tab")
        return keys
    if question.type is QuestionType.ORDER:
        wanted = question.answer if right else tuple(reversed(question.answer))
        return [OPTION_KEYS[options.index(text)] for text in wanted]
    if right:
        return [OPTION_KEYS[options.index(text)] for text in question.answer]
    wrong = next(i for i, text in enumerate(options) if text not in question.answer)
    return [OPTION_KEYS[wrong]]


async def answer(pilot: Pilot[None], right: bool = True) -> QuestionScreen:
    screen = pilot.app.screen
    assert isinstance(screen, QuestionScreen)
    await pilot.press(*keys_for(screen, right))
    await pilot.press("enter")
    await settle(pilot)
    return screen
