"""What an editor rejects in drafts (issue 30): rival spellings of one name, false statements
that are implausible or true in substance, drafts that give each other away."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.author.article import parse_article, read_article
from quiz.author.derive import derive
from quiz.author.falsify import wrong_figure
from quiz.author.reveal import gives_away, shows, without_giveaways
from quiz.author.terms import name_key
from tests.author.test_derive import EVERY, plain


def strings(value: object) -> list[str]:
    """A draft's options or answers (drafts are plain dicts of objects)."""
    assert isinstance(value, list)
    return [str(item) for item in value]


def test_spellings_of_one_name_are_one_name() -> None:
    assert name_key("冀云围场") == name_key("冀云·围场") == name_key("冀云 围场")
    assert name_key("冀云•围场") == name_key("“冀云围场”") == "冀云围场"
    assert name_key("ＡＰＰ冀云") == "app冀云"
    assert name_key("冀云围场") != name_key("冀云丰宁")


def test_variant_spellings_never_rival_each_other() -> None:
    article = parse_article(
        "融媒动态\n"
        "全县依托“冀云围场”客户端开设党史专栏。\n"
        "群众通过“冀云·围场”客户端参与答题2万人次。\n"
        "团县委开通“青春围场”客户端。县妇联开通“巾帼围场”客户端。\n"
        "县总工会开通“职工之家”客户端。\n"
    )
    drafts = derive(article).drafts
    singles = [d for d in drafts if d["type"] == "single"]
    assert singles
    for draft in singles:
        keys = [name_key(str(o)) for o in draft["options"]]  # type: ignore[attr-defined]
        assert len(keys) == len(set(keys)), draft["options"]


@pytest.mark.parametrize(
    ("core", "unit", "before", "after", "wrong_above"),
    [
        ("600", "万次", "点击量突破", "万次", True),  # 突破600万: 400万 would still be true
        ("2300", "条", "收集群众诉求", "余条", True),  # 2300余: more than 2300
        ("80", "万人", "受众近", "万人", False),  # 近80万: 120万 is the wrong way
        ("99", "%", "保持在", "%以上", True),
    ],
)
def test_a_wrong_figure_is_never_true_in_substance(
    core: str, unit: str, before: str, after: str, wrong_above: bool
) -> None:
    wrong = wrong_figure(core, unit, before, after, set(), "seed")
    if core == "99":
        assert wrong is None  # no room above 99%: no false statement
        return
    assert wrong is not None
    assert (float(wrong) > float(core)) is wrong_above


@pytest.mark.parametrize("seed", ["a", "b", "c", "d"])
def test_a_wrong_figure_is_plausible(seed: str) -> None:
    for core, unit in (("86", "场"), ("5.6", "万人次"), ("1360", "名"), ("93", "%"), ("3", "期")):
        wrong = wrong_figure(core, unit, "开展", unit, {"130", "56"}, seed)
        assert wrong is not None and wrong not in {"130", "56"}  # not another figure of it
        ratio = float(wrong) / float(core)
        if unit == "%":  # a high share is off by points: 93% -> 83% or 78%
            assert 10 <= abs(float(wrong) - float(core)) <= 15 and float(wrong) <= 100
        else:
            assert 1.3 <= max(ratio, 1 / ratio) <= 3, (core, wrong)  # nearby, yet surely other
        assert len(wrong.replace(".", "").rstrip("0")) <= max(2, len(core))  # as round


@pytest.mark.parametrize("article", EVERY, ids=lambda p: p.stem)
def test_statements_are_false_by_one_change_or_true_as_stated(article: Path) -> None:
    parsed = read_article(article)
    text = plain(parsed.text)
    for draft in derive(parsed).drafts:
        prompt = plain(str(draft["prompt"]))
        if draft["type"] == "judge" and draft["answer"] is False:
            assert not any(prompt.endswith(plain(s.text)) for s in parsed.sentences()), prompt
            assert prompt not in text
        elif draft["type"] == "judge":  # a true statement: as the article states it
            assert prompt.endswith(plain(str(draft["quote"]))), prompt


