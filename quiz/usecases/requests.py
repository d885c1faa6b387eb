"""What the player asks for, as plain values: made by the CLI, menus and the palette, carried
to the use cases in quiz.usecases.play. Light on imports, so the app can name them at start-up."""

from __future__ import annotations

from dataclasses import dataclass

from quiz.engine.modes import Mode


@dataclass(frozen=True, slots=True)
class PlayRequest:
    """A run to start: the mode and what narrows it (from the CLI, a menu or the palette)."""

    mode: Mode
    topic: str | None = None
    opponents: int = 3
    count: int | None = None
    seed: int | None = None
    paper: int | None = None
    """An assigned paper to take (quiz.usecases.papers): an exam over its questions."""
