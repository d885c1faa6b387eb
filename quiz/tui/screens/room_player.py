"""A player in a room (`quiz room join PIN`, or 加入房间 on home): the lobby, each question
answered with the usual keys (A–F, Enter), then right or wrong, the points and the rank."""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll

from quiz.bank.models import QuestionType
from quiz.engine.checking import shown_answer
from quiz.engine.response import OPTION_KEYS, ResponseBuilder
from quiz.i18n import t
from quiz.rooms.model import (
    HOST_CHECK_IN_SECONDS,
    AnswerOutcome,
    AnswerStatus,
    RoomError,
    RoomKind,
    RoomPhase,
    RoomState,
)
from quiz.tui.messages import Result
from quiz.tui.screens.room_base import RoomScreen, podium_seats, standings_text
from quiz.tui.screens.room_messages import HostPresence, RoomAnswered, RoomChanged, RoomFailed
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.options import OptionRow, OptionsView
from quiz.tui.widgets.plain import Plain
from quiz.tui.widgets.timer import TimerBar
from quiz.tui.widgets.wrap import WrapText
from quiz.usecases.room_client import Participant, RoomPlayer, connect


@dataclass(repr=False, eq=False)
class SeatTaken(Result):
    player: RoomPlayer
    state: RoomState


@dataclass(repr=False, eq=False)
class MatchBooked(Result):
    """A matched race is in the player's history, with these points."""

    points: int


class RoomOptions(OptionsView):
    """The options, drawn as soon as their rows exist (a new question's view is mounted)."""

    def on_mount(self) -> None:
        self.show([])