@pytest.mark.parametrize("article", EVERY, ids=lambda p: p.stem)
def test_no_prompt_shows_another_drafts_answer(article: Path) -> None:
    drafts = derive(read_article(article)).drafts
    for draft in drafts:
        for other in drafts:
            if other is not draft:
                assert not gives_away(str(draft["prompt"]), other), (draft, other)


def test_the_better_draft_of_two_that_clash_is_kept() -> None:
    fill: dict[str, object] = {"type": "fill", "prompt": "全县组建“____”312支。",
                               "answer": [["板凳宣讲队"]]}  # fmt: skip
    number: dict[str, object] = {
        "type": "fill",
        "prompt": "全县组建“板凳宣讲队”____支。",
        "answer": [["312", "312支"]],
    }
    multiple: dict[str, object] = {"type": "multiple", "prompt": "全县组建了哪些队伍？",
                "answer": ["板凳宣讲队", "百姓宣讲团"], "options": []}  # fmt: skip
    kept, dropped = without_giveaways([fill, number, multiple])
    assert kept == [fill, multiple] and dropped == 1  # the figure's stem shows the team
    assert shows("深入全县15个乡镇", "15") and not shows("2015年", "15")
    assert shows("开通“冀云·围场”客户端", "冀云围场")
    order: dict[str, object] = {
        "type": "order",
        "prompt": "……",
        "options": ["学习", "调研", "整改"],
    }
    assert gives_away("先抓学习，再抓调研，后抓整改。", order)
    assert not gives_away("先抓整改，再抓学习。", order)


LISTS = (
    "宣讲动态\n"
    "各乡镇吸纳老党员、退役军人、返乡大学生等担任宣讲员。\n"
    "宣讲员走进田间地头、农家院落、村头广场等地开展宣讲。\n"
    "各支部通过专题党课、读书分享、红色观影等方式,推动学习教育覆盖全体党员。\n"
    "县里新建公园、广场、书屋等场所15处。\n"
    "县委宣传部邀请专家学者、劳动模范、青年教师等参加座谈。\n"
    "各村开展知识竞赛、主题演讲、红色诵读等活动。\n"
)


def test_a_list_of_three_is_a_multiple_choice_with_wrong_options_of_its_kind() -> None:
    drafts = derive(parse_article(LISTS)).drafts
    multiples = {d["prompt"]: d for d in drafts if d["type"] == "multiple"}
    people = multiples["各乡镇吸纳哪些人担任宣讲员？"]
    assert people["answer"] == ["老党员", "退役军人", "返乡大学生"]
    assert len(people["options"]) >= 4  # type: ignore[arg-type]
    wrong = set(strings(people["options"])) - set(strings(people["answer"]))
    assert wrong and not wrong & {"田间地头", "农家院落", "村头广场", "公园", "广场", "书屋"}
    places = multiples["宣讲员走进哪些地方开展宣讲？"]
    for draft in multiples.values():
        assert 2 <= len(draft["answer"]) <= 4 <= len(draft["options"])  # type: ignore[arg-type]
        assert "哪三" not in str(draft["prompt"]) and "哪两" not in str(draft["prompt"])
    assert not set(strings(places["options"])) & {"老党员", "退役军人", "广场"}  # 广场: in 村头广场
    # wrong options from a list of 活动 for one of 方式: maybe true as well, held back (待定)
    assert "各支部通过哪些方式推动学习教育覆盖全体党员？" not in multiples
    held = {d["prompt"]: d for d in derive(parse_article(LISTS), everything=True).drafts}
    assert "待定" in held["各支部通过哪些方式推动学习教育覆盖全体党员？"]["tags"]  # type: ignore[operator]


