"""One past session: every question as it was asked, the answers, times and explanations."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from quiz.bank.models import JUDGE_OPTIONS, QuestionType
from quiz.engine.checking import shown_option
from quiz.i18n import t
from quiz.reports.contests import ContestEvent
from quiz.reports.history import SessionDetail
from quiz.reports.labels import (
    SEALED,
    duration,
    percent,
    score_cell,
    session_name,
    short_time,
)
from quiz.reports.replay import StoredAnswer
from quiz.tui.base import QuizScreen
from quiz.tui.messages import Practise, Result
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.plain import Plain
from quiz.tui.widgets.wrap import WrapText


@dataclass(repr=False, eq=False)
class SessionReady(Result):
    detail: SessionDetail | None


def answer_text(answer: StoredAnswer) -> Text:
    """An answer as it was given; of a sealed run, without right or wrong, the right answer or
    the explanation (shown once it is handed in)."""
    text = Text()
    text.append(f"{answer.position + 1}. ", style="bold")
    if not answer.sealed:
        text.append(
            "✓ " if answer.correct else "✗ ", style="bold green" if answer.correct else "bold red"
        )
    text.append(answer.prompt + "\n")
    # A judge question (its options 正确/错误) in the UI's language.
    judge = set(answer.shown_options) == set(JUDGE_OPTIONS)
    kind = QuestionType.JUDGE if judge else QuestionType.SINGLE
    given = "、".join(shown_option(kind, text) for text in answer.given) or t("results.no_answer")
    text.append("   " + t("play.your_answer") + given)
    text.append(f"  ({answer.seconds:.1f}s)", style="dim")
    if answer.sealed:
        return text
    right = "、".join(shown_option(kind, text) for text in answer.right_answer)
    text.append("\n   " + t("play.right_answer") + right)
    if answer.explanation:
        text.append("\n   " + t("play.explanation") + answer.explanation, style="dim")
    return text


def event_text(event: ContestEvent) -> Text:
    """One line of a contest's log: who, what, the points, the question or the reason."""
    text = Text(f"{event.team or '—'}  ", style="bold")
    mark = "!"
    if event.kind == "answer":
        mark = "✓" if event.right else "✗"
    text.append(f"{mark} {t(f'contest.event.{event.kind}')} ")
    text.append(f"{event.points:+d}  ", style="bold green" if event.points >= 0 else "bold red")
    text.append(event.reason or event.prompt or "", style="dim")
    return text


class SessionScreen(QuizScreen[None]):
    KEY_HELP = (
        ("P", "help.session.practise"),
        ("↑↓  PgUp / PgDn", "help.scroll"),
        ("Esc", "help.back"),
    )
    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("p", "practise", "key.practise"),
    ]

    def __init__(self, session_id: int) -> None:
        super().__init__()
        self.session_id = session_id
        self.answers: tuple[StoredAnswer, ...] = ()
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Plain(classes="screen-title", id="session-title")
        yield VerticalScroll(id="session-answers")
        yield KeyBar()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        if not self.services.saving.saves:
            return
        detail = self.services.read.session_detail(self.session_id)
        self.post_message(SessionReady(detail))

    def on_session_ready(self, message: SessionReady) -> None:
        self.show(message.detail)

    def show(self, detail: SessionDetail | None) -> None:
        if detail is not None:
            row = detail.row
            self.answers = detail.answers
            self.query_one("#session-title", Plain).update(
                t(
                    "session.title",
                    mode=session_name(row),
                    started=short_time(row.started_at),
                    score=score_cell(row),
                    accuracy=SEALED if row.sealed else percent(row.correct, row.total),
                    time=duration(row.elapsed),
                    points=row.points,
                    status=t(f"history.{row.status}"),
                )
            )
        body = self.query_one("#session-answers", VerticalScroll)
        answers = detail.answers if detail else ()
        events = detail.events if detail else ()
        body.mount_all([WrapText(answer_text(a), hanging=3, classes="review") for a in answers])
        body.mount_all([WrapText(event_text(e), hanging=4) for e in events])
        self.loaded = True
        self.refresh_bindings()

    def wrong_ids(self) -> list[str]:
        return list(
            dict.fromkeys(a.question_id for a in self.answers if not (a.correct or a.sealed))
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "practise":
            return bool(self.wrong_ids())
        return True

    def action_practise(self) -> None:
        ids = self.wrong_ids()
        if ids:
            self.post_message(Practise(ids))

    def action_back(self) -> None:
        self.dismiss()
