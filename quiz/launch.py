"""Starting the TUI: check the database, then run the app. No click here, so that `quiz` on
its own (the common case) starts without loading the command-line machinery."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import Any

from quiz.i18n import t
from quiz.settings import Settings, resolve_settings

UNREADABLE = {"store.not_a_database", "store.foreign_database", "store.not_a_file"}


def check_database(settings: Settings) -> None:
    """Refuse to start on a database quiz cannot use (untouched, with a clear message), or
    move it aside when asked. A location that cannot be written is no reason to stop: the quiz
    is played and says that scores cannot be saved."""
    from quiz.store.db import probe

    path = settings.db
    exc = probe(path)
    if exc is not None:
        from quiz.cli.output import err

        err().print(t(exc.code, **exc.params), style="bold red", markup=False)
        if exc.code in UNREADABLE and settings.move_bad_db and path.is_file():
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            backup = path.with_name(f"{path.name}.bad-{stamp}")
            path.rename(backup)
            err().print(t("store.moved", backup=backup), markup=False)
            return
        if exc.code in UNREADABLE:
            err().print(t("store.move_hint"), markup=False)
        raise SystemExit(1)


def run_tui(settings: Settings, request: Any = None, **options: Any) -> None:
    """Open the TUI (Textual is imported only here)."""
    check_database(settings)
    from quiz.services import Services

    services = Services(settings)
    services.start_loading()  # while Textual is imported and starts
    from quiz.tui.app import QuizApp

    QuizApp(services, start=request, **options).run()


def host_room(
    settings: Settings, room: Any, pin_file: Any = None, resume: str | None = None
) -> None:
    """`quiz room host`: the TUI opens on the host's room screen."""
    from quiz.tui.screens.room_host import RoomHostScreen

    run_tui(settings, first_screen=lambda: RoomHostScreen(room, pin_file, resume))


def join_room(settings: Settings, pin: str) -> None:
    """`quiz room join PIN`: the TUI opens on the player's room screen."""
    from quiz.tui.screens.room_player import RoomPlayerScreen

    run_tui(settings, first_screen=lambda: RoomPlayerScreen(pin))


def main() -> None:
    """The `quiz` command: bare, it opens the TUI directly; with arguments, the CLI parses them."""
    if len(sys.argv) == 1:
        run_tui(resolve_settings())
        return
    from quiz.cli import main as cli_main

    cli_main()
