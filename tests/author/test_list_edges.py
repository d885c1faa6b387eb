"""Where a list's items start and end, and the stem of a clause that leaves its verb to the one
before (issue 30, round 2). The sentences are made up; each reproduces one fault an editor
found in drafts of held-out reports."""

from __future__ import annotations

import pytest

from quiz.author.article import parse_article
from quiz.author.derive import derive
from quiz.author.facts import items_of


@pytest.mark.parametrize(
    ("run", "items"),
    [
        # the first item after 联合, not cut to the length of the one middle item
        ("市党史研究室联合市委党校、市延安精神研究会、市档案馆举办“薪火相传”主题展",
         ["市委党校", "市延安精神研究会", "市档案馆"]),
        # 组织 inside 党组织 is no verb; 将 is the one the items follow; 纳入 ends the list
        ("各基层党组织将红色家书、英雄事迹、革命歌谣纳入主题党日学习",
         ["红色家书", "英雄事迹", "革命歌谣"]),
        # the verb before the first item is not part of it
        ("邀请省博物馆、市纪念馆、县融媒体中心等单位的老师授课",
         ["省博物馆", "市纪念馆", "县融媒体中心"]),
        # a title before the list is no part of its first item
        ("《山城的红色家书》被省电视台、市广播电视台、学习强国等媒体报道",
         ["省电视台", "市广播电视台", "学习强国"]),
        ("正确认识和科学评价历史上的重大事件、重要人物、重要会议",
         ["重大事件", "重要人物", "重要会议"]),
        ("积极利用道路两侧及广场、公园、社区等公共空间", ["广场", "公园", "社区"]),
        ("带领全体党员学报告、学党章、学党史", ["学报告", "学党章", "学党史"]),
        ("把简易党课带进社区、园区和居民小区", ["社区", "园区", "居民小区"]),
        ("以集中学习、分组研讨、实地参观等方式", ["集中学习", "分组研讨", "实地参观"]),
        ("拍摄山城往事、英雄谱、山城风物等短视频", ["山城往事", "英雄谱", "山城风物"]),
        ("围绕有史可查、有物可看、有事可讲思路", ["有史可查", "有物可看", "有事可讲"]),
        ("将为民服务中心、主题广场、文化园地等阵地连成一线",
         ["为民服务中心", "主题广场", "文化园地"]),
        ("由县委常委、县直单位负责同志和党校教师共", ["县委常委", "县直单位负责同志", "党校教师"]),
        ("聘请省党史研究院、市委党校、县档案馆等单位的专家授课",
         ["省党史研究院", "市委党校", "县档案馆"]),
        ("县文联携手县作协、县书法家协会、县美术家协会开展采风",
         ["县作协", "县书法家协会", "县美术家协会"]),
    ],
)  # fmt: skip
def test_list_items_keep_their_words_and_lose_the_verbs_around_them(
    run: str, items: list[str]
) -> None:
    assert items_of(run) == items


def test_one_middle_item_is_no_measure_of_the_first() -> None:
    """With one item in the middle, a long first item is not cut to that item's length (which
    cut "研究室联合县委党校" to "究室联合县委党校"): unless a verb marks where it starts, the
    list is not asked."""
    assert items_of("新时代文明实践站全体志愿者、网格员、楼栋长") is None


def test_a_list_asks_with_its_verbs_in_the_prompt() -> None:
    article = parse_article(
        "动态\n市党史研究室联合市委党校、市延安精神研究会、市档案馆举办“薪火相传”主题展,"
        "巡回展出30余场。\n市委宣传部邀请市文化馆、市图书馆、市博物馆等单位参与展陈。\n"
    )
    multiples = {str(d["prompt"]): d for d in derive(article).drafts if d["type"] == "multiple"}
    assert "市党史研究室联合哪些单位举办“薪火相传”主题展？" in multiples, list(multiples)
    assert "市委宣传部邀请哪些单位参与展陈？" in multiples, list(multiples)
    for draft in multiples.values():
        for option in draft["options"]:  # type: ignore[attr-defined]
            assert not option.endswith("举办"), option
            assert not option.startswith(("邀请", "联合", "究室")), option


def test_a_clause_that_leaves_its_verb_to_the_one_before_keeps_it() -> None:
    """ "…开展宣讲700场次以上,机关单位100场次以上" : the second clause shares the first's verb,
    so its stem keeps the first clause and names who acts."""
    article = parse_article(
        "东湖县宣讲动态\n东湖县组建宣讲团。其中,针对各乡镇开展宣讲200场次以上,"
        "县直机关单位60场次以上,中小学校90场次以上,推动宣讲进基层。\n"
    )
    drafts = derive(article).drafts
    assert drafts
    for draft in drafts:
        prompt = str(draft["prompt"])
        assert not prompt.startswith(("县直机关单位", "中小学校")), prompt
        if "机关单位" in str(draft["quote"]) or "中小学校" in str(draft["quote"]):
            assert "开展宣讲" in prompt, prompt


