"""Text charts for the statistics screen: bars and a calendar heatmap.

Cells are coloured spaces, not block characters: block symbols are "ambiguous" width and take
two cells in many Chinese terminals.
"""

from __future__ import annotations

from datetime import date, timedelta

from rich.cells import cell_len
from rich.text import Text

from quiz.i18n import t

HEAT = ("grey23", "dark_green", "green4", "green3", "bright_green")


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
                text.append("  ", style=f"on {HEAT[heat_level(answers_by_day.get(day, 0))]}")
            text.append(" ")
        text.append("\n")
    text.append(t("stats.heat_legend") + " ")
    for colour in HEAT:
        text.append("  ", style=f"on {colour}")
        text.append(" ")
    return text
