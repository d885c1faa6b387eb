"""A hostile bank in the TUI (issue 12): every mode played, the reader, every review screen and
a contest with hostile team names. Markup, action links, hyperlinks and emoji codes in the data
are shown as the text they are; control characters from the database as visible stand-ins;
the app stays up throughout."""

from __future__ import annotations

from pathlib import Path

from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static

from quiz.contest.engine import ContestPhase, ContestPlan, RoundKind, RoundPlan
from quiz.engine.modes import Mode
from quiz.engine.session import Phase
from quiz.system.clock import FixedClock
from quiz.system.settings import Settings
from quiz.text.safe import first_unsafe
from quiz.tui.app import QuizApp
from quiz.tui.screens.article import ArticleScreen
from quiz.tui.screens.bank import BankScreen
from quiz.tui.screens.confirm import ConfirmScreen
from quiz.tui.screens.contest import ContestScreen
from quiz.tui.screens.contest_dialogs import CorrectionScreen, ScoreboardScreen
from quiz.tui.screens.errors import BankErrorsScreen
from quiz.tui.screens.history import HistoryScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.leaderboard import LeaderboardScreen
from quiz.tui.screens.question import QuestionScreen
from quiz.tui.screens.results import ResultsScreen
from quiz.tui.screens.session import SessionScreen
from quiz.tui.screens.stats import StatsScreen
from quiz.tui.screens.topic import TopicScreen
from quiz.tui.widgets.wrap import WrapText
from quiz.usecases.play import Run
from quiz.usecases.requests import PlayRequest
from quiz.usecases.services import Services
from tests.factories import START
from tests.tui_support import answer, notices, settle, wait_for

CLOSE = "[/]"
LINK = "[link=file:///etc/passwd]密码[/link]"
CLICK = "[@click=app.quit]退出[/]"
EMOJI = ":cross_mark:"
BOLD = "[bold red]粗"
SECTION = f"{CLOSE}一领{EMOJI}"
PLAYER = f"{CLOSE}小王{CLICK}"
TEAMS = (CLOSE, CLICK, f"{EMOJI}队")
ARTICLE = (
    f"{CLOSE}标题{EMOJI}\n编辑:{LINK} 时间:2024-01-01 00:00\n"
    f"第一句{BOLD}在这里。市委开展8次学习{CLOSE}。第三句写着{CLICK}。\n链接{LINK}。\n"
)
EXPLAIN = f"解析 {CLOSE} {CLICK} {EMOJI}"
BANK = f"""\
source: seeds/hostile.txt
section: "{SECTION}"
questions:
  - id: h-1
    type: single
    prompt: "{CLOSE}单选{LINK}{EMOJI}？"
    options: ["{CLICK}", "{BOLD}", "[/]甲", "乙 :smile:"]
    answer: "[/]甲"
    explanation: "{EXPLAIN}"
    quote: "第一句{BOLD}在这里"
    tags: ["{CLOSE}", "{EMOJI}"]
  - id: h-2
    type: multiple
    prompt: "多选[b]粗[/b]？"
    options: ["[i]甲[/i]", "[u]乙", "[/]丙", ":cross_mark:丁"]
    answer: ["[i]甲[/i]", "[/]丙"]
    explanation: "{EXPLAIN}"
    quote: "市委开展8次学习{CLOSE}"
  - id: h-3
    type: judge
    prompt: "判断{CLICK}是真的。"
    answer: true
    explanation: "{EXPLAIN}"
    quote: "第三句写着{CLICK}"
  - id: h-4
    type: fill
    prompt: "填空{LINK}开展____次，宣讲____场。"
    answer: ["8", "190"]
    explanation: "{EXPLAIN}"
    quote: "市委开展8次学习"
  - id: h-5
    type: order
    prompt: "排序{EMOJI}"
    options: ["[/]一", "[b]二", ":three:三"]
    explanation: "{EXPLAIN}"
    quote: "第一句"
  - id: h-6
    type: single
    prompt: "又一{CLOSE}单选？"
    options: ["{EMOJI}", "{CLOSE}"]
    answer: "{CLOSE}"
    explanation: "{EXPLAIN}"
    quote: "第三句"
"""
BROKEN = f'section: "{SECTION}"\nquestions:\n  - id: "{CLICK}"\n    type: "{CLOSE}"\n'


