"""The TUI's only ways to put text on screen (besides WrapText): data shown literally.

Textual parses a `str` given to a Static, an Option or a DataTable cell as markup (`[/]` crashes
it, `[@click=app.quit]` becomes an action, `[link=…]` a hyperlink). These wrappers take a `str`
or a Rich `Text` and show it as it is, with control characters replaced (quiz.safetext). A test
checks that screens use nothing else.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable, Static
from textual.widgets.data_table import ColumnKey, RowKey
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


class PlainTable(DataTable[Text]):
    """A DataTable whose labels and cells are shown literally."""

    def add_column(
        self,
        label: Shown,
        *,
        width: int | None = None,
        key: str | None = None,
        default: Text | None = None,
    ) -> ColumnKey:
        return super().add_column(as_text(label), width=width, key=key, default=default)

    def add_row(
        self,
        *cells: Shown,
        height: int | None = 1,
        key: str | None = None,
        label: Shown | None = None,
    ) -> RowKey:
        shown_label = None if label is None else as_text(label)
        return super().add_row(
            *(as_text(cell) for cell in cells), height=height, key=key, label=shown_label
        )
