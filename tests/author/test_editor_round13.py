"""Cases from the thirteenth round's tuning set (set J; its text is not kept here), each in words
of its own: who a report is about when its title, its first scene and its lines disagree; a thing
named bare after its full name; winners of a contest told before; a unit's paperwork; a Party
formula quoted without its label; a dateline and a year before the day a stem opens with."""

from __future__ import annotations

from quiz.author.article import parse_article
from quiz.author.confidence import _BARE_DAY, open_blank
from quiz.author.derive import _WINNERS, _undoubled
from quiz.author.numerals import name_variants
from quiz.author.stems import _above, stem_for, subject_of
from tests.author.drafting import drafts, prompts


def test_the_title_s_short_name_beats_a_town_the_opening_scene_is_in() -> None:
    text = (
        "青石推动党史学习教育走深\n"
        "本报讯 (特约记者 王某)3月15日,青石县柳岸镇机关的20多名年轻党员来到兰溪村,重温革命历史。\n"
        "青石县依托兰溪纪念馆等红色教育基地,制作了《柳岸烽火》等一批精品课程。\n"
    )
    assert subject_of(parse_article(text)) == "青石县"
    asked = prompts(text)
    assert "青石县制作了《____》等一批精品课程。" in asked, asked
    assert not any("柳岸镇制作" in p or "本报讯" in p or "特约记者" in p for p in asked), asked


def test_a_title_after_a_dash_names_the_village_it_is_about() -> None:
    text = "忆党史,铭党恩——柳岸镇兰溪村“树下课堂”\n4月8日,兰溪村党员围坐在老樟树下听党课。\n"
    assert subject_of(parse_article(text)) == "柳岸镇兰溪村"


def test_a_report_opening_in_a_village_named_in_full_is_that_village_s() -> None:
    text = (
        "5月29日,在湖南省青石县柳岸乡兰溪村,来自邻县柳树乡渔业村、龙虎溪村的近30名党员在该县"
        "县委党校“党性教育基地”——兰溪村“红色讲堂”前,听取了村总支书记所讲的党课。\n"
        "兰溪村是红色革命老区。\n"
    )
    assert subject_of(parse_article(text)) == "青石县柳岸乡兰溪村"


def test_a_title_s_city_short_name_gives_way_to_the_places_the_text_names() -> None:
    text = (
        "青石兰溪社区:依托红色文化资源 构建党建新格局\n"
        "青石市柳岸区钱桥街道兰溪社区关工委始终把抓好党建作为引擎。兰溪社区建成文化中心。\n"
    )
    assert subject_of(parse_article(text)) == "柳岸区钱桥街道兰溪社区"


def test_a_bare_city_body_beside_its_city_s_own_committee_names_no_city() -> None:
    text = (
        "近来,市民政局认真贯彻落实中央、省、青石市委和市委党史学习教育有关决策部署,创新学习方法、"
        "丰富活动形式,聚焦“理论学习、制度落实、服务实践”三点发力,扎实推进党史学习教育。\n"
        "局党组先后举办3期读书班、2次专题报告会,开展集中学习14次。\n"
    )
    assert subject_of(parse_article(text)) == ""
    assert not any(p.startswith(("青石市", "2021年，青石市")) for p in prompts(text))


def test_a_title_s_short_body_name_is_spelled_out_as_the_text_names_it() -> None:
    text = "青石中医医院\n“杏林课堂”开课\n5月27日,青石市中医医院“杏林课堂”开课,职工一致好评。\n"
    assert subject_of(parse_article(text)) == "青石市中医医院"


def test_a_resident_s_remark_opening_a_report_names_no_subject() -> None:
    text = (
        "“听了镇上的宣讲,我觉得还是党的政策好,这些年来看病住院不用自己掏钱,住房也有了保障。”"
        "5月21日,听了镇上的宣讲团的报告会后,家住青石县柳岸镇兰溪村三组的张某激动的说。\n"
        "党史学习教育以来,青石县严格按照统一要求认真部署,组织开展宣讲86场。\n"
    )
    assert subject_of(parse_article(text)) == "青石县"