def hostile_services(tmp_path: Path) -> Services:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "hostile.txt").write_text(ARTICLE, encoding="utf-8")
    bank = tmp_path / "questions"
    bank.mkdir()
    (bank / "hostile.yaml").write_text(BANK, encoding="utf-8")
    (bank / "z-broken.yaml").write_text(BROKEN, encoding="utf-8")
    settings = Settings(lang="en", bank=bank, db=tmp_path / "quiz.db", user=PLAYER)
    return Services(settings, clock=FixedClock(START))


def visible_text(app: QuizApp) -> str:
    """Everything the current screen shows, as the widgets hold it (before wrapping), and the
    notifications."""
    parts: list[str] = []
    for widget in app.screen.query("*"):
        if isinstance(widget, WrapText):
            parts.append(widget.text.plain)
        elif isinstance(widget, Static):
            parts.append(str(widget.render()))
        elif isinstance(widget, OptionList):
            parts += [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]
        elif isinstance(widget, DataTable):
            cells = [Coordinate(r, c) for r in range(widget.row_count)
                     for c in range(len(widget.columns))]  # fmt: skip
            parts += [str(widget.get_cell_at(cell)) for cell in cells]
    parts += notices(app)
    return "\n".join(parts)


def shows(app: QuizApp, *texts: str) -> None:
    shown = visible_text(app)
    missing = [text for text in texts if text not in shown]
    assert not missing, f"not shown literally on {type(app.screen).__name__}: {missing}"
    assert first_unsafe(shown) is None
    assert app.is_running


async def play_to_the_end(pilot: Pilot[None], app: QuizApp, *, right: bool = True) -> None:
    """Answer whatever comes until the results screen (hand in an exam)."""
    for _ in range(40):
        await settle(pilot)
        screen = app.screen
        if isinstance(screen, ResultsScreen):
            return
        if isinstance(screen, ConfirmScreen):
            await pilot.press("y")
            continue
        assert isinstance(screen, QuestionScreen), type(screen).__name__
        session = screen.session
        shows(app, session.current.prompt)
        if session.phase is Phase.FEEDBACK:
            shows(app, EXPLAIN)
            await pilot.press("enter")
        elif session.rules.navigable and len(session.answers) == len(session.asked):
            await pilot.press("ctrl+s")
        else:
            await answer(pilot, right=right)
    raise AssertionError("the run never ended")


