"""Round 8: a leading group's head and office are asked (the seventh round's reader named one an
article gave no draft for). Short paraphrased cases."""

from __future__ import annotations

from tests.author.drafting import drafts

COUNTY = (
    "柳河县扎实开展党史学习教育\n"
    "为确保学习教育取得实效,柳河县成立了由县委书记担任组长,相关县领导担任副组长,"
    "有关部门负责人为成员的县委党史学习教育领导小组,在县委宣传部设领导小组办公室。\n"
)


def _fills(text: str) -> dict[str, object]:
    return {str(d["prompt"]): d["answer"] for d in drafts(text) if d["type"] == "fill"}


def test_the_head_of_a_leading_group_is_asked() -> None:
    fills = _fills(COUNTY)
    assert fills.get("柳河县委党史学习教育领导小组由____担任组长。") == [
        ["县委书记", "柳河县委书记"]
    ], fills


def test_where_its_office_sits_is_asked() -> None:
    fills = _fills(COUNTY)
    assert fills.get("柳河县在____设领导小组办公室。") == [["县委宣传部", "柳河县委宣传部"]], fills


def test_a_head_named_by_no_post_is_not_asked() -> None:
    text = COUNTY.replace("由县委书记担任组长", "由张三担任组长")
    assert not any("组长" in p for p in _fills(text)), _fills(text)


def test_a_report_with_no_subject_holds_them_back() -> None:
    text = "动态\n我县成立了由县委书记担任组长的领导小组,在县委宣传部设领导小组办公室。\n"
    assert not any("领导小组" in p for p in _fills(text)), _fills(text)


def test_a_named_set_of_documents_is_asked() -> None:
    text = "柳城市动态\n柳城市出台了“1+4+1”指导性文件,主题鲜明,重点突出。\n"
    fills = _fills(text)
    assert fills.get("柳城市出台了“____”指导性文件。") == [["1+4+1", "“1+4+1”", '"1+4+1"']], fills


SCHOOL = (
    "江河大学党史学习教育工作汇报\n"
    "江河大学精心组织实施。\n"
    "一是建立工作机制。学校成立党史学习教育领导小组,下设办公室。"
    "办公室每周召开例会,已累计28次;发布文件通知27份;报送各类简报57期,"
    "上级部门简报累计50期采纳学校相关内容。\n"
    "二是深化理论学习。重点推出“四个一百”,即制作完成百集“党在江河”微纪录片。\n"
)


def test_a_bare_office_is_the_groups_the_article_set_up() -> None:
    asked = [str(d["prompt"]) for d in drafts(SCHOOL)]
    offices = [p for p in asked if "办公室" in p]
    assert offices and all(p.startswith("江河大学党史学习教育领导小组办公室") for p in offices), (
        asked
    )


def test_how_often_the_first_deed_was_done_is_not_the_next_ones() -> None:
    asked = [str(d["prompt"]) for d in drafts(SCHOOL, everything=True)]
    assert not any("每周发布" in p or "每周报送" in p for p in asked), asked


def test_a_clause_whose_subject_is_a_thing_counted_gets_no_one_before_it() -> None:
    asked = [str(d["prompt"]) for d in drafts(SCHOOL, everything=True)]
    assert not any("室上级部门" in p or "周上级部门" in p for p in asked), asked


def test_an_adverb_of_emphasis_is_no_subject() -> None:
    asked = [str(d["prompt"]) for d in drafts(SCHOOL, everything=True)]
    assert not any(p.startswith("重点") for p in asked), asked
