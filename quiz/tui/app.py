"""The Textual application: screens on top of `Services`; no rules of the game live here."""

from __future__ import annotations

import asyncio
import signal
import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.reactive import Reactive
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from quiz.engine.modes import RULES, Pool
from quiz.i18n import t
from quiz.tui import textual_fixes  # applied on import; also writes to the terminal
from quiz.tui.messages import (
    BankChanged,
    ChooseBank,
    HostContest,
    LoadFailed,
    Notice,
    NotSaved,
    OpenRoomRecord,
    OpenSession,
    Practise,
    ResumeRun,
    RunReady,
    ServicesReady,
    ShowBankErrors,
    StartRun,
    Warn,
)
from quiz.tui.themes import ANSI_DARK, ANSI_LIGHT, QUIZ_DARK, QUIZ_LIGHT, THEME_FOR
from quiz.usecases.services import Services

REQUESTS = (StartRun, Practise, ResumeRun, HostContest, OpenSession, OpenRoomRecord, ChooseBank,
            ShowBankErrors)  # fmt: skip
"""What a screen asks the app for: refused before a served session's login is checked."""

if TYPE_CHECKING:
    from textual.driver import Driver

    from quiz.contest.engine import ContestPlan
    from quiz.tui.served import Served
    from quiz.usecases.requests import PlayRequest

BANK_CHECK_SECONDS = 1.0
SERVED_BANK_CHECK_SECONDS = 10.0
"""A served host has many sessions watching one bank: each looks less often."""
KEYBOARD_CHECK_SECONDS = 0.2
KEYBOARD_SEQUENCE = "\x1b]7737;quiz-keyboard={}\x07"
"""An operating-system command no terminal knows (xterm.js and others ignore it): 1 when a
text field has the focus, 0 when not. The browser's page reads it (page.js)."""
FIRST_FRAME_WAIT_SECONDS = 1.0
TOAST_WIDTH, TOAST_GUTTER = 60, 3
"""Textual's toast: 60 cells at most half the screen, less its border and padding."""


