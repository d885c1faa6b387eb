"""Text charts for the statistics screen: bars and a calendar heatmap.

Cells are coloured spaces, not block characters: block symbols are "ambiguous" width and take
two cells in many Chinese terminals. The calendar's levels have an ASCII glyph each as well, so
they show without colour (NO_COLOR, a monochrome terminal).
"""

from __future__ import annotations

from datetime import date, timedelta

from rich.cells import cell_len
from rich.text import Text

from quiz.i18n import t

HEAT = ("grey23", "dark_green", "green4", "green3", "bright_green")
HEAT_GLYPHS = (".", ":", "+", "*", "#")
"""Level by level as HEAT: none, a few answers, more, many, the most."""


def bar(
    label: str, share: float | None, detail: str, label_width: int, width: int, detail_width: int
) -> Text:
    """`label  ██████░░░  83% (5/6)` with the bar fitted to `width` cells."""
    text = Text(label)
    text.append(" " * max(1, label_width - cell_len(label) + 1))
    detail = " " * max(0, detail_width - cell_len(detail)) + detail
    room = max(4, width - label_width - 1 - cell_len(detail) - 2)
    filled = round(room * (share or 0.0))
    text.append(" " * filled, style="on green4")
    text.append(" " * (room - filled), style="on grey23")
    text.append("  " + detail)
    return text


def heat_level(answers: int) -> int:
    for level, threshold in enumerate((1, 5, 15, 40), start=1):
        if answers < threshold:
            return level - 1
    return 4


def heatmap(answers_by_day: dict[date, int], today: date, weeks: int = 12) -> Text:
    """Weeks as columns (oldest left), Monday to Sunday as rows, like a contribution calendar."""
    last_monday = today - timedelta(days=today.weekday())
    first = last_monday - timedelta(weeks=weeks - 1)
    text = Text()
    for weekday in range(7):
        text.append(t(f"weekday.{weekday}") + " ")
        for week in range(weeks):
            day = first + timedelta(weeks=week, days=weekday)
            if day > today:
                text.append("  ")
            else:
                text.append_text(heat_cell(heat_level(answers_by_day.get(day, 0))))
            text.append(" ")
        text.append("\n")
    text.append(t("stats.heat_legend") + " ")
    for level in range(len(HEAT)):
        text.append_text(heat_cell(level))
        text.append(" ")
    text.append(t("stats.heat_legend_more"))
    return text


def heat_cell(level: int) -> Text:
    """Two cells: the level's glyph on its colour."""
    return Text(f"{HEAT_GLYPHS[level]} ", style=f"on {HEAT[level]}")
