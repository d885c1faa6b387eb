"""Key hints speak the UI language: ours are catalog keys, Textual's own are mapped too."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import textual
from textual.binding import Binding
from textual.widgets import Select

from quiz.tui.bindings import TEXTUAL_DESCRIPTIONS, describe
from quiz.tui.screens.history import HistoryScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.widgets.keybar import KeyBar
from tests.tui_support import make_app, make_services, settle, wait_for


def textual_shown_descriptions() -> set[str]:
    """Every description a Textual widget shows in a footer (show=True), in this release."""
    found: set[str] = set()
    for info in pkgutil.walk_packages(textual.__path__, "textual."):
        if "playground" in info.name or info.name.startswith("textual.demo"):
            continue
        try:
            module = importlib.import_module(info.name)
        except Exception:  # optional extras (tree-sitter, ...) that are not installed
            continue
        for cls in vars(module).values():
            if not inspect.isclass(cls) or cls.__module__ != module.__name__:
                continue
            for item in cls.__dict__.get("BINDINGS", []):
                binding = item if isinstance(item, Binding) else Binding(*item)
                if binding.show and binding.description:
                    found.add(binding.description)
    return found


def test_every_textual_description_has_a_catalog_entry() -> None:
    missing = textual_shown_descriptions() - TEXTUAL_DESCRIPTIONS.keys()
    assert not missing, f"add to quiz.tui.bindings.TEXTUAL_DESCRIPTIONS: {sorted(missing)}"


def test_describe_translates_ours_and_textuals() -> None:
    from quiz import i18n

    i18n.set_language("zh")
    assert describe(Binding("q", "quit", "key.quit")) == "退出"
    assert describe(Binding("escape", "dismiss", "Dismiss menu")) == "关闭菜单"
    assert describe(Binding("x", "x", "plain words")) == "plain words"


async def test_the_select_menu_footer_is_in_chinese(tmp_path: Path) -> None:
    app = make_app(make_services(tmp_path, lang="zh"))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        await pilot.press("h")
        history = await wait_for(pilot, HistoryScreen)
        history.query_one("#filter-mode", Select).focus()
        await pilot.press("enter")  # opens the dropdown
        await settle(pilot)
        shown = str(history.query_one(KeyBar).render())
        assert "关闭菜单" in shown and "Dismiss" not in shown
