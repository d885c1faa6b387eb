"""The bank's validation errors, file:line first, as `quiz validate` prints them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from quiz.bank.models import BankError
from quiz.i18n import t
from quiz.system.settings import Settings
from quiz.tui.base import QuizModal, QuizScreen
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.plain import Plain
from quiz.tui.widgets.wrap import WrapText


class BankErrorsScreen(QuizModal[None]):
    ANSWER_FIRST = False
    BINDINGS = [Binding("escape,e,q", "close", "key.close")]

    def __init__(self, errors: list[BankError], rejected: bool) -> None:
        super().__init__()
        self.errors = errors
        self.rejected = rejected

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="errors"):
            title = "errors.rejected" if self.rejected else "errors.title"
            yield Plain(t(title, count=len(self.errors)), id="errors-title")
            for error in self.errors[:200]:
                yield WrapText(str(error), hanging=4, classes="error-line")
            yield Plain(t("help.close"), id="errors-close")

    def action_close(self) -> None:
        self.dismiss()


class LoadErrorScreen(QuizScreen[None]):
    """Loading the bank or the store failed in a way nothing else caught: what failed, and
    what to try, instead of "Loading…" forever."""

    BINDINGS = [Binding("escape,q", "quit", "key.quit")]

    def __init__(self, error: BaseException, settings: Settings) -> None:
        super().__init__()
        self.error = error
        self.settings = settings

    def compose(self) -> ComposeResult:
        from quiz.system import paths

        with VerticalScroll(id="errors"):
            yield Plain(t("load.failed"), id="errors-title")
            yield WrapText(f"{type(self.error).__name__}: {self.error}", hanging=4)
            yield WrapText(
                t("load.what_to_do", bank=self.settings.bank, cache=paths.cache_dir() / "bank",
                  banks=paths.config_dir() / "banks.json"),
                hanging=2,
            )  # fmt: skip
        yield KeyBar()

    def action_quit(self) -> None:
        self.app.exit()
