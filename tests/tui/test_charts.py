"""The statistics calendar shows its levels without colour too (NO_COLOR, a monochrome
terminal): each level has its own glyph, in the legend as in the days."""

from __future__ import annotations

from datetime import date, timedelta

from quiz.tui.widgets.charts import HEAT_GLYPHS, heat_level, heatmap

TODAY = date(2026, 11, 28)  # a Saturday


def test_each_level_has_a_glyph_that_shows_without_colour() -> None:
    assert len(set(HEAT_GLYPHS)) == 5 and all(g.isascii() and g.strip() for g in HEAT_GLYPHS)
    answers = {TODAY: 50, TODAY - timedelta(days=1): 3, TODAY - timedelta(days=2): 10,
               TODAY - timedelta(days=3): 20}  # fmt: skip
    plain = heatmap(answers, TODAY).plain
    rows = plain.splitlines()
    saturday = rows[5]  # Monday first
    assert saturday.rstrip().endswith(HEAT_GLYPHS[heat_level(50)])
    friday = rows[4]
    assert friday.rstrip().endswith(HEAT_GLYPHS[heat_level(3)])
    assert rows[6].rstrip().endswith(HEAT_GLYPHS[0])  # last Sunday: none
    legend = rows[-1]
    assert all(glyph in legend for glyph in HEAT_GLYPHS)
