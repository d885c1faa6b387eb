"""WCAG AA (4.5:1) for every text/background pair, in both themes (13.12).

Two checks: the stylesheet's colour pairs, resolved in each theme; and every character drawn on
the main screens, with the colours the terminal receives (Rich colours and `dim` included).
"""

from __future__ import annotations

import io
import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.color_triplet import ColorTriplet
from rich.console import Console
from rich.segment import ControlType
from textual.color import Color
from textual.notifications import SeverityLevel
from textual.pilot import Pilot
from textual.screen import ModalScreen

from quiz.contest.engine import ContestPlan
from quiz.engine.modes import Mode
from quiz.tui.app import QuizApp
from quiz.tui.screens.article import ArticleScreen
from quiz.tui.screens.contest import ContestScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.question import QuestionScreen
from quiz.tui.screens.results import ResultsScreen
from quiz.tui.themes import QUIZ_THEMES
from quiz.usecases.requests import PlayRequest
from tests.conftest import REPO
from tests.tui_support import answer, make_app, make_services, settle, wait_for

AA = 4.5
STYLESHEET = REPO / "quiz" / "tui" / "quiz.tcss"
DRAWING = set("─│╭╮╰╯┌┐└┘├┤┬┴┼━┃▀▄█▌▐▊▎▔▁░▏▕▂▃▅▆▇ ")
"""Borders, bars and scrollbars: shapes, not text."""
DIALOGS = ("#confirm", "#help", "#topic", "#errors")
"""Rules under these draw on the dialog's `$surface`."""


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def resolve(value: str, variables: dict[str, str], under: Color) -> Color:
    """A stylesheet colour (`$accent`, `$primary 30%`, `#fff`) on the colour under it."""
    name, _, alpha = value.strip().partition(" ")
    text = variables[name[1:]] if name.startswith("$") else name
    if text.startswith("auto"):  # Textual's `auto`: the best of black and white, at an alpha
        text = "auto"
    color = under.get_contrast_text() if text == "auto" else Color.parse(text)
    if alpha.endswith("%"):
        color = color.with_alpha(float(alpha[:-1]) / 100)
    return under + color


def rules() -> list[tuple[str, dict[str, str]]]:
    css = re.sub(r"/\*.*?\*/", "", STYLESHEET.read_text(encoding="utf-8"), flags=re.S)
    found = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        props = {
            k.strip(): v.strip().removesuffix(";")
            for k, _, v in (line.partition(":") for line in body.split(";"))
            if v.strip()
        }
        found.append((" ".join(selector.split()), props))
    return found