class QuizApp(App[None]):
    CSS_PATH = "quiz.tcss"
    TITLE = "党史学习"
    # The palettes as class defaults: set in __init__, each would re-parse the stylesheet.
    ansi_theme_dark = Reactive(ANSI_DARK, init=False)
    ansi_theme_light = Reactive(ANSI_LIGHT, init=False)
    BINDINGS = [
        Binding("ctrl+q", "quit", "key.quit", priority=True),
        Binding("ctrl+p", "command_palette", "key.palette", priority=True),
        Binding("f1", "help", "key.help"),
        Binding("question_mark", "help", "key.help", show=False),
        Binding("ctrl+t", "toggle_theme", "key.theme", show=False),
    ]

    def __init__(
        self,
        services: Services,
        start: PlayRequest | None = None,
        contest: ContestPlan | None = None,
        contest_csv: Path | None = None,
        first_screen: Callable[[], Screen[None]] | None = None,
        served: Served | None = None,
        driver_class: type[Driver] | None = None,
        contest_force: bool = False,
    ) -> None:
        super().__init__(driver_class=driver_class)
        self.first_screen = first_screen
        """A screen opened once the bank is loaded (a room to host or join)."""
        self.served = served
        self.keyboard_wanted: bool | None = None
        """What the page was last told (tell_page_keyboard); None: nothing yet."""
        """Set when a remote player plays through `quiz serve`."""
        self.signed_in = served is None or served.login is None
        """False on a served session's login screen until the host has checked the login:
        until then nothing but the login screen (and quitting) is reachable."""
        self.contest_plan = contest
        self.contest_csv = contest_csv
        self.contest_force = contest_force
        """--force: the results CSV may replace an existing file."""
        self.services = services
        services.saving.recorder.on_error = self.scores_not_saved
        services.saving.recorder.on_outage = self.store_out_of_reach
        services.saving.recorder.on_back = self.store_back
        self.start_request = start
        self.last_request: PlayRequest | None = None
        self.ready = False
        """True once the bank and the store are loaded (tests wait for it)."""
        for theme in (QUIZ_DARK, QUIZ_LIGHT):
            self.register_theme(theme)
        self.start_theme(THEME_FOR.get(services.settings.theme, QUIZ_DARK.name))

    def start_theme(self, name: str) -> None:
        """Set the first theme without Textual's theme watcher: the watcher parses the whole
        stylesheet again (about 25 ms before the first frame, twice with the ANSI palettes).
        The stylesheet is not parsed yet, so its variables and the app's classes are all that
        need the theme; the ANSI filter was made for a dark theme (the class's palettes), so a
        light one goes the watcher's way."""
        theme = self.get_theme(name)
        if theme is None or not theme.dark:
            self.theme = name
            return
        self.set_reactive(QuizApp.theme, name)
        self.set_class(True, f"-theme-{name}", update=False)
        self.stylesheet.set_variables(self.get_css_variables())

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification of the quiz is shown literally (messages carry team names, paths,
        database errors): markup is never parsed, control characters are replaced. Lines break
        by the Chinese rules (a toast is at most half the screen wide: Textual would break
        "明天再来" / "！")."""
        from quiz.text.safe import shown
        from quiz.text.wrap import fill

        width = max(10, min(TOAST_WIDTH, self.size.width // 2) - TOAST_GUTTER)
        super().notify(fill(shown(message), width), title=shown(title), severity=severity,
                       timeout=timeout, markup=False)  # fmt: skip

    def get_default_screen(self) -> Screen[None]:
        """Home, at the bottom of the stack, composed before the first frame: pushed on top of
        Textual's blank default screen, it was drawn in two frames, the first one partial.
        The bank and the store load in a daemon thread, begun before Textual was imported
        (quitting never waits for it: the cache and config files are written atomically).
        The first frame waits a little for it: a home screen drawn once, with the bank and
        the day, is better than a fast empty one drawn twice; a bank that takes longer shows
        "loading" and fills in. A browser session starts on its login screen instead."""
        if self.served is not None and self.served.login is not None:
            return super().get_default_screen()
        from quiz.tui.screens.home import HomeScreen

        self.services.start_loading()
        self.services.wait_loaded(FIRST_FRAME_WAIT_SECONDS)
        return HomeScreen()  # it shows what was loaded when it mounts

    def on_mount(self) -> None:
        self.title = t("app.title")
        self.save_on_hangup()
        if self.served is not None and self.served.login is not None:
            # A browser session: the player is known after the login screen, so only the bank
            # and the store load meanwhile (today's summary is read for the player).
            self.push_screen(self.login_screen(), self.logged_in)
            threading.Thread(target=self.finish_loading, name="quiz-wait", daemon=True).start()
            self.set_interval(SERVED_BANK_CHECK_SECONDS, self.watch_bank)
            self.set_interval(KEYBOARD_CHECK_SECONDS, self.tell_page_keyboard)
            return
        self.call_after_refresh(self.services.first_frame.set)  # then the questions are built
        if self.services.wait_loaded(0):  # home was given a while for it (get_default_screen)
            self.call_later(self.services_ready)
        else:
            threading.Thread(target=self.finish_loading, name="quiz-wait", daemon=True).start()
        every = BANK_CHECK_SECONDS if self.served is None else SERVED_BANK_CHECK_SECONDS
        self.set_interval(every, self.watch_bank)

    def tell_page_keyboard(self) -> None:
        """A browser session tells its page whether a text field has the focus (the login,
        a fill-in's blanks, a room's PIN): a phone's page opens its on-screen keyboard for one
        and keeps it closed for taps on options (quiz/serve/templates/page.js reads it)."""
        from textual.widgets import Input

        focused = self.focused if self.app_focus else textual_fixes.focus_on_return(self)
        wanted = isinstance(focused, Input)
        if wanted != self.keyboard_wanted:
            self.keyboard_wanted = wanted
            textual_fixes.write_to_terminal(self, KEYBOARD_SEQUENCE.format(int(wanted)))

    def finish_loading(self) -> None:
        """Wait for the loading thread; whatever went wrong in it is shown on an error screen
        that says what to do (never "loading…" forever)."""
        services = self.services
        try:
            if not services.wait_loaded(None):
                if services.start_up.error is not None:
                    raise services.start_up.error
                services.load()
        except Exception as exc:
            self.post_message(LoadFailed(exc))  # dropped if the app quit meanwhile
            return
        self.post_message(ServicesReady())

    def login_screen(self) -> Screen[str]:
        from quiz.tui.screens.login import LoginScreen

        assert self.served is not None and self.served.login is not None
        return LoginScreen(self.served.login, self.served.open_mode)

    def logged_in(self, player: str | None) -> None:
        """The browser's player, as the server checked them: home is theirs."""
        from quiz.tui.screens.home import HomeScreen

        if player:
            services = self.services
            services.sign_in(player)
            self.signed_in = True
            self.push_screen(HomeScreen())

    def save_on_hangup(self) -> None:
        """A hang-up (the SSH client gone, the terminal closed) or SIGTERM (the server
        stopping) quits as Ctrl+Q does: pending answers are written, the run stays
        resumable."""
        if threading.current_thread() is not threading.main_thread():
            return
        loop = asyncio.get_running_loop()
        for number in (signal.SIGHUP, signal.SIGTERM):
            loop.add_signal_handler(number, self.exit)

    def on_load_failed(self, message: LoadFailed) -> None:
        self.loading_failed(message.error)

    def loading_failed(self, exc: Exception) -> None:
        from quiz.tui.screens.errors import LoadErrorScreen

        self.push_screen(LoadErrorScreen(exc, self.services.settings))

    def fault(self, error: BaseException | None) -> None:
        """A background task failed: say so (literally), keep the app up."""
        from quiz.usecases.services import fault_message

        self.notify(fault_message(error), severity="error", timeout=12)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.fault(event.worker.error)

    def scores_not_saved(self, exc: Exception) -> None:
        """Called from the recorder's thread when a write fails: say so once, play on."""
        self.post_message(NotSaved(str(exc)))

    def on_not_saved(self, message: NotSaved) -> None:
        self.notify(t("store.not_saved", reason=message.reason), severity="error", timeout=10)

    def on_services_ready(self, message: ServicesReady) -> None:
        self.services_ready()

    def store_out_of_reach(self, exc: Exception) -> None:
        """From the recorder's thread: the database server went away; answers wait for it."""
        self.post_message(Warn("store.retrying"))

    def store_back(self) -> None:
        self.post_message(Notice("store.back"))

    def on_notice(self, message: Notice) -> None:
        self.notify(t(message.key), timeout=5)

    def services_ready(self) -> None:
        from quiz.tui.screens.home import HomeScreen

        screen = self.screen
        if isinstance(screen, HomeScreen) and screen.is_mounted and not screen.loaded:
            screen.fill_in()
        if errors := self.services.library.all_errors:
            self.notify(t("home.bank_errors", count=len(errors)), severity="warning",
                        timeout=8)  # fmt: skip
        if self.services.saving.problem:
            self.notify(self.services.saving.problem, severity="error", timeout=10)
        if self.start_request is not None:
            request, self.start_request = self.start_request, None
            self.play(request)
        if self.contest_plan is not None:
            plan, self.contest_plan = self.contest_plan, None
            self.host_contest(plan)
        if self.first_screen is not None:
            make, self.first_screen = self.first_screen, None
            self.push_screen(make())
        self.ready = True

    # -- the bank: hot reload, errors, switching ------------------------------------------------

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def watch_bank(self) -> None:
        """Edited bank files are picked up; a broken edit leaves the last good bank in play."""
        if not self.services.loaded:
            return
        outcome = self.services.library.reload_if_changed()
        if outcome is not None:
            self.post_message(BankChanged(outcome))

    def on_bank_changed(self, message: BankChanged) -> None:
        from quiz.tui.screens.home import HomeScreen

        services = self.services
        if message.outcome == "updated":
            self.notify(t("bank.reloaded", count=len(services.library.questions)), timeout=4)
        else:
            self.notify(t("bank.rejected", count=len(services.library.rejected)), severity="error",
                        timeout=10)  # fmt: skip
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_summary()

    def on_show_bank_errors(self, message: ShowBankErrors) -> None:
        self.action_bank_errors()

    def on_choose_bank(self, message: ChooseBank) -> None:
        self.choose_bank()

    def action_bank_errors(self) -> None:
        from quiz.tui.screens.errors import BankErrorsScreen

        errors = self.services.library.all_errors
        if errors:
            self.push_screen(
                BankErrorsScreen(errors, rejected=bool(self.services.library.rejected))
            )

    def choose_bank(self) -> None:
        from quiz.bank.recent import known_banks
        from quiz.tui.screens.banks import BankPickerScreen

        current = self.services.settings.bank

        def chosen(bank: Path | None) -> None:
            if bank is not None and bank != current.resolve():
                self.switch_bank(bank)

        self.push_screen(BankPickerScreen(known_banks(current), current), chosen)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def switch_bank(self, bank: Path) -> None:
        self.services.switch_bank(bank)
        self.post_message(BankChanged("updated"))

    # -- starting and resuming runs: requests from screens, results from workers --------------

    def on_start_run(self, message: StartRun) -> None:
        self.play(message.request)

    def on_practise(self, message: Practise) -> None:
        self.practise(message.question_ids, study=message.study)

    def on_resume_run(self, message: ResumeRun) -> None:
        self.resume(message.session_id)

    def on_host_contest(self, message: HostContest) -> None:
        self.host_contest(message.plan, message.seed)

    def on_open_session(self, message: OpenSession) -> None:
        from quiz.tui.screens.session import SessionScreen

        self.push_screen(SessionScreen(message.session_id))

    def on_open_room_record(self, message: OpenRoomRecord) -> None:
        from quiz.tui.screens.room_record import RoomRecordScreen

        self.push_screen(RoomRecordScreen(message.room_id, message.role))

    def in_progress(self) -> list[Screen[object]]:
        """Screens holding a run or a contest that is not over."""
        return [s for s in self.screen_stack if getattr(s, "in_progress", False)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Before a served session's login is checked, no app key works but quitting: no
        palette, no help, no theme (what the login screen binds is its own). The palette
        does not open over a dialog that waits for an answer."""
        if not self.signed_in:
            return action == "quit"
        if action == "command_palette":
            from quiz.tui.base import QuizModal

            screen = self.screen
            return not (isinstance(screen, QuizModal) and screen.ANSWER_FIRST)
        return True

    def check_message_enabled(self, message: Message) -> bool:
        """Before a served session's login is checked, no request is taken: no run, no
        screen (a request made some other way is dropped here)."""
        if not self.signed_in and isinstance(message, REQUESTS):
            return False
        return super().check_message_enabled(message)

    def play(self, request: PlayRequest) -> None:
        """Start a run; topic practice first asks which topic when none was given. During a run
        (the command palette works everywhere) it first asks to leave it, as Esc does."""
        if not self.signed_in:
            return
        if self.in_progress():
            from quiz.tui.screens.confirm import ConfirmScreen

            def confirmed(yes: bool | None) -> None:
                if yes:
                    while self.in_progress():  # the run stays saved, to resume from home
                        self.pop_screen()
                    self.play(request)

            self.push_screen(ConfirmScreen(t("play.switch_confirm")), confirmed)
            return
        if RULES[request.mode].pool is Pool.TOPIC and request.topic is None:
            from quiz.tui.screens.topic import TopicScreen

            def chosen(topic: str | None) -> None:
                if topic:
                    self.play(replace(request, topic=topic))

            self.push_screen(TopicScreen(self.services.library.questions), chosen)
            return
        rivals = RULES[request.mode].rivals
        if rivals and request.seed is None and self.look_for_opponents(request):
            self.last_request = request
            return
        self.start_run(request)

    def look_for_opponents(self, request: PlayRequest) -> bool:
        """双人对战/四人赛 look for real opponents first; simulated ones fill in after the wait."""
        from quiz.rooms.model import match_wait_seconds
        from quiz.tui.screens.match import MatchScreen
        from quiz.tui.screens.room_player import RoomPlayerScreen

        wait = match_wait_seconds()
        if wait <= 0:
            return False

        def matched(pin: str | None) -> None:
            if pin is None:
                self.start_run(request)
            else:
                self.push_screen(RoomPlayerScreen(pin))

        self.push_screen(MatchScreen(request.opponents + 1, wait), matched)
        return True

    @work(thread=True, group="start", exit_on_error=False)
    def start_run(self, request: PlayRequest) -> None:
        from quiz.engine.selection import NothingToAsk
        from quiz.org.papers import PaperRefused

        try:
            run = self.services.runs.start(request)
        except NothingToAsk:
            self.post_message(Warn(f"nothing.{request.mode.value}"))
            return
        except PaperRefused as refused:  # closed, every attempt used, not for this member
            self.post_message(Warn(refused.code, refused.params))
            return
        self.post_message(RunReady(run, request))

    @work(thread=True, group="start", exit_on_error=False)
    def practise(self, question_ids: list[str], study: bool = False) -> None:
        """Practise the given questions: a past session's wrong answers as in the mistake book
        (each until right twice in a row), or a sentence's questions as study (`study`)."""
        from quiz.engine.selection import NothingToAsk

        try:
            run = self.services.runs.practise(question_ids, study=study)
        except NothingToAsk:
            self.post_message(Warn("nothing.practise"))
            return
        self.post_message(RunReady(run, None))

    @work(thread=True, group="start", exit_on_error=False)
    def resume(self, session_id: int) -> None:
        from quiz.usecases.requests import PlayRequest

        run = self.services.runs.resume(session_id)
        if run is not None:
            self.post_message(RunReady(run, PlayRequest(run.session.mode)))

    def on_run_ready(self, message: RunReady) -> None:
        from quiz.tui.screens.question import QuestionScreen

        self.last_request = message.request
        self.push_screen(QuestionScreen(message.run))

    def on_warn(self, message: Warn) -> None:
        self.notify(t(message.key, **(message.params or {})), severity="warning")

    def host_contest(self, plan: ContestPlan, seed: int | None = None) -> None:
        """Start a team contest over the bank (or the plan's sections and tags)."""
        from quiz.tui.screens.contest import ContestScreen
        from quiz.usecases.contest_run import TooFewQuestions

        try:
            run = self.services.runs.contest(plan, seed)
        except TooFewQuestions:
            self.notify(t("nothing.contest"), severity="warning")
            return
        self.push_screen(ContestScreen(run))

    # -- app-wide actions ----------------------------------------------------------------------

    def action_command_palette(self) -> None:
        """Textual's palette, asking in the UI's language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            placeholder = t("palette.placeholder")
            self.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))

    def action_help(self) -> None:
        from quiz.tui.screens.help import HelpScreen

        if not self.signed_in:
            return
        screen = self.screen
        if not isinstance(screen, HelpScreen):
            self.push_screen(HelpScreen(getattr(screen, "KEY_HELP", ())))  # that screen's keys

    def action_org(self) -> None:
        from quiz.tui.screens.org import OrgScreen

        if self.signed_in and not isinstance(self.screen, OrgScreen):
            self.push_screen(OrgScreen())

    def action_toggle_theme(self) -> None:
        self.theme = QUIZ_DARK.name if self.theme == QUIZ_LIGHT.name else QUIZ_LIGHT.name

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from quiz.tui.screens.home import PLAY_MENU
        from quiz.usecases.requests import PlayRequest

        if not self.signed_in:
            yield SystemCommand(t("key.quit"), t("help.quit"), self.exit)
            return
        for entry in PLAY_MENU:
            assert entry.mode is not None
            request = PlayRequest(entry.mode, opponents=entry.opponents)
            yield SystemCommand(
                t(f"mode.{entry.key}"), t(f"rule.{entry.key}"), lambda r=request: self.play(r)
            )
        yield SystemCommand(t("mode.org"), t("rule.org"), self.action_org)
        yield SystemCommand(t("key.help"), t("help.title"), self.action_help)
        yield SystemCommand(t("key.theme"), t("help.theme"), self.action_toggle_theme)
        yield SystemCommand(t("key.quit"), t("help.quit"), self.exit)

    def on_unmount(self) -> None:
        if threading.current_thread() is threading.main_thread():
            loop = asyncio.get_running_loop()
            for number in (signal.SIGHUP, signal.SIGTERM):
                loop.remove_signal_handler(number)
        self.services.close()
