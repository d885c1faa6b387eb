"""The contest's scoreboard (big digits, for the room) and its score-correction dialog."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import Digits, Input

from quiz.contest.engine import ContestPlan
from quiz.contest.plan import parse_setup
from quiz.i18n import t
from quiz.text.safe import UnsafeName, check_name
from quiz.tui.base import ORGANISER_SIZE, QuizModal, QuizScreen
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.plain import Plain
from quiz.usecases.contest_run import ContestRun


class ScoreboardScreen(QuizScreen[None]):
    """Live during the contest (S, Esc returns), or the final ranking at the end."""

    MIN_SIZE = ORGANISER_SIZE  # an organiser's screen (quiz.tui.base)

    KEY_HELP = (("E", "help.scoreboard.export"), ("Esc / S", "help.back"))

    BINDINGS = [
        Binding("escape,s", "back", "key.back"),
        Binding("e", "export", "key.export_csv"),
    ]

    def __init__(self, run: ContestRun, final: bool = False) -> None:
        super().__init__()
        self.run = run
        self.contest = run.contest
        self.final = final

    def compose(self) -> ComposeResult:
        contest = self.contest
        title = t("contest.final") if self.final else t("contest.scoreboard")
        yield Plain(title, classes="screen-title")
        with Grid(id="scoreboard"):
            for rank, team in enumerate(contest.ranking(), start=1):
                with Vertical(classes="team-card"):
                    label = f"{rank}. {contest.plan.teams[team]}"
                    if contest.tiebreak[team]:
                        label += "  " + t("contest.tiebreak_wins", count=contest.tiebreak[team])
                    yield Plain(label, classes="team-name")
                    yield Digits(str(contest.scores[team]), classes="team-score")
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":  # a served session writes no files on the server
            return self.final and self.quiz.served is None
        return True

    def action_export(self) -> None:
        from quiz.system.files import FileProblem, write_atomic

        if self.quiz.served is not None:
            return

        target = self.quiz.contest_csv or Path(
            f"contest-{datetime.now().strftime('%Y%m%d-%H%M%S')}.csv"
        )
        force = self.quiz.contest_force and self.quiz.contest_csv is not None
        try:
            write_atomic(target, self.run.results_csv(), force=force)
        except FileProblem as problem:
            self.notify(t(problem.code, **problem.params), severity="error", timeout=10)
            return
        self.notify(t("cli.written", path=target))

    def action_back(self) -> None:
        self.dismiss()


class CorrectionScreen(QuizModal[tuple[int, int, str] | None]):
    """Team number, points (+/-), reason: all three, or nothing happens."""

    MIN_SIZE = ORGANISER_SIZE  # an organiser's screen (quiz.tui.base)

    BINDINGS = [Binding("escape", "cancel", "key.back")]

    def __init__(self, teams: tuple[str, ...]) -> None:
        super().__init__()
        self.teams = teams

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Plain(t("contest.correction"), id="confirm-question")
            choices = "  ".join(f"{i + 1}={name}" for i, name in enumerate(self.teams))
            yield Plain(choices)
            yield Input(placeholder=t("contest.correction_team"), id="fix-team")
            yield Input(placeholder=t("contest.correction_points"), id="fix-points")
            yield Input(placeholder=t("contest.correction_reason"), id="fix-reason")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        team = self.query_one("#fix-team", Input).value.strip()
        points = self.query_one("#fix-points", Input).value.strip()
        reason = self.query_one("#fix-reason", Input).value.strip()
        try:
            index, delta = int(team) - 1, int(points)
        except ValueError:
            self.notify(t("contest.correction_help"), severity="warning")
            return
        if not (0 <= index < len(self.teams)) or not delta or not reason:
            self.notify(t("contest.correction_help"), severity="warning")
            return
        try:
            check_name(reason)  # typed text goes into the log: refused, never stored, if unsafe
        except UnsafeName as exc:
            self.notify(t("cli.unsafe_name", char=exc.char, position=exc.index + 1),
                        severity="warning")  # fmt: skip
            return
        self.dismiss((index, delta, reason))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ContestSetupScreen(QuizModal[ContestPlan | None]):
    """Teams and rounds; Enter in the last field starts. Plans can also be kept as YAML
    (quiz contest --plan / --save-plan)."""

    MIN_SIZE = ORGANISER_SIZE  # an organiser's screen (quiz.tui.base)

    BINDINGS = [Binding("escape", "cancel", "key.back")]

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Plain(t("contest.setup"), id="confirm-question")
            yield Input(
                value="一队, 二队, 三队", placeholder=t("contest.setup_teams"), id="setup-teams"
            )
            yield Input(value="required:1 buzz:3 risk:1", placeholder=t("contest.setup_rounds"),
                        id="setup-rounds")  # fmt: skip
            yield Input(value="10/20", placeholder=t("contest.setup_timers"), id="setup-timers")
            yield Input(placeholder=t("contest.setup_topics"), id="setup-topics")
            yield Plain(t("contest.setup_help"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            plan = parse_setup(
                self.query_one("#setup-teams", Input).value,
                self.query_one("#setup-rounds", Input).value,
                self.query_one("#setup-timers", Input).value,
                self.query_one("#setup-topics", Input).value,
            )
        except UnsafeName as exc:  # a typed name is refused, never stored
            self.notify(t("cli.unsafe_name", char=exc.char, position=exc.index + 1),
                        severity="warning")  # fmt: skip
            return
        if plan is None:
            self.notify(t("contest.setup_help"), severity="warning")
            return
        self.dismiss(plan)

    def action_cancel(self) -> None:
        self.dismiss(None)
