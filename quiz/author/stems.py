"""The stem of a drafted question: the clause that holds the fact, in the article's words, with
its subject. A clause that opens with a verb ("开展上门探访1260次") gets the subject of its
sentence ("全区") or, failing that, of the article ("江城区"); a clause that only goes on from
the one before ("覆盖学生3.2万人次") keeps that one too."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from quiz.author.article import AuthorArticle, Span

_PLACE = (
    r"[\u4e00-\u9fff]{1,12}?(?:省|市|区|县|镇|乡|街道|社区|大学|学院|学校|中学|小学|医院|公司|集团|银行|委员会|"
    r"党委|党工委|支部)"
)
_VERBS = (
    "推出|开发|开设|(?<!党)组织|举办|开展|打造|编写|编印|制作|建成|建立|建强|新增|完成|实行|采取|坚持|"
    "推动|推进|选派|引导|鼓励|依托|聚焦|针对|围绕|通过|按照|用好|创新|挖掘|形成|吸引|覆盖|累计|"
    "召开|成立|组建|培训|招募|评选|评出|设立|发出|收集|梳理|带头|持续|维护|完善|邀请|参与|精心|"
    "举行|启动|印发|出台|落实|深入|广泛|扎实|积极|认真|全面|大力|先后|惠及|借助|借力|面向|立足|"
    "结合|充分|注重|着力|加强|强化|深化|配送|安装|创排|巡演|吸纳|新建|改扩建|提供|解决|突出|"
    "力争|联合|发挥|激发|推进|营造|构建|实现|成立|推行|设置|建设|开通|发布|编排|拍摄|走进|下沉|"
    "帮助|办理|讲授|参与|参加|撰写|通读|召开|领衔|利用|修缮|命名|评议|销号|分解|明确|挂牌|督办|"
    "紧扣|抓住|抓好|做好|讲好|办好|用活|建好|遴选|选拔|征集|整合|统筹|确定|力促|追寻|发掘|运用|"
    "培育|扩大|筛选|开发|投资(?!公司|集团|有限)|拍摄|倾力|妥善|规范|聘请|组成|打磨|策划|总结|部署|挖掘|举办|"
    "启动|掀起|融入|播出|展出|展播|刊登|推送|发放|出版|获评|入选|荣获|升级|联动|同步|发布|"
    "位于|设有|设置|拥有|公布|公示|制定|细化|下发|编制|发动|动员|委派|派出|派驻|有效|衔接|携手"
    "|研究(?=制定|部署|决定|出台|讨论)"  # "…政协研究制定了…方案": not 研究室
    "|实施(?!方案|意见|细则|办法|计划)"  # "党委实施“党建+”…工程": not 实施方案
)
# What a body's name ends with, after its place: 南湖区 + 税务局, 雨城区 + 委党史研究室.
_BODY = (
    r"(?:[\u4e00-\u9fff]{0,8}(?:局|委|院|校|部|室|(?<![举创承主协开兴])办(?!实事|事|好|理|结)|中心|公司|支部|党委|党工委"
    r"|学院|大学|政协"
    r"|人大|政府|妇联|工会|街道))"
)
# A clause opening like this names its own subject ("全区…", "各区党委宣讲团…").
# Not 全覆盖发放…, 全面推进…, 全力…: adverbs.
_OWN_SUBJECT = re.compile(
    r"^(全(?!覆盖|面|力|方位|程|心|速|部|体系|角度|链条|过程|员|天候|时段|年)|各|市|区|县|乡|镇|村|校|党|团)[\u4e00-\u9fff]"
)
# A clause opening with one of these has left its subject to the sentence or the paragraph.
_NO_SUBJECT = re.compile(
    rf"^(?:{_VERBS}|对|为|在|以|将|把|与|向|赴|分|共|已|让|用|由|从|抓|狠抓"
    r"|高标准|高质量|高起点|高水平|全力|主动|及时|不断|切实|重点|上线)"  # "高标准建成…": how
)
# Verbs whose object acts in the clauses after them: "县委成立宣讲团,由…组成,深入…宣讲86场"
# is the 宣讲团 going out to speak, not the 县委.
_FOUNDS = re.compile(r"(成立|组建|组成|建立|设立|成立了|组建了)")
VERB = re.compile(_VERBS)
# How a body set up is counted before its name: "(组建了)一支近70人的志愿宣讲队伍".
_COUNTED = re.compile(
    r"^了?(?:[一两二三四五六七八九十]+|\d+)?[支个批]?(?:近|约|超过)?\d*(?:余)?(?:人|名)?的"
)
# A clause opening with one of these goes on from the clause before it.
_DEPENDENT = re.compile(
    r"^(覆盖|吸引|惠及|形成|累计|其中|占|达到|比|较|同比|带动|使|让|共|总计|合计|通过|已|并|又|还|以及|即)"
    r"|^.{0,3}其中"  # "县里对其中32处…": of what the clause before counted
    r"|^(点击量|浏览量|阅读量|访问量|播放量|办结率|完成率|参与率)"  # of the clause before
    r"|^(直接|间接)?(参与|参加|受益|服务|辐射|惠及)(党员|群众|干部|人数|人员|学生|师生)?[\d０-９]"
    r"|^(受众|辐射)"  # "开展乐理党课15场,直接参与党员200余人": in those lessons
    r"|^(总?面积|占地|建筑面积|全长|总投资|内部|外部|馆内|展厅内?)"  # of the place named before
    r"|^(党员|群众|干部|学生|人员|职工)(占|比例|人均)"  # "…党组织占…,党员占…": whose 党员
    r"|^[\u4e00-\u9fff]{2}(群众|党员|干部|师生|学生|人员|人数|观众)[\d０-９]"  # 观看群众1万人
    r"|^涉及"  # "9个…项目全部开工,涉及改造户数…": of the projects before
    r"|^先后(?=[\u4e00-\u9fff]{1,4}\d)"  # "设置…专栏,先后刊登30期": in that column
    r"|^\d"  # "…举办研讨班,370余名处级以上领导干部参加了…": who they were is said before
)
# A time phrase the subject may follow: "今年以来共开展…" is "(全区)共开展…".
_LEADING_TIME = re.compile(
    r"^(今年以来|近年来|去年以来|[\u4e00-\u9fff]{2,8}以来|其中[,，]?|并(?=[将把对向在以为与])"
    r"|全年(?=实现|完成|共|累计)"  # "全年实现经营收入2.8亿元": 全年，…公司实现…
    r"|\S{0,12}?\d+月\d+日电\s*)(?=[\u4e00-\u9fff])"  # "中新网山西新闻8月5日电 立足…"
)
# The end of a noun phrase that can act: "局领导班子成员", "多样化宣讲队", "各区党委".
_ACTOR = re.compile(
    r"(团|队|队伍|组|委|局|部|处|厅|会|校|院|区|市|县|镇|乡|村|员|者|们|人|单位|组织|干部|党员|群众|"
    r"学生|教师|班子|领导|中心|机构|企业|街道|社区)$"
)
# A clause setting the scene, not naming who acts: "在…的领导下", "随着…", "根据…".
_SETTING = re.compile(r"^(在[^，,]*(下|中|之际|期间)|随着[^，,]*|根据[^，,]*)$")
_DATELINE = re.compile(r"(\d+月\d+日电|讯)$")
_CONNECTIVE = re.compile(
    r"^(因此|同时|此外|另外|为此|目前|当下|当前|近日|日前|随后|与此同时|其次|最后|首先|其中)$"
)
_DOING = re.compile(r"(抓|狠抓|强化|突出|聚焦|注重|深化|坚持|做好)")  # 抓学习: a deed, no topic
_LEADING_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]是|首先|其次|再次|然后|最后|\d+[.、．])")
TIME = re.compile(
    r"(以来|期间|之际|今年|去年|近年来|过去一年|一年来|\d+月(至\d+月)?|\d+日|月份|上午|下午"
    r"|\d+月(初|中|底|上旬|中旬|下旬)|年初|年底|年中"  # "3月初,…研究制定了…": a time
    r"|^\d{4}年)$"  # "2021年,祝某等28名同志…": a year alone is a lead
)
_ASCII_PUNCT = str.maketrans({",": "，", ";": "；", ":": "：", "?": "？", "!": "！"})
# Full-width digits and letters as a prompt shows them (“２０２１年” is 2021年); one for one.
HALF_WIDTH = str.maketrans({chr(code): chr(code - 0xFEE0) for code in range(0xFF10, 0xFF5B)
                            if chr(code - 0xFEE0).isalnum()})  # fmt: skip


@dataclass(frozen=True, slots=True)
class Stem:
    text: str  # what the prompt shows (the article's words, maybe with a subject in front)
    offset: int  # where the article text of the stem starts inside `text`
    start: int  # the stem's span in the article: its quote
    end: int
    subjectless: bool = False  # no one named who acts, and none could be put in front
    borrowed: bool = False  # the article's subject put in front where the sentence before names
    # another ("他再次出发…。净走434天,穿联22个省市…": he walked, not the 街道)
    grafted: bool = False  # the article's subject put before words naming a thing of their own
    lead: int = 0  # how much of `text` is a lead of time before who acts ("截至报道时，")

    def local(self, position: int) -> int:
        """Index in `text` of an article offset inside the stem."""
        return self.offset + position - self.start


# How words a place pattern matches start when they name no place: 在全市, 我市, 全区, 本县.
_NOT_A_NAME = re.compile(r"^[在我全本该各从到于]")
# A body's name after its place, as long as a title may spell it ("委党史和地方志研究室").
_LONG_BODY = _BODY.replace("{0,8}", "{0,10}")


def subject_of(article: AuthorArticle) -> str:
    """Who the article reports on: the place or body at the start of its title, else the first
    one its body names ("江岸理工大学", "青山湖区", "武汉市"), else a village its own page names
    again and again, else the title's short name before its verb."""
    title, head = _title_head(article)
    from_title = _subject_of_title(article, head)
    if from_title is not None:
        return from_title
    titled = _title_name(head, article.text)  # "大余推动…": 大余, the county of 大余县池江镇
    told = _told(article, title)
    return (
        _subject_of_opening(article, told, titled)
        or _village_page(article, told)
        or titled
        or _our_place(article.text)
    )


