"""Cases from the ninth round's unseen set (its review is not kept here), each in words of its
own: who acts is named in full (a place named once whose last part recurs, a long body's name),
a stem says what was done (no clause only of where, no 围绕“…”行动 left open, no event named with
no verb), a body's accounts are its owner's, not the article's subject's; typesetting spaces and
whole paragraphs stay out of prompts and explanations; stock phrases and open names are no blank."""

from __future__ import annotations

from quiz.author.article import parse_article
from quiz.author.derive import derive
from quiz.author.stems import subject_of
from tests.author.drafting import drafts, prompts


def test_a_place_named_once_whose_last_part_recurs_is_the_subject() -> None:
    text = (
        "草地上的流动书屋\n"
        "草地上停着一辆车。\n"
        "这是一辆书车。\n"
        "2021年5月，北疆省青山市白水旗红柳镇党委建成流动书屋。\n"
        "红柳镇党委组织送书下乡12次。\n"
    )
    assert subject_of(parse_article(text)) == "青山市白水旗红柳镇"  # three places at most


def test_a_scene_with_a_verb_of_lying_is_no_deed() -> None:
    text = (
        "红柳镇建设书屋\n"
        "红柳镇在河边并排坐落着6座书屋。红柳镇已开展读书活动15次，服务群众900人次。\n"
    )
    asked = prompts(text)
    assert not any("坐落" in p for p in asked), asked
    assert any("读书活动" in p for p in asked), asked


def test_a_clause_only_of_where_runs_on_to_its_deed() -> None:
    text = "白河县开设课堂\n在白河县18个乡镇的文化站，积极开设“田间课堂”，增强学习实效。\n"
    asked = prompts(text)
    assert "白河县在全县____个乡镇的文化站，积极开设“田间课堂”。" in asked, asked


def test_a_campaign_it_centres_on_runs_on_to_what_was_done() -> None:
    text = (
        "白河县柳林镇开展活动\n"
        "柳林镇围绕“学思想 强本领”专项行动，组织党员干部赴东山纪念馆开展现场教学。\n"
    )
    asked = prompts(text)
    assert any(p.startswith("白河县柳林镇围绕“____”专项行动，组织党员干部") for p in asked), asked
    assert not any(p.endswith("专项行动。") for p in asked), asked


def test_an_event_named_with_no_verb_is_no_sentence() -> None:
    text = (
        "青禾学院开展活动\n"
        "青禾学院党委召开大会。在全院学生中组织开展了“云上答题”活动，献礼建党百年“青春讲坛”演讲大赛。\n"
    )
    asked = prompts(text)
    assert not any("献礼建党百年“____”演讲大赛" in p for p in asked), asked


def test_an_event_open_to_any_name_is_no_blank() -> None:
    text = "青禾学院开展活动\n青禾学院党委召开大会。学院在全院学生中组织开展了“云上答题”活动。\n"
    asked = prompts(text)
    assert not any(p.endswith("组织开展了“____”活动。") for p in asked), asked


def test_a_long_bodys_name_is_the_subject() -> None:
    text = "我院党委推进学习\n自3月以来，机械电子与自动化学院党委认真组织学习。学院党委召开大会。\n"
    assert subject_of(parse_article(text)) == "机械电子与自动化学院"


def test_accounts_are_the_owners_its_sentence_names() -> None:
    text = (
        "北疆省国资系统推进学习\n"
        "北疆省国资委召开会议。统计数据显示，一季度，省属企业主要指标实现增长，资产总额达2.5万亿元，"
        "同比增幅5.1%；所有者权益7700.5亿元，同比增幅11.3%。\n"
    )
    found = [str(d["prompt"]) for d in drafts(text, everything=True)]
    accounts = [p for p in found if "资产总额" in p or "所有者权益" in p]
    assert accounts, found
    assert all(p.startswith("一季度，北疆省省属企业") for p in accounts), accounts


def test_typesetting_spaces_beside_figures_are_dropped() -> None:
    text = "东山公司推进生产\n东山公司今年1 至4 月订货量保持了35%的增长，新增订单12 个。\n"
    found = drafts(text, everything=True)
    assert found
    for draft in found:
        assert "1 至" not in str(draft["prompt"]) and "4 月" not in str(draft["prompt"]), draft
        assert "4 月" not in str(draft["explanation"]), draft


