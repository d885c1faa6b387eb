"""Shares are written one way everywhere, the TUI and the CLI alike: whole percents."""

from __future__ import annotations

import re

from quiz.reports.labels import percent, share_text
from tests.conftest import REPO


def test_a_share_is_a_whole_percent() -> None:
    assert share_text(0.6) == "60%"
    assert share_text(2 / 3) == "67%"
    assert share_text(None) == "—"
    assert percent(3, 5) == "60%" and percent(0, 0) == "—"


def test_no_face_formats_a_percent_of_its_own() -> None:
    """The screens and the commands write shares through quiz.reports.labels only."""
    own = re.compile(r"round\(100 \*|100 \* [\w.()]+:[\d.]*f\}%")
    found = [
        f"{path.relative_to(REPO)}:{number}"
        for folder in ("quiz/tui", "quiz/cli")
        for path in sorted((REPO / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if own.search(line)
    ]
    assert found == []


def test_a_report_s_period_is_said_in_words() -> None:
    from datetime import date

    from quiz import i18n
    from quiz.reports.labels import period_text

    i18n.set_language("zh")
    assert period_text(None, None) == "全部时间"
    assert period_text(date(2026, 11, 1), None) == "2026-11-01 起"
    assert period_text(None, date(2026, 11, 28)) == "截至 2026-11-28"
    assert period_text(date(2026, 11, 1), date(2026, 11, 28)) == "2026-11-01 – 2026-11-28"
    i18n.set_language("en")
    assert period_text(None, None) == "all time"