def test_a_thing_named_bare_is_named_as_the_text_named_it_before() -> None:
    centre = (
        "兰溪社区:打造红色阵地\n"
        "兰溪社区精心打造完成了兰溪文化中心。"
        "文化中心还设置了“红色放映厅”搭建观影平台,为居民党员提供红色电影观影。\n"
    )
    asked = prompts(centre)
    assert any(p.startswith("兰溪文化中心设置了“____”") for p in asked), asked
    meeting = (
        "柳岸镇发出党史学习教育动员令\n"
        "日前,柳岸镇在镇小学体育馆召开全镇党史学习教育动员大会。"
        "大会发布了党史学习教育20项活动内容,并要求全镇上下扎实推进。\n"
    )
    asked = prompts(meeting)
    assert any("柳岸镇党史学习教育动员大会发布了党史学习教育____项" in p for p in asked), asked
    assert not any(p.startswith("大会") for p in asked), asked


def test_winners_of_a_contest_told_before_are_no_one_read_alone() -> None:
    text = (
        "柳岸镇举办宣讲大赛\n"
        "柳岸镇举办“青春对话历史”90后村干部党史宣讲大赛。优胜者被聘为“柳·青春”党史宣讲团成员。\n"
    )
    assert not any("优胜者" in p for p in prompts(text)), prompts(text)


def test_a_name_with_a_dot_is_accepted_with_any_middle_dot_or_none() -> None:
    forms = name_variants("益•青春")
    assert {"益•青春", "益·青春", "益青春"} <= set(forms), forms


def test_a_unit_s_implementation_plan_is_no_name_to_ask() -> None:
    text = (
        "青石县民政局推进党史学习教育\n"
        "青石县民政局党组第一时间召开党史学习教育动员部署大会,传达学习市委动员大会会议精神,"
        "并研究制定《青石县民政局党史学习教育实施方案》,成立以局党组书记为组长的领导小组。\n"
    )
    assert not any("《____》" in p for p in prompts(text)), prompts(text)
    plan = "青石县民政局党史学习教育实施方案"
    prompt = "青石县民政局研究制定了《____》并报送上级党委审定。"
    assert open_blank(prompt, 0, plan) == "trivia_blank"


def test_a_formula_quoted_without_its_label_is_asked_in_the_report_s_words() -> None:
    text = (
        "青石市中医医院开设课堂\n"
        "青石市中医医院开设“杏林课堂”,带领干部职工学党史、新中国史、改革开放史、社会主义发展史。\n"
    )
    asked = prompts(text)
    assert not any("“四史”是指" in p for p in asked), asked
    assert any(
        p.startswith("青石市中医医院") and "新中国史、____、社会主义发展史" in p for p in asked
    ), asked
    labelled = (
        "青石县学四史\n青石县组织党员学习“四史”:党史、新中国史、改革开放史、社会主义发展史。\n"
    )
    assert "“四史”是指党史、新中国史、____、社会主义发展史。" in prompts(labelled)


def test_a_sentence_about_a_person_is_not_the_unit_s_deed() -> None:
    text = (
        "2021年6月15日柳岸学部党委理论中心组召开党史专题学习会议,围绕《中国共产党简史》一书,"
        "分阶段、分章节进行了集体学习。会议由学部党委书记苏某主持。\n"
        "宋某部长从党的思想、胸怀、宗旨出发分享了学习体会。"
        "他阐述了马克思主义对中国的重要价值与意义,强调了党在民族危难之际体现出的博大胸怀,"
        "结合最新的革命历史题材电视剧《觉醒年代》,说明了党的初心。\n"
    )
    assert not any("觉醒年代" in p or "《____》" in p for p in prompts(text)), prompts(text)
    article = parse_article(text)
    clause = next(c for c in article.clauses() if "觉醒年代" in c.text)
    assert stem_for(article, subject_of(article), clause).borrowed  # his, not the 党委's


def test_a_day_opening_a_stem_gets_the_report_s_year() -> None:
    text = "青石县开展宣讲\n时间:2021-06-17\n3月15日,青石县开展理论宣讲86场。\n"
    assert "2021年3月15日，青石县开展理论宣讲____场。" in prompts(text), prompts(text)


