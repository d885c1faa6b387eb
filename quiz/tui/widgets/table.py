"""A DataTable shown literally (see quiz.tui.widgets.plain): labels and cells never parsed as
markup, control characters replaced."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from quiz.tui.widgets.plain import Shown
from quiz.tui.widgets.wrap import as_text


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
