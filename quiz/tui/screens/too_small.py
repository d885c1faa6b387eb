"""Shown instead of a broken layout when the terminal is too small."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from quiz.i18n import t
from quiz.tui.base import QuizModal


class TooSmallScreen(QuizModal[None]):
    def compose(self) -> ComposeResult:
        from quiz.tui.app import MIN_HEIGHT, MIN_WIDTH

        yield Static(t("app.too_small", width=MIN_WIDTH, height=MIN_HEIGHT), id="too-small")