def _title_head(article: AuthorArticle) -> tuple[str, str]:
    """The title past what opens it and names no one (a bracket, a year, 中共, a time, a date, a
    slogan before a dash), and its head: the words before a quotation mark or a space."""
    title = re.sub(r"^【[^】]*】", "", article.title)
    title = re.sub(r"^\d{4}年(?:度)?|^中共", "", re.sub(r"^\d{4}年(?:度)?", "", title))
    title = _TITLE_TIME.sub("", title)  # "连日来,紫阳县界岭镇将…": 紫阳县界岭镇
    title = re.sub(r"^\d{1,2}月\d{1,2}日[,，]?", "", title)  # "(2021年)6月15日地理科学学部…"
    parts = [re.sub(r"^(?:专访|走访|探访|访)", "", part.strip()) for part in title.split("——")]
    # "忆党史,铭党恩——九龙湖镇田顾村…"; "…——访杞县县委书记韩某": 杞县
    title = next((part for part in parts if re.match(_PLACE, part)), parts[-1])
    head = re.split(r"[“《\s]", title)[0]
    head = re.sub(r"^[^在]{2,10}在(?=[省市区县])", "", head)  # "讲党史学党史在省国资委…": 省国资委
    return title, head


def _subject_of_title(article: AuthorArticle, head: str) -> str | None:
    """The subject the title's head names ("" where it names a bare body of no known place), or
    None where it names none and the body must tell."""
    match = re.match(
        rf"{_PLACE}(?:(?:(?!在)[\u4e00-\u9fff]){{1,4}}?(?:区|县|镇|街道))?{_VILLAGE}?", head
    )
    ours = re.match(r"(?:我|本)(院|校|局)([\u4e00-\u9fff]{0,8}?(?:党委|党总支|党支部))?", head)
    if ours:  # "我院第八党支部走进…" on 泰州市中医院's page: 泰州市中医院第八党支部
        kind = {"院": "医院", "校": "大学|学院|学校|中学|小学", "局": "局"}[ours.group(1)]
        owner = re.search(  # a place, then the unit: 泰州市中医院, not 开新局 or 格局
            rf"(?<![我本该\u4e00-\u9fff])[\u4e00-\u9fff]{{1,6}}?(?:省|市|区|县)[\u4e00-\u9fff]{{0,6}}?(?:{kind})",
            article.text,
        )
        if owner and not _NOT_A_NAME.match(owner.group()):
            return owner.group().removeprefix("中共") + (ours.group(2) or "")
    bare = re.match(r"[省市县][\u4e00-\u9fff]{1,6}?(?:委|厅|局|办)", head) or re.match(
        r"[市县][\u4e00-\u9fff]{1,8}?(?:中心|馆|院|站|所)", head
    )
    if bare:
        named = bare.group()
        if named[:1] == "省":
            province = _province_of(article.text)
        else:  # "市机关事务服务中心" in a report naming one city, 老河口市: 老河口市机关…
            province = one_place(article.text, named[:1])[:-1]
            if province and province + "市" == _another_city(article.text):
                province = ""  # "安庆市委和市委": the report's 市 is not 安庆市
        return province + named if province else ""  # "省国资委" of which province? or none
    compound = match is not None and head[match.end() : match.end() + 1] in {"村", "场", "域", "城"}
    if (
        match
        and not _NOT_A_NAME.match(match.group())
        and "个" not in match.group()
        and not compound
    ):
        # not "路灯点亮乡村夜生活": 乡 of 乡村, no place
        # not "平安第一个农村党支部纪念馆…": a count, no name
        # 大同市平城区, 南湖区税务局, 福州市委党史和地方志研究室 (of "2021年中共…研究室工作情况");
        # 秦皇岛市, not 秦皇岛市扎实开展党史学习教育
        # "…望京医院在丹凤县医院开展…": the body ends before where it acts
        where = head.find("在", match.end())
        named_part = head if where < 0 else head[:where]
        body = re.match(rf"{re.escape(match.group())}{_LONG_BODY}?(?!组)", named_part)
        named = body.group() if body else ""
        if re.match(_POST, named_part[len(named) :]):  # "杞县县委书记…": the county's
            named = match.group()
        if named and len(named) <= 14 and not VERB.search(named[len(match.group()) :]):
            return _with_county(_spelled_out(named, article.text), article.text)
        return _with_county(match.group(), article.text)
    return None


def _told(article: AuthorArticle, title: str) -> list[Span]:
    """The report's sentences past its page's furniture, datelines, its title and a resident's
    remark: where its first words name who it is about."""
    sentences = article.sentences()
    told = [
        s
        for s in sentences
        if not _DATELINE.search(s.text)
        and not _FURNITURE.search(_line_of(article.text, s.start))
        and (s.text != title or article.body_start == 0)  # a lead paragraph is the body
    ]
    return [s for s in told if not _REMARK.search(s.text)]  # a resident's words, then who says


def _subject_of_opening(article: AuthorArticle, told: list[Span], titled: str) -> str:
    """The place or body the report's first sentences name as who acts, or ""."""
    placed = False  # whether a sentence before named a place: a chain is read in the first
    another = _another_city(article.text)
    for index, sentence in enumerate(told[:3]):  # past a dateline (…8月5日电, 本报讯)
        # not “一核四区七高地”, not 村(社区)干部; past the first sentence, a place named once
        # is no subject of the article
        plain = re.sub(r"“[^”]*(?:”|$)|《[^》]*》|[(（][^)）]*[)）]", "", sentence.text)
        for found in re.finditer(
            rf"{_PLACE}(?:[\u4e00-\u9fff]{{1,3}}?(?:区|县|镇|街道)(?![\u4e00-\u9fff]{{0,2}}[区县镇]))?",
            plain,
        ):
            # "在福州市…": 福州市; "记者从莒县…获悉", "来到马路东街道…": where, not whose
            name = re.sub(
                r"^(?:(?:本报)?记者)?(?:来到|走进|前往|家住|住在|来自|专访|走访|访|[在从到于赴把由])",
                "",
                found.group(),
            )
            if name[:1] in "区县":  # "沙市区沙北实验学校": the place matched 沙市, then 区…
                city = re.search(r"[\u4e00-\u9fff]{1,3}市$", plain[: found.start()])
                name = city.group() + name if city else name
            name = re.sub(r"(县|区|市)\1$", r"\1", name)  # "柳县县委讲师团": 柳县, then 县委
            if (
                re.match(r"[个家名所座处多余]", name)
                or plain[found.start() - 1 : found.start()].isdigit()
            ):
                continue  # "123个城市", "20多名来自…": a count, no place's name
            if re.match(r"根据|按照|依据|遵照", name):
                continue  # "根据云霄县委部署,云霄县交通运输局…": who deployed it, not whose
            if re.search(r"[了的着在等到赴]", name) or re.match(
                r"[院校局](?:党|领导|班子)|[委和与及]", name
            ):
                continue  # "听了镇上的宣讲", "吴长峰到机关支部", "院党委委员…": no place's name
            if _NOT_A_NAME.match(name) and not (name == found.group() and name[0] == "从"):
                continue  # "在全市隆重庆祝…", "我市", "我县交通运输局": no place's name
            body = _PLACE_BODY.match(plain, found.end())
            if body and index == 0 and article.text.count(name + body.group()) >= 2:
                return name + body.group()  # "…,云霄县交通运输局以…" told again: the bureau
            chain = _chain(plain, plain.find(name, found.start()))
            if chain and not placed:  # "在湖南省芷江侗族自治县禾梨坳乡古冲村,": the village
                return chain
            if len(name) < 3 and re.fullmatch(r"从[^全我本该各][\u4e00-\u9fff]+", found.group()):
                name = found.group()  # 从化区, 从江县: a place whose name starts like 从…
            # 材料科学与工程学院: a body's name; 上海二十冶温州指挥部党支部: a unit's branch
            branch = re.search(r"(?:部|中心|局|队)(?:党支部|党总支|党委)$", name)
            longest = 14 if branch else 12 if _BODY_END.search(name) else 8
            short = len(name) == 2 and name[-1] in "县旗" and article.text.count(name) >= 2  # 莒县
            if VERB.search(name) or "位于" in name or not (3 <= len(name) <= longest or short):
                continue  # "村教育实训基地位于干公式镇" is a clause, not a name
            if name == another:
                continue  # "中央、省、安庆市委和市委…": 安庆市 is above the report's own 市
            county = re.match(rf"{re.escape(titled)}(?:县|区|旗)", name) if titled else None
            if county:  # 池江镇 of 大余县 is where a scene happened; the title's 大余 is who
                # (a city's title over a county's news, 沧州… of 沧州市沧县, is the county's)
                return _with_county(county.group(), article.text)
            if index == 0 or article.text.count(name) >= 2 or _tail_repeated(name, article):
                return _with_county(name, article.text)
        placed = placed or re.search(_PLACE, plain) is not None
    return ""


def _village_page(article: AuthorArticle, told: list[Span]) -> str:
    """A village the first sentence names bare and the page names three times or more ("4月26日,
    长盛村村内…。长盛村两委…"): a village's own page; else ""."""
    villages = (
        m.group() for s in told[:1] for m in _LINK.finditer(s.text) if m.group()[-1] == "村"
    )
    return next(
        (v for v in villages
         if len(v) >= 3 and v[0] not in _NOT_VILLAGE and article.text.count(v) >= 3
         and not VERB.search(v)),
        "",
    )  # fmt: skip


