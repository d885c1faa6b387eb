"""Real web text (issue 30): ASCII punctuation, full-width digits, line breaks inside sentences,
and marked words (quotes, titles) that no punctuation inside them splits."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.author.article import parse_article
from quiz.author.derive import derive
from quiz.author.stems import display, tidy
from tests.author.test_derive import EVERY


def clauses(body: str) -> list[str]:
    return [c.text for c in parse_article("标题\n" + body).clauses()]


def sentences(body: str) -> list[str]:
    return [s.text for s in parse_article("标题\n" + body).sentences()]


def test_punctuation_inside_quotes_never_splits_a_clause() -> None:
    assert clauses("全区坚持“学党史,悟思想”,开展活动。") == ["全区坚持“学党史,悟思想”", "开展活动"]
    assert clauses("推出「学党史，办实事」专栏，共10期。")[0] == "推出「学党史，办实事」专栏"
    assert clauses('举办"学史明理,学史增信"讲座,共3场。')[0] == '举办"学史明理,学史增信"讲座'
    assert clauses("编印《学党史,悟思想》读本,共2万册。")[0] == "编印《学党史,悟思想》读本"


def test_ascii_punctuation_splits_clauses_but_not_figures() -> None:
    assert clauses("全区开展宣讲1,200场,覆盖群众3万人。") == [
        "全区开展宣讲1,200场",
        "覆盖群众3万人",
    ]
    assert clauses("会议于8:30召开;共有50人参加.") == ["会议于8:30召开", "共有50人参加."]


def test_a_line_break_inside_a_sentence_does_not_end_it() -> None:
    long_line = "今年以来,全区组建宣讲队伍42支,深入社区、企业、学校开展党史宣讲活动,累计开展宣讲"
    assert len(long_line) > 30
    assert sentences(long_line + "\n1260场。\n建强队伍\n下一步继续推进。") == [
        long_line + "\n1260场。",
        "建强队伍",
        "下一步继续推进。",
    ]
    assert sentences("全区组建队伍,\n开展宣讲。") == ["全区组建队伍,\n开展宣讲。"]
    assert sentences("全区组建队伍,\n\n开展宣讲。") == ["全区组建队伍,", "开展宣讲。"]


def test_prompts_show_full_width_punctuation_half_width_digits_and_no_line_breaks() -> None:
    assert display("全区开展宣讲１２６０场,覆盖3,000人") == "全区开展宣讲1260场，覆盖3,000人"
    assert tidy("累计开展宣讲\n1260场") == "累计开展宣讲1260场"
    long_line = "今年以来,全区组建宣讲队伍４２支,深入社区、企业、学校开展党史宣讲活动,累计开展宣讲"
    text = f"全区宣讲\n{long_line}\n１２６０场。\n"
    drafts = derive(parse_article(text)).drafts
    assert drafts
    for draft in drafts:
        assert "\n" not in str(draft["prompt"]) and "," not in str(draft["prompt"])
        assert "\n" not in str(draft["explanation"]) and "," not in str(draft["explanation"])
        assert not any("０" <= char <= "９" for char in str(draft["prompt"]))
    fills = [d["answer"][0][0] for d in drafts if d["type"] == "fill"]  # type: ignore[index]
    stated = "".join(str(d["quote"]) for d in drafts if d["type"] == "judge")
    assert "1260" in fills or "１２６０" in stated
    assert "42" in fills or "４２" in stated


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize("article", EVERY, ids=lambda p: p.stem)
def test_web_copies_of_an_article_give_the_same_drafts(article: Path) -> None:
    """Blank lines between paragraphs and full-width digits, as pages often give them."""
    raw = article.read_text(encoding="utf-8")
    lines = raw.split("\n")
    split = lines.index("---", 1) + 1 if raw.startswith("---") else 2  # after title, byline
    web = "\n".join(lines[:split]) + "\n" + "\n\n".join(lines[split:]).translate(FULL_WIDTH)

    def asked(text: str) -> list[tuple[object, ...]]:
        drafts = derive(parse_article(text)).drafts
        return [(d["type"], d["prompt"], repr(d.get("answer"))) for d in drafts]

    assert asked(web) == asked(raw)


def test_spaces_a_page_joined_paragraphs_with_end_sentences() -> None:
    body = "全区推进学习教育。 组织联合 做优家门口党史学习教育 街道组建宣讲队12支。"
    assert sentences(body) == [
        "全区推进学习教育。", "组织联合", "做优家门口党史学习教育", "街道组建宣讲队12支。",
    ]  # fmt: skip
    assert clauses("开展“学好百年党史 走好新时代长征路”主题党课,共3场。")[0] == (
        "开展“学好百年党史 走好新时代长征路”主题党课"
    )  # not inside quotes


def test_who_acts_when_words_look_like_verbs() -> None:
    article = parse_article(
        "曹杨新村街道动态\n会议向各基层党组织推出了三张清单,即落实好“学习清单”、“责任清单”。\n"
        "以社区党群服务中心为轴心,打造“堂堂政政”党史学教打卡点。\n"
    )
    prompts = [str(d["prompt"]) for d in derive(article).drafts]
    assert any(p.startswith("会议向各基层党组织推出了三张清单，即落实好“") for p in prompts)
    assert any(p.startswith("曹杨新村街道打造“") for p in prompts), prompts