# After the blind read of set K (its text is not kept here either).


def test_a_city_s_title_over_its_county_s_news_is_the_county_s() -> None:
    text = (
        "青石创新宣讲方式 开启“车轮上的讲堂”\n"
        "为创新宣讲形式,青石市柳县县委讲师团组织县域内12条农村客运班线的83名司乘人员,"
        "成立车轮上的宣讲队。每个月请专业人员录制10个党史小故事,将故事发放至客车司机手中。"
        "近日,青石市委讲师团要求推广到全市。截至目前,全市已成立10支宣讲队伍。\n"
    )
    assert subject_of(parse_article(text)) == "青石市柳县"
    asked = prompts(text)
    assert any(p.startswith("青石市柳县每个月请专业人员录制") for p in asked), asked
    assert "截至报道时，青石市已成立____支宣讲队伍。" in asked, asked  # 全市: the city above


def test_yesterday_is_the_day_before_the_dateline_s() -> None:
    text = (
        "青石新闻网6月30日讯(记者 王某)为庆祝中国共产党成立100周年,柳岸镇茶会社区居委会昨日"
        "在睦邻广场举行“讲述红色故事 礼赞建党百年”儿童党史故事演讲比赛。\n"
        "在柳岸镇党委的指导下,茶会社区以近邻党建为核心,携手青石市信任社工中心开展“三社联动”项目。\n"
    )
    asked = prompts(text)
    assert not any("昨日" in p for p in asked), asked
    assert any("2021年6月29日在睦邻广场" in p for p in asked), asked
    assert any(p.endswith("茶会社区携手青石市信任社工中心开展“____”项目。") for p in asked), asked


def test_this_time_s_event_is_said_without_pointing_back_and_a_town_s_offices_are_its() -> None:
    text = (
        "柳岸镇党史学习教育基地揭牌\n"
        "时间:2021-04-28\n"
        "4月27日,柳岸镇举行党史学习教育基地揭牌仪式暨主题党日活动。"
        "镇机关全体党员30余人参加了揭牌仪式。9月12日下午,柳岸社区党员群众超200人参与了此次以"
        "“忆党史”为主线的党史学习教育游园会。\n"
    )
    asked = prompts(text)
    assert any(p.startswith("2021年，柳岸镇机关全体党员____余人") for p in asked), asked
    assert not any("此次" in p for p in asked), asked


def test_places_named_in_a_row_in_the_first_sentence_are_read_to_the_deepest() -> None:
    county = (
        "党史学习教育开展以来,青石省柳州市镇坪县紧扣总体要求,坚持规定动作高质量原则,"
        "分级分层次开展党史理论宣讲,以“党史学习夜校”为抓手实现理论宣讲全覆盖。\n"
    )
    assert subject_of(parse_article(county)) == "青石省柳州市镇坪县"
    village = (
        "不忘初心砥砺前行,传承根脉留住乡愁\n"
        "——杨寿镇永和村红色党史村史室正式建成亮相\n"
        "加入时间:2021年6月30日\n"
        "26日上午,杨寿镇永和村新建成的村党史、村史正式对外亮相。\n"
    )
    assert subject_of(parse_article(village)) == "杨寿镇永和村"


def test_our_hospital_in_a_title_is_the_hospital_the_page_names() -> None:
    text = (
        "我院第八党支部走进苏中苏维埃政权诞生地\n"
        "来源:青石市中医院  作者:编辑  时间:2021-10-12 14:36:50\n"
        "为庆祝中国共产党成立100周年,青石市中医院组织临床党支部成立志愿服务团队。\n"
    )
    assert subject_of(parse_article(text)) == "青石市中医院第八党支部"


def test_a_body_the_first_sentence_names_after_who_deployed_it_is_the_subject() -> None:
    text = (
        "本网讯(张某)近期,根据青石县委部署,青石县交通运输局以党史学习教育为抓手,引领党员干部学党史。\n"
        "青石县交通运输局以动员为先,迅速成立党史学习教育领导小组。\n"
    )
    assert subject_of(parse_article(text)) == "青石县交通运输局"