# A web page's furniture around the report: who runs the site, where the page sits, the byline.
_FURNITURE = re.compile(
    r"主办$|承办$|(?:^|\s)来源[:：]|作者[:：]?\s|作者[:：]|编辑[:：]|当前位置|^分享[:：]?$|(?:发布|加入|更新)(?:时间|日期)|浏览量|"
    r">>|»|›|^\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$|正文内容|语音阅读|刊发日期"
    r"|^原标题[:：]|^[\u4e00-\u9fff]{2,4}$|^——"  # a bare author's name, a subtitle's line
)
# Words no unit is called by: a title opening "党史学习教育走深走实" names no one.
_NOT_A_UNIT = re.compile(r"党史|学习|教育|工作|活动|群众|实事|宣讲|百年|红色|我们|大家")


def _line_of(text: str, position: int) -> str:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return text[start : end if end >= 0 else len(text)].strip()


def _title_name(head: str, text: str) -> str:
    """The name a title opens with before its verb ("马钢深入推进…", "汉中职院召开…") when the
    text names it again, in full where the text spells it out (汉中职业技术学院); else ""."""
    verb = VERB.search(head) or re.search(r"召开|开讲|走进|走深|推进|深化|掀起", head)
    if verb is None or not 2 <= verb.start() <= 6:
        return ""
    name = head[: verb.start()]
    if _NOT_A_NAME.match(name) or _NOT_A_UNIT.search(name) or text.count(name) < 2:
        return ""
    return _spelled_out(name, text)


def _spelled_out(name: str, text: str) -> str:
    """A short name of a body as the text spells it out (汉中职院: 汉中职业技术学院 holds 汉, 中,
    职, 院 in order; 赤壁中医医院: 赤壁市中医医院; 围场: 围场满族蒙古族自治县), or the name itself.
    A name ending in a place's unit (承德市) is whole: a county named after it is not it."""
    if re.search(r"(?:省|市|区|县|旗|镇|乡|街道|社区|村)$", name):
        return name
    for found in re.finditer(
        rf"{re.escape(name[:2])}[\u4e00-\u9fff]{{1,10}}?(?:大学|学院|学校|医院|公司|集团|自治县|县|旗)",
        text,
    ):  # 围场: 围场满族蒙古族自治县
        full = iter(found.group())
        if VERB.search(found.group()) or re.search(r"[了的由在和与及]", found.group()):
            continue  # "柳河县成立了由县…": a clause, not a name
        if len(found.group()) > len(name) and all(char in full for char in name):
            return found.group()
    return name


def _with_county(name: str, text: str) -> str:
    """A place subject as the text names it with the places above it: 北街社区 told once as
    城关镇北街社区, 河北区 as 天津市河北区; past a province's one-character name the title
    gives it (皖黟县西递镇, told as 安徽黄山市黟县西递镇)."""
    if not re.search(r"(?:市|区|县|旗|镇|乡|街道|社区|村)$", name):
        return name
    if name[:1] in _PROVINCE_SHORT and (bare := fullest_place(name[1:], text)) != name[1:]:
        return bare
    if name[:2] + "市" in text and (bare := fullest_place(name[2:], text)) != name[2:]:
        return bare  # "无锡溪南社区", told as 无锡市惠山区钱桥街道溪南社区
    full = fullest_place(name, text)
    return full if full != name else _with_town_county(name, text)


_PROVINCE_SHORT = "皖鲁豫苏浙赣湘鄂川黔滇陕甘晋冀辽吉闽粤桂琼渝京津沪蒙宁青新藏黑"


def _with_town_county(name: str, text: str) -> str:
    """A town the title names bare ("宋店镇…") as the text names it in full, after the one county,
    district or city it lies in ("…,霍邱县宋店镇聚焦…"): read alone, which 宋店镇?"""
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,6}?(?:镇|乡|街道)", name) or re.search(
        r"[省市区县旗]", name
    ):
        return name
    found = {
        m.group(1)
        for m in re.finditer(
            rf"(?:^|(?<=[，,。；;：:\s])|(?<=[，,。；;：:\s]在)|(?<=^在))"
            rf"([\u4e00-\u9fff]{{1,4}}?(?:县|区|市|旗)){re.escape(name)}",
            text,
            re.M,
        )
    }
    found = {f for f in found if not re.match(r"[全我本该各在]", f)}
    return found.pop() + name if len(found) == 1 else name


def _tail_repeated(name: str, article: AuthorArticle) -> bool:
    """Whether the article names a place in full once and its last part again and again
    ("…乌审旗图克镇党委…" once, then "图克镇党委…" again): the article is about it."""
    for size in (2, 3):  # 图克镇, not 旗图克镇
        tail = re.search(rf"[\u4e00-\u9fff]{{{size}}}(?:区|县|镇|乡|街道)$", name)
        if tail and tail.group() != name and article.text.count(tail.group()) >= 2:
            return True
    return False


# What a body's name ends with: its name runs longer than a place's.
_BODY_END = re.compile(r"(大学|学院|学校|医院|公司|集团|银行)$")


# A quoted remark opening a report, then who said it ("“…保障。”…张两勤激动的说。"): a
# resident's words name no subject of the report.
_REMARK = re.compile(r"(?:说|感慨道?)[。！]?$")
# One place of a chain of places named in a row ("陕西省" "安康市" "镇坪县"; "茶会社区").
_LINK = re.compile(
    r"(?![各全该我本和与及])(?:(?![的了在等])[\u4e00-\u9fff]){1,7}?"
    r"(?:自治县|自治州|自治区|省|市|区|县|旗|乡|镇|街道|社区|村)(?![委民级务干省市区县])"
)


def _chain(text: str, start: int) -> str:
    """The places named in a row from `start`, down to the deepest, when they run to a village
    or a community, or three levels or more ("在湖南省芷江侗族自治县禾梨坳乡古冲村,": 芷江侗族自治县
    禾梨坳乡古冲村; "陕西省安康市镇坪县紧扣…": 陕西省安康市镇坪县); "" for fewer: the first
    sentence's scene (大余县池江镇机关的…) is no report's subject."""
    if start < 0:
        return ""
    links: list[str] = []
    at = start
    while (link := _LINK.match(text, at)) and not VERB.search(link.group()):
        links.append(link.group())
        at = link.end()
    village = bool(links) and links[-1].endswith(("村", "社区"))
    if village and links[-1][0] in _NOT_VILLAGE:
        return ""  # "…镇驻村工作队": no village
    if len(links) < (2 if village else 3):
        return ""
    places = links[-4:]
    if len(places) == 4 or (village and places[0].endswith("省")):
        places = places[1:]  # 湖南省 past the county of a village: three above at most
    return "".join(places)


# A body after a place a report's first sentence names, and names again: the report's.
_PLACE_BODY = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:局|委员会|中心|医院|学校|中学|小学|公司|集团)")
# A post after a body a title names: an interview with a person, about the place's work.
_POST = re.compile(r"(?:副)?(?:书记|部长|局长|主任|县长|区长|市长|镇长|乡长)")
# What a village's name never starts with: 各村, 全村, 驻村, 进村入户, 到村.
_NOT_VILLAGE = "各全每该本我驻进到入在"
# A village after a place a title names: "九龙湖镇田顾村“樟树下的声音”" (not 各村, 村委).
_VILLAGE = rf"(?:(?![{_NOT_VILLAGE}])[^\W\d_的了和与及组织在]{{1,4}}?村(?![委民级务干]))"
# A report naming its city's committee beside a bare one ("中央、省、安庆市委和市委"): its own
# 市 is a county-level city under the one named, so the named city is not its own.
_ANOTHER_CITY = re.compile(r"([\u4e00-\u9fff]{2,4})市委[和、及与]市委")


def _another_city(text: str) -> str:
    """The city a report names beside its own bare 市委 ("安庆市委和市委": 安庆市), or ""."""
    found = _ANOTHER_CITY.search(text)
    return found.group(1) + "市" if found else ""


# A time the title opens with before who acts: "连日来,", "去年以来,", "近日，".
_TITLE_TIME = re.compile(r"^(?:连日来|近日|日前|近期|[\u4e00-\u9fff]{2,6}以来)[,，]")

# "我市…在忻州大地全面铺开": a report naming its place only as 我市 names it by its land.
_OUR = re.compile(r"我(市|县|区)")
_LAND = re.compile(r"(?<![这那此该我全])([\u4e00-\u9fff]{2})大地")


def _our_place(text: str) -> str:
    """The place a report calls 我市/我县/我区 when it names one land (忻州大地) twice: 忻州市;
    "" otherwise."""
    ours = {m.group(1) for m in _OUR.finditer(text)}
    lands = {m.group(1) for m in _LAND.finditer(text)}
    if len(ours) != 1 or len(lands) != 1:
        return ""
    land = lands.pop()
    if _REGION.fullmatch(land) or VERB.search(land) or text.count(land) < 2:
        return ""  # 中华大地, 齐鲁大地: a country or a region, not the report's place
    return land + ours.pop()


_REGION = re.compile(
    r"中华|神州|华夏|祖国|中国|齐鲁|三秦|燕赵|荆楚|巴蜀|八闽|江南|江淮|岭南|中原|塞北|三晋|"
    r"湖湘|赣鄱|陇原|黔贵|天府|红色|广袤|希望|乡村|农村|北国|南国"
)


_PROVINCES = (
    "河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|"
    "云南|陕西|甘肃|青海"
)


def _province_of(text: str) -> str:
    """The province a report on a bare 省… body ("省国资委") names most often in its bodies
    ("陕西医药控股集团"), or "" when it names none."""
    counts: dict[str, int] = {}
    for found in re.finditer(_PROVINCES, text):
        counts[found.group()] = counts.get(found.group(), 0) + 1
    return max(counts, key=lambda name: counts[name]) if counts else ""


def display(text: str) -> str:
    """Article text as a prompt shows it: full-width punctuation between Chinese words,
    half-width digits. Character for character, so offsets into it stay those of the article."""
    return re.sub(
        r"(?<=\D)[,;:?!]|[,;:?!](?=\D)",
        lambda m: m.group().translate(_ASCII_PUNCT),
        text.translate(HALF_WIDTH),
    )


def tidy(text: str) -> str:
    """A finished prompt or option: the line breaks a web page left inside a sentence gone."""
    return re.sub(r"\s*\n\s*", "", text).strip()


