"""专项答题: choose a section or a tag."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList

from quiz.bank.models import Question
from quiz.engine.selection import topics
from quiz.i18n import t
from quiz.tui.base import QuizModal
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.plain import Plain, plain_option


class TopicScreen(QuizModal[str | None]):
    BINDINGS = [Binding("escape", "cancel", "key.back")]

    def __init__(self, questions: Sequence[Question]) -> None:
        super().__init__()
        self.choices = topics(questions)

    def compose(self) -> ComposeResult:
        with Vertical(id="topic"):
            yield Plain(t("topic.title"), id="topic-title")
            yield OptionList(
                *[plain_option(t("topic.item", name=n, count=c), n) for n, c in self.choices],
                id="topic-list",
            )
        yield KeyBar()  # back, to tap on a phone (its keyboard has no Esc)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