def test_a_school_named_by_its_name_alone_is_a_subject() -> None:
    text = (
        "为了深入学习关于用好红色资源的重要论述,贯彻落实省委关于结合党史学习教育的指示精神,"
        "把大别山精神、“永远跟党走”等老区精神阐释好。柳岸中学坚持把党史学习教育与立德树人紧密结合。"
        "柳岸中学组织高一年级师生开展红色研学。\n"
    )
    assert subject_of(parse_article(text)) == "柳岸中学"


def test_a_page_s_original_title_and_author_line_are_furniture_and_a_short_name_is_said_once() -> (
    None
):
    text = (
        "听“红领巾”讲红色故事\n"
        "青石柳阳“富春窗·党史少年说”宣讲团成立\n"
        "骆某某\n"
        "2021年03月24日08:21  来源:青石日报\n"
        "原标题:听“红领巾”讲红色故事\n"
        "“1927年1月,柳阳成立了历史上首个共产党的基层组织。”3月23日下午,青石柳阳区“富春窗·党史少年说”"
        "宣讲团来到常绿镇,开展首场宣讲。柳阳首批12家党史教育基地与12所中小学校结对,组成宣讲联盟。"
        "下一步,青石柳阳区将启动“童心向党”宣讲大赛。\n"
    )
    assert subject_of(parse_article(text)) == "青石柳阳区"
    asked = prompts(text)
    assert any("青石柳阳区首批____家党史教育基地" in p for p in asked), asked


def test_a_list_of_ways_asked_with_nothing_said_of_what_for_is_held_back() -> None:
    text = (
        "青石县成立少年宣讲团\n"
        "青石县成立“党史少年说”宣讲团。青石县希望通过以讲促学、老少传承、实践体验等方式,"
        "让党史教育入脑入心。青石县开展宣讲、诵读、展演等活动。\n"
    )
    assert not any(p.endswith("通过哪些方式？") for p in prompts(text)), prompts(text)


# After the blind read of set L (its text is not kept here either).


def test_an_interview_s_title_names_the_place_not_the_visit_or_the_post() -> None:
    text = (
        "创新工作模式 高质量开展党史学习教育——访柳县县委书记韩某\n"
        "“自党史学习教育开展以来,柳县县委高度重视、迅速行动。”柳县先后组织3次集中学习交流研讨活动。\n"
    )
    assert subject_of(parse_article(text)) == "柳县"
    assert not any("访柳县" in p for p in prompts(text)), prompts(text)


def test_a_sub_district_office_above_a_community_is_kept() -> None:
    text = (
        "人民办党史学习教育进行时——重华社区“板凳会”街头巷角说党史\n"
        "4月14日下午,人民办重华社区行政南小区的居民们搬出凳子,围成一圈坐在小广场。\n"
    )
    assert subject_of(parse_article(text)) == "人民办重华社区"


def test_a_stem_is_not_too_long_for_the_year_it_is_dated_by() -> None:
    text = (
        "万安社区举行纪念章颁发仪式\n"
        "时间:2021-07-01\n"
        "6月28日下午,万安社区党委开展“红心向党”主题党日“光荣在党50年纪念章颁发仪式”"
        "暨“百人话百年”微党课视频展播启动仪式。\n"
    )
    assert any(p.startswith("2021年6月28日下午，万安社区党委开展“____”") for p in prompts(text))


def test_a_day_that_lost_its_month_holds_a_stem_back() -> None:
    text = (
        "敬业中学党员参观陈列馆\n414日下午,敬业中学的党员们来到中共一大会址旧址陈列馆参观学习。\n"
    )
    assert not any("414日" in p for p in prompts(text)), prompts(text)


def test_people_counted_at_an_event_named_by_no_name_are_held_back() -> None:
    text = (
        "柳岸镇党史学习教育基地揭牌\n"
        "时间:2021-04-28\n"
        "4月27日,柳岸镇举行党史学习教育基地揭牌仪式暨主题党日活动,镇机关全体党员30余人参加了活动。\n"
    )
    assert not any("参加了活动" in p for p in prompts(text)), prompts(text)


