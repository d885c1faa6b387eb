"""The app as a served session sees it: the browser's login screen, and nothing that reaches
the server's files or operating system."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from quiz.tui.app import QuizApp
from quiz.tui.hosted import GateReply
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.login import LoginScreen
from quiz.tui.served import Served
from quiz.tui.widgets.wrap import WrapText
from tests.tui_support import make_services, settle, wait_for

SnapCompare = Callable[..., bool]


class Server:
    """Answers the login screen as `quiz serve` does: one member, wang1 / 8-times."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []
        self.wait = 0.0

    def ask(self, login: str, passcode: str) -> GateReply:
        self.asked.append((login, passcode))
        if self.wait:
            return GateReply(None, self.wait)
        return GateReply("王一" if (login, passcode) == ("wang1", "8-times") else None)


def served_app(tmp_path: Path, lang: str = "en", login: Server | None = None,
               open_mode: bool = False) -> QuizApp:  # fmt: skip
    from quiz import i18n

    services = make_services(tmp_path, lang=lang, user="")
    i18n.set_language(lang)
    served = Served("web" if login else "ssh", login.ask if login else None, open_mode)
    return QuizApp(services, served=served)


def message(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#login-message", Static).render())


async def test_login_then_home_as_the_member(tmp_path: Path) -> None:
    server = Server()
    app = served_app(tmp_path, login=server)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, LoginScreen)
        await pilot.press(*"wang1", "enter", *"wrong", "enter")
        await settle(pilot)
        assert "Wrong login or passcode." in message(pilot)
        assert pilot.app.screen.query_one("#login-passcode", Input).value == ""
        await pilot.press(*"8-times", "enter")
        home = await wait_for(pilot, HomeScreen)
        assert app.services.settings.user == "王一"
        assert home.summary is not None
        assert server.asked == [("wang1", "wrong"), ("wang1", "8-times")]


async def test_keys_typed_ahead_land_in_the_field_they_were_typed_for(tmp_path: Path) -> None:
    """A fast typist's (or a slow link's) keys arrive together: the passcode typed straight after
    the login's Enter goes to the passcode, not the login (Textual moves focus a tick later)."""
    from textual import events
    from textual.keys import _character_to_key

    server = Server()
    app = served_app(tmp_path, login=server)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, LoginScreen)
        for char in "wang1\r8-times\r":
            key = "enter" if char == "\r" else _character_to_key(char)
            app.post_message(events.Key(key, char))  # all queued before any is handled
        await wait_for(pilot, HomeScreen)
        assert server.asked == [("wang1", "8-times")]


async def test_too_many_failures_say_how_long_to_wait(tmp_path: Path) -> None:
    server = Server()
    server.wait = 42.5
    app = served_app(tmp_path, login=server)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, LoginScreen)
        await pilot.press(*"wang1", "enter", *"8-times", "enter")
        await settle(pilot)
        assert "try again in 43 s" in message(pilot)
        assert isinstance(pilot.app.screen, LoginScreen)


async def test_open_mode_asks_for_a_name_only(tmp_path: Path) -> None:
    class Open(Server):
        def ask(self, login: str, passcode: str) -> GateReply:
            self.asked.append((login, passcode))
            return GateReply(login)

    server = Open()
    app = served_app(tmp_path, login=server, open_mode=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, LoginScreen)
        assert not pilot.app.screen.query("#login-passcode")
        await pilot.press(*"hana", "enter")
        await wait_for(pilot, HomeScreen)
        assert app.services.settings.user == "hana"
        assert server.asked == [("hana", "")]


async def test_served_sessions_cannot_switch_banks_or_reach_the_system(tmp_path: Path) -> None:
    app = served_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        home = await wait_for(pilot, HomeScreen)
        await pilot.press("k")
        await settle(pilot)
        assert pilot.app.screen is home  # no bank picker
        assert "K to switch" not in str(home.query_one("#home-stats", WrapText).render())
        commands = [command.title for command in app.get_system_commands(app.screen)]
        # The modes, the organisation report (read only), help, theme and quit: nothing that
        # saves files (Textual's screenshot), suspends the process or opens anything.
        assert len(commands) == 12
        assert not any(word in " ".join(commands).lower()
                       for word in ("screenshot", "save", "suspend", "keys", "open"))  # fmt: skip


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_login_screen(snap_compare: SnapCompare, tmp_path: Path, lang: str,
                      size: tuple[int, int]) -> None:  # fmt: skip
    app = served_app(tmp_path, lang=lang, login=Server())

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # a blinking cursor would make the picture a lottery
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
