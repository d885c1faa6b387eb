"""What the player sees after answering: verdict, right answer, explanation, the article's words."""

from __future__ import annotations

from rich.text import Text

from quiz.engine.checking import is_blank, shown_answer, shown_given
from quiz.engine.session import Answer, Session
from quiz.i18n import t


def feedback_text(
    answer: Answer, session: Session, context: tuple[str, str, str] | None = None
) -> Text:
    question = answer.question
    text = Text()
    if answer.correct:
        text.append(t("play.right"), style="bold green")
    elif is_blank(answer.given) and session.rules.question_seconds:
        text.append(t("play.time_up"), style="bold red")
    else:
        text.append(t("play.wrong"), style="bold red")
    if session.rules.rivals:
        text.append("  " + t("play.round_points", points=answer.score), style="bold")
    text.append("\n")
    if not answer.correct and not is_blank(answer.given):
        text.append(t("play.your_answer") + shown_given(question, answer.given) + "\n")
    text.append(t("play.right_answer"), style="bold")
    text.append(shown_answer(question) + "\n")
    if question.explanation:
        text.append(t("play.explanation"), style="bold")
        text.append(question.explanation + "\n")
    if context is not None:
        before, quote, after = context
        text.append(t("play.quote"), style="bold")
        text.append(before, style="dim")
        text.append(quote, style="bold underline")
        text.append(after + "\n", style="dim")
    elif question.quote:
        text.append(t("play.quote"), style="bold")
        text.append(question.quote + "\n", style="italic")
    for quote in question.quotes[1:]:  # an answer gathered from several places: show them all
        text.append("…" + quote + "…\n", style="italic")
    for other in answer.opponents:
        mark = "✓" if other.correct else "✗"
        # No-break spaces: a rival's name, mark and points never part across lines.
        text.append(f"  {other.name}\u00a0{mark}\u00a0{other.points}  ", style="dim")
    if answer.opponents:
        text.append("\n")
    if session.can_revive:
        text.append(t("play.revive_offer"), style="bold yellow")
    else:
        text.append(t("play.next_hint"), style="dim")
    return text