# After the reads of set M (its text is not kept here either).


def test_a_village_named_in_full_after_an_opening_with_no_place_is_the_subject() -> None:
    text = (
        "党史课堂搬进农村“小屋场”\n"
        "谷某某\n"
        "春暖花开,鸟鸣人沸。拉家常、话初心,3月26日,在柳利县广福桥镇三王村“乡村客厅”里,"
        "一场别开生面的“小屋场党史课”开课了。\n"
    )
    assert subject_of(parse_article(text)) == "柳利县广福桥镇三王村"


def test_a_village_s_own_page_names_it_bare() -> None:
    text = (
        "4月26日,长盛村村内毁坏路段维修工作顺利完成。长盛村两委把党史学习教育与为民做实事相结合,"
        "扎实开展“我为群众办实事”实践活动。据悉,长盛村村级公路和国道相连,因负荷过大造成路基损坏。\n"
    )
    assert subject_of(parse_article(text)) == "长盛村"


def test_words_that_only_look_like_a_place_are_no_subject() -> None:
    visit = (
        "第五地质大队机关支部学党史\n"
        "6月18日,局党史学习教育第四巡回组组长张某、成员吴长峰到机关支部指导党史学习教育工作。\n"
    )
    assert "到" not in subject_of(parse_article(visit))
    hospital = (
        "★ 奋斗百年路 启航新征程★\n"
        "2021年3月4日,我院采用线上线下的方式召开党史学习教育动员大会。院党委委员、党支部书记参加现场会议。\n"
    )
    assert subject_of(parse_article(hospital)) == ""
    counted = "平安第一个农村党支部纪念馆建成迎客\n馆内展出老照片200余张。\n"
    assert "第一个" not in subject_of(parse_article(counted))
    came = "青石开设红色课堂\n3月29日,在一条桃林小径上,20多名来自柳浦镇农业农村局的党员聆听宣讲。\n"
    assert not subject_of(parse_article(came)).startswith("多名")


def test_a_site_in_a_city_is_asked_by_its_own_name() -> None:
    text = (
        "燕京理工学院师生党员赴平津战役纪念馆开展党史学习教育\n"
        "2021年4月23日,燕京理工学院师生党员赴天津平津战役纪念馆开展党史学习教育。\n"
    )
    asked = drafts(text)
    site = [d for d in asked if "战役纪念馆" in str(d["prompt"])]
    assert site and "天津____战役纪念馆" in str(site[0]["prompt"]), asked


def test_the_journey_and_works_shown_one_after_another_are_not_asked() -> None:
    text = (
        "竹篙中学党员赴平乐古镇\n"
        "2021年5月8日,金堂县竹篙中学校党员一行50余人在经历了近4个小时的行程后,到达平乐古镇,"
        "开展党史学习教育主题党日活动。\n"
        "文明社区先后播放《建党伟业》《红船》《觉醒年代》等一系列体现伟大建党精神的影片。\n"
    )
    asked = prompts(text)
    assert not any("小时的行程" in p for p in asked), asked
    assert not any("按先后顺序排列" in p for p in asked), asked


# After the reads of set N (its text is not kept here either).


def test_a_title_s_short_county_name_is_spelled_out_as_the_text_names_it() -> None:
    text = (
        "柳场用好红色资源推动党史学习教育走“新”更走心\n"
        "今年以来,柳场满族蒙古族自治县创新形式,组织党员干部10000余人深入红色打卡地。"
        "柳场满族蒙古族自治县下伙房村开展宣讲。\n"
    )
    assert subject_of(parse_article(text)) == "柳场满族蒙古族自治县"


def test_a_long_branch_name_is_the_subject_and_its_unit_named_short_is_named_in_full() -> None:
    text = (
        "自党史学习教育开展以来,上海二十冶温州指挥部党支部以建设“红色工地”为抓手,"
        "充分发挥基层党组织的战斗堡垒作用,进一步推进党史学习教育走深走实。\n"
        "7月10日下午,温州指挥部组织全体党员及员工观看红色电影《长津湖》。\n"
    )
    assert subject_of(parse_article(text)) == "上海二十冶温州指挥部党支部"
    asked = prompts(text)
    assert any("上海二十冶温州指挥部组织全体党员" in p for p in asked), asked


