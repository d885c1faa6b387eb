"""The TUI's only ways to put text on screen (besides WrapText): data shown literally.

Textual parses a `str` given to a Static, an Option or a DataTable cell as markup (`[/]` crashes
it, `[@click=app.quit]` becomes an action, `[link=…]` a hyperlink). These wrappers take a `str`
or a Rich `Text` and show it as it is, with control characters replaced (quiz.text.safe). A test
checks that screens use nothing else. The table is in `quiz.tui.widgets.table`: home, drawn
at start-up, has none (Textual's DataTable is a fifth of what home's widgets import).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static
from textual.widgets.option_list import Option

from quiz.tui.widgets.wrap import as_text

Shown = str | Text


class Plain(Static):
    """A Static that never parses markup."""

    def __init__(self, content: Shown = "", **kwargs: Any) -> None:
        super().__init__(as_text(content), markup=False, **kwargs)

    def update(self, content: Shown = "", *, layout: bool = True) -> None:  # type: ignore[override]
        super().update(as_text(content), layout=layout)


def plain_option(prompt: Shown, id: str | None = None) -> Option:
    """An option-list entry shown literally."""
    return Option(as_text(prompt), id=id)
