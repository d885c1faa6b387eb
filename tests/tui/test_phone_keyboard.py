"""A browser session tells its page when a text field has the focus, so a phone opens its
on-screen keyboard for the login and a fill-in, and not for taps on options (issue 28)."""

from __future__ import annotations

from pathlib import Path

from textual import events

from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.login import LoginScreen
from tests.tui.test_serve_tui import Server, served_app
from tests.tui_support import settle, wait_for


async def test_the_page_is_told_while_a_text_field_has_the_focus(tmp_path: Path) -> None:
    app = served_app(tmp_path, login=Server())
    async with app.run_test(size=(40, 16)) as pilot:
        await wait_for(pilot, LoginScreen)
        app.tell_page_keyboard()
        assert app.keyboard_wanted is True
        app.post_message(events.AppBlur())  # the page lost the focus
        await settle(pilot)
        app.tell_page_keyboard()
        assert app.keyboard_wanted is True  # the login gets it back: still a text field
        app.post_message(events.AppFocus())
        await settle(pilot)
        await pilot.press(*"wang1", "enter", *"8-times", "enter")
        await wait_for(pilot, HomeScreen)
        app.tell_page_keyboard()
        assert app.keyboard_wanted is False  # the home menu: taps, no keyboard
