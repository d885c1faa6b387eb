"""Small display helpers shared by screens."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from quiz.engine.modes import Mode
from quiz.i18n import t

if TYPE_CHECKING:
    from quiz.reports import SessionRow


def mode_name(mode: Mode, opponents: int = 3) -> str:
    if mode is Mode.RACE and opponents == 1:
        return t("mode.duel")
    return t(f"mode.{mode.value}")


def session_name(row: SessionRow) -> str:
    """A history row's mode, or 竞赛 for a contest."""
    return t("mode.contest") if row.mode is None else mode_name(row.mode)


def short_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%m-%d %H:%M")


def duration(seconds: float) -> str:
    whole = max(0, round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


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
