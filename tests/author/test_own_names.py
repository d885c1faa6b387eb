"""Round 8: a stem names the unit that acts as the article names it. Short words a report uses
for its own subject or a part of it (县委, 区里, 局党委, 全校, 学校, 街道, 各乡镇, a school's own
学院) read alone name no one; each case is a short paraphrase of what an editor fixed."""

from __future__ import annotations

from quiz.author.stems import in_full
from tests.author.drafting import drafts, prompts

COUNTY = (
    "柳河县开展红色宣讲\n"
    "柳河县把宣讲作为重要抓手。\n"
    "县委成立党史宣讲团,由党校教师等共19人组成,深入全县12个乡镇宣讲73场。\n"
    "各乡镇组建宣讲队,吸纳老党员、退役军人、返乡大学生、致富带头人担任宣讲员。\n"
    "区里的说法不算。县里成立5个督导组,督查整改问题41个。\n"
)


def test_a_county_committee_setting_up_a_team_is_named_with_its_county() -> None:
    asked = prompts(COUNTY)
    assert any(p.startswith("柳河县委成立的") for p in asked), asked
    assert not any(p.startswith("县委") for p in asked), asked


def test_each_township_is_the_countys() -> None:
    asked = prompts(COUNTY)
    assert not any(p.startswith("各乡镇") for p in asked), asked


def test_the_county_here_is_named() -> None:
    asked = prompts(COUNTY)
    assert not any(p.startswith("县里") for p in asked), asked


def test_short_words_for_the_subject_are_named_in_full() -> None:
    assert in_full("区里成立7个工作组", "青山湖区") == ("青山湖区", 2)
    assert in_full("局党委先后召开", "南湖区税务局") == ("南湖区税务局", 1)
    assert in_full("全校开展主题班会", "江岸理工大学") == ("江岸理工大学", 2)
    assert in_full("学校建成展区", "江岸理工大学") == ("江岸理工大学", 2)
    assert in_full("街道", "东湖街道") == ("东湖街道", 2)
    assert in_full("县委成立", "清河县") == ("清河", 0)  # 清河 + 县委
    assert in_full("各乡镇组建宣讲队", "清河县") == ("清河县", 0)
    assert in_full("马克思主义学院开设", "江岸理工大学") == ("江岸理工大学", 0)
    assert in_full("外科党支部开展义诊", "青松医院") == ("青松医院", 0)
    assert in_full("大别山干部学院联合开展", "江岸理工大学") == ("", 0)


def test_words_that_name_the_subject_already_are_left() -> None:
    assert in_full("清河县委成立", "清河县") == ("", 0)
    assert in_full("党员干部带头", "清河县") == ("", 0)
    assert in_full("县委成立", "江岸理工大学") == ("", 0)


def test_a_bare_street_office_before_the_verb_is_named_in_full() -> None:
    text = (
        "东湖街道开展阅读推广\n"
        "东湖街道建成社区书屋12个。\n"
        "街道联合辖区学校开展读书活动,覆盖家庭1200户,评出书香家庭30户。\n"
    )
    asked = prompts(text, everything=True)
    assert not any(p.startswith("街道") for p in asked), asked


def test_a_universitys_school_and_the_whole_school_are_the_universitys() -> None:
    text = (
        "江河理工大学上好思政课\n"
        "江河理工大学推进思政课改革。\n"
        "马克思主义学院开设党史选修课7门,组织集体备课38次。\n"
        "全校开展主题班会1120场。学校建成“红色长廊”党史展区。\n"
    )
    asked = prompts(text, everything=True)
    assert any(p.startswith("江河理工大学马克思主义学院") for p in asked), asked
    assert not any(p.startswith(("马克思主义学院", "全校", "学校")) for p in asked), asked


def test_a_bureaus_party_committee_is_the_bureaus() -> None:
    text = "南溪区税务局学党史\n南溪区税务局开展学习。\n局领导班子成员讲授专题党课14次。\n"
    asked = prompts(text, everything=True)
    assert any(p.startswith("南溪区税务局领导班子成员") for p in asked), asked


def test_an_order_names_who_takes_the_steps_in_full() -> None:
    text = (
        "南溪区税务局学党史\n"
        "南溪区税务局开展学习。\n"
        "局党委首先组织通读学习材料,其次开展专题研讨,最后撰写心得体会。\n"
    )
    orders = [d for d in drafts(text) if d["type"] == "order"]
    assert [str(d["prompt"])[:9] for d in orders] == ["南溪区税务局党委首"], orders


def test_a_city_called_ours_is_named_by_its_land() -> None:
    text = (
        "我市党史学习教育综述\n"
        "党史学习教育在柳城大地全面铺开。我市出台了“1+3”指导性文件,组建宣讲团45支。\n"
        "柳城大地处处是学习热潮。市总工会开展宣讲活动120场。\n"
    )
    asked = prompts(text, everything=True)
    assert any(p.startswith("柳城市") for p in asked), asked
    assert not any(p.startswith(("我市", "市总工会")) for p in asked), asked
    assert in_full("市总工会开展", "柳城市") == ("柳城", 0)
    assert in_full("县文化馆创排小戏", "柳河县") == ("柳河", 0)
    assert in_full("县领导带头", "柳城市") == ("", 0)


def test_a_name_is_accepted_with_the_marks_around_its_blank() -> None:
    text = "东湖街道动态\n东湖街道策划微电影《山里的红色记忆》,在各社区巡映。\n"
    answers = [d["answer"] for d in drafts(text) if d["type"] == "fill"]
    assert answers == [[["山里的红色记忆", "《山里的红色记忆》"]]], answers


def test_a_part_after_a_semicolon_opening_with_how_keeps_the_subject() -> None:
    text = (
        "东湖街道动态\n"
        "东湖街道梳理6个实事项目,投资300万元铺设道路;高标准建成1800平方米党群服务中心;"
        "在两个社区建设老年“幸福食堂”,提升老人幸福指数。\n"
    )
    asked = prompts(text, everything=True)
    assert any(p.startswith("东湖街道高标准建成") for p in asked), asked
    assert "东湖街道在两个社区建设老年“____”。" in prompts(text), prompts(text)


def test_a_country_or_region_by_its_land_is_no_place_of_ours() -> None:
    text = (
        "我市党史学习教育综述\n"
        "党史学习教育在齐鲁大地全面铺开。我市出台了“1+3”指导性文件,组建宣讲团45支。\n"
        "齐鲁大地处处是学习热潮。\n"
    )
    assert not any(p.startswith("齐鲁市") for p in prompts(text, everything=True))


def test_people_named_as_the_subject_of_a_sentence_are_the_articles() -> None:
    text = (
        "柳河县开展红色宣讲\n"
        "柳河县把宣讲作为重要抓手。\n"
        "宣讲员走进田间地头,采取“小板凳+大喇叭”“故事+山歌”“讲解+互动”等形式宣讲。\n"
    )
    asked = prompts(text, everything=True)
    assert asked and not any(p.startswith("宣讲员") for p in asked), asked