async def theme_variables(tmp_path: Path, theme: str) -> dict[str, str]:
    app = make_app(make_services(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await settle(pilot)
        return app.get_css_variables()


@pytest.mark.parametrize("theme", QUIZ_THEMES)
async def test_the_stylesheets_colour_pairs(tmp_path: Path, theme: str) -> None:
    variables = await theme_variables(tmp_path, theme)
    screen = Color.parse(variables["background"])
    failures = []
    checked = 0
    for selector, props in rules():
        if "color" not in props:
            continue
        base = Color.parse(variables["surface"]) if selector.startswith(DIALOGS) else screen
        under = resolve(props["background"], variables, base) if "background" in props else base
        color = resolve(props["color"], variables, under)
        ratio = contrast(color.rgb, under.rgb)
        checked += 1
        if ratio < AA:
            failures.append(f"{selector}: {props['color']} on {under.hex} = {ratio:.2f}")
    footer = [("footer-key-foreground", "footer-background"),
              ("footer-description-foreground", "footer-background")]  # fmt: skip
    for fg, bg in footer:
        under = Color.parse(variables[bg])
        ratio = contrast(resolve(f"${fg}", variables, under).rgb, under.rgb)
        checked += 1
        if ratio < AA:
            failures.append(f"${fg} on ${bg} = {ratio:.2f}")
    assert checked >= 15
    assert not failures, "\n".join(failures)


def drawn_pairs(app: QuizApp) -> dict[tuple[str, str], tuple[float, str]]:
    """Every (fg, bg) pair of text on screen, with its contrast and a sample of the text.
    Under a dialog only the dialog counts: the screen behind is dimmed on purpose."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False)  # fmt: skip
    screen = app.screen
    console.print(screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    area = screen.region
    if isinstance(screen, ModalScreen):
        dialog = [
            c for c in screen.children if c.display and not (c.id or "").startswith("textual-")
        ]
        area = max((c.region for c in dialog), key=lambda r: r.area)
    pairs: dict[tuple[str, str], tuple[float, str]] = {}
    x = y = 0
    for segment in console._record_buffer:  # what the terminal is sent
        text, style = segment.text, segment.style
        for kind, *where in segment.control or ():  # the compositor places lines by moves
            if kind is ControlType.CURSOR_MOVE_TO:
                x, y = (int(n) for n in where)
        if segment.control or text == "\n":
            x, y = (0, y + 1) if text == "\n" else (x, y)
            continue
        start, x = x, x + cell_len(text)
        if style is None or not set(text) - DRAWING or not area.contains(start, y):
            continue
        fg = style.color.get_truecolor() if style.color else ColorTriplet(0, 0, 0)
        bg = style.bgcolor.get_truecolor() if style.bgcolor else ColorTriplet(0, 0, 0)
        if style.reverse:
            fg, bg = bg, fg
        key = (fg.hex, bg.hex)
        if key not in pairs:
            pairs[key] = (contrast(fg, bg), text.strip()[:24])
    return pairs


Step = Callable[[Pilot[None], QuizApp], Awaitable[None]]
RUN_LENGTH_LIMIT = 30


async def home(pilot: Pilot[None], app: QuizApp) -> None:
    await wait_for(pilot, HomeScreen)


async def menu_down(pilot: Pilot[None], app: QuizApp) -> None:
    await pilot.press("down")


async def help_(pilot: Pilot[None], app: QuizApp) -> None:
    await pilot.press("f1")


async def close(pilot: Pilot[None], app: QuizApp) -> None:
    await pilot.press("escape")


async def daily(pilot: Pilot[None], app: QuizApp) -> None:
    app.play(PlayRequest(Mode.DAILY, seed=3))
    await wait_for(pilot, QuestionScreen)
    await pilot.press("a")


async def wrong(pilot: Pilot[None], app: QuizApp) -> None:
    await answer(pilot, right=False)


async def rest(pilot: Pilot[None], app: QuizApp) -> None:
    screen = app.screen
    assert isinstance(screen, QuestionScreen)
    await pilot.press("enter")
    for _ in range(RUN_LENGTH_LIMIT):  # bounded: a run that never ends fails, not hangs
        if isinstance(app.screen, ResultsScreen):
            return
        await answer(pilot)
        await pilot.press("enter")
        await settle(pilot)
    raise AssertionError(f"no results after {RUN_LENGTH_LIMIT} answers; on {app.screen!r}")


async def exam(pilot: Pilot[None], app: QuizApp) -> None:
    await pilot.press("enter")
    app.play(PlayRequest(Mode.EXAM, seed=3, count=3))
    await wait_for(pilot, QuestionScreen)


async def leave(pilot: Pilot[None], app: QuizApp) -> None:
    await pilot.press("escape")


async def leave_yes(pilot: Pilot[None], app: QuizApp) -> None:
    await pilot.press("y")
    await wait_for(pilot, HomeScreen)


async def reader(pilot: Pilot[None], app: QuizApp) -> None:
    await pilot.press("a")
    await wait_for(pilot, ArticleScreen)
    await pilot.press("down", "down")


async def contest(pilot: Pilot[None], app: QuizApp) -> None:
    app.host_contest(ContestPlan(("甲", "乙", "丙")), seed=1)
    await wait_for(pilot, ContestScreen)


async def contest_reveal(pilot: Pilot[None], app: QuizApp) -> None:
    await pilot.press("space", "space", "y")


def press(*keys: str) -> Step:
    async def step(pilot: Pilot[None], app: QuizApp) -> None:
        await pilot.press(*keys)

    return step


async def toasts(pilot: Pilot[None], app: QuizApp) -> None:
    severities: tuple[SeverityLevel, ...] = ("information", "warning", "error")
    for severity in severities:
        app.notify(f"{severity}：提示", title="标题", severity=severity)


async def topic(pilot: Pilot[None], app: QuizApp) -> None:
    app.play(PlayRequest(Mode.TOPIC))


TOUR: list[tuple[str, Step]] = [
    ("home", home), ("toasts", toasts), ("menu", menu_down), ("help", help_),
    ("help closed", close), ("topic", topic), ("topic closed", close),
    ("question", daily), ("feedback", wrong), ("results", rest), ("exam", exam),
    ("leave", leave), ("home again", leave_yes), ("history", press("h")),
    ("session", press("enter")), ("back", press("escape", "escape")), ("stats", press("s")),
    ("board", press("escape", "l")), ("bank", press("escape", "b")),
    ("reader", press("escape")), ("reader on", reader), ("contest", press("escape")),
    ("contest on", contest), ("contest revealed", contest_reveal), ("scoreboard", press("s")),
]  # fmt: skip


@pytest.mark.parametrize("theme", QUIZ_THEMES)
async def test_every_drawn_character_is_readable(tmp_path: Path, theme: str) -> None:
    app = make_app(make_services(tmp_path))
    failures: dict[tuple[str, str], str] = {}
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.theme = theme
        for name, step in TOUR:
            await step(pilot, app)
            await settle(pilot)
            for pair, (ratio, sample) in drawn_pairs(app).items():
                if ratio < AA:
                    failures.setdefault(pair, f"{name}: {sample!r} {ratio:.2f}")
    assert not failures, "\n".join(f"{pair}: {where}" for pair, where in failures.items())
