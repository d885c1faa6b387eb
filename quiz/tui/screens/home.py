"""Home: the modes with their rules, today's points, streaks, and a run to resume."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from quiz.engine.modes import Mode
from quiz.system import paths

if TYPE_CHECKING:
    from quiz.contest.engine import ContestPlan
from quiz.i18n import Plural, t
from quiz.reports.labels import session_name, short_time
from quiz.tui.base import NARROW_WIDTH, QuizScreen
from quiz.tui.messages import (
    ChooseBank,
    HostContest,
    ResumeRun,
    RunDropped,
    ShowBankErrors,
    StartRun,
    SummaryReady,
)
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.plain import Plain, plain_option
from quiz.tui.widgets.wrap import WrapText, wrap_text
from quiz.usecases.read_side import HomeSummary


class MenuEntry(NamedTuple):
    key: str
    mode: Mode | None
    opponents: int = 3


MENU = (
    MenuEntry("daily", Mode.DAILY),
    MenuEntry("challenge", Mode.CHALLENGE),
    MenuEntry("topic", Mode.TOPIC),
    MenuEntry("race", Mode.RACE, 3),
    MenuEntry("duel", Mode.RACE, 1),
    MenuEntry("exam", Mode.EXAM),
    MenuEntry("mistakes", Mode.MISTAKES),
    MenuEntry("study", Mode.STUDY),
    MenuEntry("contest", None),
    MenuEntry("room", None),
    MenuEntry("history", None),
    MenuEntry("stats", None),
    MenuEntry("board", None),
    MenuEntry("org", None),
    MenuEntry("bank", None),
    MenuEntry("article", None),
)
MENU_MARGIN = 8
"""Columns of the screen outside the options' text when the menu does not scroll: home's
padding (2), the menu's border (2) and padding (2), each option's padding (2)."""
MENU_BORDER_ROWS = 2
SCROLLBAR_COLUMNS = 1  # the stylesheet's scrollbar-size-vertical for #mode-menu
PLAY_MENU = tuple(e for e in MENU if e.mode is not None)


def menu_prompt(entry: MenuEntry, name_width: int, width: int) -> Text:
    """Name and rule on one line, the rule wrapped under itself when the menu is narrow; on a
    phone's width (`narrow_menu`) the name alone, so the menu shows most modes at once (the
    rules are in the help, F1)."""
    name = t(f"mode.{entry.key}")
    text = Text(name, style="bold")
    if narrow_menu(width):
        return text
    text.append(" " * (name_width - cell_len(name) + 2))
    text.append(t(f"rule.{entry.key}"), style="dim")
    return wrap_text(text, width, hanging=name_width + 2) if width > name_width + 12 else text


def narrow_menu(width: int) -> bool:
    """A menu this many columns wide is on a narrow screen (see quiz.tui.base.NARROW_WIDTH)."""
    return width + MENU_MARGIN < NARROW_WIDTH


def menu_prompts(width: int) -> list[Text]:
    name_width = max(cell_len(t(f"mode.{e.key}")) for e in MENU)
    return [menu_prompt(entry, name_width, width) for entry in MENU]


def menu_options(prompts: list[Text]) -> list[Option]:
    """The menu's entries, with their prompts as wrapped by `menu_prompts`."""
    return [plain_option(prompt, id=e.key) for e, prompt in zip(MENU, prompts, strict=True)]