def sentence_subject(clauses: list[Span]) -> str:
    """The words before the first verb of a sentence ("全区组建…" -> "全区"), past a clause of
    time ("今年以来"); "" when the sentence opens with a verb. Who went led by someone
    ("…(…)内科党总支第一党支部在支部书记…的带领下,走进…"), past the purposes the sentence
    opens with (为庆祝…,), is who acts in the clauses after."""
    for clause in reversed(clauses):
        led = _led_by(clause.text)
        if led and _ACTOR.search(led.group(1)):
            return led.group(1)
    for clause in clauses:
        if TIME.search(clause.text) or _NOW.match(clause.text):
            continue  # "截至目前,“党史夜校”已开办五期": no one named yet
        text = _LEADING_TIME.sub("", clause.text)  # "今年以来共开展…": no subject either
        text = _LEADING_ORDINAL.sub("", text)  # "一是坚持…": no subject
        verb = VERB.search(text)
        modal = re.match(
            r"([^以在对为把将]{2,10}?)(将|要|已经|已|正在|还|也|始终|一直|以|把)", text
        )
        if _SETTING.match(text):
            continue  # "在区委区政府的领导下,街道认真贯彻…": the subject follows
        if _NO_SUBJECT.match(text) and not _FOUNDS.match(text):
            return ""  # "以社区党群服务中心为轴心,…": no one named
        if verb is None and modal:
            return modal.group(1)  # "宣讲组将集中备课", "街道党工委始终以…": 宣讲组, 街道党工委
        if (verb is None and 2 <= len(text) <= 12 and not _CONNECTIVE.match(text)
                and not re.search(r"[\d０-９]", text) and not _DOING.match(text)):  # fmt: skip
            return text  # "党史学习教育宣讲,既是…,也要…": the topic the clauses go on about
        if verb is None and _CONNECTIVE.match(text):
            continue  # "因此,北京经开区组建了…": the subject follows
        founded = _FOUNDS.match(text, verb.start()) if verb else None
        if founded:  # "(全区)组建“红色税宣”志愿服务队15支,走进社区…": the team goes
            body = re.sub(r"^\d+个|\d+(?:支|个)$", "", text[founded.end() :])  # 15支: the teams
            body = _COUNTED.sub("", body)  # "一支近70人的志愿宣讲队伍": the team
            if 2 <= len(body) <= 16 and _ACTOR.search(body) and not re.search(r"\d", body):
                return body  # what the sentence's first clause set up acts in the next ones
        if _NO_SUBJECT.match(text):
            return ""
        head = text[: verb.start()] if verb else ""
        head = re.sub(r"(共|已|均|都|还|又|也|累计|先后|分别|带头|把|将)+$", "", head)
        head = _EVERY.sub("", head)  # "办公室每周召开例会…;发布文件…": 每周 is the meetings
        manner = _BODY_BEFORE_MANNER.match(head)
        if manner:  # "人社局以全县贫困家庭…为主体举办…": 人社局, not 人社局以全县
            return manner.group(1)
        place = re.match(_PLACE, head)
        if place and re.fullmatch(rf"{re.escape(place.group())}{_BODY}", head):
            return head  # "石嘴山市政协研究制定了…": the body, not its city
        if place and not _ACTOR.search(head) and not _PREPOSITION.search(place.group()):
            return place.group()  # "上庄镇采用互动创新模式": 上庄镇
        return head if 2 <= len(head) <= 14 and "“" not in head else ""
    return ""


# Who acts, then who led them: "X在支部书记苑某的带领下".
_LED_BY = re.compile(r"([\u4e00-\u9fff]{2,30}?)在[^，,]{2,24}?(?:带领|领导|组织|指导|陪同)下")


def _led_by(clause: str) -> re.Match[str] | None:
    """A clause that is only who acts and who led them, past an aside in brackets
    ("…省立医院(山东省立医院)内科党总支第一党支部在支部书记…的带领下")."""
    return _LED_BY.fullmatch(re.sub(r"[(（][^)）]{1,16}[)）]", "", clause))


# How often the first deed of a sentence was done, not who did it, nor the deeds after it.
_EVERY = re.compile(r"(每周|每月|每季度|每年|每天|每日|定期)$")
# A body named before how it acts ("人社局以…为主体举办…", "团县委通过…开展…"): the body acts.
_BODY_BEFORE_MANNER = re.compile(rf"^({_BODY})(?:以|通过|围绕|按照|结合|依托|聚焦|针对|在)")
# A word no place's name holds: "人社局以全县" is a body and how it acts, not a place.
_PREPOSITION = re.compile(r"[以在对为把将通与向]")


def stem_for(article: AuthorArticle, subject: str, clause: Span) -> Stem:
    """The stem that ends with `clause`."""
    sentence = article.sentence_at(clause.start) or clause
    # "北戴河区…;卢龙县启动…;山海关区…": each part after a semicolon names its own subject
    semicolon = max(article.text.rfind(";", sentence.start, clause.start),
                    article.text.rfind("；", sentence.start, clause.start))  # fmt: skip
    begin = max(sentence.start, semicolon + 1)
    if semicolon >= 0 and _NO_SUBJECT.match(article.text[begin : clause.end]):
        begin = sentence.start  # "办公室召开例会…;发布文件通知31份": the 办公室 issued them
    clauses = [c for c in article.clauses() if begin <= c.start and c.end <= clause.end]
    if not clauses or clauses[-1].start != clause.start:
        clauses.append(clause)
    index = len(clauses) - 1
    while index > 0 and (
        _DEPENDENT.match(clauses[index].text)
        or _gapped(clauses[index].text, clauses[index - 1].text)
    ):
        index -= 1
    while index < len(clauses) - 1 and _is_when(clauses[index].text):
        index += 1  # "目前,已有…": the time is the stem's lead, not its body
    index = _governing(clauses, index)
    if (
        index > 0
        and _SAYS.search(clauses[index - 1].text)
        and not _is_when(clauses[index - 1].text)
    ):
        index -= 1  # "…副书记陈华文表示,长宁要…": what is said, with who says it
    # "…;针对…问题,组织…": the need is read in the stem's own part of the sentence
    lead = _purpose_lead([c for c in clauses[:index] if c.start > semicolon]) or _lead(
        clauses[:index]
    )
    if not lead and semicolon > sentence.start:
        lead = _total_lead(article, sentence, semicolon)
    if not lead:  # "4月以来,天长市发挥…作用,组织…462场": since April, as the whole sentence
        lead = _opening_times(clauses[:index]) or _time_before(clauses[:index])
    start = clauses[index].start
    time = _LEADING_TIME.match(article.text[start : clause.end])
    if (time and not lead and time.group().endswith(("以来", "全年"))
            and not _POINTS_BACK.match(time.group())):  # fmt: skip
        lead = time.group() + "，"  # "今年以来共开展…": 今年以来，江城区共开展…
    start += time.end() if time else 0
    now = _INLINE_NOW.match(article.text[start : clause.end])
    if now and not lead:  # "目前已办结969条": 截至报道时，…已办结969条
        lead, start = NOW_LEAD, start + now.end()
    ordinal = _STEM_ORDINAL.match(article.text[start : clause.end])
    start += ordinal.end() if ordinal else 0  # "一是与…联合开展…": the subject, not 一是, leads
    speech = _OPENING_QUOTE.match(article.text[start : clause.end])
    start += speech.end() if speech else 0  # "“专家多次指导我们……”湟中区发动…": 湟中区发动…
    body = article.text[start : clause.end]
    stem = _subject_stem(article, subject, clauses, index, sentence, start, clause.end, body)
    party = re.fullmatch(r"(.+(?:公司|集团))党委", stem.text[: stem.offset])
    if party and _TAKINGS.search(body):  # "…公司党委实现经营收入…": the company earns it
        named = party.group(1)
        stem = Stem(display(named) + stem.text[stem.offset :], len(named), stem.start, stem.end,
                    stem.subjectless, stem.borrowed, stem.grafted)  # fmt: skip
    if not lead:
        return stem
    return Stem(display(lead) + stem.text, len(lead) + stem.offset, stem.start, stem.end,
                stem.subjectless, stem.borrowed, stem.grafted, len(lead))  # fmt: skip


# What a company, not its party committee, earns.
_TAKINGS = re.compile(r"(经营收入|营业收入|营收|利润|产值|利税|销售额|销售收入)")


# A clause that only says when: dropped from the stem's body, kept (or said plainly) before it.
_NOW = re.compile(r"^(目前|当前|截至目前|截止目前|截至当前|截止到目前|截至今日|截至日前|至今)$")
_INLINE_NOW = re.compile(r"^(?:目前|当前|截至目前|截止目前|至今)(?=[已共累还正均都])")
NOW_LEAD = "截至报道时，"  # "目前,已有…" read alone: as of when?
_OPENING_QUOTE = re.compile(r"“[^“”]{6,}?[，,。！？!?…][^“”]*”(?=[\u4e00-\u9fff])")
_POINTS_BACK = re.compile(r"^(活动|工作|该|此|这|其|上述)")
_STEM_ORDINAL = re.compile(r"^[一二三四五六七八九十]是(?=[\u4e00-\u9fff“《])")
# A clause naming the part of a report a figure belongs to: "在巩固…成果方面,办结完成实事72件"
# counts that part's deeds, not the district's; the stem keeps it before who acts.
_ASPECT = re.compile(r"^在[^，,；;]{2,20}方面$")
# A clause naming who speaks: the clause after it is their words, told with them.
_SAYS = re.compile(r"[\u4e00-\u9fff]{2,}(表示|指出|强调|介绍|说)$")
_MAX_LEAD = 20  # a longer clause of time is a scene of its own, not a lead


def _is_when(text: str) -> bool:
    return bool(_NOW.match(text) or TIME.search(text))