def test_a_long_sentence_of_parts_is_quoted_in_its_part() -> None:
    text = (
        "东山区推进实事\n"
        "东山区梳理8个实事项目，投资300万元重铺街道，方便群众出行；高标准建成1200平方米党群服务中心，"
        "提升为民服务效能；在两个社区建设老年“暖心食堂”，提升老年人幸福指数；另外还组织了多场文艺演出"
        "活动，丰富群众文化生活，受到居民普遍好评；还开展了义诊和理发等便民服务，群众纷纷点赞。\n"
    )
    found = [d for d in drafts(text, everything=True) if "1200" in str(d["quote"])]
    assert found
    for draft in found:
        explanation = str(draft["explanation"])
        assert "1200" in explanation and "暖心食堂" not in explanation, explanation


def test_the_campaigns_own_name_is_no_blank() -> None:
    text = (
        "白河县开设专栏\n白河县依托新媒体，开设《奋斗新征程》、《党史学习教育》等专栏节目。\n"
        "白河县东坡社区联合县医院开展了“我为群众办实事 健康义诊进社区”活动。\n"
    )
    found = derive(parse_article(text), everything=True).drafts
    answers = [str(d.get("answer")) for d in found]
    assert not any("党史学习教育" in a or "我为群众办实事" in a for a in answers), answers


def test_a_lead_paragraph_is_no_title() -> None:
    lead = (
        "“学思想”持续升温 居民在赶制剪纸。 本报通讯员摄 5月3日，白河县东坡社区工作人员逐门逐户"
        "走访调查，争取把路灯改造做成精品工程。在阳光社区，一次环境治理活动成效显著。"
    )
    article = parse_article(lead + "\n")
    assert article.title == "“学思想”持续升温", article.title
    assert article.body_start == 0


def test_where_inside_the_subjects_own_thing_keeps_the_subject() -> None:
    text = (
        "白水旗红柳镇建设书屋\n"
        "白水旗红柳镇建成流动书屋。截至目前，流动书屋内开展读书活动14次，送书上门3次，"
        "开展党课5次，参训人数达620余人次。\n"
    )
    asked = prompts(text, everything=True)
    later = [p for p in asked if "党课" in p or "参训" in p]
    assert later, asked
    assert all("白水旗红柳镇流动书屋内" in p for p in later), later
    assert any("参训" in p for p in prompts(text)), prompts(text)


def test_who_holds_a_named_post_is_asked_plainly() -> None:
    text = (
        "白河县用好红色资源\n"
        "白河县用好红色资源。“档案是最鲜活的教材。”白河县档案馆馆长周明远说。\n"
        "“荒地变了样。”东坡社区党支部书记吴长青介绍。\n"
    )
    found = drafts(text, everything=True)  # held back since round 11: trivia to some editors
    asked = {str(d["prompt"]): d["answer"] for d in found}
    assert asked.get("白河县档案馆馆长是____。") == [["周明远"]], asked
    assert "东坡社区党支部书记是____。" not in asked, asked  # which county's 东坡社区?
    assert "白河县东坡社区党支部书记是____。" in asked, asked


def test_what_a_named_school_is_made_of_names_who() -> None:
    text = (
        "白水旗红柳镇建设草原党校\n"
        "2021年5月，白水旗红柳镇党委建成草原党校。草原党校共由8座毡房和一座大舞台组成，"
        "寓意八方团结。红柳镇党委开展党课5次。\n"
    )
    asked = prompts(text, everything=True)  # what it is made of: trivia, held back since round 12
    assert any(p.startswith("草原党校共由") for p in asked), asked


def test_a_spaced_name_is_accepted_with_a_list_comma() -> None:
    from quiz.author.numerals import name_variants

    assert "学思想、强本领、建新功" in name_variants("学思想 强本领 建新功")


def test_who_chaired_the_subjects_meeting_is_asked() -> None:
    text = (
        "我院党委推进学习\n"
        "自4月以来，机械电子与自动化学院党委认真组织学习。\n"
        "4月6日，学院党委召开党史学习教育推进会，全体教工参加，会议由周明远书记主持。\n"
        "5月9日，市委宣传部召开座谈会，会议由吴长青部长主持。\n"
    )
    asked = {str(d["prompt"]): d["answer"] for d in drafts(text)}
    assert asked.get("机械电子与自动化学院党史学习教育推进会由____书记主持。") == [["周明远"]]
    assert not any("吴长青" in str(a) for a in asked.values()), asked  # another body's meeting
