"""Snapshots of every play screen, at 80×24 and 120×40, in Chinese and English."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from quiz.bank.loader import load_bank
from quiz.bank.models import QuestionType
from quiz.engine.modes import Mode
from quiz.engine.session import Plan
from quiz.tui.screens.question import QuestionScreen
from quiz.usecases.play import Run
from tests.conftest import BANK
from tests.tui_support import answer, make_app, make_services, settle

SIZES = [(80, 24), (120, 40)]
LANGS = ["zh", "en"]
SnapCompare = Callable[..., bool]


def first_of(kind: QuestionType) -> Any:
    return next(
        q for q in sorted(load_bank([BANK]).questions, key=lambda q: q.id) if q.type is kind
    )


def question_app(
    tmp_path: Path, lang: str, kinds: list[QuestionType]
) -> tuple[Any, Callable[[Pilot[None]], Awaitable[None]]]:
    services = make_services(tmp_path, lang=lang)
    app = make_app(services)

    async def open_question(pilot: Pilot[None]) -> None:
        await settle(pilot)
        plan = Plan(Mode.DAILY, tuple(first_of(k) for k in kinds), seed=1, count=len(kinds))
        run = Run.from_plan(services.saving.store, "小王", plan, services.clock)
        app.push_screen(QuestionScreen(run))
        await settle(pilot)

    return app, open_question


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_home(snap_compare: SnapCompare, tmp_path: Path, lang: str, size: tuple[int, int]) -> None:
    app = make_app(make_services(tmp_path, lang=lang))
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", list(QuestionType))
def test_question(
    snap_compare: SnapCompare, tmp_path: Path, lang: str, size: tuple[int, int], kind: QuestionType
) -> None:
    app, run_before = question_app(tmp_path, lang, [kind])
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_feedback(
    snap_compare: SnapCompare, tmp_path: Path, lang: str, size: tuple[int, int]
) -> None:
    app, open_question = question_app(tmp_path, lang, [QuestionType.MULTIPLE])

    async def run_before(pilot: Pilot[None]) -> None:
        await open_question(pilot)
        await answer(pilot, right=False)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_results(
    snap_compare: SnapCompare, tmp_path: Path, lang: str, size: tuple[int, int]
) -> None:
    kinds = [QuestionType.SINGLE, QuestionType.JUDGE, QuestionType.FILL]
    app, open_question = question_app(tmp_path, lang, kinds)

    async def run_before(pilot: Pilot[None]) -> None:
        await open_question(pilot)
        for right in (True, False, True):
            await answer(pilot, right=right)
            await pilot.press("enter")
            await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("keys", [["f1"], ["down", "down", "enter"]], ids=["help", "topic"])
def test_home_dialogs(
    snap_compare: SnapCompare, tmp_path: Path, lang: str, keys: list[str]
) -> None:
    app = make_app(make_services(tmp_path, lang=lang))

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
def test_leave_confirmation(snap_compare: SnapCompare, tmp_path: Path, lang: str) -> None:
    app, open_question = question_app(tmp_path, lang, [QuestionType.ORDER])

    async def run_before(pilot: Pilot[None]) -> None:
        await open_question(pilot)
        await pilot.press("b", "a", "escape")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_too_small_terminal(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app = make_app(make_services(tmp_path))
    assert snap_compare(app, terminal_size=(50, 14), run_before=settle)
