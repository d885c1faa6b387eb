"""A served session under its memory cap: a MemoryError in a handler ends the app at once,
quietly (no traceback of every frame's locals, made while memory is short and shown to the
player), and the session says so with its own exit status (quiz.tui.textual_fixes, fix 4)."""

from __future__ import annotations

import asyncio

import pytest
from textual.app import App

from quiz.tui.textual_fixes import end_quietly_on_memory_error


class Greedy(App[None]):
    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def on_mount(self) -> None:
        self.set_timer(0.05, self.grow)

    def grow(self) -> None:
        raise self.error


async def test_a_memory_error_ends_the_app_quietly(capsys: pytest.CaptureFixture[str]) -> None:
    app = Greedy(MemoryError())
    ran_out = end_quietly_on_memory_error(app)
    await asyncio.wait_for(app.run_async(headless=True), 30)
    assert ran_out()
    assert app.return_code == 1
    assert "Traceback" not in capsys.readouterr().err


async def test_other_errors_keep_textual_s_own_handling(
    capsys: pytest.CaptureFixture[str],
) -> None:
    app = Greedy(ValueError("not memory"))
    ran_out = end_quietly_on_memory_error(app)
    await asyncio.wait_for(app.run_async(headless=True), 30)
    assert not ran_out()
    assert app.return_code == 1
    assert "not memory" in capsys.readouterr().err  # Textual's traceback
