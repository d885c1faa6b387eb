"""The play screen: one question at a time, for every mode. Keys are a contract:
a–f / 1–6 pick, Backspace undoes (order), typing fills blanks (Tab moves), Enter submits and
goes on, R revives (challenge), PgUp/PgDn (also Alt+←/→, and ←/→ outside a blank) move and
Ctrl+S hands in (exam), Esc leaves. The footer lists what the current state allows."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input

from quiz.bank.models import QuestionType
from quiz.bank.text import count_blanks
from quiz.engine.modes import Pool
from quiz.engine.response import OPTION_KEYS, ResponseBuilder
from quiz.engine.session import Answer, Phase
from quiz.i18n import t
from quiz.reports.labels import mode_name
from quiz.tui.base import QuizScreen
from quiz.tui.messages import RunFinished
from quiz.tui.widgets.blanks import BlankInput, BlankInputs
from quiz.tui.widgets.feedback import feedback_text
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.options import OptionRow, OptionsView
from quiz.tui.widgets.plain import Plain
from quiz.tui.widgets.timer import TimerBar
from quiz.tui.widgets.wrap import WrapText
from quiz.usecases.play import Run

TICK_SECONDS = 0.2


class QuestionScreen(QuizScreen[None]):
    KEY_HELP = (
        ("a–f / 1–6", "help.pick"),
        ("Backspace", "help.undo"),
        ("Tab", "help.tab"),
        ("Enter", "help.enter"),
        ("R", "help.revive"),
        ("PgUp / PgDn", "help.move"),
        ("Ctrl+S", "help.hand_in"),
        ("O", "help.show_in_article"),
        ("Esc", "help.leave"),
    )
    BINDINGS = [
        Binding("enter", "submit", "key.submit"),
        Binding("enter", "proceed", "key.continue"),
        Binding("r", "revive", "key.revive"),
        Binding("backspace", "undo", "key.undo"),
        # Priority: a scrolled question body or a fill blank must not swallow them.
        Binding("pageup,alt+left", "move(-1)", "key.prev", priority=True),
        Binding("pagedown,alt+right", "move(1)", "key.next", priority=True),
        Binding("left", "move(-1)", "key.prev", show=False),
        Binding("right", "move(1)", "key.next", show=False),
        # Tab between blanks is the screen's own, done at once as the key arrives: keys typed
        # in a burst (`x Tab y`) then land in the blank they were typed for, in order.
        Binding("tab", "next_blank(1)", show=False, priority=True),
        Binding("shift+tab", "next_blank(-1)", show=False, priority=True),
        Binding("ctrl+s", "hand_in", "key.hand_in"),
        Binding("o", "show_in_article", "key.show_in_article"),
        Binding("escape", "leave", "key.leave"),
        *[Binding(k, f"pick({i})", show=False) for i, k in enumerate(OPTION_KEYS)],
        *[Binding(k, f"pick({i})", show=False) for i, k in enumerate("123456")],
    ]

    def __init__(self, run: Run) -> None:
        super().__init__()
        self.run = run
        self.session = run.session
        self.builder = ResponseBuilder(QuestionType.SINGLE, ())
        self.shown_at = self.session.clock.now()
        self.paused_at: datetime | None = None

    @property
    def in_progress(self) -> bool:
        """A run not over yet (starting another one asks first)."""
        return self.session.phase is not Phase.FINISHED

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        rules = self.session.rules
        yield Plain(id="status")
        limit = rules.question_seconds or rules.total_seconds
        deadline = self.session.deadline
        if deadline is not None and not rules.question_seconds:
            # The run's own span: an assigned paper's time limit, or its closing time.
            limit = max(1, round((deadline - self.session.started_at).total_seconds()))
        if limit:
            yield TimerBar(float(limit))
        with VerticalScroll(id="play-body"):
            yield WrapText(id="prompt")
            yield WrapText(id="answer-area")
            yield OptionsView()
            yield WrapText(id="order-line")
            yield WrapText(id="feedback")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.session.rules.question_seconds or self.session.rules.total_seconds:
            self.set_interval(TICK_SECONDS, self.tick)
        if self.session.phase is Phase.FINISHED:
            self.finish()
        else:
            self.show_question()

    # -- drawing -------------------------------------------------------------------------------

    def show_question(self) -> None:
        session = self.session
        question = session.current
        options = session.options
        self.builder = ResponseBuilder(question.type, options, count_blanks(question.prompt))
        earlier = session.answers.get(session.position)
        if earlier is not None and session.rules.navigable:
            self.builder.load(earlier.given)
        self.shown_at = session.clock.now()
        self.query_one("#prompt", WrapText).update(self.prompt_text())
        body = self.query_one("#play-body", VerticalScroll)
        # Blanks carry no id: the old ones are removed asynchronously, after new ones are mounted.
        for old in self.query(BlankInputs):
            old.remove()
        area = self.query_one("#answer-area", WrapText)
        choices = self.query_one(OptionsView)
        choices.display = question.type is not QuestionType.FILL
        if question.type is QuestionType.FILL:
            blanks = BlankInputs(len(self.builder.blanks), list(self.builder.blanks))
            body.mount(blanks, after=area)
            self.call_after_refresh(blanks.focus_first)
        else:
            choices.set_question(question.type, options, self.builder.chosen)  # in place
            self.leave_blanks()
        area.update(t(f"hint.{question.type.value}"))
        self.query_one("#feedback", WrapText).display = False
        self.draw_order_line()
        self.draw_status()
        body.scroll_home(animate=False)
        self.refresh_bindings()

    def leave_blanks(self) -> None:
        """Keys go to the screen again, not to a blank (focusing the screen itself would
        repaint all of it: a frame more for every key)."""
        if isinstance(self.focused, Input):
            self.set_focus(None)

    def prompt_text(self) -> Text:
        question = self.session.current
        text = Text(f"【{t(f'type.{question.type.value}')}】", style="bold")
        text.append(question.prompt, style="bold")
        return text

    def draw_status(self) -> None:
        session = self.session
        mode = mode_name(session.mode, len(session.plan.opponents))
        limit = session.limit
        number = session.position + 1
        parts = [mode]
        if session.rules.requeue_until:
            key = "play.book_left" if session.rules.pool is Pool.BOOK else "play.retry_left"
            parts.append(t(key, count=session.left_in_book))
        elif limit:
            parts.append(t("play.progress", n=number, total=limit))
        else:
            parts.append(t("play.progress_open", n=number))
        if session.rules.navigable or not session.rules.feedback:
            # Nothing that depends on right and wrong before the hand-in.
            parts.append(t("play.answered", count=len(session.answers)))
        elif session.rules.rivals:
            parts.append(t("play.score", score=session.score))
        else:
            parts.append(t("play.streak", streak=session.streak))
        if session.plan.label:
            parts.append(session.plan.label)
        self.query_one("#status", Plain).update("  ·  ".join(parts))

    def draw_choice(self, right: set[int] | None = None) -> None:
        for view in self.query(OptionsView):
            view.show(self.builder.chosen, right)
        self.draw_order_line()

    def draw_order_line(self) -> None:
        line = self.query_one("#order-line", WrapText)
        is_order = self.session.current.type is QuestionType.ORDER
        line.display = is_order
        if is_order:
            picked = " → ".join(self.builder.options[i] for i in self.builder.chosen)
            line.update(t("play.order_so_far", sequence=picked or "—"))

    def show_feedback(self, answer: Answer) -> None:
        options = self.session.options
        right = {i for i, text in enumerate(options) if text in answer.question.answer}
        if answer.question.type is QuestionType.ORDER:
            right = set(range(len(options)))
        self.draw_choice(right if answer.question.type is not QuestionType.ORDER else None)
        for blanks in self.query(BlankInputs):
            blanks.disable_all()
        feedback = self.query_one("#feedback", WrapText)
        context = self.services.library.quote_in_context(answer.question)
        feedback.update(feedback_text(answer, self.session, context))
        feedback.set_class(answer.correct, "-right")
        feedback.set_class(not answer.correct, "-wrong")
        feedback.display = True
        self.leave_blanks()
        self.draw_status()
        self.call_after_refresh(feedback.scroll_visible)
        self.refresh_bindings()

    # -- keys ----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        session = self.session
        asking = session.phase is Phase.ASKING
        match action:
            case "submit":
                return asking
            case "proceed":
                return session.phase is Phase.FEEDBACK
            case "revive":
                return session.can_revive
            case "undo":
                return asking and session.current.type is QuestionType.ORDER
            case "move" | "hand_in":
                return asking and session.rules.navigable
            case "pick":
                return asking
            case "next_blank":
                return asking and isinstance(self.focused, BlankInput)
            case "show_in_article":
                answer = session.answers.get(session.position)
                return session.phase is Phase.FEEDBACK and bool(answer and answer.question.quote)
        return True

    def action_next_blank(self, step: int) -> None:
        blanks = list(self.query(BlankInput))
        if isinstance(self.focused, BlankInput) and self.focused in blanks:
            index = (blanks.index(self.focused) + step) % len(blanks)
            self.set_focus(blanks[index])  # now, not after a refresh as widget.focus() does

    def action_pick(self, index: int) -> None:
        if self.builder.pick(index):
            self.draw_choice()

    def action_undo(self) -> None:
        if self.builder.undo():
            self.draw_choice()

    def on_option_row_picked(self, message: OptionRow.Picked) -> None:
        if self.session.phase is Phase.ASKING:
            self.action_pick(message.index)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id and event.input.id.startswith("blank-"):
            self.builder.set_blank(int(event.input.id.removeprefix("blank-")), event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_proceed(self) -> None:
        if self.session.phase is Phase.FEEDBACK:
            self.run.proceed()
            self.after_step()

    def action_submit(self) -> None:
        session = self.session
        if session.phase is Phase.FEEDBACK:
            self.action_proceed()
            return
        if session.phase is not Phase.ASKING:
            return
        if not self.builder.ready:
            self.notify(t(f"play.not_ready.{session.current.type.value}"), timeout=3)
            return
        answer = self.run.submit(self.builder.given(), self.seconds_here())
        if self.phase() is Phase.FEEDBACK:
            self.show_feedback(answer)
        else:
            self.after_step()

    def action_show_in_article(self) -> None:
        from quiz.tui.screens.article import ArticleScreen

        answer = self.session.answers.get(self.session.position)
        path = self.services.library.article_path(answer.question) if answer else None
        if answer is not None and path is not None:
            self.app.push_screen(ArticleScreen(path, focus_quote=answer.question.quote))

    def action_revive(self) -> None:
        if self.session.can_revive:
            self.run.revive()
            self.notify(t("play.revived"), timeout=3)
            self.after_step()

    def action_move(self, step: int) -> None:
        session = self.session
        if session.rules.navigable and session.phase is Phase.ASKING:
            self.run.go_to(session.position + step)
            self.show_question()

    def action_hand_in(self) -> None:
        from quiz.tui.screens.confirm import ConfirmScreen

        unanswered = len(self.session.asked) - len(self.session.answers)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.run.hand_in()
                self.after_step()

        self.app.push_screen(ConfirmScreen(t("play.hand_in_confirm", count=unanswered)), confirmed)

    def action_leave(self) -> None:
        from quiz.tui.screens.confirm import ConfirmScreen

        if self.session.phase is Phase.FINISHED:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.dismiss()

        self.app.push_screen(ConfirmScreen(t("play.leave_confirm")), confirmed)

    def after_step(self) -> None:
        if self.session.phase is Phase.FINISHED:
            self.finish()
        else:
            self.show_question()

    # -- time ----------------------------------------------------------------------------------

    def phase(self) -> Phase:
        """The session's phase now (read afresh after calls that change it)."""
        return self.session.phase

    def seconds_here(self) -> float:
        now = self.paused_at or self.session.clock.now()
        return (now - self.shown_at).total_seconds()

    def size_guarded(self, small: bool) -> None:
        """Behind the "too small" notice a question's timer stands still, as in a real pause;
        an exam's deadline does not move (time runs while the player is away)."""
        now = self.session.clock.now()
        if small:
            self.paused_at = now
        elif self.paused_at is not None:
            self.shown_at += now - self.paused_at
            self.paused_at = None

    def tick(self) -> None:
        session = self.session
        if session.phase is Phase.FINISHED or not self.is_current:
            return
        if self.paused_at is not None and session.rules.question_seconds:
            return
        rules = session.rules
        if rules.question_seconds:
            if session.phase is not Phase.ASKING:
                return
            remaining = rules.question_seconds - self.seconds_here()
        else:
            left = session.seconds_left()  # to the deadline fixed at the start
            if left is None:
                return
            remaining = left
        self.query_one(TimerBar).remaining = max(0.0, remaining)
        if remaining <= 0:
            answer = self.run.time_up()
            if answer is not None and self.phase() is Phase.FEEDBACK:
                self.show_feedback(answer)
            else:
                self.after_step()

    # -- the end -------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="finish", exit_on_error=False)
    def finish(self) -> None:
        self.run.finish()
        self.post_message(RunFinished())

    def on_run_finished(self, message: RunFinished) -> None:
        self.show_results()

    def show_results(self) -> None:
        from quiz.tui.screens.results import ResultsScreen

        self.app.switch_screen(ResultsScreen(self.run))
