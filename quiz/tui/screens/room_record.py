"""A room of the history, opened: each question as the room asked it and, for a player, their
answer, right or wrong, and its points; for the host, how everyone answered (a bar per option).
Then the standings. Names and answers are data: shown literally."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from quiz.bank.models import QuestionType
from quiz.engine.checking import shown_option
from quiz.engine.response import option_label
from quiz.i18n import t
from quiz.reports.labels import clip, duration, short_time
from quiz.reports.rooms import RoomDetail, RoomQuestion, RoomRole, RoomRow, RoomStanding
from quiz.reports.stats import answer_counts
from quiz.tui.base import QuizScreen
from quiz.tui.messages import Result
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.plain import Plain
from quiz.tui.widgets.wrap import WrapText


@dataclass(repr=False, eq=False)
class RoomRecordReady(Result):
    """A room of the history, read for its detail screen (None: not found)."""

    detail: RoomDetail | None


BAR_WIDTH = 20
STANDINGS_SHOWN = 10
NAME_CELLS = 16


def joined(kind: str, parts: tuple[str, ...]) -> str:
    """An answer as one line: an ordering as a sequence, options one after another."""
    shown = (shown_option(QuestionType(kind), part) for part in parts)
    return (" → " if kind == "order" else "、").join(shown)


def title(row: RoomRow) -> str:
    common = {"pin": row.pin, "started": short_time(row.started_at), "questions": row.questions,
              "players": row.players, "status": t(f"history.{row.status}")}  # fmt: skip
    if row.role is RoomRole.HOST:
        winner = clip(row.winner, NAME_CELLS) if row.winner else "—"
        return t("room_record.host_title", winner=winner, time=duration(row.elapsed), **common)
    return t("room_record.player_title", score=row.score, correct=row.correct, asked=row.asked,
             rank=row.rank or "—", **common)  # fmt: skip


def heading(question: RoomQuestion, mark: str, style: str) -> Text:
    text = Text(f"{question.position + 1}. ", style="bold")
    text.append(mark, style=style)
    text.append("【" + t(f"type.{question.type}") + "】" if question.type else "")
    text.append(question.prompt)
    return text


def player_text(question: RoomQuestion, user: str) -> Text:
    """One question as the player answered it."""
    if not question.asked:
        text = heading(question, "· ", "dim")
        text.append("\n   " + t("room_record.not_asked"), style="dim")
        return text
    mine = question.answer_of(user)
    right = mine is not None and mine.correct
    text = heading(question, "✓ " if right else "✗ ", "bold green" if right else "bold red")
    if mine is None:
        text.append("\n   " + t("room.no_answer"))
    else:
        text.append("\n   " + t("play.your_answer") + joined(question.type, mine.given))
        text.append(f"  ({mine.seconds:.1f}s)", style="dim")
        text.append(f"  +{mine.points}", style="bold green" if mine.points else "dim")
    text.append("\n   " + t("play.right_answer") + joined(question.type, question.right_answer))
    return finish(text, question)


def host_text(question: RoomQuestion) -> Text:
    """One question as the room answered it: the right answer and a bar per answer given."""
    text = heading(question, "", "")
    if not question.asked:
        text.append("\n   " + t("room_record.not_asked"), style="dim")
        return text
    text.append("\n   " + t("play.right_answer") + joined(question.type, question.right_answer))
    counts = answer_counts(question.type, question.options, (a.given for a in question.answers))
    most = max((count for _key, count in counts), default=0) or 1
    for key, count in counts:
        right = key in question.right_answer
        label = option_label(question.options.index(key)) if key in question.options else "·"
        bar = "█" * round(BAR_WIDTH * count / most)
        text.append(f"\n   {label} ", style="bold green" if right else "bold")
        text.append(f"{bar:<{BAR_WIDTH}} {count:>3}  ", style="green" if right else "")
        text.append(shown_option(QuestionType(question.type), key), style="dim")
    return finish(text, question)


def finish(text: Text, question: RoomQuestion) -> Text:
    share = t("room.right_share", right=question.right, answered=len(question.answers))
    text.append("\n   " + share, style="dim")
    if question.explanation:
        text.append("\n   " + t("play.explanation") + question.explanation, style="dim")
    return text


def standings_text(detail: RoomDetail) -> Text:
    """The final standings (the first ten, and the player's own line wherever it is)."""
    row = detail.row
    me = row.user if row.role is RoomRole.PLAYER else None
    label = "room.podium" if row.status == "finished" else "room.standings"
    text = Text(t(label), style="bold")
    shown: list[RoomStanding] = list(detail.standings[:STANDINGS_SHOWN])
    shown += [s for s in detail.standings[STANDINGS_SHOWN:] if s.user == me]
    for standing in shown:
        style = "bold reverse" if standing.user == me else ("bold" if standing.rank <= 3 else "")
        text.append(f"\n{standing.rank:>4}. ", style=style)
        text.append(standing.user, style=style)  # a name is data: appended literally
        text.append(f"  {standing.score}", style=style)
        text.append("  " + t("room.correct_count", count=standing.correct), style="dim")
    if not detail.standings:
        text.append("\n   " + t("room_record.nobody"), style="dim")
    return text


class RoomRecordScreen(QuizScreen[None]):
    KEY_HELP = (
        ("↑↓  PgUp / PgDn", "help.scroll"),
        ("Esc", "help.back"),
    )
    BINDINGS = [Binding("escape", "back", "key.back")]

    def __init__(self, room_id: str, role: RoomRole) -> None:
        super().__init__()
        self.room_id = room_id
        self.role = role
        self.detail: RoomDetail | None = None
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Plain(classes="screen-title", id="room-record-title")
        yield VerticalScroll(id="room-record-body")
        yield KeyBar()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        self.post_message(RoomRecordReady(self.services.read.room_detail(self.room_id, self.role)))

    def on_room_record_ready(self, message: RoomRecordReady) -> None:
        self.detail = detail = message.detail
        body = self.query_one("#room-record-body", VerticalScroll)
        if detail is None:
            self.query_one("#room-record-title", Plain).update(
                t("room.not_found", pin=self.room_id.partition("-")[0])
            )
        else:
            row = detail.row
            self.query_one("#room-record-title", Plain).update(title(row))
            blocks = [
                host_text(q) if row.role is RoomRole.HOST else player_text(q, row.user)
                for q in detail.questions
            ]
            body.mount_all([WrapText(b, hanging=3, classes="review") for b in blocks])
            body.mount(WrapText(standings_text(detail), hanging=6))
        self.loaded = True

    def action_back(self) -> None:
        self.dismiss()
