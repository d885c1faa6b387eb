"""学习统计: accuracy by section and tag, accuracy and points over time, a study calendar,
streaks, bests, and the slowest and most-missed questions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Sparkline

from quiz.i18n import Plural, t
from quiz.reports.labels import mode_name, percent, share_text
from quiz.reports.standings import GroupAccuracy, PlayerStats, QuestionTotal
from quiz.tui.base import ORGANISER_SIZE, QuizScreen
from quiz.tui.messages import Result
from quiz.tui.widgets.charts import bar, heatmap
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.plain import Plain
from quiz.tui.widgets.wrap import WrapText


@dataclass(repr=False, eq=False)
class StatsReady(Result):
    stats: PlayerStats


CHART_DAYS = 30


class StatsScreen(QuizScreen[None]):
    MIN_SIZE = ORGANISER_SIZE  # an organiser's screen (quiz.tui.base)
    KEY_HELP = (("↑↓  PgUp / PgDn", "help.scroll"), ("Esc", "help.back"))
    BINDINGS = [Binding("escape", "back", "key.back")]

    def __init__(self) -> None:
        super().__init__()
        self.loaded = False
        self.data: PlayerStats | None = None

    def compose(self) -> ComposeResult:
        yield Plain(t("stats.title"), classes="screen-title")
        with VerticalScroll(id="stats-body"):
            yield WrapText(t("home.loading"), id="stats-summary")
            yield Plain(t("stats.by_section"), classes="stats-heading")
            yield Plain(id="stats-sections")
            yield Plain(t("stats.by_tag"), classes="stats-heading")
            yield Plain(id="stats-tags")
            yield Plain(classes="stats-heading", id="trend-accuracy")
            yield Sparkline([], id="stats-accuracy")
            yield Plain(classes="stats-heading", id="trend-points")
            yield Sparkline([], id="stats-points")
            yield Plain(t("stats.calendar"), classes="stats-heading")
            yield Plain(id="stats-calendar")
            yield Plain(t("stats.study"), classes="stats-heading")
            yield WrapText(id="stats-study")
            yield Plain(t("stats.bests"), classes="stats-heading")
            yield WrapText(id="stats-bests")
            yield Plain(t("stats.slowest"), classes="stats-heading")
            yield WrapText(id="stats-slowest", hanging=4)
            yield Plain(t("stats.missed"), classes="stats-heading")
            yield WrapText(id="stats-missed", hanging=4)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#stats-body").focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        if not self.services.saving.saves:
            return
        data = self.services.read.player_stats()
        self.post_message(StatsReady(data))

    def on_resize(self) -> None:
        if self.data is not None:
            self.show(self.data)

    def on_stats_ready(self, message: StatsReady) -> None:
        self.show(message.stats)

    def show(self, data: PlayerStats) -> None:
        self.data = data
        today = self.services.read.today()
        width = max(40, self.size.width - 6)
        accuracy = share_text(data.accuracy)
        streak = data.streak
        self.query_one("#stats-summary", WrapText).update(
            t("stats.overall", user=data.user, answers=Plural("count.answers", data.answers),
              correct=data.correct, accuracy=accuracy, current=Plural("count.days", streak.current),
              longest=Plural("count.days", streak.longest))
        )  # fmt: skip
        self.query_one("#stats-sections", Plain).update(self.bars(data.by_section, width))
        self.query_one("#stats-tags", Plain).update(self.bars(data.by_tag[:8], width))
        recent = {d.day: d for d in data.days}
        span = [today - timedelta(days=n) for n in range(CHART_DAYS - 1, -1, -1)]
        accuracy_series = [
            (recent[d].correct / recent[d].answers) if d in recent and recent[d].answers else 0.0
            for d in span
        ]
        self.query_one("#stats-accuracy", Sparkline).data = accuracy_series
        points_series = [float(recent[d].points) if d in recent else 0.0 for d in span]
        self.query_one("#stats-points", Sparkline).data = points_series
        answered = sum(recent[d].answers for d in span if d in recent)
        right = sum(recent[d].correct for d in span if d in recent)
        mean = percent(right, answered)
        self.query_one("#trend-accuracy", Plain).update(
            t("stats.accuracy_trend", days=CHART_DAYS, mean=mean)
        )
        self.query_one("#trend-points", Plain).update(
            t("stats.points_trend", days=CHART_DAYS, total=int(sum(points_series)))
        )
        answers_by_day = {d.day: d.answers for d in data.days}
        self.query_one("#stats-calendar", Plain).update(heatmap(answers_by_day, today))
        study = data.study
        forecast = "  ".join(
            f"{t('stats.day_offset', n=n)} {count}"
            for n, count in enumerate(study.reviews_next_7_days)
        )
        retention = share_text(study.retention)
        self.query_one("#stats-study", WrapText).update(
            t("stats.study_line", due=study.due_today, new=study.new_today,
              retention=retention) + "\n" + t("stats.forecast") + forecast
        )  # fmt: skip
        bests = Text("\n").join(
            Text(f"{mode_name(b.mode)}  ").append(str(b.best), style="bold") for b in data.bests
        )
        self.query_one("#stats-bests", WrapText).update(bests or t("stats.none"))
        slowest = sorted(data.questions, key=lambda q: -q.mean_seconds)[:5]
        self.query_one("#stats-slowest", WrapText).update(
            self.question_lines([(q, f"{q.mean_seconds:.1f}s") for q in slowest])
        )
        missed = sorted(
            (q for q in data.questions if q.answers > q.correct),
            key=lambda q: (-(q.answers - q.correct), q.question_id),
        )[:5]
        self.query_one("#stats-missed", WrapText).update(
            self.question_lines(
                [(q, t("stats.missed_count", wrong=q.answers - q.correct, total=q.answers))
                 for q in missed]
            )
        )  # fmt: skip
        self.loaded = True

    def bars(self, groups: tuple[GroupAccuracy, ...], width: int) -> Text:
        if not groups:
            return Text(t("stats.none"))
        label_width = min(24, max(cell_len(g.name) for g in groups))
        details = [f"{share_text(g.accuracy or 0)} ({g.correct}/{g.answers})" for g in groups]
        detail_width = max(cell_len(d) for d in details)
        lines = [
            bar(g.name, g.accuracy, detail, label_width, width, detail_width)
            for g, detail in zip(groups, details, strict=True)
        ]
        return Text("\n").join(lines)

    def question_lines(self, rows: list[tuple[QuestionTotal, str]]) -> Text:
        if not rows:
            return Text(t("stats.none"))
        text = Text()
        for index, (question, detail) in enumerate(rows, start=1):
            if index > 1:
                text.append("\n")
            text.append(f"{index}.  ", style="bold")
            text.append(question.prompt)
            text.append(f"  {detail}", style="dim")
        return text

    def action_back(self) -> None:
        self.dismiss()
