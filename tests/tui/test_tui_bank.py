"""Banks in the TUI: hot reload, a broken edit, errors at start-up, switching banks."""

from __future__ import annotations

import shutil
from pathlib import Path

from quiz.system.clock import FixedClock
from quiz.system.settings import Settings
from quiz.tui.app import QuizApp
from quiz.tui.screens.banks import BankPickerScreen
from quiz.tui.screens.errors import BankErrorsScreen
from quiz.tui.screens.home import HomeScreen
from quiz.usecases.services import Services
from tests.conftest import BANK, SEEDS
from tests.factories import START
from tests.tui_support import settle, wait_for

EXTRA = """
  - id: yl-900
    type: judge
    prompt: 市委理论学习中心组开展8次党史集体学习。
    answer: true
    explanation: 原文如此写道，共8次。
    quote: 市委理论学习中心组开展8次党史集体学习
"""


def bank_copy(tmp_path: Path, name: str = "mine") -> Path:
    root = tmp_path / name
    shutil.copytree(BANK, root / "questions")
    shutil.copytree(SEEDS, root / "seeds")
    return root / "questions"


def app_for(bank: Path, tmp_path: Path) -> tuple[QuizApp, Services]:
    from quiz import i18n

    i18n.set_language("en")
    services = Services(
        Settings(lang="en", bank=bank, db=tmp_path / "quiz.db", user="小王"),
        clock=FixedClock(START),
    )
    return QuizApp(services), services


async def test_an_edited_bank_is_picked_up(tmp_path: Path) -> None:
    bank = bank_copy(tmp_path)
    app, services = app_for(bank, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        before = len(services.library.questions)
        target = bank / "01-yiling.yaml"
        target.write_text(target.read_text(encoding="utf-8") + EXTRA, encoding="utf-8")
        app.watch_bank()
        await settle(pilot)
        assert len(services.library.questions) == before + 1
        assert "yl-900" in services.library.bank.by_id()


async def test_a_broken_edit_keeps_the_last_good_bank_and_shows_the_errors(tmp_path: Path) -> None:
    bank = bank_copy(tmp_path)
    app, services = app_for(bank, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        home = await wait_for(pilot, HomeScreen)
        before = len(services.library.questions)
        target = bank / "01-yiling.yaml"
        target.write_text(target.read_text(encoding="utf-8") + "  - id: [broken\n", "utf-8")
        app.watch_bank()
        await settle(pilot)
        assert len(services.library.questions) == before  # still the last good bank
        assert services.library.rejected and services.library.rejected[0].file.endswith(
            "01-yiling.yaml"
        )
        assert "error" in str(home.query_one("#home-stats").render())
        await pilot.press("e")
        errors = await wait_for(pilot, BankErrorsScreen)
        shown = "".join(str(errors.query("WrapText").first().render()).split("\n    "))
        assert "01-yiling.yaml:" in shown and "the [ here has no matching ]" in shown
        await pilot.press("escape")
        target.write_text(
            target.read_text(encoding="utf-8").replace("  - id: [broken\n", ""), "utf-8"
        )
        app.watch_bank()
        await settle(pilot)
        assert services.library.rejected == [] and len(services.library.questions) == before


async def test_errors_at_start_up_show_and_valid_files_play(tmp_path: Path) -> None:
    bank = bank_copy(tmp_path)
    (bank / "99-bad.yaml").write_text(
        "section: 坏\nquestions:\n  - id: x\n    type: essay\n", "utf-8"
    )
    app, services = app_for(bank, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        assert len(services.library.questions) >= 90
        assert services.library.bank.errors[0].file.endswith("99-bad.yaml")
        await pilot.press("e")
        await wait_for(pilot, BankErrorsScreen)


async def test_switching_between_known_banks(tmp_path: Path) -> None:
    mine = bank_copy(tmp_path, "mine")
    (mine / "00-overview.yaml").unlink()
    app, services = app_for(mine, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        smaller = len(services.library.questions)
        await pilot.press("k")
        picker = await wait_for(pilot, BankPickerScreen)
        assert BANK.resolve() in picker.banks and mine.resolve() in picker.banks
        picker.dismiss(BANK.resolve())
        await settle(pilot)
        assert services.settings.bank == BANK.resolve()
        assert len(services.library.questions) > smaller