# A clause that is a time and nothing else: not "……12月28日" (the end of another thought).
_TIME_ONLY = re.compile(
    r"(?=.)(?:\d{4}年)?(?:\d{1,2}月份?)?(?:\d{1,2}(?:[~～至到-]\d{1,2})?日)?"
    r"(?:[上下]午|晚上?|初|中|底|[上中下]旬)?"
    r"(?:[至到]\d{1,2}月(?:\d{1,2}日)?)?(?:以来)?"
    r"|今年(?:以来)?|去年(?:以来)?|近年来|过去一年|一年来|[\u4e00-\u9fff]{2,10}以来"
)


def _opening_times(before: list[Span]) -> str:
    """The clauses of time a sentence opens with, before its subject and the stem's clause, as a
    lead ("4月以来，"): the time is the whole sentence's, so every stem of it keeps it. A
    dateline glued on ("滨州网讯(记者…报道)今年以来") is no part of it."""
    times: list[str] = []
    for number, clause in enumerate(before):
        text = _DATELINE_HEAD.sub("", clause.text) if number == 0 else clause.text
        if not _TIME_ONLY.fullmatch(text):
            break
        times.append(text)
    words = "，".join(times)
    if not times or len(times) == len(before) or len(words) > _MAX_LEAD:
        return ""
    return "" if _POINTS_BACK.match(words) else words + "，"


def _time_before(before: list[Span]) -> str:
    """The time told just before who acts, after the purposes a sentence opens with ("为庆祝…,
    6月13~14日,…第一党支部在…带领下,走进…": 6月13~14日，); "" when none."""
    for index in range(len(before) - 1, -1, -1):
        text = before[index].text
        if _TIME_ONLY.fullmatch(text) and len(text) <= _MAX_LEAD:
            return "" if _POINTS_BACK.match(text) else text + "，"
        if not _led_by(text):
            return ""
    return ""


# A news agency's dateline before the first words: "滨州日报/滨州网讯(记者郭刚报道)".
_DATELINE_HEAD = re.compile(r"^[^，,。]{2,24}?(?:讯|电)\s*(?:[(（][^)）]{0,30}[)）])?\s*")


def _undated(clause: str) -> str:
    """A time clause past the dateline glued before it ("本报讯 (特约记者 袁荣德)3月15日":
    3月15日); other clauses as they are."""
    time = _DATELINE_HEAD.sub("", clause)
    return time if time != clause and _TIME_ONLY.fullmatch(time) else clause


def _lead(before: list[Span]) -> str:
    """The clauses of time that open a stem's sentence, as the stem's lead ("截至目前,…": 截至
    报道时，; "今年以来,…": 今年以来，); "" when other words come first or they run long."""
    texts = [_undated(c.text) if number == 0 else c.text for number, c in enumerate(before)]
    if not texts or not all(_is_when(text) or _ASPECT.match(text) for text in texts):
        return ""
    if any(_ASPECT.match(text) for text in texts):
        words = "，".join(texts)
        return words + "，" if len(words) <= 2 * _MAX_LEAD else ""
    if any(_NOW.match(text) for text in texts):
        return NOW_LEAD
    words = "，".join(texts)
    if _POINTS_BACK.match(words):
        return ""  # "活动开展以来": which 活动, read alone?
    return words + "，" if len(words) <= _MAX_LEAD else ""


# A clause naming the need a deed answers: "针对农业抗旱用水问题,(提前谋划,)清淤…130余公里" is
# what the 130 km were for; read without it, the figure means little.
_PURPOSE = re.compile(r"^针对[^，,；;“”]{2,16}(问题|难题|困难|需求|建设|短板)$")
# Words of a clause between the need and the deed that name who acts: then it is no lead.
_NAMES_ACTOR = re.compile(r"(省|市|区|县|镇|乡|街道|社区|村|党委|支部|局|院|校|公司|集团)")


def _total_lead(article: AuthorArticle, sentence: Span, semicolon: int) -> str:
    """The 截至… a sentence opens with, for a part of it after a semicolon ("截至11月上旬,…;所有
    党员共认领…25945条"): a running total read alone needs its date; "" when none."""
    first = next((c for c in article.clauses() if c.start == sentence.start), None)
    if (
        first is None
        or first.end > semicolon
        or not re.fullmatch(r"截至[^，,；;]{2,12}", first.text)
    ):
        return ""
    return (
        first.text + "，"
        if re.search(r"\d+(年|月|日)|上旬|中旬|下旬|月底|年底", first.text)
        else ""
    )


def _purpose_lead(before: list[Span]) -> str:
    """The need a stem's deed answers, with any time before it, as the stem's lead ("针对…问题,
    提前谋划,清淤…": 针对…问题，); the short clauses of how between are left out; "" when none."""
    kept = [c.text for c in before if _is_when(c.text) or _PURPOSE.match(c.text)]
    if not any(_PURPOSE.match(k) for k in kept):
        return ""
    between = [c.text for c in before if c.text not in kept]
    if any(len(b) > 10 or _NAMES_ACTOR.search(b) for b in between):
        return ""
    words = "，".join(kept)
    return words + "，" if len(words) <= 2 * _MAX_LEAD else ""


_MANNER = re.compile(
    r"^(以|通过|依托|按照|围绕|针对|借助|利用|结合|在|对|为|把|将|与|向|从|由|紧扣|聚焦|立足|面向|坚持)"
)
_MAX_GOVERNING = 30  # clauses before a stem this long at most are kept as what it belongs to


def _governing(clauses: list[Span], index: int) -> int:
    """Where a stem opening with a verb starts when the clauses before it in its sentence name no
    one and only say what it belongs to ("制定…实施方案,明确17项重点任务…": the 17 tasks are
    the plan's): from the first of them, when they are short."""
    if index == 0 or not _NO_SUBJECT.match(clauses[index].text):
        return index
    first = index
    while first > 0 and not _is_when(clauses[first - 1].text):
        first -= 1
    governing = clauses[first:index]
    if not governing or sum(len(c.text) for c in governing) > _MAX_GOVERNING:
        return index
    if any(has_subject(c.text, first=True) or re.search(r"[\d“《]", c.text) for c in governing):
        return index  # it names who acts (the subject logic takes it), or a fact of its own
    if not all(VERB.match(c.text) and not _MANNER.match(c.text) for c in governing):
        return index  # "以…为轴心,打造…": a manner, not what the stem belongs to
    return first


