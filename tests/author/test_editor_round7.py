"""What the fourth independent read of issue 30 still edited or discarded: 全乡 said of the
smaller place the paragraph names, 院领导 and 长宁要 named in full, a title's words before
在省…委 and a province-level body with no province, works named with no event, blanks any name
fits, an example or a list cut off (如…, …等), and generic names as trivia. Every case is a short
text written for the test."""

from __future__ import annotations

from quiz.author.article import parse_article
from quiz.author.confidence import open_blank
from quiz.author.derive import roles_swapped
from quiz.author.stems import subject_of
from tests.author.drafting import prompts


def test_the_whole_of_a_smaller_place_is_that_place_not_the_county() -> None:
    text = (
        "南川县开展学习\n近日走进南川县青石乡。这得益于青石乡的活动。全乡组织党员入户宣讲180场。\n"
    )
    asked = prompts(text)
    assert any(p.startswith("南川县青石乡组织党员入户宣讲") for p in asked), asked
    assert not any("全乡" in p for p in asked), asked


def test_the_whole_of_a_smaller_place_never_named_is_held_back() -> None:
    text = "南川县开展学习\n南川县持续推进学习。全乡组织党员入户宣讲180场。\n"
    assert not any("宣讲" in p for p in prompts(text)), prompts(text)


def test_a_hospitals_own_leaders_are_named_with_it() -> None:
    text = "青湾市人民医院开展学习\n院领导班子成员开展专题学习16次。\n"
    asked = prompts(text)
    assert any(p.startswith("青湾市人民医院领导班子成员开展专题学习") for p in asked), asked


def test_a_district_called_by_its_bare_name_is_named_in_full() -> None:
    text = "青湾区开展学习\n青湾要结合开展学习,组织党员入户宣讲180场。\n"
    asked = prompts(text)
    assert asked and all(not p.startswith("青湾区青湾") for p in asked), asked
    assert all(p.startswith("青湾区组织") for p in asked), asked
    one = "青湾区开展学习\n青湾要结合主题党日组织党员入户宣讲180场。\n"
    assert any(p.startswith("青湾区要结合") for p in prompts(one)), prompts(one)


def test_a_title_before_a_provincial_body_is_no_part_of_its_name() -> None:
    named = "学党史在省财政厅蔚然成风\n省财政厅组织山西能源集团组织党员入户宣讲180场。\n"
    assert subject_of(parse_article(named)) == "山西省财政厅"
    asked = prompts(named)
    assert asked and all(p.startswith("山西省财政厅") for p in asked), asked


def test_a_provincial_body_with_no_province_named_gives_no_subject() -> None:
    text = "学党史在省财政厅蔚然成风\n省财政厅组织党员入户宣讲180场。\n"
    assert subject_of(parse_article(text)) == ""


def test_works_named_with_no_event_are_not_given_the_subject() -> None:
    text = (
        "青湾区开展学习\n青湾区举行演出。舞蹈剧《春歌》《秋月》《远山》《长河》等节目相继上演。\n"
    )
    assert not any("青湾区舞蹈剧" in p for p in prompts(text)), prompts(text)
    made = "青湾区开展学习\n青湾区举行演出。策划微电影《远山的红色记忆》。\n"
    assert any(p.startswith("青湾区策划微电影") for p in prompts(made)), prompts(made)


def test_a_name_blank_needs_words_that_pin_the_name_down() -> None:
    assert open_blank("青湾大学发布《____》。", 4, "学习要点") == "open_blank"
    assert open_blank("青湾大学在党史学习教育中开展“____”活动。", 4, "三个一") == "open_blank"
    assert open_blank("青湾镇拍摄微电影《____》。", 3, "山路") is None  # the one film it made
    own = "青湾镇党员干部进行“____”。"  # the stem names the subject itself: 党员干部进行
    assert open_blank(own, 0, "大扫除", "青湾镇") == "open_blank"
    assert open_blank("青湾区深化“____”品牌。", 3, "小场子", one_of_kind=True) is None
    pinned = "青湾大学发布《____》，要求各单位针对每一专题组织集中研讨。"
    assert open_blank(pinned, 4, "学习要点") is None


def test_a_generic_title_or_a_national_channel_is_trivia() -> None:
    text = "青湾大学编发《学习参考资料》供各院系党员集中研讨时使用。"
    assert open_blank(text.replace("学习参考资料", "____"), 4, "学习参考资料") == "trivia_blank"
    national = "青湾医院利用“学习强国”“____”APP等平台督导党员开展研学。"
    assert open_blank(national, 4, "党史答题") == "trivia_blank"
    own = "青湾医院利用“____”APP等平台督导党员开展研学。"
    assert open_blank(own, 4, "青湾云课堂") is None


def test_an_example_or_a_list_cut_off_is_no_stem() -> None:
    example = "青湾大学开展学习\n青湾大学加强保障,如购买发放理论书籍8本。\n"
    assert not any("如购买" in p for p in prompts(example)), prompts(example)
    listed = "青湾大学开展学习\n青湾大学加强宣传,编发《青湾党史》5期等。\n"
    assert not any(p.endswith("等。") for p in prompts(listed)), prompts(listed)


def test_a_part_after_a_semicolon_opening_with_a_verb_keeps_the_sentences_subject() -> None:
    text = (
        "青湾大学开展学习\n青湾大学开展学习。办公室召开例会22次;发布文件通知31份,"
        "指导各单位开展工作。\n"
    )
    asked = prompts(text)
    assert not any(p.startswith("青湾大学发布文件通知") for p in asked), asked


def test_also_after_a_short_name_given_in_full_is_dropped() -> None:
    text = (
        "学党史在省财政厅蔚然成风\n省财政厅开展学习。"
        "省财政厅还从山西各地选调30名宣讲员深入基层宣讲党史。\n"
    )
    asked = prompts(text)
    assert any(p.startswith("山西省财政厅从山西各地选调") for p in asked), asked


def test_branches_of_an_unnamed_event_are_held_back() -> None:
    text = "青湾区开展学习\n专家为党员授课,全区9个街道的55个社区设分会场。\n"
    assert not any("分会场" in p for p in prompts(text)), prompts(text)


def test_words_said_keep_who_says_them() -> None:
    text = "青湾区开展学习\n区委书记李明表示,青湾要结合开展“红色讲堂”等活动讲好党的故事。\n"
    asked = [p for p in prompts(text) if "____" in p]
    assert asked and all(p.startswith("青湾区委书记李明表示，") for p in asked), asked


def test_a_name_the_article_gives_the_only_one_of_its_kind_is_pinned_down() -> None:
    text = "青湾区开展学习\n青湾区深化“小院唱大戏”品牌。青湾区开展“红色讲堂”活动。\n"
    asked = prompts(text)
    assert "青湾区深化“____”品牌。" in asked, asked
    assert not any("活动" in p and "____" in p for p in asked), asked


def test_two_counts_of_one_unit_swap_what_they_count_for_a_false_statement() -> None:
    stem = "青湾区选调30名村党支部书记和20名宣传委员，为群众宣讲"
    swapped = roles_swapped(stem, "30")
    assert swapped == "青湾区选调30名宣传委员和20名村党支部书记，为群众宣讲"
    assert roles_swapped(stem.replace("30名", "20名"), "20") is None  # equal: nothing false
    assert roles_swapped("青湾区组织30名党员和20名党员干部", "30") is None  # one holds the other
    assert roles_swapped(stem, "18") is None  # the figure asked is not one of them
