"""Order drafts only where the article states a sequence (issue 30): 一是/二是/三是 (in one
paragraph or opening several), 首先/其次/最后, 先后 before a list, numbered headings."""

from __future__ import annotations

from typing import Any

from quiz.author.article import parse_article
from quiz.author.derive import derive


def orders(text: str) -> list[dict[str, Any]]:
    """The sequences derive finds, sure or held back (see `test_talking_points_are_held_back`)."""
    found = derive(parse_article(text), everything=True).drafts
    return [d for d in found if d["type"] == "order"]


def test_talking_points_are_held_back() -> None:
    """The order a speech or an article gives its points (一是…二是…, numbered headings) is its
    wording, not a fact: held back. Steps (首先…最后) and a campaign's stages are facts."""
    points = "动态\n区委书记指出:一是立场更加坚定。二是理论持续强化。三是服务不断提升。\n"
    sure = [d for d in derive(parse_article(points)).drafts if d["type"] == "order"]
    assert sure == [] and [o["tags"][-1] for o in orders(points)] == ["待定"]
    stages = "动态\n全区一是抓学习,开展学习。二是抓调研,形成报告。三是抓整改,解决问题。\n"
    assert [d["type"] for d in derive(parse_article(stages)).drafts].count("order") == 1
    steps = "动态\n党支部首先组织通读材料,其次开展专题研讨,最后撰写心得体会。\n"
    assert [d["type"] for d in derive(parse_article(steps)).drafts].count("order") == 1


def test_markers_that_open_paragraphs() -> None:
    [order] = orders(
        "工作动态\n全区从三个方面推进整改:\n一是抓学习,开展集中学习12次。\n"
        "二是抓调研,形成调研报告8篇。\n三是抓整改,解决问题46个。\n"
    )
    assert order["options"] == ["抓学习", "抓调研", "抓整改"]
    assert order["prompt"] == (
        "全区从三个方面推进整改：一是……，二是……，三是……。请将下列各项按先后顺序排列。"
    )
    assert order["quote"] == ["抓学习", "抓调研", "抓整改"]


def test_first_then_last_inside_a_sentence() -> None:
    [order] = orders(
        "支部动态\n支部先后召开三次会议。党支部首先组织党员通读学习材料,其次开展专题研讨,"
        "最后撰写心得体会。\n"
    )
    assert order["options"] == ["组织党员通读学习材料", "开展专题研讨", "撰写心得体会"]
    assert order["prompt"].startswith("党支部首先……，其次……，最后……。")


def test_numbered_headings_are_a_sequence_and_plain_ones_are_not() -> None:
    numbered = (
        "青山区动态\n今年以来,全区扎实推进党史学习教育。\n一、强化理论武装\n开展集中学习12次。\n"
        "二、丰富学习载体\n推出微党课30期。\n三、推动成果转化\n办成实事46件。\n"
    )
    [order] = orders(numbered)
    assert order["options"] == ["强化理论武装", "丰富学习载体", "推动成果转化"]
    brackets = (
        numbered.replace("一、", "（一）").replace("二、", "（二）").replace("三、", "（三）")
    )
    assert [o["options"] for o in orders(brackets)] == [order["options"]]
    plain = numbered.replace("一、", "").replace("二、", "").replace("三、", "")
    assert orders(plain) == []
    skipping = numbered.replace("二、", "四、")
    assert orders(skipping) == []  # 一、四、三: no sequence the text states


def test_markers_out_of_order_or_far_apart_are_no_sequence() -> None:
    assert orders("动态\n二是抓学习,开展学习。一是抓调研,开展调研。三是抓整改,解决问题。\n") == []
    far = "动态\n一是抓学习。" + "全区开展学习活动。" * 80 + "二是抓调研。三是抓整改。\n"
    assert orders(far) == []


def test_a_natural_sequence_of_stages_no_marker_states() -> None:
    """抓学习 → 抓调研 → 抓整改: the order every campaign takes them (issue 30)."""
    [order] = orders(
        "青山区动态\n全区从三个方面推进。抓学习,开展集中学习12次。抓调研,形成调研报告8篇。"
        "抓整改,解决问题46个。\n"
    )
    assert order["options"] == ["抓学习", "抓调研", "抓整改"]
    [inline] = orders("动态\n全区坚持抓学习、抓调研、抓整改,推动工作落实。\n")
    assert inline["options"] == ["抓学习", "抓调研", "抓整改"]
    parallel = "动态\n全区抓宣传,开展宣讲12场。抓服务,走访群众80户。抓阵地,建成书屋6个。\n"
    assert orders(parallel) == []  # parallel, but no order any campaign takes
    backwards = "动态\n全区坚持抓整改、抓调研、抓学习,推动工作落实。\n"
    assert orders(backwards) == []
