"""The host's room screen (`quiz room host`), for the projector: the PIN and the players as they
join (K kicks the highlighted one), then each question with its countdown, the answer's
distribution, the standings (big digits when there is room) and the podium.

Keys: Enter starts, moves from the distribution to the standings and on to the next question;
S skips the open question; K kicks; X closes the room; Esc leaves it (it can be resumed).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Digits, OptionList

from quiz.engine.checking import shown_answer, shown_option
from quiz.engine.response import option_label
from quiz.i18n import t
from quiz.rooms.model import (
    HOST_CHECK_IN_SECONDS,
    Distribution,
    RoomPhase,
    RoomSettings,
    RoomState,
)
from quiz.rooms.picking import room_questions
from quiz.text.safe import shown
from quiz.tui.base import ORGANISER_SIZE
from quiz.tui.messages import Result
from quiz.tui.screens.room_base import RoomScreen, podium_seats, standings_text
from quiz.tui.screens.room_messages import RoomChanged, RoomFailed, RoomProgress, RoomSpread
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.plain import Plain, plain_option
from quiz.tui.widgets.timer import TimerBar
from quiz.tui.widgets.wrap import WrapText
from quiz.usecases.room_client import Participant, RoomHost, connect


@dataclass(repr=False, eq=False)
class RoomOpened(Result):
    """The host's room is open."""

    host: RoomHost


BAR_WIDTH = 30
WAITING_NAMES = 12
"""The players still to answer named on the host's screen; more are counted."""
BIG_DIGITS_MIN = (110, 36)
"""Terminal size from which the standings show the top scores in big digits."""


