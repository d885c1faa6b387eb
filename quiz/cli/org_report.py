"""Showing the participation report: a table per unit (indented as a tree) and the top
players on a terminal, tab-separated text when piped, or CSV."""

from __future__ import annotations

from quiz.cli.output import echo_csv, emit, plain, say
from quiz.i18n import t
from quiz.org.models import UNASSIGNED
from quiz.org.report import OrgReport, UnitLine
from quiz.reports.labels import period_text, share_text

COLUMNS = ("unit", "members", "active", "participation", "answers", "accuracy", "points")


def unit_label(line: UnitLine, tree: bool) -> str:
    """Indented last level on a terminal (a tree), the whole path when piped."""
    if line.unit == UNASSIGNED:
        return t("org.unassigned")
    return "  " * line.depth + line.name if tree else line.unit


def unit_text(path: str) -> str:
    return t("org.unassigned") if path == UNASSIGNED else path


def print_report(report: OrgReport) -> None:
    if not report.units:
        say(t("org.no_report"))
        return
    tree = not plain()
    if tree:
        say(t("org.report_title", period=period_text(report.start, report.end)))
    rows = [
        [unit_label(line, tree), str(line.figures.members), str(line.figures.active),
         share_text(line.participation), str(line.figures.answers), share_text(line.accuracy),
         str(line.figures.points)]
        for line in report.units
    ]  # fmt: skip
    emit([t(f"org.report.{c}") for c in COLUMNS], rows)
    if report.players:
        if tree:
            say(t("org.top_players"))
        players = [
            [str(rank), p.user, unit_text(p.unit), str(p.points)]
            for rank, p in enumerate(report.players, start=1)
        ]
        emit(["#", t("org.col.name"), t("org.col.unit"), t("org.report.points")], players)


def write_csv(report: OrgReport) -> None:
    """One row per unit; participation and accuracy as fractions (4 decimals); a name a
    spreadsheet would run as a formula gets a leading `'` (quiz.text.safe.csv_text)."""
    echo_csv(
        COLUMNS,
        (
            [line.unit, line.figures.members, line.figures.active, fraction(line.participation),
             line.figures.answers, fraction(line.accuracy), line.figures.points]
            for line in report.units
        ),
    )  # fmt: skip


def fraction(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}".rstrip("0").rstrip(".")
