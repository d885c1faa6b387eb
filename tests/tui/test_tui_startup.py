"""Start-up: the home screen is drawn once, already showing the loaded bank and today's summary,
when loading (begun before Textual starts) is done in time; else it fills in afterwards."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quiz.system.clock import FixedClock
from quiz.system.settings import Settings
from quiz.tui.screens.home import HomeScreen
from quiz.tui.widgets.wrap import WrapText
from quiz.usecases.read_side import HomeSummary, ReadSide
from quiz.usecases.services import Services
from tests.conftest import BANK
from tests.factories import START
from tests.tui_support import make_app, make_services, settle, wait_for


def count_summaries(monkeypatch: pytest.MonkeyPatch, services: Services) -> list[HomeSummary]:
    read: list[HomeSummary] = []
    original = ReadSide.summary

    def summary(self: ReadSide) -> HomeSummary:
        result = original(self)
        read.append(result)
        return result

    monkeypatch.setattr(ReadSide, "summary", summary)
    return read


async def test_the_first_home_screen_shows_the_loaded_bank(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = make_services(tmp_path, lang="en")
    read = count_summaries(monkeypatch, services)
    services.start_loading()  # as `quiz` does before importing Textual
    assert services.wait_loaded(None)
    app = make_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        home = await wait_for(pilot, HomeScreen)
        stats = home.query_one("#home-stats", WrapText).text.plain
        assert f"{len(services.library.questions)} questions" in stats
        await settle(pilot)
        assert len(read) == 1  # read while loading, shown at once: not read and drawn again


async def test_home_fills_in_when_loading_finishes_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quiz.tui import app as app_module

    monkeypatch.setattr(app_module, "FIRST_FRAME_WAIT_SECONDS", 0.0)  # no waiting: "loading"
    services = make_services(tmp_path, lang="en")  # nothing loaded before the app starts
    app = make_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        home = await wait_for(pilot, HomeScreen)
        await settle(pilot)
        assert home.loaded and services.loaded
        stats = home.query_one("#home-stats", WrapText).text.plain
        assert f"{len(services.library.questions)} questions" in stats


async def test_home_names_the_bank_it_plays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bank given by QUIZ_BANK is the default one, not the built-in one: home says which."""
    for bank, built_in in ((BANK, True), (tmp_path / "bank", False)):
        if not built_in:
            shutil.copytree(BANK, bank)
            monkeypatch.setenv("QUIZ_BANK", str(bank))
        settings = Settings(lang="en", bank=bank, db=tmp_path / "quiz.db", user="小王")
        app = make_app(Services(settings, clock=FixedClock(START)))
        async with app.run_test(size=(120, 30)) as pilot:
            home = await wait_for(pilot, HomeScreen)
            await settle(pilot)
            stats = home.query_one("#home-stats", WrapText).text.plain
            assert ("built-in bank" in stats) is built_in, stats


def test_the_collector_is_paused_until_the_first_frame_then_freezes_what_start_up_made() -> None:
    """`quiz.cli.launch.resume_collection`: start-up runs with the cyclic collector off; at the
    first frame it is turned on again, with what start-up made frozen out of its reach."""
    import gc
    import threading

    from quiz.cli.launch import resume_collection

    first_frame = threading.Event()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        resume_collection(first_frame)
        [waiter] = [t for t in threading.enumerate() if t.name == "quiz-gc"]
        waiter.join(0.2)
        assert waiter.is_alive() and not gc.isenabled()  # no frame yet: still paused
        first_frame.set()
        waiter.join(5)
        assert not waiter.is_alive() and gc.isenabled()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()  # the test process's objects go back to the collector
        if not was_enabled:
            gc.disable()
        else:
            gc.enable()
