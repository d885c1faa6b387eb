"""Starting the TUI: check the database, then run the app. No click here, so that `quiz` on
its own (the common case) starts without loading the command-line machinery."""

from __future__ import annotations

import gc
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.i18n import t
from quiz.system.settings import Settings, resolve_settings

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.screen import Screen

    from quiz.contest.engine import ContestPlan
    from quiz.rooms.model import RoomSettings
    from quiz.usecases.requests import PlayRequest

REFUSED = {"store.newer_schema", "store.not_a_file"}
GC_PAUSE_LIMIT_SECONDS = 5.0
"""The longest the cyclic collector is paused at start-up (a first frame that never comes)."""


def check_database(settings: Settings) -> None:
    """Refuse to start on a database quiz cannot use (untouched, with a clear message), or
    move it aside when asked — only when the file itself is bad (not SQLite, another program's,
    damaged). A database that cannot be used now (locked, read-only, full) is no reason to stop:
    the quiz is played and says that scores cannot be saved. A PostgreSQL server that does not
    answer, or a database quiz cannot use there, is a clear message and exit 1."""
    from quiz.system.locations import is_url

    if is_url(settings.db):
        check_server(str(settings.db))
        return
    from quiz.store.sqlite.schema import probe

    path = Path(settings.db)
    exc = probe(path)
    if exc is None or not (exc.bad or exc.code in REFUSED):
        return
    from quiz.cli.output import say

    say(exc.message, "bold red", error=True)
    if exc.bad and settings.move_bad_db and path.is_file():
        from quiz.system.files import move_aside

        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = move_aside(path, f"{path.name}.bad-{stamp}", ("-wal", "-shm"))
        say(t("store.moved", backup=backup), error=True)
        return
    if exc.bad:
        say(t("store.move_hint"), error=True)
    raise SystemExit(1)


def check_server(url: str) -> None:
    from quiz.store.postgres.database import probe

    exc = probe(url)
    if exc is not None:
        from quiz.cli.output import say

        say(exc.message, "bold red", error=True)
        raise SystemExit(1)


def check_terminal() -> None:
    """The TUI needs a terminal to read keys from and draw on: without one (`quiz play
    </dev/null`, a cron job) it would wait for input that never comes. A driver named in
    TEXTUAL_DRIVER (the headless one of the benchmarks, a web driver) brings its own."""
    import os

    if os.environ.get("TEXTUAL_DRIVER"):
        return
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        from quiz.cli.output import fail

        fail(t("cli.no_terminal"), code=2)


def run_tui(
    settings: Settings,
    request: PlayRequest | None = None,
    *,
    contest: ContestPlan | None = None,
    contest_csv: Path | None = None,
    contest_force: bool = False,
    first_screen: Callable[[], Screen[None]] | None = None,
) -> None:
    """Open the TUI (Textual is imported only here): on home, or playing `request`, hosting
    `contest`, or on `first_screen` once the bank is loaded."""
    check_terminal()
    check_database(settings)
    gc.disable()  # until the first frame: see resume_collection
    try:
        from quiz.usecases.services import Services

        services = Services(settings)
        services.start_loading()  # while Textual is imported and starts
        resume_collection(services.first_frame)
        from quiz.tui.app import QuizApp

        QuizApp(
            services, start=request, contest=contest, contest_csv=contest_csv,
            contest_force=contest_force, first_screen=first_screen,
        ).run()  # fmt: skip
    finally:
        gc.enable()


def resume_collection(first_frame: threading.Event) -> None:
    """Start-up makes objects that live as long as the process (Textual's and quiz's modules
    and classes, the stylesheet, home's widgets), and the cyclic collector, left on, walks
    them again and again as they are made: about 13 ms of the 200 before home is drawn. It is
    paused until the first frame (or GC_PAUSE_LIMIT_SECONDS), then what start-up made is moved
    out of its reach (gc.freeze: later collections skip it too) and it runs as usual."""

    def resume() -> None:
        first_frame.wait(GC_PAUSE_LIMIT_SECONDS)
        gc.freeze()
        gc.enable()

    threading.Thread(target=resume, name="quiz-gc", daemon=True).start()


def host_room(
    settings: Settings, room: RoomSettings, pin_file: Path | None = None,
    resume: str | None = None,
) -> None:  # fmt: skip
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
        from quiz.system.settings import SettingsProblem

        try:
            settings = resolve_settings()
        except SettingsProblem as problem:
            from quiz.cli.output import fail

            fail(t(problem.code, **problem.params), code=2)
        run_tui(settings)
        return
    from quiz.cli.main import main as cli_main

    cli_main()
