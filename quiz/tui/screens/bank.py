"""题库分析, for authors: every question with its item analysis, sortable, flags highlighted."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from quiz.i18n import t
from quiz.reports.items import ItemStats
from quiz.reports.labels import clip
from quiz.tui.base import QuizScreen
from quiz.tui.messages import Result
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.plain import Plain
from quiz.tui.widgets.table import PlainTable


@dataclass(repr=False, eq=False)
class ItemsReady(Result):
    """The bank screen's rows: each question's item analysis."""

    rows: list[ItemStats]


COLUMNS = ("question", "prompt", "attempts", "facility", "discrimination", "flags")


def number(value: float | None) -> float:
    """Sort key: missing values last."""
    return -1.0 if value is None else value


class BankScreen(QuizScreen[None]):
    KEY_HELP = (("↑↓", "help.bank.select"), ("S / V", "help.sort"), ("Esc", "help.back"))
    BINDINGS = [Binding("escape", "back", "key.back")]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[ItemStats] = []
        self.loaded = False
        self.sort_column = "question"
        self.descending = False

    def compose(self) -> ComposeResult:
        yield Plain(t("bank.title"), classes="screen-title")
        table = PlainTable(id="bank-table", cursor_type="row")
        for column in COLUMNS:
            table.add_column(t(f"items.{column}"), key=column)
        yield table
        yield Plain(id="bank-count")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(PlainTable).focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        analysed = {i.question_id: i for i in self.services.read.item_analysis().items}
        rows = [
            analysed.get(q.id) or ItemStats(q.id, q.prompt, 0, None, None)
            for q in sorted(self.services.library.questions, key=lambda q: q.id)
        ]
        known = {q.id for q in self.services.library.questions}
        rows += [i for qid, i in analysed.items() if qid not in known]  # since removed
        self.post_message(ItemsReady(rows))

    def on_items_ready(self, message: ItemsReady) -> None:
        self.show(message.rows)

    def show(self, rows: list[ItemStats]) -> None:
        self.items = rows
        self.fill()
        flagged = sum(1 for i in rows if i.flags)
        self.query_one("#bank-count", Plain).update(
            t("bank.count", total=len(rows), flagged=flagged)
        )
        self.loaded = True

    def fill(self) -> None:
        key = {
            "question": lambda i: i.question_id,
            "prompt": lambda i: i.prompt,
            "attempts": lambda i: i.attempts,
            "facility": lambda i: number(i.facility),
            "discrimination": lambda i: number(i.discrimination),
            "flags": lambda i: len(i.flags),
        }[self.sort_column]
        table = self.query_one(PlainTable)
        table.clear()
        room = max(10, self.size.width - 62)  # the prompt gets what the numbers leave
        for item in sorted(self.items, key=key, reverse=self.descending):
            style = "bold red" if item.flags else ""
            prompt = clip(item.prompt, room)
            table.add_row(
                Text(item.question_id, style=style),
                prompt,
                str(item.attempts),
                "—" if item.facility is None else f"{item.facility:.2f}",
                "—" if item.discrimination is None else f"{item.discrimination:.2f}",
                Text(", ".join(t(f"flag.{f}") for f in item.flags), style=style),
                key=item.question_id,
            )

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        column = str(event.column_key.value)
        self.descending = (
            not self.descending if column == self.sort_column else column != "question"
        )
        self.sort_column = column
        self.fill()

    def action_back(self) -> None:
        self.dismiss()