def test_a_list_with_no_wrong_options_is_asked_by_its_middle_item() -> None:
    article = parse_article("动态\n全区针对停车难、就医难、入学难等问题成立专班。\n")
    assert derive(article).drafts == []  # one item of a list is rarely a fact: only with --all
    [fill] = [d for d in derive(article, everything=True).drafts if d["type"] == "fill"]
    assert fill["prompt"] == "全区针对停车难、____、入学难等问题成立专班。"
    assert fill["answer"] == [["就医难"]]


def test_singles_of_one_list_do_not_answer_each_other_by_elimination() -> None:
    article = parse_article(
        "宣讲动态\n市委宣讲团宣讲190场,各区宣讲团宣讲1732场,青年宣讲团宣讲436场,"
        "巾帼宣讲团宣讲26场,多样化宣讲队宣讲10064场。\n"
    )
    drafts = derive(article).drafts
    singles = [d for d in drafts if d["type"] == "single"]
    answers = {str(d["answer"]) for d in drafts if d["type"] in ("single", "fill")}
    assert singles
    for single in singles:
        wrong = set(strings(single["options"])) - {single["answer"]}
        assert not wrong & answers - {single["answer"]}, single


def test_no_statement_swaps_a_goal_that_may_still_be_true() -> None:
    article = parse_article(
        "动态\n全市开展网上学习,让流动党员“学习不掉队”。\n全市开展动态跟踪,让流动党员“流动不流失”。\n"
        "全市开展结对帮扶,让困难党员“生活有保障”。\n全市开展志愿服务,让群众“办事不出村”。\n"
    )
    assert [d for d in derive(article).drafts if d["type"] == "judge"] == []


@pytest.mark.parametrize("article", EVERY, ids=lambda p: p.stem)
def test_judges_are_not_all_false(article: Path) -> None:
    judges = [d["answer"] for d in derive(read_article(article)).drafts if d["type"] == "judge"]
    if len(judges) >= 4:  # 错误 every time would be answered without reading, 正确 too
        assert True in judges and False in judges, judges


def test_a_stem_runs_on_while_it_only_says_how() -> None:
    article = parse_article("动态\n全区通过“民情茶话会”等渠道,广泛收集群众意见建议。\n")
    [fill] = [d for d in derive(article).drafts if d["type"] == "fill"]
    assert fill["prompt"] == "全区通过“____”等渠道，广泛收集群众意见建议。"
    assert fill["quote"] == "全区通过“民情茶话会”等渠道,广泛收集群众意见建议"


def test_no_blank_in_what_every_reader_knows() -> None:
    article = parse_article(
        "动态\n全区召开庆祝中国共产党成立100周年座谈会。\n"
        "全区围绕“学党史、悟思想、办实事、开新局”目标要求开展活动。\n"
        "全区把党史学习教育作为“三会一课”的重要内容。\n"
    )
    # no blank in the report's own sentence; the Party's formula is asked in its own frame
    # (the 挑战赛's kind of question, which the last readers asked for)
    prompts = [str(d["prompt"]) for d in derive(article).drafts]
    assert prompts == ["党史学习教育要做到学党史、悟思想、____、开新局。"], prompts


def test_no_blank_of_one_character_and_no_list_of_two() -> None:
    article = parse_article(
        "动态\n经开区组建了“中心、所、站”三级宣讲网络。\n"
        "全区深入发掘“五峰山精神”“红桥精神”的精神实质。\n"
    )
    drafts = derive(article).drafts
    assert not any("“中心、____、站”" in str(d["prompt"]) for d in drafts)
    assert not any(d["type"] == "multiple" for d in drafts)  # two terms are no list of three


def test_titles_scare_quotes_and_long_names_are_not_blanked() -> None:
    article = parse_article(
        "动态\n中新网山西新闻8月5日电 立足“一核四区七高地”战略定位,平城区推进党史学习教育。\n"
        "坚持“全面+特色” 实现学习“全覆盖”\n"
        "全区认真开展了形式多样“有新意”的学习活动。\n全区印发《关于开展党史学习教育的实施方案》。\n"
        "区委组织部举办专题研讨班,370余名处级以上领导干部参加了集中培训。\n"
    )
    prompts = [str(d["prompt"]) for d in derive(article).drafts if d["type"] == "fill"]
    assert prompts == [  # not 平城区立足“____”战略定位: a slogan, which editors discard
        "平城区委组织部举办专题研讨班，____余名处级以上领导干部参加了集中培训。",
    ]  # 区委: which? the article's 平城区