class RoomPlayerScreen(RoomScreen):
    BINDINGS = [
        Binding("enter", "submit", "key.submit"),
        Binding("backspace", "undo", "key.undo"),
        Binding("escape", "leave", "key.leave"),
        *[Binding(k, f"pick({i})", show=False) for i, k in enumerate(OPTION_KEYS)],
        *[Binding(k, f"pick({i})", show=False) for i, k in enumerate("123456")],
    ]

    def __init__(self, pin: str) -> None:
        super().__init__()
        self.pin = pin
        self.player: RoomPlayer | None = None
        self.builder: ResponseBuilder | None = None
        self.position = -1
        self.outcomes: dict[int, AnswerOutcome] = {}
        self.sent: set[int] = set()
        self.booked: bool | None = None
        """A matched race: None until it ends, False while booking, True once booked."""
        self.host_gone = False
        self.host_looked = 0.0
        self.host_seemed_gone = False
        """The watching worker's own: when it last looked for the host, and what it saw."""
        self.left = False

    def compose(self) -> ComposeResult:
        yield Plain(id="room-status")
        yield WrapText(id="room-notice")
        yield TimerBar(20.0)
        with VerticalScroll(id="room-body"):
            yield WrapText(id="room-prompt")
            yield Vertical(id="room-options")
            yield WrapText(id="room-result")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#room-status", Plain).update(t("room.joining", pin=self.pin))
        self.join()

    @work(thread=True, exclusive=True, group="room-join")
    def join(self) -> None:
        joined = self.attempt(self.take_seat)
        if joined is not None:
            self.post_message(SeatTaken(*joined))

    def take_seat(self) -> tuple[RoomPlayer, RoomState]:
        """Join; PINs that find no room make the next try in this session wait longer."""
        services = self.services
        backoff = services.join_backoff
        wait = backoff.wait_left()
        if wait:
            raise RoomError("room.too_many_guesses", seconds=wait)
        rooms, watcher = connect(str(services.settings.db))
        player = RoomPlayer(rooms, watcher, self.pin, services.settings.user, services.room_keys)
        try:
            joined = player.join()
        except RoomError as exc:
            if exc.code == "room.not_found":
                backoff.missed()
            watcher.close()
            raise
        backoff.found()
        return player, joined

    def on_seat_taken(self, message: SeatTaken) -> None:
        self.joined(message.player, message.state)

    def joined(self, player: RoomPlayer, state: RoomState) -> None:
        self.player = player
        self.pin = state.pin  # a matched race was joined by its id: say its PIN from now on
        self.post_message(RoomChanged(state))
        self.follow(player)

    def on_room_failed(self, message: RoomFailed) -> None:
        super().on_room_failed(message)
        if self.player is None:
            self.dismiss()

    # -- the host, and being asked to leave ------------------------------------------------------

    def meanwhile(self, participant: Participant, state: RoomState) -> None:
        """Every few seconds, in a hosted room still going: is the host there? With the host
        gone, a question whose time is up is ended here, so the players see the answer."""
        over = state.phase in (RoomPhase.FINISHED, RoomPhase.CLOSED)
        if state.kind is not RoomKind.ROOM or over:
            return
        now = time.monotonic()
        if now - self.host_looked < HOST_CHECK_IN_SECONDS:
            return
        self.host_looked = now
        assert isinstance(participant, RoomPlayer)
        gone = participant.host_gone()
        if gone != self.host_seemed_gone:
            self.host_seemed_gone = gone
            self.post_message(HostPresence(gone))
        if gone:
            participant.end_question_if_due(state)

    def on_host_presence(self, message: HostPresence) -> None:
        if message.gone == self.host_gone:
            return
        self.host_gone = message.gone
        notice = self.query_one("#room-notice", WrapText)
        notice.display = message.gone
        if message.gone:
            notice.update(Text(t("room.host_gone", pin=self.pin), style="bold"))
            self.notify(t("room.host_gone_short"), severity="warning", timeout=8)
        else:
            self.notify(t("room.host_back"), timeout=5)

    def kicked(self) -> None:
        """The host asked this player to leave: say so, and go back home."""
        if not self.left:
            self.left = True
            self.notify(t("room.kicked", pin=self.pin), severity="warning", timeout=10)
            self.dismiss()

    # -- drawing ------------------------------------------------------------------------------

    def draw(self) -> None:
        state = self.state
        if state is None:
            return
        me = self.services.settings.user
        seat = state.seat(me)
        extra = t("room.my_score", score=seat.score if seat else 0)
        self.query_one("#room-status", Plain).update(self.status_line(state, extra))
        prompt = self.query_one("#room-prompt", WrapText)
        result = self.query_one("#room-result", WrapText)
        options = self.query_one("#room-options", Vertical)
        if state.phase is RoomPhase.LOBBY:
            prompt.update(t("room.waiting_start"))
            options.display = False
            result.update(standings_text(state, me))
        elif state.phase is RoomPhase.QUESTION and state.question is not None:
            if state.position != self.position:
                self.position = state.position
                question = state.question
                self.builder = ResponseBuilder(question.type, question.options)
                options.remove_children()
                options.mount(RoomOptions(question.type, question.options))
            options.display = True
            prompt.update(self.prompt_text(state))
            assert self.builder is not None
            self.show_options(self.builder.chosen)
            answered = state.position in self.sent
            hint = t(f"hint.{state.question.type.value}")  # the keys of this type, as in play
            result.update(t("room.answered_wait") if answered else hint)
        elif state.phase is RoomPhase.REVEAL and state.question is not None:
            options.display = True
            prompt.update(self.prompt_text(state))
            right = {i for i, o in enumerate(state.question.options) if o in state.question.answer}
            self.show_options(self.builder.chosen if self.builder else [], right)
            result.update(self.reveal_text(state))
        else:
            options.display = False
            prompt.update(t("room.over") if state.phase is RoomPhase.CLOSED else t("room.podium"))
            result.update(self.podium_text(state))
        self.refresh_bindings()

    def show_options(self, chosen: list[int], right: set[int] | None = None) -> None:
        views = self.query(OptionsView)
        if views:
            views.first().show(chosen, right)

    def prompt_text(self, state: RoomState) -> Text:
        assert state.question is not None
        text = Text("【" + t(f"type.{state.question.type.value}") + "】", style="bold")
        text.append(state.question.prompt, style="bold")
        return text

    def reveal_text(self, state: RoomState) -> Text:
        assert state.question is not None
        outcome = self.outcomes.get(state.position)
        if outcome is None:
            text = Text(t("room.no_answer"), style="bold yellow")
        elif outcome.correct:
            text = Text(t("room.right", points=outcome.points), style="bold green")
            if outcome.streak > 1:
                text.append("  " + t("room.streak", count=outcome.streak))
        else:
            text = Text(t("room.wrong"), style="bold red")
        text.append("\n" + t("play.right_answer"))
        text.append(shown_answer(state.question), style="bold")
        rank = state.rank(self.services.settings.user)
        if rank is not None:
            text.append("\n" + t("room.rank", rank=rank, count=len(state.players)))
        return text

    def podium_text(self, state: RoomState) -> Text:
        text = Text()
        for place, seat in enumerate(podium_seats(state), start=1):
            text.append(t(f"room.place.{place}") + " ", style="bold")
            text.append(seat.name, style="bold")
            text.append(f"  {seat.score}\n")
        rank = state.rank(self.services.settings.user)
        if rank is not None:  # the room is over: the place is final
            text.append("\n" + t("room.final_rank", rank=rank, count=len(state.players)),
                        style="bold")  # fmt: skip
        return text

    # -- keys ---------------------------------------------------------------------------------

    def answering(self) -> bool:
        state = self.state
        return (
            state is not None
            and state.phase is RoomPhase.QUESTION
            and state.position not in self.sent
            and self.builder is not None
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("submit", "pick"):
            return self.answering()
        if action == "undo":  # only an ordering question has a last step to take back
            question = self.state.question if self.state else None
            return self.answering() and question is not None and question.type is QuestionType.ORDER
        return True

    def action_pick(self, index: int) -> None:
        if self.answering() and self.builder is not None and self.builder.pick(index):
            self.draw()

    def on_option_row_picked(self, message: OptionRow.Picked) -> None:
        self.action_pick(message.index)

    def action_undo(self) -> None:
        if self.answering() and self.builder is not None and self.builder.undo():
            self.draw()

    def action_submit(self) -> None:
        state, builder = self.state, self.builder
        if not self.answering() or state is None or builder is None or not builder.ready:
            return
        self.sent.add(state.position)
        self.send(state.position, builder.given())
        self.draw()

    @work(thread=True, group="room-answer")
    def send(self, position: int, given: tuple[str, ...]) -> None:
        player = self.player
        assert player is not None
        outcome = self.attempt(lambda: player.answer(position, given))
        if outcome is not None:
            self.post_message(RoomAnswered(position, outcome))

    def on_room_answered(self, message: RoomAnswered) -> None:
        outcome = message.outcome
        if outcome.status in (AnswerStatus.RECORDED, AnswerStatus.REPEATED):
            self.outcomes[message.position] = outcome
        elif outcome.status is AnswerStatus.LATE:
            self.notify(t("room.too_late"), severity="warning")
        elif outcome.status is AnswerStatus.NOT_SEATED:
            self.kicked()
            return
        elif outcome.status is AnswerStatus.REFUSED:
            self.notify(t("room.seat_refused"), severity="error")
        self.draw()

    # -- a matched race: no host, any player's process moves it on ------------------------------

    def tick(self) -> None:
        super().tick()
        state = self.state
        if state is None or state.kind is not RoomKind.MATCH:
            return
        due = (state.phase is RoomPhase.QUESTION and self.remaining() <= 0) or (
            state.phase is RoomPhase.REVEAL
            and state.reveal_until is not None
            and state.reveal_until - state.now <= time.monotonic() - self.received
        )
        if due:
            self.move_on(state.version)

    @work(thread=True, exclusive=True, group="room-move")
    def move_on(self, version: int) -> None:
        player = self.player
        if player is not None:
            with contextlib.suppress(Exception):  # another player's process may have done it
                player.rooms.advance(player.room_id, version)

    def on_room_changed(self, message: RoomChanged) -> None:
        super().on_room_changed(message)
        state = self.state
        seat = state.seat(self.services.settings.user) if state is not None else None
        if seat is not None and seat.kicked:
            self.kicked()
            return
        if (
            state is not None
            and state.kind is RoomKind.MATCH
            and state.phase is RoomPhase.FINISHED
            and self.booked is None
        ):
            self.booked = False
            self.book()

    @work(thread=True, exclusive=True, group="room-book")
    def book(self) -> None:
        player, runs = self.player, self.services.runs
        assert player is not None
        outcome = self.attempt(lambda: runs.book_match(player.rooms, player.room_id))
        if outcome is not None:
            self.post_message(MatchBooked(outcome.points))

    def on_match_booked(self, message: MatchBooked) -> None:
        self.booked_points(message.points)

    def booked_points(self, points: int) -> None:
        self.booked = True
        self.notify(t("room.match_points", points=points), timeout=8)

    def action_leave(self) -> None:
        self.dismiss()
