"""双人对战 / 四人赛: first look for real opponents on the shared store (up to 15 s, Esc stops
looking), then play them in a matched room, or play simulated opponents as before."""

from __future__ import annotations

import time
from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.worker import get_current_worker

from quiz.i18n import t
from quiz.rooms.model import RoomError
from quiz.tui.base import QuizScreen
from quiz.tui.messages import Result
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.plain import Plain


@dataclass(repr=False, eq=False)
class MatchFound(Result):
    """The matched room's PIN (None: no real opponents; play simulated ones)."""

    pin: str | None


class MatchScreen(QuizScreen[str | None]):
    """Dismissed with the matched room's PIN, or None (nobody came, or the player stopped)."""

    BINDINGS = [Binding("escape", "stop", "key.stop_looking")]

    def __init__(self, players: int, wait: float) -> None:
        super().__init__()
        self.players = players
        self.wait = wait
        self.started = time.monotonic()

    def compose(self) -> ComposeResult:
        with Vertical(id="match"):
            yield Plain(t("match.looking", count=self.players - 1), id="match-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.set_interval(0.5, self.count_down)
        self.look()

    def count_down(self) -> None:
        left = max(0, round(self.wait - (time.monotonic() - self.started)))
        self.query_one("#match-status", Plain).update(
            t("match.looking", count=self.players - 1) + "  " + t("match.left", seconds=left)
        )

    @work(thread=True, exclusive=True, group="match")
    def look(self) -> None:
        from quiz.rooms.picking import room_questions
        from quiz.usecases.room_client import find_match

        services = self.services
        worker = get_current_worker()
        pin: str | None = None
        try:
            pin = find_match(
                str(services.settings.db), services.settings.user, self.players,
                room_questions(services.library.questions, 5), self.wait,
                cancelled=lambda: worker.is_cancelled or self.stopped, keys=services.room_keys,
            )  # fmt: skip
        except (RoomError, OSError, Exception):
            pin = None  # no shared store to look in: simulated opponents, as before
        self.post_message(MatchFound(pin))

    def on_match_found(self, message: MatchFound) -> None:
        self.dismiss(message.pin)

    stopped = False

    def action_stop(self) -> None:
        self.stopped = True
