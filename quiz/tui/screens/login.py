"""The login screen of a browser session: login and passcode (a name only, in open mode),
checked by the server; home comes after."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input

from quiz.i18n import t
from quiz.text.safe import UnsafeName, check_name
from quiz.tui.base import QuizScreen
from quiz.tui.hosted import GateReply
from quiz.tui.messages import Result
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.plain import Plain
from quiz.tui.widgets.wrap import WrapText

Ask = Callable[[str, str], GateReply]


@dataclass(repr=False, eq=False)
class LoginChecked(Result):
    """The host's verdict on a login (None: the host could not be asked)."""

    reply: GateReply | None


class LoginScreen(QuizScreen[str]):
    """Dismissed with the player's name once the server accepts the login."""

    # Enter is the screen's, with priority: the app runs it before it routes the next key, so
    # a login and passcode typed ahead in one go (a fast typist, a slow link) land in their own
    # fields. Textual's Input would move focus only once its Submitted message is handled, by
    # when the queued keys have all gone to the login.
    BINDINGS = [
        Binding("ctrl+q", "app.quit", "key.quit", priority=True),
        Binding("enter", "enter", show=False, priority=True),
    ]

    def __init__(self, ask: Ask, open_mode: bool) -> None:
        super().__init__()
        self.ask = ask
        self.open_mode = open_mode
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical(id="login"):
            yield Plain(t("app.title"), id="login-title")
            yield WrapText(t("login.open_hint" if self.open_mode else "login.hint"))
            yield Input(placeholder=t("login.name" if self.open_mode else "login.login"),
                        id="login-name", max_length=64)  # fmt: skip
            if not self.open_mode:
                yield Input(placeholder=t("login.passcode"), password=True,
                            id="login-passcode", max_length=256)  # fmt: skip
            yield Plain("", id="login-message")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#login-name", Input).focus()

    def action_enter(self) -> None:
        field = self.focused
        if not isinstance(field, Input):
            return
        if field.id == "login-name" and not self.open_mode:
            self.set_focus(self.query_one("#login-passcode", Input))
        # Read the fields once the keys already queued for this one are in it.
        field.call_later(self.entered, field.id == "login-name")

    def entered(self, on_name: bool) -> None:
        name_field = self.query_one("#login-name", Input)
        name = name_field.value.strip()
        if not name:
            self.set_focus(name_field)
            return
        try:
            check_name(name)  # a typed name is refused, never stored
        except UnsafeName as exc:
            message = t("cli.unsafe_name", char=exc.char, position=exc.index + 1)
            self.query_one("#login-message", Plain).update(message)
            self.set_focus(name_field)
            return
        if on_name and not self.open_mode:
            return  # on to the passcode, focused already
        passcode = "" if self.open_mode else self.query_one("#login-passcode", Input).value
        if not self.busy:
            self.busy = True
            self.check(name, passcode)

    @work(thread=True, exclusive=True, group="login")
    def check(self, name: str, passcode: str) -> None:
        try:
            answer = self.ask(name, passcode)
        except (OSError, ValueError):
            answer = None
        self.post_message(LoginChecked(answer))

    def on_login_checked(self, message: LoginChecked) -> None:
        self.checked(message.reply)

    def checked(self, answer: GateReply | None) -> None:
        self.busy = False
        message = self.query_one("#login-message", Plain)
        if answer is None:
            message.update(t("login.lost"))
            return
        if answer.player is not None:
            self.dismiss(answer.player)
            return
        if answer.full:
            message.update(t("serve.full"))
        elif answer.wait > 0:
            message.update(t("login.wait", seconds=int(answer.wait + 0.999)))
        else:
            message.update(t("login.refused" if not self.open_mode else "login.bad_name"))
        if not self.open_mode:
            passcode = self.query_one("#login-passcode", Input)
            passcode.value = ""
            self.set_focus(passcode)