@pytest.mark.parametrize("article", EVERY, ids=lambda p: p.stem)
def test_no_option_stands_out_by_length_or_as_a_slogan_all_know(article: Path) -> None:
    for draft in derive(read_article(article)).drafts:
        if draft["type"] == "single" and not str(draft["answer"])[0].isdigit():
            size = len(str(draft["answer"]))
            for option in draft["options"]:  # type: ignore[attr-defined]
                assert len(option) <= 2 * size + 2, (draft["answer"], option)
                assert option not in ("我为群众办实事", "飞入寻常百姓家"), draft


def test_titles_asked_by_the_noun_before_them_and_no_wrong_option_from_the_same_sentence() -> None:
    article = parse_article(
        "动态\n全县拍摄党史专题片《初心之路》《青年之歌》《英烈赞歌》及专题片《血脉相传》,分别获奖。"
        "全县推出《红色记忆》《老兵故事》等微视频。县融媒体中心制作《党史天天讲》《红色家书》"
        "《奋斗足迹》等专题片。\n"
    )
    assert not any(d["type"] == "multiple" for d in derive(article).drafts)  # see below
    held = derive(article, everything=True).drafts
    multiples = {d["prompt"]: d for d in held if d["type"] == "multiple"}
    filmed = multiples["全县拍摄哪些党史专题片？"]
    assert "待定" in filmed["tags"]  # type: ignore[operator]  # 县融媒体中心's films: 全县's too?
    assert filmed["answer"] == ["《初心之路》", "《青年之歌》", "《英烈赞歌》"]
    assert "《血脉相传》" not in filmed["options"]  # type: ignore[operator]  # filmed too


@pytest.mark.parametrize(
    ("run", "items"),
    [
        ("分层次、有重点进企业、进机关、进校园、进社区、进楼宇",
         ["进企业", "进机关", "进校园", "进社区", "进楼宇"]),
        ("为适应理论宣讲对象化、大众化、互动化要求", ["对象化", "大众化", "互动化"]),
        ("选拔素质好、能力强的公务员、思政教员、草根宣讲员", ["公务员", "思政教员", "草根宣讲员"]),
        ("依托五峰山、山桥、花厂峪等红色资源", ["五峰山", "山桥", "花厂峪"]),
        ("广大群众幸福感、获得感、安全感进一步增强", ["幸福感", "获得感", "安全感"]),
        ("开展百次学习、百道答题、百个故事、百人心愿、百件实事“五个一百”活动",
         ["百次学习", "百道答题", "百个故事", "百人心愿", "百件实事"]),
        ("吸纳老党员、退役军人、返乡大学生等担任宣讲员", ["老党员", "退役军人", "返乡大学生"]),
    ],
)  # fmt: skip
def test_the_items_of_lists_in_web_text(run: str, items: list[str]) -> None:
    from quiz.author.facts import items_of

    assert items_of(run) == items


def test_no_draft_from_a_clause_no_one_acts_in() -> None:
    """When neither the sentence nor the article names who acts, "设置有…" is not asked."""
    article = parse_article(
        "动态\n新建村教育实训基地位于干公式镇,设置有党建广场、艺术馆、剧场等教育点。\n"
    )
    derived = derive(article)
    assert not any(str(d["prompt"]).startswith("设置有") for d in derived.drafts)
    assert derived.skipped["no_subject"] >= 1


@pytest.mark.parametrize("article", EVERY, ids=lambda p: p.stem)
def test_no_statement_of_what_every_report_says(article: Path) -> None:
    for draft in derive(read_article(article)).drafts:
        if draft["type"] == "judge":
            assert "“我为群众办实事”" not in str(draft["prompt"]), draft["prompt"]