def test_words_that_only_look_like_a_place_in_a_title_or_a_lead_are_none() -> None:
    lights = (
        "路灯点亮乡村夜生活\n"
        "“有了路灯后,我们晚上的活动丰富多了!”近日,驻贾庄行政村工作队为该村背街小巷安装了路灯。"
        "驻村工作队还为驻村群众办实事,驻村干部走访农户。\n"
    )
    assert subject_of(parse_article(lights)) not in ("路灯点亮乡", "驻村")
    hosted = (
        "肥西中学举办党史知识竞赛\n"
        "10月27日,由合肥八中教育集团肥西中学党委主办的党史知识竞赛举行。\n"
    )
    assert not subject_of(parse_article(hosted)).startswith("由")


# From a read of the round's whole change (each input is the reader's own).


def test_the_report_s_own_city_beside_another_city_s_committee_is_its_subject() -> None:
    text = (
        "扎实推进党史学习教育\n"
        "近来,桐城市认真贯彻中央、省、安庆市委和市委部署。桐城市开展宣讲86场。\n"
    )
    assert subject_of(parse_article(text)) == "桐城市"


def test_our_county_s_bureau_and_a_slogan_s_局_are_no_subject() -> None:
    ours = "我县交通运输局学党史\n我县交通运输局召开会议。我县交通运输局以学促干。\n"
    assert not subject_of(parse_article(ours)).startswith("我")
    bureau = "我局党支部走进纪念馆\n党员学党史、悟思想、办实事、开新局。\n"
    assert not subject_of(parse_article(bureau)).startswith("开新局")


def test_a_bare_thing_is_not_named_from_a_longer_word_or_a_level_it_does_not_have() -> None:
    hall = (
        "柳岸镇学党史\n柳岸镇党员代表赴北京参观人民大会堂。大会发布了党史学习教育20项活动内容。\n"
    )
    assert not any("人民大会发布" in p for p in prompts(hall)), prompts(hall)
    street = (
        "兰溪街道学党史\n"
        "日前,兰溪街道召开全街道党史学习教育动员大会。大会发布了党史学习教育20项活动内容。\n"
    )
    asked = prompts(street)
    assert any("兰溪街道党史学习教育动员大会发布了" in p for p in asked), asked


def test_a_city_s_name_is_not_spelled_out_as_one_of_its_counties() -> None:
    text = "承德市扎实开展党史学习教育\n承德市围场满族蒙古族自治县召开会议。承德市开展宣讲。\n"
    assert subject_of(parse_article(text)) == "承德市"
    assert _above("市", "德清县新市镇") == ""
    assert _above("市", "沧州市沧县") == "沧州市"


def test_a_short_name_starting_a_name_of_its_own_is_kept() -> None:
    assert _undoubled("北京市朝阳区朝阳门街道开展宣讲。", "北京市朝阳区") == (
        "北京市朝阳区朝阳门街道开展宣讲。"
    )
    assert _undoubled("杭州富阳区富阳首批12家基地结对。", "杭州富阳区") == (
        "杭州富阳区首批12家基地结对。"
    )


def test_a_title_s_station_team_is_no_village() -> None:
    text = "九龙湖镇驻村工作队走访农户\n九龙湖镇驻村工作队开展走访。九龙湖镇组织党员学习。\n"
    assert subject_of(parse_article(text)) == "九龙湖镇"


def test_a_count_of_days_is_no_day_and_winners_given_something_are_someone() -> None:
    assert _BARE_DAY.search("414日下午，党员们来到陈列馆") is not None
    assert _BARE_DAY.search("连续100日坚持打卡") is None
    assert _WINNERS.match("2021年，益农镇为往届优胜者颁发证书。") is None
    assert _WINNERS.match("2021年，益农镇优胜者被聘为“____”党史宣讲团。") is not None
