"""Round 8: the seventh round's reader named facts of a bank's report derive gave no draft for:
its branches in so many cities (the bank was no subject, and "123个城市" was taken for a place)
and an exhibition's parts in order. Short paraphrased cases."""

from __future__ import annotations

from quiz.author.article import parse_article
from quiz.author.stems import subject_of
from tests.author.drafting import drafts

BANK = (
    "青松银行党史学习教育走深走实\n"
    "6月以来,青松银行在全国123个城市的220家分支机构同步开展“红色金融”主题展览。\n"
    "展览分为“星火初燃”“艰苦创业”“改革开放”“新时代”“扬帆远航”五个部分,"
    "依次展示了青松银行的发展历程。\n"
)


def test_a_bank_is_the_subject_of_its_report() -> None:
    assert subject_of(parse_article(BANK)) == "青松银行"


def test_a_count_of_cities_names_no_place() -> None:
    text = "动态\n本行在全国123个城市的220家分支机构开展学习,覆盖员工3万人。\n"
    assert subject_of(parse_article(text)) != "个城市"


def test_the_branches_are_asked() -> None:
    asked = [str(d["prompt"]) for d in drafts(BANK)]
    assert any(p.startswith("6月以来，青松银行在全国") for p in asked), asked


def test_an_exhibitions_parts_are_an_order() -> None:
    orders = [d for d in drafts(BANK) if d["type"] == "order"]
    assert [len(list(d["options"])) for d in orders] == [5], orders  # type: ignore[call-overload]
    assert "五个部分" in str(orders[0]["prompt"])


def test_a_short_counted_name_the_sentence_spells_out_is_asked() -> None:
    text = (
        "青松银行党史学习教育\n"
        "青松银行开展学习。该行还开展了“三化”建设,即学习常态化、宣讲分众化、服务项目化。\n"
    )
    fills = {str(d["prompt"]): d["answer"] for d in drafts(text) if d["type"] == "fill"}
    assert fills.get("青松银行还开展了“____”建设。") == [["三化", "“三化”", '"三化"']], fills


def test_a_short_label_the_article_keeps_using_is_not() -> None:
    text = "青湾区动态\n青湾区组织党员开展“七一”慰问,走访困难党员36户。\n"
    assert not any("“____”" in str(d["prompt"]) for d in drafts(text, everything=True))


def test_a_count_in_chinese_numerals_is_asked_with_its_subject_and_time() -> None:
    text = (
        "川西区线上线下学党史\n"
        "川西区开设“党史夜校”,每周一期。截至目前,“党史夜校”已开办六期,反响热烈。\n"
    )
    fills = {str(d["prompt"]): d["answer"] for d in drafts(text) if d["type"] == "fill"}
    assert fills.get("截至报道时，川西区“党史夜校”已开办____期。") == [
        ["6", "六", "6期", "六期"]
    ], fills
