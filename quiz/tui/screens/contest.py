"""竞赛: the quizmaster's screen, shown on the projector.

Keys: Space shows 请抢答 / goes to the next question; Y right, N wrong; R reveals the answer;
1–3 pick 10/20/30 in a risk round; team buzzers are 1–9, 0, -, = (teams 1–12) in buzz rounds;
C corrects a score (with a reason); S shows the big scoreboard.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from quiz.contest.engine import RISK_VALUES, Contest, ContestPhase, RoundKind
from quiz.engine.checking import shown_answer, shown_option
from quiz.engine.response import option_label
from quiz.i18n import t
from quiz.tui.base import ORGANISER_SIZE, QuizScreen
from quiz.tui.textual_fixes import toast_racks
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.plain import Plain
from quiz.tui.widgets.timer import TimerBar
from quiz.tui.widgets.wrap import WrapText
from quiz.usecases.contest_run import ContestRun

BUZZERS = "1234567890-="


class ContestScreen(QuizScreen[None]):
    MIN_SIZE = ORGANISER_SIZE  # an organiser's screen (quiz.tui.base)
    KEY_HELP = (
        ("Space", "help.contest.step"),
        ("1–9 0 - =", "help.contest.buzz"),
        ("1 / 2 / 3", "help.contest.risk"),
        ("Y / N", "help.contest.judge"),
        ("R", "help.contest.reveal"),
        ("C", "help.contest.correct"),
        ("S", "help.contest.board"),
        ("Esc", "help.contest.leave"),
    )
    BINDINGS = [
        Binding("space", "step", "key.contest_step"),
        Binding("y", "judge(True)", "key.right"),
        Binding("n", "judge(False)", "key.wrong"),
        Binding("r", "reveal", "key.reveal"),
        Binding("c", "correct", "key.correct"),
        Binding("s", "scoreboard", "key.scoreboard"),
        Binding("escape", "leave", "key.leave"),
        *[Binding(k if k not in "-=" else {"-": "minus", "=": "equals_sign"}[k],
                  f"team_key({i})", show=False) for i, k in enumerate(BUZZERS)],
    ]  # fmt: skip

    def __init__(self, run: ContestRun) -> None:
        super().__init__()
        self.run = run

    @property
    def contest(self) -> Contest:
        """What the screen draws; only `run` changes it (and saves each event)."""
        return self.run.contest

    @property
    def in_progress(self) -> bool:
        """A contest not over yet (starting a run asks first)."""
        return self.contest.phase is not ContestPhase.FINISHED

    def compose(self) -> ComposeResult:
        yield Plain(id="contest-status")
        yield TimerBar(float(self.contest.plan.buzz_seconds))
        with VerticalScroll(id="contest-body"):
            yield WrapText(id="contest-question")
            yield WrapText(id="contest-answer")
        yield Plain(id="contest-board")
        yield Plain(id="contest-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.set_interval(0.2, self.tick)
        self.draw()

    # -- drawing ------------------------------------------------------------------------------

    def draw(self) -> None:
        contest = self.contest
        if contest.phase is ContestPhase.FINISHED:
            self.show_final()
            return
        round_name = t(f"contest.round.{contest.kind.value}")
        number = contest.asked_in_round + 1
        status = f"{round_name}  ·  {t('play.progress', n=number, total=contest.round_length())}"
        if contest.kind is RoundKind.TIEBREAK:
            status = f"{round_name}  ·  {t('contest.tied')}"
        self.query_one("#contest-status", Plain).update(status)
        self.query_one("#contest-question", WrapText).update(self.question_text())
        self.query_one("#contest-answer", WrapText).update(self.answer_text())
        self.query_one("#contest-board", Plain).update(self.board_text())
        self.query_one("#contest-hint", Plain).update(t(f"contest.hint.{contest.phase.value}",
                                                         team=self.team_name()))  # fmt: skip
        timer = self.query_one(TimerBar)
        timer.display = contest.phase in (ContestPhase.ANSWERING, ContestPhase.BUZZING)
        self.refresh_bindings()
        self.call_after_refresh(self.lift_toasts)

    def lift_toasts(self) -> None:
        """Toasts (a foul, say) sit above the board and the hint line, never over them."""
        below = sum(self.query_one(f"#contest-{part}").outer_size.height
                    for part in ("board", "hint"))  # fmt: skip
        for rack in toast_racks(self):
            rack.styles.margin = (0, 0, below + 1, 0)

    def team_name(self) -> str:
        team = self.contest.team
        return self.contest.plan.teams[team] if team is not None else ""

    def question_text(self) -> Text:
        contest = self.contest
        text = Text()
        if contest.phase is ContestPhase.PICK:
            text.append(t("contest.pick", team=self.team_name()), style="bold")
            text.append("\n" + "   ".join(f"{i + 1}. {v}" for i, v in enumerate(RISK_VALUES)))
            return text
        question = contest.current
        if question is None:
            return text
        if contest.kind is RoundKind.RISK:
            text.append(f"〔{contest.value}〕", style="bold")
        text.append(question.prompt, style="bold")
        for index, option in enumerate(question.options):
            text.append(f"\n  {option_label(index)}. {shown_option(question.type, option)}")
        return text

    def answer_text(self) -> Text:
        contest = self.contest
        question = contest.current
        if contest.phase is not ContestPhase.REVEALED or question is None:
            return Text()
        text = Text(t("play.right_answer"), style="bold green")
        text.append(shown_answer(question), style="bold")
        if question.explanation:
            text.append("\n" + t("play.explanation") + question.explanation)
        return text

    def board_text(self) -> Text:
        contest = self.contest
        text = Text()
        for index, name in enumerate(contest.plan.teams):
            if index:
                text.append("  │  ")
            style = "bold reverse" if index == contest.team else ""
            if index in contest.excluded:
                style = "dim strike"
            text.append(f"{BUZZERS[index]} {name} {contest.scores[index]}", style=style)
        return text

    # -- keys ----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        phase = self.contest.phase
        match action:
            case "step":
                return phase in (ContestPhase.SHOWN, ContestPhase.REVEALED)
            case "judge":
                return phase is ContestPhase.ANSWERING
            case "reveal":
                return phase in (ContestPhase.SHOWN, ContestPhase.BUZZING)
        return True

    def act(self) -> None:
        self.draw()

    def action_step(self) -> None:
        self.run.step()
        self.act()

    def action_judge(self, right: bool) -> None:
        self.run.judge(right)
        self.act()

    def action_reveal(self) -> None:
        self.run.reveal()
        self.act()

    def action_team_key(self, index: int) -> None:
        contest = self.contest
        if contest.phase is ContestPhase.PICK:
            if index < len(RISK_VALUES):
                self.run.pick(RISK_VALUES[index])
        elif self.run.buzz(index):  # a foul: this team pressed before 请抢答
            self.notify(t("contest.foul", team=contest.plan.teams[index]), severity="warning")
        self.act()

    def action_correct(self) -> None:
        from quiz.tui.screens.contest_dialogs import CorrectionScreen

        def done(result: tuple[int, int, str] | None) -> None:
            if result is not None:
                self.run.correct(*result)
                self.act()

        self.app.push_screen(CorrectionScreen(self.contest.plan.teams), done)

    def action_scoreboard(self) -> None:
        from quiz.tui.screens.contest_dialogs import ScoreboardScreen

        self.app.push_screen(ScoreboardScreen(self.run))

    def action_leave(self) -> None:
        from quiz.tui.screens.confirm import ConfirmScreen

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.dismiss()

        self.app.push_screen(ConfirmScreen(t("contest.leave")), confirmed)

    def tick(self) -> None:
        left = self.contest.seconds_left()
        if left is None or not self.is_current:
            return
        timer = self.query_one(TimerBar)
        limit = (self.contest.plan.answer_seconds if self.contest.phase is ContestPhase.ANSWERING
                 else self.contest.plan.buzz_seconds)  # fmt: skip
        timer.limit = float(limit)
        timer.remaining = left
        if left <= 0:
            self.run.time_up()
            self.act()

    def show_final(self) -> None:
        from quiz.tui.screens.contest_dialogs import ScoreboardScreen

        self.app.switch_screen(ScoreboardScreen(self.run, final=True))