class HomeScreen(QuizScreen[None]):
    KEY_HELP = (
        ("↑↓  Enter", "help.home.menu"),
        ("P", "help.home.papers"),
        ("C / X", "help.resume"),
        ("H / S / L / O", "help.home.views"),
        ("B / A", "help.home.author"),
        ("K / E", "help.home.bank"),
    )
    BINDINGS = [
        # Priority: the menu's own Enter is hidden, and the footer should say what Enter does.
        Binding("enter", "choose", "key.open", priority=True),
        Binding("p", "papers", "key.papers"),
        Binding("c", "resume", "key.resume"),
        Binding("x", "drop", "key.drop"),
        Binding("h", "open('history')", "key.history"),
        Binding("s", "open('stats')", "key.stats"),
        Binding("a", "open('article')", "key.article"),
        Binding("b", "open('bank')", "key.bank"),
        Binding("l", "open('board')", "key.board"),
        Binding("o", "open('org')", "key.org"),
        Binding("k", "choose_bank", "key.banks"),
        Binding("e", "errors", "key.errors"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.menu_width = 0
        self.summary: HomeSummary | None = None
        self.loaded = False
        self.resumed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="home"):
            yield Plain(t("app.title"), id="home-title")
            yield WrapText(t("home.loading"), id="home-stats")
            papers = OptionList(id="home-papers")
            papers.border_title = t("home.papers")
            papers.display = False
            yield papers
            # Right the first time where the menu does not scroll (so it is not built twice on
            # start-up); `fit` takes the scrollbar's column where it does.
            self.menu_width = self.app.size.width - MENU_MARGIN
            yield OptionList(*menu_options(menu_prompts(self.menu_width)), id="mode-menu")
            yield WrapText("", id="home-resume")
        yield KeyBar()

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit)

    def fit(self) -> None:
        """The menu gets the rows the other lines leave (it scrolls), so its frame and the line
        below it stay on screen at 80×24 too (`max-height: 1fr` counts the whole box). Its
        options are wrapped to its width, less the scrollbar's column when they are more lines
        than its rows: worked out here, because the scrollbar is laid out only after this."""
        home = self.query_one("#home")
        menu = self.query_one("#mode-menu", OptionList)
        others = sum(
            child.outer_size.height + child.styles.margin.top + child.styles.margin.bottom
            for child in home.children
            if child is not menu and child.display
        )
        rows = max(5, home.content_region.height - others)
        menu.styles.max_height = rows
        width = menu.content_region.width - 2  # each option has padding 0 1
        prompts = menu_prompts(width)
        if sum(prompt.plain.count("\n") + 1 for prompt in prompts) > rows - MENU_BORDER_ROWS:
            width -= SCROLLBAR_COLUMNS
            prompts = menu_prompts(width)
        if width == self.menu_width:
            return
        self.menu_width = width
        highlighted = menu.highlighted
        menu.clear_options()
        menu.add_options(menu_options(prompts))
        menu.highlighted = highlighted if highlighted is not None else 0

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.fill_in()

    def fill_in(self) -> None:
        """Today's summary, once the bank and the store are loaded: the one read while loading
        when there is one (so the first frame shows it), else read afresh."""
        preloaded, self.services.start_up.summary = self.services.start_up.summary, None
        if preloaded is not None:
            self.show_summary(preloaded)
        elif self.services.loaded:
            self.refresh_summary()

    def on_screen_resume(self) -> None:
        if self.resumed and self.services.loaded:
            self.refresh_summary()  # back from a run or another screen: the day has moved on
        self.resumed = True

    @work(thread=True, exclusive=True, group="summary", exit_on_error=False)
    def refresh_summary(self) -> None:
        """A newer refresh cancels this one: a summary read before a drop is not shown."""
        summary = self.services.read.summary()
        if not get_current_worker().is_cancelled:
            self.post_message(SummaryReady(summary))

    def on_summary_ready(self, message: SummaryReady) -> None:
        self.show_summary(message.summary)

    def show_summary(self, summary: HomeSummary) -> None:
        self.summary = summary
        self.loaded = True
        services = self.services
        stats = t(
            "home.stats",
            user=services.settings.user,
            points=summary.points_today,
            most=summary.points_max,
            left=summary.left_total,
            streak=Plural("count.days", summary.study_streak),
            best=summary.best_challenge,
        )
        count = services.library.question_count
        bundled = services.settings.bank.resolve() == paths.bundled_bank().resolve()
        where = t("home.bundled") if bundled else paths.display_path(services.settings.bank)
        bank = (t("home.bank_served", count=count) if self.quiz.served is not None
                else t("home.bank", count=count, path=where))  # fmt: skip
        if services.library.all_errors:
            bank += "  " + t("home.bank_errors", count=len(services.library.all_errors))
        if services.saving.problem:
            bank += "  " + t("home.not_saved")
        study = t("home.study", due=summary.study.due_today, new=summary.study.new_today)
        self.query_one("#home-stats", WrapText).update(f"{stats}\n{study}\n{bank}")
        self.show_papers(summary)
        resume = self.query_one("#home-resume", WrapText)
        if summary.first_run and not summary.resumable:
            resume.update(t("help.first_run"))  # one line, until the first run is played
            resume.display = True
        elif summary.resumable:
            row = summary.resumable[0]
            resume.update(
                t(
                    "home.resume",
                    mode=session_name(row),
                    answered=summary.resume_answered,
                    started=short_time(row.started_at),
                )
            )
            resume.display = True
        else:
            resume.display = False
        self.refresh_bindings()
        self.call_after_refresh(self.fit)

    def show_papers(self, summary: HomeSummary) -> None:
        """待完成的试卷: each open paper with its closing time, Enter to take it."""
        papers = self.query_one("#home-papers", OptionList)
        was_focused = papers.has_focus
        papers.clear_options()
        for open_paper in summary.papers:
            paper = open_paper.paper
            limit = t("home.paper_minutes", minutes=paper.minutes) if paper.minutes else ""
            left = open_paper.attempts_left
            line = t("home.paper", title=paper.title, closes=short_time(paper.closes),
                     left=left, questions=paper.questions, limit=limit)  # fmt: skip
            papers.add_option(plain_option(line, id=f"paper-{paper.id}"))
        papers.display = bool(summary.papers)
        if summary.papers:
            papers.highlighted = 0
        elif was_focused:
            self.query_one("#mode-menu", OptionList).focus()

    def action_papers(self) -> None:
        if self.summary and self.summary.papers:
            self.query_one("#home-papers", OptionList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "papers":
            return bool(self.summary and self.summary.papers)
        if action in ("resume", "drop"):
            return bool(self.summary and self.summary.resumable)
        if action == "errors":
            return bool(self.services.library.all_errors)
        if action == "choose_bank":  # the server chose the bank
            return self.quiz.served is None
        return True

    def action_choose(self) -> None:
        papers = self.query_one("#home-papers", OptionList)
        (papers if papers.has_focus else self.query_one("#mode-menu", OptionList)).action_select()

    def action_errors(self) -> None:
        self.post_message(ShowBankErrors())

    def action_choose_bank(self) -> None:
        if self.quiz.served is None:
            self.post_message(ChooseBank())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from quiz.usecases.requests import PlayRequest

        if event.option_list.id == "home-papers" and event.option.id:
            paper = int(event.option.id.removeprefix("paper-"))
            self.post_message(StartRun(PlayRequest(Mode.EXAM, paper=paper)))
            return
        entry = next(e for e in MENU if e.key == event.option.id)
        if entry.mode is None:
            self.action_open(entry.key)
        else:
            self.post_message(StartRun(PlayRequest(entry.mode, opponents=entry.opponents)))

    def action_open(self, view: str) -> None:
        if view == "contest":
            self.setup_contest()
            return
        if view == "room":
            self.join_room()
            return
        from quiz.tui.screens.article import ArticleScreen
        from quiz.tui.screens.bank import BankScreen
        from quiz.tui.screens.history import HistoryScreen
        from quiz.tui.screens.leaderboard import LeaderboardScreen
        from quiz.tui.screens.org import OrgScreen
        from quiz.tui.screens.stats import StatsScreen

        screens = {
            "history": HistoryScreen,
            "stats": StatsScreen,
            "board": LeaderboardScreen,
            "bank": BankScreen,
            "article": ArticleScreen,
            "org": OrgScreen,
        }
        self.app.push_screen(screens[view]())

    def join_room(self) -> None:
        from quiz.tui.screens.room_join import JoinRoomScreen
        from quiz.tui.screens.room_player import RoomPlayerScreen

        def chosen(pin: str | None) -> None:
            if pin is not None:
                self.app.push_screen(RoomPlayerScreen(pin))

        self.app.push_screen(JoinRoomScreen(), chosen)

    def setup_contest(self) -> None:
        from quiz.tui.screens.contest_dialogs import ContestSetupScreen

        def chosen(plan: ContestPlan | None) -> None:
            if plan is not None:
                self.post_message(HostContest(plan))

        self.app.push_screen(ContestSetupScreen(), chosen)

    def action_resume(self) -> None:
        if self.summary and self.summary.resumable:
            self.post_message(ResumeRun(self.summary.resumable[0].id))

    def action_drop(self) -> None:
        from quiz.tui.screens.confirm import ConfirmScreen

        if not (self.summary and self.summary.resumable):
            return
        row = self.summary.resumable[0]

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.drop(row.id)

        self.app.push_screen(ConfirmScreen(t("home.drop_confirm")), confirmed)

    @work(thread=True, group="drop")
    def drop(self, session_id: int) -> None:
        """Off the UI thread: the store may be a database across the network. Not in the
        summary's group: the refresh on coming back from the dialog would cancel it before
        it ran. The summary is read again once the run is dropped."""
        self.services.runs.drop(session_id)
        self.post_message(RunDropped())

    def on_run_dropped(self, message: RunDropped) -> None:
        self.refresh_summary()