def _subject_stem(
    article: AuthorArticle,
    subject: str,
    clauses: list[Span],
    index: int,
    sentence: Span,
    start: int,
    end: int,
    body: str,
) -> Stem:
    """The stem from `start` to `end` (`body`), with who acts put in front when it does not say."""
    office = _office_of(article.text, subject)
    if office and body.startswith("办公室"):  # "办公室每周召开例会…" after "…领导小组,下设办公室"
        return Stem(display(office + body[3:]), len(office), start + 3, end)
    name, used = in_full(body, subject)
    if name:  # "县委成立…", "局党委…", "全校…", "马克思主义学院…": whose, read alone?
        return Stem(display(name + body[used:]), len(name), start + used, end)
    this = re.match(
        r"[该全我本](省|区|县|市|镇|乡|街道|社区|村|校|局|室|院|行)(?![委直属内外为])", body
    )
    if this and subject.endswith(this.group(1)):  # "该区围绕…", "全镇各村…": 渭城区围绕…
        return Stem(display(subject + body[this.end() :]), len(subject), start + this.end(), end)
    above = _above(this.group(1), subject) if this else ""
    if this and above:  # "全市已成立…" in 沧州市沧县's report: 沧州市, the city above the county
        return Stem(display(above + body[this.end() :]), len(above), start + this.end(), end)
    whole = re.match(r"[该全我本](镇|乡|街道|社区|村)(?![委直属内外])", body)
    if whole and not subject.endswith(whole.group(1)):  # "全乡以8个村…" in a county's report
        named = _named_before(article, start, whole.group(1))
        if not named:  # which 乡? read alone, the county's name would say a wrong one
            return Stem(display(body), 0, start, end, subjectless=True)
        if re.search(r"(省|市|区|县)$", subject):
            named = subject + named  # 同弓乡 of 浙江常山县: 浙江常山县同弓乡
        return Stem(display(named + body[whole.end() :]), len(named), start + whole.end(), end)
    unit_body = re.match(r"(院|校)(?=领导|党委|班子|党总支|长)", body)
    if unit_body and re.search(r"(医院|学院|大学|学校)$", subject):  # "院领导班子…" of a 医院
        return Stem(display(subject + body[1:]), len(subject), start + 1, end)
    unit = re.search(r"(区|县|市)$", subject)
    if (
        unit
        and len(subject) >= 3
        and body.startswith(subject[-3:-1])
        and re.match(rf"{re.escape(subject[-3:-1])}(要|将|已|还|也|始终|坚持)", body)
    ):  # "长宁要结合…" in 长宁区's report: 长宁区要结合…
        return Stem(display(subject + body[2:]), len(subject), start + 2, end)
    own = re.match(r"(省|区|县|市|镇|乡)(委|政府|人大|政协)", body)
    if own and subject.endswith(own.group(1)):  # "区委确定…" in 广安区's report: 广安区委确定…
        named = subject[:-1]
        return Stem(display(named + body), len(named), start, end)
    if own and own.group(1) in "市县" and (place := one_place(article.text, own.group(1))):
        named = place[:-1]  # "市委宣讲团成员…" in 老河口市's office's report: 老河口市委…
        return Stem(display(named + body), len(named), start, end)
    tail = _subject_tail(subject, body)
    unit = re.search(_UNIT_WORD, subject)
    if not tail and unit and body.startswith(unit.group()) and len(subject) > len(unit.group()):
        tail = unit.group()  # "街道还组织…" in 财源街道's report, "学院党委…" in a 学院's
    if tail:  # "社区党委开展…" in 望湖社区党委's report, "城东区各单位…" in 西宁市城东区's
        left_out = subject[: -len(tail)]  # only what the article left out goes in front
        also = re.match(r"(还|也|又)(?=[\u4e00-\u9fff])", body[len(tail) :])
        if also and _NO_SUBJECT.match(
            body[len(tail) + 1 :]
        ):  # also "省国资委还从…选调"  # "街道还组织观看了…": 财源街道组织观看了…
            skip = len(tail) + 1
            return Stem(display(subject + body[skip:]), len(subject), start + skip, end)
        return Stem(display(left_out + body), len(left_out), start, end)
    short = _abbreviation(body, subject)
    if short:  # "陕职院有4辆校车…" in 陕西职业技术学院's report: the name in full
        return Stem(display(subject + body[short:]), len(subject), start + short, end)
    prefix = ""
    missing = borrowed = grafted = False
    if subject and _PEOPLE_COUNTED.match(body):  # "祝某等28名同志被评为…": the company's
        owner = re.sub(r"(党委|党总支|党支部|党工委)$", "", subject)
        return Stem(display(owner + body), len(owner), start, end)
    if subject and _WAY_ACTS.match(body):  # "“甲板课堂”确保渔民党员不漏学": the subject's way
        return Stem(display(subject + "以" + body), len(subject) + 1, start, end)
    if not has_subject(body, first=not any(not TIME.search(c.text) for c in clauses[:index])):
        stated = sentence_subject(clauses[:index]) if index else ""
        prefix = stated or subject
        missing = not prefix and bool(_NO_SUBJECT.match(body))  # "设置有…": surely no one
        invited = index > 0 and re.search(r"(邀请|特邀|邀)[^，,]*$", clauses[index - 1].text)
        borrowed = not stated and (
            bool(invited)
            or _person_before(article, sentence)
            or bool(_HONOURED.match(body))
            or bool(re.match(r"[他她](?!们)", sentence.text))  # "他阐述了…,结合…《觉醒年代》"
        )  # "(陈曦宣讲…,取得…第一名,)获评市“最佳宣讲员”": an honour goes to whom it names
        # "特邀左力莅临…,作《…》专题讲座": the one invited gives the talk
        # "VR展馆阅读量达…": the subject put before a thing's own name makes a new name
        grafted = bool(prefix) and (
            (not stated and bool(_THING_METRIC.match(body) or _works_opening(body)))
            or bool(_THING_COUNTED.match(body))
            or bool(_DONE_TO.search(body))
        )  # "情景舞蹈剧《参军》…相继上演": at which event? the subject names none
        # "上级部门简报累计60期采纳…": the clause's own subject is a thing; no one goes before it
        if prefix and body.startswith(prefix):
            prefix = ""
        whole = re.fullmatch(r"[该全我本](省|区|县|市|镇|乡|街道|校|局)", prefix)
        if whole and subject.endswith(whole.group(1)):
            prefix = subject  # "全局…,组织专题读书班3期": 南湖区税务局组织…
        elif whole and (above := _above(whole.group(1), subject)):
            prefix = above  # "全市…,预计…" of 沧州市沧县: 沧州市
        if len(prefix) >= 3 and subject.endswith(prefix) and _short_name(prefix):
            prefix = subject  # "社区党委通过…,开展…": 望湖社区党委开展…
        elif re.search(r"[区县市]$", subject) and stated in (subject[:-1], subject[:-1] + "要"):
            prefix = subject  # "长宁要…,组织…" in 长宁区's report: 长宁区组织…
        elif prefix == stated and subject and not prefix.startswith(subject):
            tail = _subject_tail(subject, prefix)  # 省国资委党委 in 陕西省国资委's report
            prefix = subject[: -len(tail)] + prefix if tail else prefix
        own = re.match(r"(区|县|市|镇|乡)(委|政府|人大|政协)", prefix)
        if own and subject.endswith(own.group(1)):
            prefix = subject[:-1] + prefix  # "区委坚持…,确定开展31项": 广安区委确定开展…
        if prefix == stated and _bare_body(stated) and re.search(r"[省市区县镇乡]$", subject):
            prefix = subject + stated  # "人社局…,开展培训1557人次" in 迭部县's report: 迭部县人社局
        if prefix == "办公室" and office:
            prefix = office  # "办公室每周召开例会…;发布文件通知31份": the group's office
        elif prefix == stated:
            name, used = in_full(stated, subject)
            prefix = name + stated[used:] if name else prefix  # "街道…,评出…": 东湖街道评出…
            if not name and _PEOPLE.match(stated):
                prefix = subject + stated  # "宣讲员走进…,采取…": 清河县宣讲员采取…
        if prefix == stated and subject and _WITHIN.search(stated) and subject not in stated:
            prefix = subject + stated  # "草原党校内开展…14次,开展党课5次": 图克镇草原党校内
        elif prefix == stated and _inside(stated, subject):
            prefix = subject + stated  # "排下村利用…,争取…万元" in a town's report: 某镇排下村
        founded = _founder(clauses[:index], stated, subject) if stated else ""
        prefix = founded or prefix  # "湟中区组建了一支…队伍,深入基层…": 湟中区组建的…队伍深入…
    elif _bare_body(_opening_body(body)) and re.search(r"[省市区县镇乡]$", subject):
        prefix = subject  # "人社局举办…" in 迭部县's report: 迭部县人社局举办…
    elif owner := _department_owner(subject, clauses[:index], body):
        prefix = owner  # "营销中心开展…" in 马钢's report: 马钢营销中心开展…
    elif _inside(body, subject):
        prefix = subject  # "全军、槐树湾等乡镇组织…" in 金寨县's report: 金寨县全军、…等乡镇
    elif subject and (_PEOPLE.match(body) or (
        body[:1] == "各" and re.search(r"(区|县|市|镇|乡|街道)$", subject)
        and not body.startswith(subject))):  # fmt: skip
        prefix = subject  # "党员干部人均学习时长达到46小时": 南湖区税务局党员干部…
    return Stem(display(prefix + body), len(prefix), start, end, missing, borrowed, grafted)


def _department_owner(subject: str, before: list[Span], body: str) -> str:
    """Whose department a stem opens with ("营销中心开展…" in 马钢's report; "政教处组织…" after
    "阳泉四中开展了…" in its sentence): the article's subject, or the sentence's; "" when it
    names no department or the subject is a department itself."""
    office = re.match(rf"[\u4e00-\u9fff]{{1,6}}处(?=(?:{_VERBS}))", body)  # 政教处, 宣传处
    opening = office.group() if office else _opening_body(body)
    if not _DEPARTMENT.search(opening) or _BODY_END.search(opening):
        return ""
    if subject:
        return "" if re.search(r"(局|委|厅|部|室|办)$", subject) else subject
    stated = sentence_subject(before) if before else ""
    named = bool(stated) and bool(
        _ACTOR.search(stated) or re.search(r"[一二三四五六七八九十]中$", stated)
    )
    return stated if named else ""


# A unit's own department, named with no one above it: 营销中心, 长材事业部, 党委工作部党支部.
_DEPARTMENT = re.compile(r"(中心|事业部|工作部|办公室|党支部|党总支|分公司|分厂|车间|科室|处)$")

_LEVELS = (
    ("省", "自治区"),
    ("市", "州"),
    ("区", "县"),
    ("镇", "乡", "街道", "乡镇"),
    ("社区", "村"),
)
_SMALL_PLACE = re.compile(r"^(?:仅|就)?[\u4e00-\u9fff、]{1,14}?(?:等)?(乡镇|社区|街道|村|镇|乡)")


# A way the article names, doing what the subject does with it: 以“甲板课堂”确保….
_WAY_ACTS = re.compile(r"“[^”]{2,12}”(?:确保|保障|助力|带动|推动|让|使)")


# Words naming where inside a thing of the subject's, not who acts: 草原党校内, 书屋里.
_WITHIN = re.compile(r"^[\u4e00-\u9fff]{2,8}(内|里|中)$")


# The word a report shortens its subject to, alone: 街道 (of 泰山区财源街道), 学院 (of
# 陕西职业技术学院).
_UNIT_WORD = r"(街道|社区|学院|学校|大学|医院|研究室|研究院)$"


# An honour with no one before it: the sentence names who won it, often a person, not the body.
_HONOURED = re.compile(r"^(获评|荣获|获得|获|被评为|被授予|入选|当选)")


def _subject_tail(subject: str, words: str) -> str:
    """The end of the subject's name that words open with, as the article shortens it
    ("社区党委…" of 望湖社区党委), or ""."""
    return next((subject[i:] for i in range(1, len(subject) - 1)
                 if words.startswith(subject[i:]) and _short_name(subject[i:])), "")  # fmt: skip


def _named_before(article: AuthorArticle, start: int, unit: str) -> str:
    """The place of a unit ("同弓乡") the text names last before `start` in its paragraph: the
    one "全乡" means; "" when none."""
    paragraph = article.text.rfind("\n", 0, start) + 1
    names = re.findall(rf"(?=([\u4e00-\u9fff]{{2}}{unit}))", article.text[paragraph:start])
    names = [n for n in names if not _NOT_A_NAME.match(n) and not VERB.search(n)]
    return names[-1] if names else ""


def _abbreviation(body: str, subject: str) -> int:
    """How long the short form of the subject a stem opens with is (陕职院 of 陕西职业技术学院,
    福州研究室 of 福州市委党史和地方志研究室: its first and last characters, the rest in order),
    or 0."""
    for size in range(min(6, len(subject) - 1), 1, -1):
        head = body[:size]
        if head[:1] != subject[:1] or head[-1:] != subject[-1:] or subject.startswith(head):
            continue
        rest = iter(subject)
        if all(char in rest for char in head):
            return size
    return 0


def _opening_body(body: str) -> str:
    """The body a stem opens with, before how it acts or its verb ("人社局以…", "人社局举办…")."""
    found = _BODY_BEFORE_MANNER.match(body) or re.match(rf"({_BODY})(?:{_VERBS})", body)
    return found.group(1) if found else ""


def _bare_body(name: str) -> bool:
    """Whether a body is named with no place of its own ("人社局", not "县委" or "各镇党委")."""
    return bool(re.fullmatch(_BODY, name)) and not re.search(
        r"[省市区县镇乡村全各该本我]|街道|社区", name
    )


def _level(unit: str) -> int:
    return next((rank for rank, units in enumerate(_LEVELS) if unit in units), -1)


