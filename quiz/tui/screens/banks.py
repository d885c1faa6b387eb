"""Choose among the banks this player has used."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList

from quiz.bank.loader import BANK_SUFFIXES
from quiz.i18n import t
from quiz.tui.base import QuizModal
from quiz.tui.widgets.plain import Plain, plain_option


def describe(bank: Path, current: Path) -> str:
    files = sum(1 for p in bank.rglob("*") if p.suffix in BANK_SUFFIXES)
    mark = "● " if bank == current.resolve() else "  "
    return f"{mark}{bank}  " + t("banks.files", count=files)


class BankPickerScreen(QuizModal[Path | None]):
    BINDINGS = [Binding("escape", "cancel", "key.back")]

    def __init__(self, banks: list[Path], current: Path) -> None:
        super().__init__()
        self.banks = banks
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="topic"):
            yield Plain(t("banks.title"), id="topic-title")
            yield OptionList(
                *[plain_option(describe(b, self.current), str(i)) for i, b in enumerate(self.banks)]
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.banks[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        self.dismiss(None)