def test_a_stem_opening_with_qizhong_names_who_acts() -> None:
    """A stem opening "其中,针对…开展宣讲" gets the article's subject in front."""
    article = parse_article(
        "东湖县宣讲动态\n东湖县组建宣讲团。其中,针对各乡镇开展宣讲200场次以上,推动宣讲进基层。\n"
    )
    prompts = [str(d["prompt"]) for d in derive(article).drafts if "200" in str(d["quote"])]
    assert prompts
    for prompt in prompts:
        assert prompt.startswith("东湖县针对各乡镇"), prompt


def test_items_alike_at_their_end_may_differ_in_length() -> None:
    """ "党史、新中国史、改革开放史、社会主义发展史": all end in 史, so one list, short and long."""
    assert items_of("各支部将党史、新中国史、改革开放史、社会主义发展史纳入学习") == [
        "党史",
        "新中国史",
        "改革开放史",
        "社会主义发展史",
    ]


def test_an_adverb_of_all_is_no_subject() -> None:
    """ "全覆盖发放…" and "全面推进…" name no one: the article's subject is put in front."""
    article = parse_article(
        "东湖县学习动态\n东湖县开展党史学习。全覆盖发放学习读本6000余套,全面推进学习进村。\n"
    )
    prompts = [str(d["prompt"]) for d in derive(article).drafts if "6000" in str(d["quote"])]
    assert prompts
    assert all(p.startswith("东湖县全覆盖发放") for p in prompts), prompts


def test_the_audience_of_a_clause_before_keeps_that_clause() -> None:
    """ "…巡回展出30余场,观看群众2万余人": the viewers are the show's, not the organiser's."""
    article = parse_article(
        "东湖县展览动态\n县档案馆举办“红色记忆”主题展,巡回展出30余场,观看群众2万余人。\n"
    )
    prompts = [str(d["prompt"]) for d in derive(article).drafts if "观看群众" in str(d["quote"])]
    assert all("巡回展出" in p for p in prompts), prompts
    assert not any(p.startswith("县档案馆观看群众") for p in prompts), prompts


def test_items_of_no_known_kind_are_not_offered_bodies_as_wrong_options() -> None:
    """Two lists are not of one kind because the words after them both hold quotation marks."""
    article = parse_article(
        "动态\n市党史研究室联合市委党校、市延安精神研究会、市档案馆举办“薪火相传”主题展。\n"
        "各支部将党史、新中国史、改革开放史纳入“三会一课”学习。\n"
        "新华社、人民网、学习强国等媒体报道了展览。\n"
    )
    for draft in derive(article).drafts:
        if draft["type"] == "multiple" and "党史" in draft["answer"]:  # type: ignore[operator]
            options = {str(o) for o in draft["options"]}  # type: ignore[attr-defined]
            assert not {"市委党校", "市档案馆"} & options, options
        assert "单位媒体" not in str(draft["prompt"]), draft["prompt"]


def test_a_sentence_opening_with_bing_gets_a_subject() -> None:
    """ "并将…带进社区,已展播162场" goes on from a sentence before: who acts is put in front."""
    article = parse_article(
        "东湖街道党课动态\n东湖街道编成简易党课教材。\n并将简易党课带进社区和园区,已循环展播160场。\n"
    )
    prompts = [str(d["prompt"]) for d in derive(article).drafts if "160" in str(d["quote"])]
    assert prompts
    assert all(p.startswith("东湖街道将简易党课") for p in prompts), prompts


@pytest.mark.parametrize(
    "listed",
    ["群众获得感、幸福感、安全感进一步增强", "开展对象化、分众化、互动化宣讲",
     "推动宣讲进机关、进企业、进农村、进校园"],
)  # fmt: skip
def test_no_blank_in_a_slogan_of_three_every_reader_knows(listed: str) -> None:
    article = parse_article(f"东湖县动态\n东湖县{listed}。东湖县开展宣讲120场。\n")
    for draft in derive(article).drafts:
        assert draft["type"] != "fill" or "、____、" not in str(draft["prompt"]), draft["prompt"]


def test_parallel_headings_that_are_not_numbered_are_an_order() -> None:
    """Parts titled alike on lines of their own are asked in the article's order."""
    article = parse_article(
        "东湖县推进学习教育\n东湖县推进学习教育见实效。\n"
        "聚焦“多渠道”,拓展学习阵地\n东湖县开设学习专栏5个。\n"
        "聚焦“大课堂”,丰富教育形式\n东湖县举办专题讲座30场。\n"
        "聚焦“办实事”,解决群众难题\n东湖县解决群众难题120件。\n"
    )
    held = derive(article, everything=True).drafts  # parts' order is wording: held back
    orders = [d for d in held if d["type"] == "order"]
    assert [d["options"] for d in orders] == [["聚焦“多渠道”", "聚焦“大课堂”", "聚焦“办实事”"]]
    assert str(orders[0]["prompt"]).startswith("东湖县")


