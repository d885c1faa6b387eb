"""The options of a question, labelled A–F; clicking one posts `OptionRow.Picked`."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.events import Click
from textual.message import Message

from quiz.bank.models import QuestionType
from quiz.engine.checking import shown_option
from quiz.engine.response import option_label
from quiz.tui.widgets.wrap import WrapText


class OptionRow(WrapText):
    @dataclass(repr=False, eq=False)
    class Picked(Message):
        index: int

    def __init__(self, index: int, text: str) -> None:
        super().__init__(hanging=7, classes="option")  # continuation lines under the text
        self.index = index
        self.option = text

    def on_click(self, event: Click) -> None:
        event.stop()
        if self.display:
            self.post_message(self.Picked(self.index))


class OptionsView(Vertical):
    """Parents call `set_question` for each question and `show` with the choice to draw; the
    view keeps no state of its own beyond the options on screen.

    The next question is drawn in place: the rows are kept and their text changed (a row is
    added only when a question has more options than any before, and hidden when it has fewer),
    so moving on draws one frame instead of removing and mounting widgets."""

    def __init__(
        self, qtype: QuestionType = QuestionType.SINGLE, options: tuple[str, ...] = ()
    ) -> None:
        super().__init__(classes="options")
        self.qtype = qtype
        self.options = options

    def compose(self) -> ComposeResult:
        for index, text in enumerate(self.options):
            yield OptionRow(index, text)

    def set_question(
        self, qtype: QuestionType, options: tuple[str, ...], chosen: list[int]
    ) -> None:
        self.qtype, self.options = qtype, options
        rows = list(self.query_children(OptionRow))
        if len(rows) < len(options):
            added = [OptionRow(index, "") for index in range(len(rows), len(options))]
            self.mount_all(added)
            rows += added
        for row in rows:
            row.display = row.index < len(options)
            row.option = options[row.index] if row.display else ""
        self.show(chosen)

    def show(self, chosen: list[int], right: set[int] | None = None) -> None:
        """Draw the choice; with `right` (after answering) mark right and wrong options."""
        for row in self.query_children(OptionRow):
            if not row.display:
                continue
            picked = row.index in chosen
            row.set_class(picked, "-chosen")
            row.set_class(right is not None and row.index in right, "-right")
            row.set_class(right is not None and picked and row.index not in right, "-wrong")
            row.redraw(self._line(row.index, row.option, chosen))

    def _line(self, index: int, text: str, chosen: list[int]) -> Text:
        # ASCII marks: East-Asian "ambiguous" symbols (○ ☑ ①) are two cells wide in many
        # Chinese terminals and would shift the options out of line.
        if self.qtype is QuestionType.ORDER:
            mark = f"[{chosen.index(index) + 1}]" if index in chosen else "[ ]"
        elif self.qtype is QuestionType.MULTIPLE:
            mark = "[x]" if index in chosen else "[ ]"
        else:
            mark = "(*)" if index in chosen else "( )"
        line = Text(f"{mark} ", style="bold")
        line.append(f"{option_label(index)}. ", style="bold")
        line.append(shown_option(self.qtype, text))
        return line