def _inside(body: str, subject: str) -> bool:
    """Whether a stem opens with places inside the article's subject ("全军、槐树湾等乡镇…",
    "仅道北社区就…" in a county's or a 街道's report): read alone, they need it before them."""
    place = _SMALL_PLACE.match(body)
    unit = re.search(r"(自治区|省|市|州|区|县|镇|乡|街道)$", subject)
    if place is None or unit is None or subject in body:
        return False
    return _level(place.group(1)) > _level(unit.group(1))


def _short_name(tail: str) -> bool:
    """Whether the end of the subject's name is one the article shortens it to: 社区党委 (of
    望湖社区党委), 城东区 (of 西宁市城东区), 市中区 (of 济南市中区)."""
    if len(tail) >= 4 and _ACTOR.search(tail):
        return True
    return len(tail) >= 3 and re.search(r"(区|县|镇|乡|街道)$", tail) is not None


# A clause counting what a thing of its own drew ("VR展馆阅读量达…"): the subject put before it
# makes a new name ("西宁市城东区VR展馆"), and which 展馆 is still unsaid.
_THING_METRIC = re.compile(
    r"^[^，,“”《》]{1,12}?(阅读量|点击量|浏览量|访问量|播放量|观看量|收听量|关注量|点赞量|转发量)"
)


# People a report names with no one they belong to: the article's subject's (南湖区税务局党员干部).
_PEOPLE = re.compile(r"(党员|干部|群众|师生|团员|宣讲员|志愿者|教职工|讲解员)")


# A clause whose subject is a thing counted ("上级部门简报累计60期采纳…"): no body acts in it.
# A clause whose things are done to ("…等30件民生实事得到有效落实"): they are its subject; the
# article's put in front reads as if it were those things' ("党委新增…岗位…得到落实").
_DONE_TO = re.compile(r"(得到|获得)(了)?(有效|切实|妥善|及时|全面)?(落实|解决|办理|提升|改善)$")
_THING_COUNTED = re.compile(r"^[\u4e00-\u9fff]{2,8}(简报|文件|报道|稿件|文章|信息)(累计|共|已)")


# A clause opening with works by their kind and titles ("情景舞蹈剧《参军》…"): the show they
# were in is said before; the subject put in front names none.
_WORKS_OPENING = re.compile(r"^[\u4e00-\u9fff]{0,6}(剧|歌|曲|舞|影片|电影|诗|作品|节目)《")


def _works_opening(body: str) -> bool:
    """Whether a clause opens with works by their kind, not a verb ("情景舞蹈剧《参军》…", not
    "策划微电影《…》")."""
    found = _WORKS_OPENING.match(body)
    return found is not None and not VERB.search(found.group())


_FOUNDING = re.compile(r"^(.*?)(成立|组建|组成|建立|设立)了?(.*)$")


def _founder(before: list[Span], body: str, subject: str) -> str:
    """Who set up the body a sentence goes on about, with it: "湟中区还组建了一支近70人的志愿
    宣讲队伍,深入基层…" is 湟中区组建的志愿宣讲队伍 going out."""
    for clause in before:
        match = _FOUNDING.match(clause.text)
        founded = (
            _COUNTED.sub("", re.sub(r"^\d+个|\d+(?:支|个)$", "", match.group(3))) if match else ""
        )
        if match and founded.endswith(body):
            who = re.sub(r"(共|已|还|又|也|先后|率先|专门)+$", "", match.group(1))
            who = who if 2 <= len(who) <= 14 and not re.search(r"\d", who) else subject
            if who and subject.endswith(who) and _short_name(who):
                who = subject
            name, used = in_full(who, subject)
            who = name + who[used:] if name else who  # "县委成立…宣讲团": 清河县委成立的宣讲团
            return f"{who}{match.group(2)}的{body}" if who else ""
    return ""


def _person_before(article: AuthorArticle, sentence: Span) -> bool:
    """Whether the sentence before, in the same paragraph, is about a person ("他再次出发", "左力
    先生从瑞金出发"): a sentence naming no one then goes on about them, not the article's body."""
    paragraph = article.text.rfind("\n", 0, sentence.start) + 1
    before = [s for s in article.sentences() if paragraph <= s.start and s.end <= sentence.start]
    if not before:
        return False
    clauses = [c for c in article.clauses() if before[-1].start <= c.start < before[-1].end]
    first = re.sub(r"^[^，,]*\d+月\d+日[,，]", "", before[-1].text)  # "2017年3月18日,他…"
    return bool(_PERSON.match(first)) or bool(clauses and _PERSON.match(sentence_subject(clauses)))


# Who a report's sentence may be about that is no body: a person.
_PERSON = re.compile(r"(他|她|其)(?![们他])|[\u4e00-\u9fff]{1,4}(先生|女士|同志|老人|老兵)")


def _gapped(clause: str, before: str) -> bool:
    """Whether a clause leaves its verb to the counted clause before it: "开展宣讲700场次以上,
    县直机关单位100场次以上" is 县直机关单位 (开展宣讲) 100场次: a short name, then a count
    in the unit of the clause before."""
    counted = _GAPPED.match(clause)
    if counted is None or VERB.search(counted.group(1)):
        return False
    unit = re.search(r"[\d.]+([^\d.，,。；;]{1,3})", before)
    return unit is not None and unit.group(1)[:1] == counted.group(2)[:1]


_GAPPED = re.compile(r"^([\u4e00-\u9fff（）()]{2,10}?)[\d.]+(\D{1,3}?)(以上|余|多)?$")


# People named and counted before the verb: "祝星星等28名同志", "张三等5人".
_PEOPLE_COUNTED = re.compile(r"^[\u4e00-\u9fff]{2,4}等(?:\d+|[一二三四五六七八九十]+)(?:名|位|人)")


def _above(level: str, subject: str) -> str:
    """The place of `level` (省, 市, 区, 县) the subject's name holds above its own end (沧州市 of
    沧州市沧县), or "": the subject read unit by unit, as `fullest_place` reads places, so a
    unit's character inside a name (新市镇) is no unit."""
    if level not in {"省", "市", "区", "县"}:
        return ""
    units = re.findall(r"[\u4e00-\u9fff]{1,5}?(?:省|市|区|县|旗|乡|镇|街道|社区|村)", subject)
    if "".join(units) != subject:
        return ""  # the subject does not read as units alone (德清县新市镇: 新市 + 镇?)
    for index, unit in enumerate(units[:-1]):
        if unit.endswith(level):
            return "".join(units[: index + 1])
    return ""


def has_subject(clause: str, first: bool) -> bool:
    """Whether a clause names who acts: the first clause of a sentence does unless it opens
    with a verb; a later one only when it opens with a subject of its own."""
    if _NO_SUBJECT.match(clause):
        return False
    place = re.match(_PLACE, clause)
    if _OWN_SUBJECT.match(clause) or (place and not VERB.search(place.group())):
        return True  # not "有效衔接公司…": a deed, then the company's name
    if _PEOPLE_COUNTED.match(clause):
        return True  # "祝星星等28名同志被评为…": they, not the company, were honoured
    if first and re.match(r"[“《]", clause):
        return True  # "“学习强国”武汉学习平台党史知识挑战赛精彩纷呈": the named thing
    verb = VERB.search(clause)
    if first:  # "紧扣雅安解放75周年…": a first clause with no one before its verb has no subject
        return verb is not None and len(clause[: verb.start()]) >= 2
    return verb is not None and bool(_ACTOR.search(clause[: verb.start()]))


# Words a report uses for its subject or a part of it, read alone naming no one: 区里 (of
# 青山湖区), 局党委 (of 南湖区税务局), 全校/学校 (of 江岸理工大学), 街道 (of 东湖街道), 县委
# (of 清河县), 各乡镇 (of a county), and a unit inside the subject (马克思主义学院 of a
# university, 外科党支部 of a hospital).
_OWN_PART = {"局": r"局", "院": r"(医院|学院|研究院)", "校": r"(大学|学院|学校)", "室": r"室"}
_OTHER_SCHOOL = re.compile(r"干部|党校|行政|社会主义|大学|[省市县区州]")
_INNER_UNIT = re.compile(r"^[\u4e00-\u9fff]{2,10}?(学院|党支部|党总支|支部|科室)")


def in_full(words: str, subject: str) -> tuple[str, int]:
    """The subject's name for the opening of `words` when they name it, or a part of it, in
    short (what to put in front, and how many characters of `words` it replaces); ("", 0)
    when they do not."""
    if not subject or words.startswith(subject):
        return "", 0
    unit = re.search(r"(省|市|区|县|镇|乡|街道)$", subject)
    here = re.match(r"(区|县|市|镇|乡)里", words)
    if here and unit and unit.group(1) == here.group(1):
        return subject, 2  # "区里成立7个专项工作组": 青山湖区成立…
    own = re.match(
        r"(区|县|市|镇|乡)(委|政府|人大|政协|总工会|妇联|机关|[\u4e00-\u9fff]{1,4}?(?:馆|局|中心))",
        words,
    )  # "县文化馆创排…": 清河县文化馆
    if own and unit and unit.group(1) == own.group(1):
        return subject[:-1], 0  # "县委成立…": 清河县委成立…
    part = re.match(r"(局|院|校|室)(?=领导|党委|党组|班子|党总支|机关|长)", words)
    if part and re.search(_OWN_PART[part.group(1)] + "$", subject):
        return subject, 1  # "局党委先后召开…": 南湖区税务局党委…
    school = re.match(r"[全该本]校|学校", words)
    if school and re.search(r"(大学|学院|学校)$", subject):
        return subject, 2  # "全校开展…", "学校建成…": 江岸理工大学…
    word = re.match(_UNIT_WORD.removesuffix("$"), words)
    if word and len(words) == len(word.group()) and subject.endswith(word.group()):
        return subject, len(word.group())  # "街道" alone before the verb: 东湖街道
    if words[:1] == "各" and unit and len(words) > 1:
        return subject, 0  # "各乡镇组建…": 清河县各乡镇
    inner = _INNER_UNIT.match(words)
    other = inner is not None and _OTHER_SCHOOL.search(inner.group())  # 大别山干部学院: not its
    if inner and not other and re.search(r"(大学|医院)$", subject) and not _NOT_A_NAME.match(words):
        return subject, 0  # "马克思主义学院开设…" in a university's report
    owner = re.sub(r"(党支部|党总支|党委)$", "", subject)
    if owner != subject and re.search(r"(部|中心|局|队|公司|集团)$", owner):
        # "温州指挥部组织…" of 上海二十冶温州指挥部党支部: the unit's name past its first three
        # characters (a shorter tail, 指挥部 alone, names no one unit)
        for at in range(1, len(owner) - 3):
            if words.startswith(owner[at:]):
                return owner, len(owner) - at
    return "", 0


