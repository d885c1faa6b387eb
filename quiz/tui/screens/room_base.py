"""What the host's and the players' room screens share: following the room from a worker, the
countdown by the store's clock, standings and the podium."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import TypeVar

from rich.text import Text
from textual import work
from textual.worker import get_current_worker

from quiz.engine.modes import Mode
from quiz.i18n import t
from quiz.reports.labels import mode_name
from quiz.rooms.model import RoomError, RoomKind, RoomPhase, RoomState, Seat
from quiz.tui.base import QuizScreen
from quiz.tui.screens.room_messages import RoomChanged, RoomFailed
from quiz.tui.widgets.timer import TimerBar
from quiz.usecases.room_client import Participant

PODIUM = 3
T = TypeVar("T")


class RoomScreen(QuizScreen[None]):
    participant: Participant | None = None
    state: RoomState | None = None
    received = 0.0
    """When `state` arrived (monotonic): the countdown runs on from the store's `remaining`."""

    def follow(self, participant: Participant) -> None:
        self.participant = participant
        self.watch_room()
        self.set_interval(0.2, self.tick)

    @work(thread=True, exclusive=True, group="room-watch")
    def watch_room(self) -> None:
        participant = self.participant
        assert participant is not None
        worker = get_current_worker()
        latest = self.attempt(participant.state)
        if latest is None:
            return
        self.post_message(RoomChanged(latest))
        while not worker.is_cancelled:
            state = self.attempt(lambda: participant.next_state(timeout=0.5))
            if state is not None:
                latest = state
                self.post_message(RoomChanged(state))
                if state.phase in (RoomPhase.FINISHED, RoomPhase.CLOSED):
                    return
            elif self.failed:
                return
            self.attempt(partial(self.meanwhile, participant, latest))

    def meanwhile(self, participant: Participant, state: RoomState) -> None:
        """What the watching worker does between changes, at least twice a second (`state`:
        the latest it has seen): the host checks in and counts answers, a player looks for
        the host."""

    failed = False
    """A store operation failed for longer than the retries (said once, in a notice)."""

    def attempt(self, action: Callable[[], T]) -> T | None:
        """Run a store operation (from a worker); a failure arrives as a RoomFailed message."""
        try:
            return action()
        except RoomError as exc:
            self.post_message(RoomFailed(exc.code, dict(exc.params)))
        except Exception as exc:  # the store went away for longer than the retries
            self.post_message(RoomFailed("room.store_failed", {"reason": str(exc)}))
        self.failed = True
        return None

    def on_room_changed(self, message: RoomChanged) -> None:
        if self.state is not None and message.state.version < self.state.version:
            return
        self.state = message.state
        self.received = time.monotonic()
        self.draw()

    def on_room_failed(self, message: RoomFailed) -> None:
        self.notify(t(message.code, **message.params), severity="error", timeout=10)

    def remaining(self) -> float:
        if self.state is None:
            return 0.0
        return max(0.0, self.state.remaining - (time.monotonic() - self.received))

    def tick(self) -> None:
        state = self.state
        if state is None or not self.is_current:
            return
        timer = self.query_one(TimerBar)
        timer.display = state.phase is RoomPhase.QUESTION
        timer.limit = float(state.seconds)
        timer.remaining = self.remaining()

    def draw(self) -> None:
        raise NotImplementedError

    # -- shared text ---------------------------------------------------------------------------

    def status_line(self, state: RoomState, extra: str = "") -> Text:
        """The room's PIN, or a matched race's mode (nobody joins it by its PIN)."""
        if state.kind is RoomKind.MATCH:
            title = mode_name(Mode.RACE, opponents=len(state.players) - 1)
        else:
            title = t("room.pin_label", pin=state.pin)
        text = Text(title, style="bold")
        if state.position >= 0:
            text.append("  ·  " + t("play.progress", n=state.position + 1, total=state.count))
        text.append("  ·  " + t("room.players", count=len(state.players)))
        if extra:
            text.append("  ·  " + extra)
        return text


def standings_text(state: RoomState, me: str | None = None, limit: int = 10) -> Text:
    text = Text()
    for rank, seat in enumerate(state.standings()[:limit], start=1):
        if rank > 1:
            text.append("\n")
        style = "bold reverse" if seat.name == me else ("bold" if rank <= PODIUM else "")
        text.append(f"{rank:>3}. ", style=style)
        text.append(seat.name, style=style)  # a name is data: appended literally
        text.append(f"  {seat.score}", style=style)
        text.append("  " + t("room.correct_count", count=seat.correct), style="dim")
    return text


def podium_seats(state: RoomState) -> tuple[Seat, ...]:
    return state.standings()[:PODIUM]
