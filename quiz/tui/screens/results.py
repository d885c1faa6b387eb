"""Results: score, accuracy, time, points, personal best, and every question reviewed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from quiz.engine.checking import is_blank, shown_answer, shown_given
from quiz.engine.session import Session
from quiz.i18n import t
from quiz.reports.labels import duration, mode_name, percent
from quiz.tui.base import QuizScreen
from quiz.tui.messages import StartRun
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.plain import Plain
from quiz.tui.widgets.wrap import WrapText
from quiz.usecases.play import Run


class ResultsScreen(QuizScreen[None]):
    KEY_HELP = (
        ("R", "help.results.retry"),
        ("Enter / Esc / H", "help.results.home"),
        ("↑↓  PgUp / PgDn", "help.scroll"),
    )
    BINDINGS = [
        Binding("r", "retry", "key.retry"),
        Binding("enter,escape,h", "home", "key.home"),
    ]

    def __init__(self, run: Run) -> None:
        super().__init__()
        self.run = run

    def compose(self) -> ComposeResult:
        session = self.run.session
        yield Plain(self.headline(), id="results-title")
        yield WrapText(self.summary(), id="results-summary")
        with VerticalScroll(id="results-list"):
            for position in range(len(session.asked)):
                yield WrapText(self.review(session, position), hanging=3, classes="review")
        yield KeyBar()

    def headline(self) -> Text:
        session = self.run.session
        text = Text(mode_name(session.mode, len(session.plan.opponents)), style="bold")
        text.append("  ·  " + t("results.done"))
        if session.passed is not None:
            verdict = t("results.passed") if session.passed else t("results.failed")
            text.append("  ·  " + verdict, style="bold green" if session.passed else "bold red")
        if session.won is not None:
            text.append("  ·  " + (t("results.won") if session.won else t("results.lost")),
                        style="bold green" if session.won else "bold")  # fmt: skip
        return text

    def summary(self) -> Text:
        session = self.run.session
        outcome = self.run.finish()
        lines = Text()
        lines.append(t("results.score", score=session.score), style="bold")
        right, total = session.correct_count, session.total
        accuracy = t("results.accuracy", percent=percent(right, total), correct=right, total=total)
        lines.append("   " + accuracy)
        lines.append("   " + t("results.time", time=duration(session.elapsed_seconds())))
        lines.append("\n")
        lines.append(t("results.points", points=outcome.points, today=outcome.today.total))
        if not outcome.saved:
            lines.append("   " + t("results.not_saved"), style="bold red")
        if session.rules.ends_on_wrong:  # a streak is what such a run is about
            lines.append("   " + t("results.streak", streak=session.best_streak))
        best = outcome.best_before
        if best is None:
            lines.append("   " + t("results.first_best"))
        elif session.score > best:
            lines.append("   " + t("results.new_best", before=best), style="bold green")
        else:
            lines.append("   " + t("results.best", best=best))
        if session.rules.rivals:
            lines.append("\n")
            for rank, (name, points) in enumerate(session.standings(), start=1):
                label = name or t("results.you")
                lines.append(f"{rank}. {label} {points}   ", style="bold" if not name else "")
        return lines

    def review(self, session: Session, position: int) -> Text:
        question = session.asked[position]
        answer = session.answers.get(position)
        correct = answer is not None and answer.correct
        text = Text()
        text.append(f"{position + 1}. ", style="bold")
        text.append("✓ " if correct else "✗ ", style="bold green" if correct else "bold red")
        text.append(question.prompt + "\n")
        given = shown_given(question, answer.given) if answer and not is_blank(answer.given) else ""
        text.append("   " + t("play.your_answer") + (given or t("results.no_answer")))
        if answer is not None:
            text.append(f"  ({answer.seconds:.1f}s)", style="dim")
        text.append("\n   " + t("play.right_answer") + shown_answer(question))
        if not session.rules.feedback and question.explanation:
            text.append("\n   " + t("play.explanation") + question.explanation, style="dim")
        return text

    def action_retry(self) -> None:
        request = self.quiz.last_request
        self.dismiss()
        if request is not None:
            self.app.post_message(StartRun(request))

    def action_home(self) -> None:
        self.dismiss()