# "学校成立党史学习教育领导小组,下设办公室": the 办公室 the report goes on about.
_GROUP_OFFICE = re.compile(
    r"成立(?:了)?([\u4e00-\u9fff]{2,16}领导小组)[,，]?(?:下设|并设|设立?)办公室"
)


def _office_of(text: str, subject: str) -> str:
    """The full name of the one leading group's office an article sets up, with its subject
    (清华大学党史学习教育领导小组办公室), or ""."""
    found = {m.group(1) for m in _GROUP_OFFICE.finditer(text)}
    if len(found) != 1 or not subject:
        return ""
    group = re.split(r"[的暨]", found.pop())[-1]
    return (group if group.startswith(subject) else subject + group) + "办公室"


# What a body's accounts count: a clause opening with one counts the owner an earlier clause of
# its sentence names ("一季度,省属企业主要指标实现大幅增长,资产总额达…"), not the article's subject.
_MEASURE = re.compile(
    r"^(资产总额|总资产|净资产|所有者权益|利润总额|净利润|营业收入|营收|产值|销售额|订货量|负债率)"
)
_OWNER = re.compile(r"^([\u4e00-\u9fff]{2,8}?)(?:主要|各项|经济)?指标")
_PERIOD = re.compile(
    r"^(?:\d{4}年)?(?:[一二三四1-4]季度|上半年|下半年|前三季度|全年|\d{1,2}(?:至|-)\d{1,2}月)$"
)


def owned(article: AuthorArticle, stem: Stem, subject: str) -> Stem:
    """A stem of a body's accounts put under the owner and period its sentence names before
    it, when other words were put in front ("山西省资产总额达…": 一季度，山西省省属企业…)."""
    body = stem.text[stem.offset :]
    if not subject or stem.offset == 0 or stem.lead or not _MEASURE.match(body):
        return stem
    sentence = article.sentence_at(stem.start)
    if sentence is None:
        return stem
    before = [c for c in article.clauses() if sentence.start <= c.start and c.end <= stem.start]
    for index in range(len(before) - 1, -1, -1):
        owner = _OWNER.match(before[index].text)
        if owner is None:
            continue
        period = next((c.text for c in before[:index] if _PERIOD.match(c.text)), "")
        lead = period + "，" if period else ""
        prefix = lead + subject + owner.group(1)
        return replace(stem, text=prefix + body, offset=len(prefix), lead=len(lead))
    return stem


# A connective a stem may open with after its lead: read alone, it follows from nothing.
_THEREFORE = re.compile(r"^(?:于是|因此|所以|随后|从而|进而|为此)[，,]?")
# A branch named bare, and the same branch named in full before it in the article.
_BARE_BRANCH = re.compile(r"^(?:党支部|党总支|党委|支部)(?=[\u4e00-\u9fff])")
_FULL_BRANCH = re.compile(
    r"([\u4e00-\u9fff]{2,10}?(?:村|社区|镇|乡|街道|公司|医院|学院|学校|中心))(?:党支部|党总支|党委)"
)


# A thing named bare at a stem's start ("文化中心还设置了…", "大会发布了…") that the article
# named in full before: what it was called there (溪南文化中心, 全镇党史学习教育动员大会).
_BARE_THING = re.compile(
    r"^(?:该)?(文化中心|活动中心|服务中心|纪念馆|展览馆|展馆|书屋|宣讲团|动员大会|大会)(?:还|也)?"
    r"(?=[\u4e00-\u9fff])"
)
# What ends the words before a thing's name: a stop, a verb of making or holding it.
_BEFORE_NAME = re.compile(
    r".*(?:[，,。；;：:\s“”()（）了在的和与及]|召开|打造|建成|成立|设立|举办|完成|组建|开设|启用|建立)"
)


def named_thing(article: AuthorArticle, stem: Stem, subject: str) -> Stem:
    """A stem opening (after its lead) with a thing named bare, named as the article last named
    it in full before (溪南文化中心设置了…; 益农镇党史学习教育动员大会发布了…), a 全镇… of the
    subject's level named by the subject; else as it is."""
    body = stem.text[stem.offset :]
    bare = _BARE_THING.match(body)
    if stem.offset != stem.lead or bare is None:
        return stem
    noun = bare.group(1)
    full = ""
    # the noun ending a word of its own ("人民大会堂" holds no 大会)
    ending = rf"{re.escape(noun)}(?![\u4e00-\u9fff])"
    for found in re.finditer(ending, article.text[article.body_start : stem.start]):
        at = article.body_start + found.start()
        words = article.text[max(article.body_start, at - 14) : at]
        cut = _BEFORE_NAME.match(words)
        if cut is None:
            continue  # no stop or verb before it: where its name starts is not told
        name = words[cut.end() :]
        whole = re.match(r"全(省|市|区|县|镇|乡|街道)", name)
        if whole and subject.endswith(whole.group(1)):
            full = subject + name[whole.end() :] + noun  # 全镇…动员: 益农镇…动员大会
        elif len(name) >= 2 and not VERB.search(name) and not _NOT_A_NAME.match(name):
            full = name + noun
    if not full:
        return stem
    rest = body[bare.end() :]
    return replace(
        stem,
        text=stem.text[: stem.offset] + full + rest,
        offset=stem.offset + len(full),
        start=stem.start + bare.end(),
    )


def named_branch(article: AuthorArticle, stem: Stem) -> Stem:
    """A stem opening (after its lead) with a connective ("于是党支部决定…") or a bare branch:
    the connective left out, and the branch named as the article last named it in full before
    (擦都岭村党支部), or left as it is."""
    body = stem.text[stem.offset :]
    connective = _THEREFORE.match(body)
    if connective and stem.offset == stem.lead:
        body = body[connective.end() :]
        stem = replace(
            stem, text=stem.text[: stem.offset] + body, start=stem.start + connective.end()
        )
    if stem.offset != stem.lead or not _BARE_BRANCH.match(body):
        return stem
    named = [
        m.group(1) for m in _FULL_BRANCH.finditer(article.text, article.body_start, stem.start)
    ]
    if not named:
        return stem
    prefix = display(fullest_place(named[-1], article.text))
    return replace(
        stem, text=stem.text[: stem.offset] + prefix + body, offset=stem.offset + len(prefix)
    )


def fullest_place(name: str, text: str) -> str:
    """A place as the text names it with the most places above it (擦都岭村 told once as
    迁西县渔户寨乡擦都岭村): read alone, which 擦都岭村?"""
    above = re.finditer(
        rf"(?:^|(?<=[，,。；;：:\s“（(在赴到于]))"
        rf"(?=((?:[\u4e00-\u9fff]{{1,5}}?(?:省|市|区|县|旗|乡|镇|街道|办)){{1,3}}){re.escape(name)})",
        text,
        re.M,
    )
    names = [
        m.group(1)
        for m in above
        if not _NOT_A_NAME.match(m.group(1))
        and not re.search(r"[在于的了和与及对从到赴住是为]", m.group(1))
        and not VERB.search(m.group(1))
    ]
    if not names:
        return name
    longest = max(names, key=len)
    units = re.findall(r"[\u4e00-\u9fff]{1,5}?(?:省|市|区|县|旗|乡|镇|街道|办)", longest)
    mine = len(re.findall(r"(?:省|市|区|县|旗|乡|镇|街道|社区|村)", name))
    return "".join(units[-(3 - mine) :] if mine < 3 else []) + name  # three at most


def one_place(text: str, level: str) -> str:
    """The one city (县: county) a report names, as "老河口市", when it names exactly one: its
    name is the longest run of two to four characters before 市 that the text says again
    (老河口市 … 老河口党史); "" when it names none or several."""
    names: set[str] = set()
    for found in re.finditer(level, text):
        at = found.start()
        for size in (4, 3, 2):
            name = text[max(0, at - size) : at]
            if (
                len(name) == size
                and re.fullmatch(r"[\u4e00-\u9fff]+", name)
                and text.count(name) >= 2
                and not re.search(r"[全各本我该在的和与及共]", name)
                and not VERB.search(name)
            ):
                names.add(name + level)
                break
    return names.pop() if len(names) == 1 else ""


# A place a stem's own words open with: 细岭村 in "细岭村有一条…".
_OPENING_PLACE = re.compile(
    r"^[\u4e00-\u9fff]{2,6}?(?:村|社区|镇|乡|街道|县|区|市)(?=[\u4e00-\u9fff])"
)


def unglued(article: AuthorArticle, stem: Stem, subject: str) -> Stem:
    """A stem whose own words open with a place of the subject's (细岭村有一条… in 绥阳镇细岭村
    党支部's report) names that place, not the subject glued before it (…党支部细岭村有…): the
    place with those above it (绥阳镇细岭村有…)."""
    put = stem.text[stem.lead : stem.offset]
    body = stem.text[stem.offset :]
    place = _OPENING_PLACE.match(body)
    if not put or not subject or put != display(subject) or place is None:
        return stem
    if place.group() not in subject or subject.endswith(place.group()):
        return stem
    above = subject[: subject.index(place.group())]
    named = fullest_place(place.group(), article.text)
    named = named if len(named) > len(place.group()) else above + place.group()
    text = stem.text[: stem.lead] + display(named) + body[len(place.group()) :]
    return replace(
        stem, text=text, offset=stem.lead + len(named), start=stem.start + len(place.group())
    )