class RoomHostScreen(RoomScreen):
    MIN_SIZE = ORGANISER_SIZE  # an organiser's screen (quiz.tui.base)
    BINDINGS = [
        Binding("enter", "next", "key.room_next"),
        Binding("s", "skip", "key.room_skip"),
        Binding("k", "kick", "key.room_kick"),
        Binding("x", "close_room", "key.room_close"),
        Binding("escape", "leave", "key.leave"),
    ]

    def __init__(
        self, settings: RoomSettings, pin_file: Path | None = None, resume: str | None = None
    ) -> None:
        super().__init__()
        self.settings = settings
        self.pin_file = pin_file
        self.resume = resume
        self.host: RoomHost | None = None
        self.spread: Distribution | None = None
        self.showing_standings = False
        self.progress: RoomProgress | None = None
        """Who has answered the open question, as last read."""
        self.checked_in = 0.0
        self.counted: tuple[int, tuple[str, ...]] | None = None
        """The watching worker's own: when the host last checked in, what it last counted."""

    def compose(self) -> ComposeResult:
        yield Plain(id="room-status")
        yield TimerBar(float(self.settings.seconds))
        with VerticalScroll(id="room-body"):
            yield WrapText(id="room-prompt")
            yield WrapText(id="room-detail")
            with Horizontal(id="room-big"):
                for place in range(3):
                    yield Digits("", id=f"room-big-{place}", classes="room-big-score")
        yield OptionList(id="room-lobby")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#room-status", Plain).update(t("room.opening"))
        self.query_one("#room-big").display = False
        self.open_room()

    @work(thread=True, exclusive=True, group="room-open")
    def open_room(self) -> None:
        host = self.attempt(self.connect_host)
        if host is None:
            return
        if self.pin_file is not None and self.resume is None:
            from quiz.rooms.pinfile import write_pin

            problem = write_pin(self.pin_file, host.pin)
            if problem is not None:
                self.post_message(RoomFailed(problem, {"path": self.pin_file}))
        self.post_message(RoomOpened(host))

    def connect_host(self) -> RoomHost:
        services = self.services
        rooms, watcher = connect(str(services.settings.db))
        keys = services.room_keys
        if self.resume is not None:  # a PIN that is not a room, or not this host's, fails here
            return RoomHost.resume(rooms, watcher, self.resume, keys, services.settings.user)
        questions = room_questions(
            services.library.bank.questions, self.settings.questions, self.settings.section
        )
        user = services.settings.user
        return RoomHost.open(rooms, watcher, user, self.settings, questions, keys)

    def on_room_opened(self, message: RoomOpened) -> None:
        self.opened(message.host)

    def opened(self, host: RoomHost) -> None:
        self.host = host
        self.follow(host)

    def on_room_failed(self, message: RoomFailed) -> None:
        super().on_room_failed(message)
        if self.host is None:
            self.dismiss()

    # -- following the room -------------------------------------------------------------------

    def on_room_changed(self, message: RoomChanged) -> None:
        before = self.state
        super().on_room_changed(message)
        state = self.state
        if state is None or (before is not None and before.version == state.version):
            return
        if state.phase is RoomPhase.REVEAL and (
            before is None or before.phase is not RoomPhase.REVEAL
        ):
            self.showing_standings = False
            self.spread = None
            self.fetch_spread(state.position)

    def meanwhile(self, participant: Participant, state: RoomState) -> None:
        """The host checks in (players are told when it is gone) and, while a question is
        open, reads who has answered: answers bump no version, so the count would otherwise
        stand still until the question closes."""
        assert isinstance(participant, RoomHost)
        now = time.monotonic()
        if now - self.checked_in >= HOST_CHECK_IN_SECONDS:
            participant.heartbeat()
            self.checked_in = now
        if state.phase is RoomPhase.QUESTION:
            counted = (state.position, participant.answered(state.position))
            if counted != self.counted:
                self.counted = counted
                self.post_message(RoomProgress(*counted))

    def on_room_progress(self, message: RoomProgress) -> None:
        state = self.state
        if state and state.phase is RoomPhase.QUESTION and state.position == message.position:
            self.progress = message
            self.draw()

    @work(thread=True, group="room-spread")
    def fetch_spread(self, position: int) -> None:
        host = self.host
        assert host is not None
        spread = self.attempt(lambda: host.rooms.distribution(host.room_id, position))
        if spread is not None:
            self.post_message(RoomSpread(position, spread))

    def on_room_spread(self, message: RoomSpread) -> None:
        if self.state is not None and self.state.position == message.position:
            self.spread = message.spread
            self.draw()

    def tick(self) -> None:
        super().tick()
        state = self.state
        if state is not None and state.phase is RoomPhase.QUESTION and self.remaining() <= 0:
            self.time_up(state, time.monotonic() - self.received)

    @work(thread=True, exclusive=True, group="room-move")
    def time_up(self, state: RoomState, waited: float) -> None:
        if self.host is not None:
            self.host.tick(state, waited)

    # -- drawing ------------------------------------------------------------------------------

    def draw(self) -> None:
        state = self.state
        if state is None:
            return
        waiting = self.waiting(state)
        count = state.answered if waiting is None else len(state.players) - len(waiting)
        answered = t("room.answered", count=count, total=len(state.players))
        extra = answered if state.phase is RoomPhase.QUESTION else ""
        self.query_one("#room-status", Plain).update(self.status_line(state, extra))
        prompt = self.query_one("#room-prompt", WrapText)
        detail = self.query_one("#room-detail", WrapText)
        lobby = self.query_one("#room-lobby", OptionList)
        lobby.display = state.phase is RoomPhase.LOBBY
        big = self.query_one("#room-big")
        big.display = False
        if state.phase is RoomPhase.LOBBY:
            prompt.update(self.lobby_text(state))
            detail.update("")
            self.fill_lobby(lobby, state)
            if not lobby.has_focus:
                lobby.focus()
        elif state.phase is RoomPhase.QUESTION:
            prompt.update(self.question_text(state))
            detail.update(self.waiting_text(waiting))
        elif state.phase is RoomPhase.REVEAL and not self.showing_standings:
            prompt.update(self.question_text(state))
            detail.update(self.spread_text(state))
        elif state.phase is RoomPhase.REVEAL:
            prompt.update(Text(t("room.standings"), style="bold"))
            detail.update(standings_text(state))
            self.show_big(state)
        else:
            title = t("room.over") if state.phase is RoomPhase.CLOSED else t("room.podium")
            prompt.update(Text(title, style="bold"))
            detail.update(standings_text(state))
            self.show_big(state)
        self.refresh_bindings()

    def waiting(self, state: RoomState) -> list[str] | None:
        """The players who have not answered the open question, as last read (None: some
        have, and who is not read yet)."""
        progress = self.progress
        if progress is not None and progress.position == state.position:
            done = set(progress.answered)
        elif state.answered == 0:
            done = set()
        else:
            return None
        return [seat.name for seat in state.players if seat.name not in done]

    def waiting_text(self, waiting: list[str] | None) -> Text:
        if not waiting:
            return Text()
        names = t("room.name_separator").join(shown(name) for name in waiting[:WAITING_NAMES])
        if len(waiting) > WAITING_NAMES:
            names += t("room.waiting_more", count=len(waiting) - WAITING_NAMES)
        return Text(t("room.waiting_for", names=names))  # names are data: Text, not markup

    def lobby_text(self, state: RoomState) -> Text:
        text = Text(t("room.join_with"), style="bold")
        text.append(f"  quiz room join {state.pin}\n", style="bold reverse")
        text.append(t("room.lobby_hint", count=len(state.players)))
        return text

    def fill_lobby(self, lobby: OptionList, state: RoomState) -> None:
        names = [shown(seat.name) for seat in state.players]
        listed = [str(lobby.get_option_at_index(i).prompt) for i in range(lobby.option_count)]
        if listed != names:
            highlighted = lobby.highlighted
            lobby.clear_options()
            lobby.add_options([plain_option(name) for name in names])  # names are data
            if names:
                lobby.highlighted = min(highlighted or 0, len(names) - 1)

    def question_text(self, state: RoomState) -> Text:
        question = state.question
        if question is None:
            return Text()
        text = Text("【" + t(f"type.{question.type.value}") + "】", style="bold")
        text.append(question.prompt, style="bold")
        for index, option in enumerate(question.options):
            text.append(f"\n  {option_label(index)}. ")
            text.append(shown_option(question.type, option))
        return text

    def spread_text(self, state: RoomState) -> Text:
        question = state.question
        spread = self.spread
        if question is None or spread is None:
            return Text(t("room.counting"))
        text = Text(t("play.right_answer"), style="bold green")
        text.append(shown_answer(question), style="bold")
        most = max((count for _key, count in spread.counts), default=0) or 1
        for key, count in spread.counts:
            right = key in question.answer
            label = option_label(question.options.index(key)) if key in question.options else "·"
            bar = "█" * round(BAR_WIDTH * count / most)
            text.append(f"\n{label} ", style="bold green" if right else "bold")
            text.append(f"{bar:<{BAR_WIDTH}} {count:>3}  ", style="green" if right else "")
            text.append(shown_option(question.type, key), style="dim")
        text.append("\n" + t("room.right_share", right=spread.right, answered=spread.answered))
        return text

    def show_big(self, state: RoomState) -> None:
        size = self.app.size
        big = self.query_one("#room-big")
        if size.width < BIG_DIGITS_MIN[0] or size.height < BIG_DIGITS_MIN[1]:
            return
        seats = podium_seats(state)
        big.display = bool(seats)
        for place in range(3):
            digits = self.query_one(f"#room-big-{place}", Digits)
            digits.update(str(seats[place].score) if place < len(seats) else "")

    # -- keys ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        phase = self.state.phase if self.state else None
        match action:
            case "next":
                return phase in (RoomPhase.LOBBY, RoomPhase.REVEAL)
            case "skip":
                return phase is RoomPhase.QUESTION
            case "kick":
                return phase is RoomPhase.LOBBY
            case "close_room":
                return phase not in (None, RoomPhase.FINISHED, RoomPhase.CLOSED)
        return True

    def action_next(self) -> None:
        state = self.state
        if state is None:
            return
        if state.phase is RoomPhase.LOBBY:
            if state.players:
                self.move("start")
            else:
                self.notify(t("room.nobody_yet"), severity="warning")
        elif state.phase is RoomPhase.REVEAL and not self.showing_standings:
            self.showing_standings = True
            self.draw()
        elif state.phase is RoomPhase.REVEAL:
            self.move("next")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # Enter on the lobby list starts the room, as Enter anywhere does
        self.action_next()

    def action_skip(self) -> None:
        self.move("next")

    def action_kick(self) -> None:
        lobby = self.query_one("#room-lobby", OptionList)
        if self.state is None or lobby.highlighted is None:
            return
        players = self.state.players
        if lobby.highlighted < len(players):
            self.move("kick", players[lobby.highlighted].name)

    def action_close_room(self) -> None:
        from quiz.tui.screens.confirm import ConfirmScreen

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.move("close")

        self.app.push_screen(ConfirmScreen(t("room.close_confirm")), confirmed)

    @work(thread=True, group="room-move")
    def move(self, what: str, name: str = "") -> None:
        host = self.host
        if host is None:
            return
        moves: dict[str, Callable[[], None]] = {
            "start": host.start, "next": host.next, "close": host.close,
            "kick": lambda: host.kick(name),
        }  # fmt: skip
        self.attempt(moves[what])

    def action_leave(self) -> None:
        state = self.state
        if state is not None and state.phase not in (RoomPhase.FINISHED, RoomPhase.CLOSED):
            self.notify(t("room.resume_hint", pin=state.pin), timeout=10)
        self.dismiss()
