"""Chinese line breaking: any two characters may part, but punctuation rules hold."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from quiz.text.wrap import NO_LINE_END, NO_LINE_START, line_breaks


def lines_of(text: str, width: int, hanging: int = 0) -> list[str]:
    cuts = [0, *line_breaks(text, width, hanging), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(cuts)]


def test_chinese_breaks_between_characters() -> None:
    text = "针对流动党员流动性大、不便于集中组织学习的特点，打造网上思政课堂。"
    lines = lines_of(text, 20)
    assert all(cell_len(line) <= 20 for line in lines)
    assert cell_len(lines[0]) >= 18  # the first line is filled, not left short
    assert "".join(lines) == text


def test_closing_punctuation_never_starts_a_line() -> None:
    text = "甲乙丙丁戊己庚辛壬癸，子丑寅卯。"
    for width in range(4, 30):
        for line in lines_of(text, width)[1:]:
            assert line[0] not in NO_LINE_START


def test_a_figure_keeps_its_measure_word() -> None:
    text = "多样化宣讲队完成宣讲10064场,市区两级"
    for width in range(8, 30):
        assert not any(line.startswith("场") for line in lines_of(text, width))


def test_numbers_and_words_stay_whole() -> None:
    text = "吸引3289.5万人次线上参学 and more words here"
    for line in lines_of(text, 12):
        assert "3289" not in line or "3289.5" in line


def test_hanging_indent_narrows_later_lines() -> None:
    text = "一二三四五六七八九十" * 3
    lines = lines_of(text, 20, hanging=4)
    assert cell_len(lines[0]) == 20 and all(cell_len(line) <= 16 for line in lines[1:])


@given(st.text(alphabet="中文字，。“”《》abc 12.5%", max_size=80), st.integers(2, 40))
def test_no_line_is_too_wide_and_nothing_is_lost(text: str, width: int) -> None:
    lines = lines_of(text, width)
    assert "".join(lines) == text
    for line in lines:
        assert cell_len(line.rstrip(" ")) <= max(width, 4) or len(line.strip()) <= 2
    for line in lines[:-1]:
        forced = cell_len(line) >= width - 1  # a piece wider than the line had to be cut
        assert forced or not line or line[-1] not in NO_LINE_END


def test_a_no_break_space_holds_its_token_together() -> None:
    """13.11: a race rival's name, mark and points never part (`江城学子 ✓` / `853`)."""
    text = "  知行合一\u00a0✗\u00a00    江城学子\u00a0✓\u00a0853    红色引擎\u00a0✓\u00a0790  "
    for width in range(14, 60):
        for line in lines_of(text, width):
            for entry in (
                "知行合一\u00a0✗\u00a00",
                "江城学子\u00a0✓\u00a0853",
                "红色引擎\u00a0✓\u00a0790",
            ):
                name = entry.split("\u00a0")[0]
                assert name not in line or entry in line


def test_toasts_keep_the_line_break_rules() -> None:
    from quiz.text.wrap import fill

    text = "今天没有要复习的题，新题额度也已用完。明天再来！"
    for width in range(6, 40):
        lines = fill(text, width).split("\n")
        assert "".join(lines) == text
        assert all(line[0] not in NO_LINE_START for line in lines[1:])
        assert all(cell_len(line) <= max(width, 4) for line in lines)
