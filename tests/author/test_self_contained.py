"""A draft's stem reads alone (issue 30's editor, on unseen articles): it says what its figures
belong to, who acts and when, is a whole sentence, and points back to nothing the player has
not read. Where derive cannot repair a stem from its own sentence it holds the draft back."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from quiz.author.article import parse_article
from quiz.bank.loader import load_bank
from quiz.cli.main import cli
from tests.author.drafting import drafts, prompts, unmarked


def held(text: str) -> list[str]:
    """The prompts derive holds back (shown only with --all, tagged 待定)."""
    return [str(d["prompt"]) for d in drafts(text, everything=True) if "待定" in d["tags"]]  # type: ignore[operator]


def test_the_clause_a_figure_belongs_to_stays_in_its_stem() -> None:
    text = "青湾区动态\n青湾区开展学习。制定学习计划,明确12项重点任务。\n"
    asked = prompts(text)
    assert any(p.startswith("青湾区制定学习计划，明确") for p in asked), asked
    # a clause of manner before is no governing clause: 以…为轴心 stays out
    manner = "青湾区动态\n青湾区以服务中心为轴心,打造“红色驿站”打卡点供党员群众就近学习。\n"
    assert any(p.startswith("青湾区打造") for p in prompts(manner)), prompts(manner)


def test_the_short_name_of_the_subject_is_given_in_full() -> None:
    text = "南川市青湾区开展学习\n青湾区组织宣讲180场。\n"
    assert any(p.startswith("南川市青湾区组织宣讲") for p in prompts(text)), prompts(text)


def test_now_is_said_as_of_the_report() -> None:
    text = "青湾区动态\n青湾区开展学习。目前,该区已完成集中轮训6批次。\n"
    asked = prompts(text, everything=True)
    assert any(p.startswith("截至报道时，青湾区已完成") for p in asked), asked
    since = "青湾区动态\n今年以来,青湾区开展宣讲180场。\n"
    assert any(p.startswith("今年以来，青湾区开展") for p in prompts(since)), prompts(since)
    vague = "青湾区动态\n活动开展以来,青湾区开展宣讲180场。\n"  # which 活动, read alone?
    assert any(p.startswith("青湾区开展") for p in prompts(vague)), prompts(vague)


def test_a_quoted_remark_opening_the_sentence_is_left_out() -> None:
    text = "青湾区动态\n“专家常来指导,我们学到了很多……”青湾区选派科技特派员56名。\n"
    asked = prompts(text, everything=True)
    assert asked and all(p.startswith("青湾区选派") for p in asked), asked


def test_the_body_a_sentence_sets_up_is_named_with_who_set_it_up() -> None:
    text = "青湾区动态\n青湾区组建了一支近30人的宣讲队伍,深入村组以“院坝夜话”的形式宣讲党史。\n"
    asked = prompts(text, everything=True)
    assert any(p.startswith("青湾区组建的宣讲队伍深入村组") for p in asked), asked


def test_a_stem_stopping_before_its_verb_runs_on_to_it() -> None:
    batches = "青湾区动态\n青湾区分6个批次,对全区300名干部进行轮训。\n"
    asked = prompts(batches, everything=True)
    assert any(p.startswith("青湾区分") and "进行轮训" in p for p in asked), asked
    framed = "青湾区动态\n青湾区紧紧围绕市委部署的“五项专题行动”,扎实推进各项工作。\n"
    asked = prompts(framed, everything=True)
    assert any(p.endswith("“____”，扎实推进各项工作。") for p in asked), asked


def test_a_stem_going_on_from_words_it_leaves_out_is_held_back() -> None:
    text = "青湾区动态\n青湾区既抓集中学习,确保学习有计划;又注重围绕“红色故事会”品牌开展宣讲。\n"
    assert not any(p.startswith(("又", "青湾区又")) for p in prompts(text)), prompts(text)
    pair = "青湾区动态\n作为全区首堂党课,2个多小时的课程既有党课的红,又有历史的味。\n"
    assert not any("2个多小时" in d["quote"] for d in drafts(pair))  # type: ignore[operator]


def test_a_scene_or_a_thing_named_before_is_no_subject() -> None:
    scene = "青湾区动态\n在青湾区融媒中心,一场生动的“云端课堂”正在进行。\n"
    assert prompts(scene) == [] and held(scene), held(scene)
    pointing = "青湾区动态\n青湾区建成两处教育基地。已有1.2万名群众赴两家教育基地参观。\n"
    assert not any("赴两家" in p for p in prompts(pointing)), prompts(pointing)


def test_a_metric_of_a_thing_gets_no_subject_in_front() -> None:
    text = "青湾区动态\n青湾区建成村史馆、校史馆VR展厅。VR展厅浏览量达5600人次。\n"
    assert not any("青湾区VR展厅" in p for p in prompts(text)), prompts(text)


def test_a_stem_where_the_article_was_cut_off_is_held_back() -> None:
    text = "青湾区动态\n青湾区开展学习。青湾区各单位围绕8大类26项实事细化重点任"
    assert not any("重点任" in p for p in prompts(text)), prompts(text)


def test_a_code_summing_the_figures_is_left_out_of_a_figure_s_prompt() -> None:
    from quiz.author.derive import _without_codes

    prompt = "青湾区形成1个领导小组、2个专项组和3个督导组的“1+6+3”工作体系。"
    assert _without_codes(prompt, "6") == "青湾区形成1个领导小组、2个专项组和3个督导组的工作体系。"
    assert _without_codes(prompt, "8") == prompt  # a code that does not show the figure stays
    text = (
        "青湾区动态\n青湾区开展学习。青湾区成立领导小组,形成1个领导小组、6个专项组和3个督导组"
        "的“1+6+3”工作体系。\n"
    )
    asked = prompts(text, everything=True)
    assert asked and not any("1+6+3" in p for p in asked), asked


def test_a_wrong_count_stays_within_the_article_s_own_total() -> None:
    from quiz.author.falsify import wrong_figure

    # 5 of 7 batches done: 8 or 10 would be ruled out by the 7 the article states
    for seed in ("a", "b", "c", "d"):
        wrong = wrong_figure("5", "批", "已完成", "批次", set(), seed, (None, 7.0))
        assert wrong is not None and float(wrong) < 7, wrong
    from quiz.author.derive import Drafter

    text = "青湾区动态\n青湾区分7个批次轮训干部。目前,该区已完成5批次。组织演练4场、宣讲9场。\n"
    drafter = Drafter(parse_article(text), "草稿")
    done, drills = (f for f in drafter.facts if f.kind == "figure" and f.core in ("5", "4"))
    assert drafter.bounds(done) == (None, 7.0)  # the 7 batches of another sentence
    assert drafter.bounds(drills) == (None, None)  # 9场 of 宣讲 beside it is no total


def test_names_of_another_kind_are_no_options() -> None:
    text = (
        "青湾区动态\n青湾区打造了“清晨读”“漫画学”“书香角”“星光课”等学习品牌,"
        "推出“一站办”“暖心帮”“邻里约”“红管家”等服务品牌。\n"
    )
    found = drafts(text, everything=True)
    assert [d["type"] for d in found if unmarked(d["answer"]) in ([["书香角"]], "书香角")] == [
        "fill"
    ]
    for draft in found:
        if draft["type"] == "single":
            assert not {"一站办", "暖心帮"} & set(draft["options"]), draft  # type: ignore[call-overload]


def test_fill_answers_take_digits_and_names_without_their_dot() -> None:
    from quiz.author.numerals import name_variants

    assert name_variants("五个一") == ["五个一", "5个一"]
    assert "8项专题行动" in name_variants("八项专题行动")
    dotted = name_variants("学史手拉手·党史心相印")
    assert {"学史手拉手党史心相印", "学史手拉手 党史心相印", "学史手拉手，党史心相印"} <= set(
        dotted
    )


def test_a_blank_another_name_of_the_article_could_fill_is_held_back() -> None:
    text = "青湾区动态\n青湾区创新推出“手拉手学党史”主题活动。青湾区开展“星火燎原”主题活动。\n"
    assert not any("____" in p and "主题活动" in p for p in prompts(text)), prompts(text)
    assert held(text)
    kinds = (
        "青湾区动态\n青湾区在纪念馆推出《红色足迹》等原创展览。"
        "青湾区在剧场编排《初心如磐》等原创话剧。\n"
    )
    assert len([p for p in prompts(kinds) if "《____》" in p]) == 2, prompts(kinds)


def test_stock_campaign_words_are_no_blank() -> None:
    text = "青湾区动态\n青湾区群众性文化活动以“永远跟党走”为主题。青湾区开展“党史在线答题”活动。\n"
    answers = [d["answer"] for d in drafts(text) if d["type"] == "fill"]
    assert not any("永远跟党走" in str(a) or "党史在线答题" in str(a) for a in answers), answers


def test_an_order_draft_says_its_options_are_the_answer(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "支部动态\n党支部首先组织通读材料,其次开展专题研讨,最后撰写心得体会。\n", encoding="utf-8"
    )
    out = tmp_path / "d.yaml"
    result = CliRunner().invoke(cli, ["--lang", "zh", "derive", str(article), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "type: order\n  # 排序题：options 已按正确顺序排列" in text
    assert load_bank([out]).errors == []


def test_people_sent_out_are_asked_with_what_they_went_to_do() -> None:
    text = "青湾区动态\n青湾区选派36名农技专家,深入田间地头指导春耕。\n"
    asked = prompts(text, everything=True)
    assert any(p.endswith("名农技专家，深入田间地头指导春耕。") for p in asked), asked
    groups = "青湾区动态\n青湾区成立5个工作组,指导各村开展学习。\n"
    asked = prompts(groups, everything=True)
    assert any(p.endswith("个工作组，指导各村开展学习。") for p in asked), asked


def test_places_inside_the_subject_get_it_in_front() -> None:
    text = "东川县学习动态\n东川县开展学习。石门、柳湾等乡镇组织党员开展“重走红军路”活动。\n"
    asked = prompts(text, everything=True)
    assert any(p.startswith("东川县石门、柳湾等乡镇组织") for p in asked), asked
    province = "东川省宣讲动态\n东川省开展宣讲。省委宣讲团成员深入基层宣讲80余场。\n"
    asked = prompts(province, everything=True)
    assert any(p.startswith("东川省委宣讲团成员") for p in asked), asked


def test_an_adverb_is_no_word_going_on_from_a_clause_left_out() -> None:
    from quiz.author.confidence import weak_sentence
    from quiz.author.stems import Stem

    article = "青湾区动态\n青湾区更加注重实效。\n"
    assert weak_sentence(Stem("青湾区更加注重打造“红色驿站”打卡点", 3, 0, 5), article) is None
    assert (
        weak_sentence(Stem("青湾区又注重打造“红色驿站”打卡点", 3, 0, 5), article) == "weak_sentence"
    )
