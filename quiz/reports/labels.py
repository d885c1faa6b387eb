"""Small display helpers shared by screens."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from quiz.engine.modes import Mode
from quiz.i18n import t

if TYPE_CHECKING:
    from quiz.reports.history import HistoryRow

WINNER_CELLS = 10
"""A room's winner, as the history's mode column names them: at most this many cells."""


def mode_name(mode: Mode, opponents: int = 3) -> str:
    if mode is Mode.RACE and opponents == 1:
        return t("mode.duel")
    return t(f"mode.{mode.value}")


def session_name(row: HistoryRow, winner: bool = False) -> str:
    """A history row's mode, 竞赛 for a contest, or a room with its PIN and how it went: the
    player's place among how many, or (the host's row) how many played and, with `winner`
    (where there is room for it), who won."""
    from quiz.reports.rooms import RoomRole, RoomRow

    if isinstance(row, RoomRow):
        if row.role is RoomRole.PLAYER:
            return t("history.room_played", pin=row.pin, rank=row.rank, players=row.players)
        if winner and row.winner is not None:
            return t("history.room_hosted_won", pin=row.pin, players=row.players,
                     winner=clip(row.winner, WINNER_CELLS))  # fmt: skip
        return t("history.room_hosted", pin=row.pin, players=row.players)
    return t("mode.contest") if row.mode is None else mode_name(row.mode, row.opponents)


def short_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%m-%d %H:%M")


def duration(seconds: float) -> str:
    whole = max(0, round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def period_text(start: date | None, end: date | None) -> str:
    """Days from `start` to `end` (inclusive; None: open), said in words when open."""
    if start is None and end is None:
        return t("period.all")
    if end is None:
        return t("period.since", start=start.isoformat() if start else "")
    if start is None:
        return t("period.until", end=end.isoformat())
    return t("period.between", start=start.isoformat(), end=end.isoformat())


def share_text(share: float | None) -> str:
    """A share (0–1) as every screen and command writes it: a whole percent, — for none."""
    return "—" if share is None else f"{round(100 * share)}%"


def percent(part: int, whole: int) -> str:
    return share_text(part / whole if whole else None)


SEALED = "—"
"""What a sealed run shows where its score or accuracy would be."""


def score_cell(row: HistoryRow) -> str:
    return SEALED if row.sealed else str(row.score)


def accuracy_cell(row: HistoryRow) -> str:
    """`60% (3/5)`; a sealed run's `—`."""
    if row.sealed:
        return SEALED
    return f"{percent(row.correct, row.total)} ({row.correct}/{row.total})"


def clip(text: str, cells: int) -> str:
    """`text` cut to at most `cells` terminal cells, with an ellipsis when cut."""
    from rich.cells import cell_len

    if cell_len(text) <= cells:
        return text
    out = ""
    for char in text:
        if cell_len(out + char) > cells - 1:
            break
        out += char
    return out + "…"
