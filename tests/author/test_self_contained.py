"""A draft's stem reads alone (issue 30's editor, on unseen articles): it says what its figures
belong to, who acts and when, is a whole sentence, and points back to nothing the player has
not read. Where derive cannot repair a stem from its own sentence it holds the draft back."""

from __future__ import annotations

from quiz.author.article import parse_article
from quiz.author.derive import derive

Draft = dict[str, object]


def drafts(text: str, *, everything: bool = False) -> list[Draft]:
    return derive(parse_article(text), everything=everything).drafts


def prompts(text: str, *, everything: bool = False) -> list[str]:
    return [str(d["prompt"]) for d in drafts(text, everything=everything)]


def held(text: str) -> list[str]:
    """The prompts derive holds back (shown only with --all, tagged 待定)."""
    return [str(d["prompt"]) for d in drafts(text, everything=True) if "待定" in d["tags"]]  # type: ignore[operator]


def test_the_clause_a_figure_belongs_to_stays_in_its_stem() -> None:
    text = "青湾区动态\n青湾区开展学习。制定学习计划,明确12项重点任务。\n"
    asked = prompts(text)
    assert any(p.startswith("青湾区制定学习计划，明确") for p in asked), asked
    # a clause of manner before is no governing clause: 以…为轴心 stays out
    manner = "青湾区动态\n青湾区以服务中心为轴心,打造“红色驿站”打卡点。\n"
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