def test_captions_alike_are_no_parts() -> None:
    """Photo captions left on lines of their own (no paragraph after each) are no headings."""
    article = parse_article(
        "东湖县宣讲活动\n东湖县举办宣讲活动。\n与会人员认真聆听\n与会人员认真记录\n"
        "与会人员积极发言\n宣讲活动共吸引群众300人。\n"
    )
    assert not [d for d in derive(article).drafts if d["type"] == "order"]


def test_paragraphs_led_by_short_sentences_alike_are_an_order() -> None:
    article = parse_article(
        "东湖县打造红色课堂\n今年以来,东湖县打造红色课堂。\n"
        "建强红色讲解队伍。东湖县选拔讲解员60名。\n"
        "用好本土红色资源。东湖县修缮革命旧址12处。\n"
        "讲活身边党史故事。东湖县拍摄微视频30部。\n"
    )
    held = derive(article, everything=True).drafts  # parts' order is wording: held back
    orders = [d for d in held if d["type"] == "order"]
    assert [d["options"] for d in orders] == [
        ["建强红色讲解队伍", "用好本土红色资源", "讲活身边党史故事"]
    ]


def test_parts_that_are_the_steps_of_a_stated_flow_are_asked_once() -> None:
    article = parse_article(
        "东湖县办实事\n东湖县按照“征集一批、交办一批、销号一批”的工作流程推进办实事。\n"
        "广泛征集一批。东湖县征集群众诉求300条。\n"
        "精准交办一批。东湖县交办事项120件。\n"
        "严格销号一批。东湖县销号事项100件。\n"
    )
    orders = [d for d in derive(article).drafts if d["type"] == "order"]
    assert [d["options"] for d in orders] == [["征集一批", "交办一批", "销号一批"]]


def test_the_size_of_a_place_goes_with_the_place() -> None:
    article = parse_article(
        "东湖县红色基地\n东湖县建成红色教育基地,面积800余平方米,接待党员3000人次。\n"
    )
    prompts = [str(d["prompt"]) for d in derive(article).drafts if "面积" in str(d["quote"])]
    assert prompts
    assert all(p.startswith("东湖县建成红色教育基地") for p in prompts), prompts


def test_a_subject_is_not_followed_by_ba() -> None:
    article = parse_article(
        "东湖街道学习动态\n东湖街道党工委把开展学习作为重要内容,全覆盖发放学习读本6000余套。\n"
    )
    prompts = [str(d["prompt"]) for d in derive(article).drafts if "6000" in str(d["quote"])]
    assert prompts
    assert all(p.startswith("东湖街道党工委全覆盖发放") for p in prompts), prompts


def test_media_are_not_offered_museums_as_wrong_options() -> None:
    article = parse_article(
        "东湖县红色宣传\n东湖县邀请省博物馆、市纪念馆、县档案馆等单位的专家授课。\n"
        "短剧《红色电波》被省电视台、市广播电视台、学习强国等媒体报道。\n"
    )
    for draft in derive(article).drafts:
        if draft["type"] == "multiple" and "省电视台" in draft["answer"]:  # type: ignore[operator]
            options = {str(o) for o in draft["options"]}  # type: ignore[attr-defined]
            assert not {"省博物馆", "市纪念馆", "县档案馆"} & options, options


def test_a_name_that_counts_the_list_before_it_is_not_blanked() -> None:
    article = parse_article(
        "东湖县活动\n东湖县开展百场宣讲、百堂党课、百次走访、百件实事“四个一百”活动。\n"
        "东湖县推出“红色课堂”“理论课堂”“实践课堂”。\n"
    )
    derived = derive(article)
    assert not any("四个一百" in str(d["answer"]) for d in derived.drafts)
    assert derived.skipped["counted_list"] == 1


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [("东湖县制作党史展板40块。", "40"), ("东湖县讲授专题党课36堂。", "36"),
     ("东湖县创作红色歌曲12首。", "12"), ("东湖县开展集中学习16课时。", "16")],
)  # fmt: skip
def test_more_units_make_a_figure_a_fact(sentence: str, figure: str) -> None:
    derived = derive(parse_article(f"东湖县动态\n{sentence}\n"))
    assert any(figure in str(d["answer"]) or figure in str(d["quote"]) for d in derived.drafts)
    assert derived.skipped["bare_figure"] == 0


def test_an_ordinal_is_no_count() -> None:
    derived = derive(parse_article("东湖县动态\n东湖县党员集中学习《简史》第3章。\n"))
    assert not derived.drafts


def test_this_district_is_named() -> None:
    """ "该区…" in a prompt names no place a player can tell: the article's subject stands in."""
    article = parse_article(
        "东湖区红色课堂\n东湖区打造红色课堂。该区修缮革命旧址12处,开发红色线路5条。\n"
    )
    prompts = [str(d["prompt"]) for d in derive(article).drafts if "旧址" in str(d["quote"])]
    assert prompts
    assert all(p.startswith("东湖区修缮革命旧址") for p in prompts), prompts
    for draft in derive(article).drafts:
        assert str(draft["quote"]) in article.text  # still the article's words