async def test_a_hostile_bank_is_shown_as_text_everywhere(tmp_path: Path) -> None:
    services = hostile_services(tmp_path)
    app = QuizApp(services)
    notices(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, HomeScreen)
        shows(app, PLAYER)

        await pilot.press("e")  # the bank's errors, with the hostile values in them
        await wait_for(pilot, BankErrorsScreen)
        shows(app, CLICK, CLOSE)
        await pilot.press("escape")

        plays = [
            PlayRequest(Mode.DAILY, seed=1),
            PlayRequest(Mode.CHALLENGE, seed=2),
            PlayRequest(Mode.RACE, seed=3),
            PlayRequest(Mode.RACE, opponents=1, seed=4),
            PlayRequest(Mode.EXAM, seed=5, count=4),
            PlayRequest(Mode.STUDY, seed=6),
        ]
        for number, request in enumerate(plays):
            app.play(request)
            await wait_for(pilot, QuestionScreen)
            await play_to_the_end(pilot, app, right=number % 2 == 0)
            shows(app, EXPLAIN if request.mode is Mode.EXAM else "")
            await pilot.press("escape")
            await wait_for(pilot, HomeScreen)

        app.play(PlayRequest(Mode.TOPIC, seed=7))  # the topic picker lists hostile names
        await wait_for(pilot, TopicScreen)
        shows(app, SECTION, CLOSE, EMOJI)
        await pilot.press("enter")
        await wait_for(pilot, QuestionScreen)
        shows(app, SECTION)  # the status line names the topic
        await play_to_the_end(pilot, app, right=False)
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)

        app.play(PlayRequest(Mode.MISTAKES, seed=8))
        await wait_for(pilot, QuestionScreen)
        await play_to_the_end(pilot, app)
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)

        await pilot.press("a")  # the reader
        await wait_for(pilot, ArticleScreen)
        await settle(pilot)
        shows(app, f"{CLOSE}标题{EMOJI}", f"第一句{BOLD}在这里", CLICK, LINK)
        await pilot.press("escape")

        evil = f"别人\x1b[2J{CLOSE}\u202e"  # a name written by another program
        Run.start(
            services.saving.store,
            evil,
            services.library.questions,
            Mode.DAILY,
            services.clock,
            seed=1,
        )
        await wait_for(pilot, HomeScreen)
        await pilot.press("l")
        await wait_for(pilot, LeaderboardScreen)
        await settle(pilot)
        shows(app, PLAYER, f"别人␛[2J{CLOSE}\ufffd")
        await pilot.press("escape")

        await pilot.press("s")
        await wait_for(pilot, StatsScreen)
        await settle(pilot)
        shows(app, SECTION, EMOJI)
        await pilot.press("escape")

        await pilot.press("b")
        await wait_for(pilot, BankScreen)
        await settle(pilot)
        shows(app, "h-1")
        await pilot.press("escape")

        await pilot.press("h")
        await wait_for(pilot, HistoryScreen)
        await settle(pilot)
        await pilot.press("enter")
        await wait_for(pilot, SessionScreen)
        await settle(pilot)
        shows(app, EXPLAIN)
        await pilot.press("escape", "escape")

        await wait_for(pilot, HomeScreen)
        plan = ContestPlan(TEAMS, (RoundPlan(RoundKind.REQUIRED, 1),), topics=(SECTION,))
        app.host_contest(plan, seed=9)
        contest = await wait_for(pilot, ContestScreen)
        shows(app, *TEAMS)
        await pilot.press("y")  # right: the answer and the explanation are revealed
        await settle(pilot)
        shows(app, EXPLAIN, *TEAMS)
        await pilot.press("c")
        await wait_for(pilot, CorrectionScreen)
        shows(app, *TEAMS)
        await pilot.press("1", "tab", "5", "tab", *"why", "enter")
        await wait_for(pilot, ContestScreen)
        await pilot.press("s")
        await wait_for(pilot, ScoreboardScreen)
        shows(app, *TEAMS)
        await pilot.press("escape")
        await wait_for(pilot, ContestScreen)
        keys = {ContestPhase.SHOWN: ("space",), ContestPhase.BUZZING: ("1", "2", "3"),
                ContestPhase.ANSWERING: ("y",), ContestPhase.REVEALED: ("space",),
                ContestPhase.PICK: ("1",)}  # fmt: skip
        for _ in range(40):  # to the end, through any tie-break
            if contest.contest.phase is ContestPhase.FINISHED:
                break
            await pilot.press(*keys[contest.contest.phase])
            await settle(pilot)
        final = await wait_for(pilot, ScoreboardScreen)
        assert final.final
        shows(app, *TEAMS)


async def test_names_typed_in_the_tui_with_control_characters_are_refused(tmp_path: Path) -> None:
    from textual.widgets import Input

    from quiz.tui.screens.contest_dialogs import ContestSetupScreen

    app = QuizApp(hostile_services(tmp_path))
    notices(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, HomeScreen)
        chosen: list[object] = []
        app.push_screen(ContestSetupScreen(), chosen.append)
        setup = await wait_for(pilot, ContestSetupScreen)
        setup.query_one("#setup-teams", Input).value = "甲\u202e队, 乙队"  # pasted, say
        setup.query_one("#setup-teams", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContestSetupScreen) and chosen == []
        assert any("U+202E" in m for m in notices(app))


async def test_prompts_stored_by_another_program_show_stand_ins(tmp_path: Path) -> None:
    """The history keeps each prompt as it was asked; one holding ESC (written before the
    validator refused it, or by another program) is shown with ␛, never sent as ESC."""
    services = hostile_services(tmp_path)
    services.saving.open()
    store = services.saving.store
    assert store is not None
    question = services.library.read_bank(services.settings.bank).questions[0]
    evil = question._replace(prompt="题\x1b[2J\x1b]52;c;eA==\x07目", explanation="解\u202e析")
    run = Run.start(store, PLAYER, [evil], Mode.CHALLENGE, services.clock, seed=1)
    run.submit(evil.answer, 1.0)
    app = QuizApp(services)
    notices(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, HomeScreen)
        await pilot.press("h")
        await wait_for(pilot, HistoryScreen)
        await settle(pilot)
        await pilot.press("enter")
        await wait_for(pilot, SessionScreen)
        await settle(pilot)
        shows(app, "题␛[2J␛]52;c;eA==目", "解\ufffd析")
