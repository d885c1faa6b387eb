"""derive takes any text a person pastes: a title with no body, blank lines, a lone heading or
random report-like lines give drafts or none, never an exception (a title-only article once
failed with "zip() argument 2 is longer than argument 1")."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.author.drafting import drafts

EDGES = [
    "",
    "\n\n",
    "某县开展党史学习教育",
    "某县开展党史学习教育\n\n",
    "某县开展党史学习教育\n聚焦“学党史”\n",
    "标题\n\n一是\n二是\n三是\n",
]
# Pieces of real reports' shapes: titles, headings, figures, lists, quotes, ASCII punctuation.
PIECES = [
    "某县党史学习教育走深走实", "聚焦“学党史办实事”", "一是", "二是", "三是", "首先,", "最后,",
    "全县共举办宣讲86场,覆盖群众1.2万人次。", "成立领导小组,下设办公室。", "《红色家书》",
    "县委书记担任组长", "开展“四史”宣传教育,", "截至目前,", "\n", "\n\n", "。", "、", " ",
]  # fmt: skip


@pytest.mark.parametrize("text", EDGES)
def test_edge_texts_give_drafts_or_none(text: str) -> None:
    found = drafts(text, everything=True)
    assert all(d["draft"] is True for d in found)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_any_arrangement_of_report_pieces_derives_without_error(pieces: list[str]) -> None:
    found = drafts("".join(pieces), everything=True)
    assert all(isinstance(d["prompt"], str) and d["prompt"] for d in found)
