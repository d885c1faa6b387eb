"""A served session's process, after `quiz.serve.session_process` has set up its terminal: the
app with the player the server logged in (SSH) or a login screen first (browser), on the terminal or
under Textual's web driver."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from quiz import i18n
from quiz.system.paths import db_path
from quiz.system.settings import Settings
from quiz.tui.hosted import OUT_OF_MEMORY, GateReply
from quiz.tui.textual_fixes import end_quietly_on_memory_error
from quiz.usecases.room_keys import RoomKeys
from quiz.usecases.services import Services

if TYPE_CHECKING:
    from collections.abc import Callable

    from quiz.tui.hosted import SessionSpec


@dataclass(frozen=True, slots=True)
class Served:
    """The app is played by a remote player: no bank switching, no files written, nothing
    that reaches the operating system."""

    transport: str
    login: Callable[[str, str], GateReply] | None = None
    """Set for the browser: the login screen asks the server through it."""
    open_mode: bool = False


def run(spec: SessionSpec, gate: int | None) -> None:
    from quiz.tui.app import QuizApp
    from quiz.tui.hosted import GateClient

    i18n.set_language(spec.lang)
    settings = Settings(lang=spec.lang, bank=Path(spec.bank), db=db_path(spec.db),
                        user=spec.player or "", theme=spec.theme)  # fmt: skip
    login = GateClient(gate).ask if gate is not None else None
    served = Served(spec.transport, login, spec.open_mode)
    driver = None
    if spec.transport == "web":
        from textual.drivers.web_driver import WebDriver

        driver = WebDriver
    services = Services(settings)
    # Served players share the host's data folder: their room tokens live in the session.
    services.room_keys = RoomKeys(str(settings.db))
    if login is None:
        services.start_loading()  # the player is known: the first frame can show their day
    app = QuizApp(services, served=served, driver_class=driver)
    ran_out = end_quietly_on_memory_error(app)
    app.run()
    sys.exit(OUT_OF_MEMORY if ran_out() else app.return_code or 0)
