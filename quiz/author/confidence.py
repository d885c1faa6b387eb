"""Whether derive is sure enough of a draft to offer it. An editor would rather sign eight drafts
than fix twenty-five, so a draft whose stem does not say who acts, whose blank is no fact, or
whose options may be true is held back (`quiz derive --all` shows it, marked 待定).

Each check returns why a draft is weak ("weak_subject", "weak_event", "weak_blank") or None."""

from __future__ import annotations

import re

from quiz.author.phrasing import NAMES, ONLY_HOW, SET_PHRASE
from quiz.author.stems import _ACTOR, _OWN_SUBJECT, _PLACE, _WITHIN, VERB, Stem
from quiz.author.terms import name_key

# A part's numbered title ("一、“沉浸式”学党史", "（二）…"): a heading, not a fact.
_HEADING_MARK = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")
# Words between who acts and the verb ("局党组班子已经召开", "道北社区就已开展").
_ADVERBS = re.compile(r"(?:仅|就|已经|已|共|均|都|还|又|也|累计|先后|分别|正|将|曾|再)+$")
# A date between who acts and the verb ("教育工委于9月25日召开").
_WHEN = re.compile(r"(?:于|在)?(?:\d+年)?(?:\d+月)?(?:\d+日)?(?:前|后|起)?$")
# What a quoted word of unknown kind must end with, or be followed by, to name a thing a player
# can be asked (“党史读书角”, “红色经典阅读”二维码); “沉浸式”, “急难愁盼”, “根据地” name nothing.
_NAME_END = re.compile(
    r"(角|室|屋|站|所|馆|园|家|队伍|队|团|组|课|课堂|学堂|讲堂|书院|工程|行动|计划|项目|平台|品牌"
    r"|节|展|赛|班|台|栏|号|网|端|会|清单|热线|大扫除|阅读|讲师|读本|食堂|长廊|之家|超市)$"
)
_NAME_AFTER = re.compile(
    r"^[\u4e00-\u9fff]{0,6}?(二维码|节目|专栏|品牌|平台|活动|工程|项目|行动|计划|栏目|展览|比赛"
    r"|大赛|竞赛|征文|展演|汇演|晚会|读书会|微课|讲堂|课堂|宣讲团|服务队|分队|工作室|驿站|书屋|基地|打卡点|阵地|清单|文件|工作法|机制|模式|体系)"
)
# A stem that only says when or on what occasion ("紧扣雅安解放75周年重要时间节点"), or what
# else was done ("(除了)认真组织学习4本指定的书籍外": the sentence's fact comes after).
_ONLY_WHEN = re.compile(r"(节点|契机|之际|时机|前夕|(?<![省境国室课海县市区])外)$")
# A group named by no topic: "领导小组办公室" alone (every campaign has one), not
# "党史学习教育领导小组办公室".
_TOPICLESS = re.compile(r"(?:^|[省市区县镇乡，])领导小组")
# A body every report has, named by no place: in an article whose subject is unknown, whose?
_GENERIC_BODY = re.compile(r"(局|基层|党组|支部|机关|本)")
# Kinds of quoted words that state how or why, not what: no blank (“第一议题”制度).
_NOT_NAMES = ("principle", "goal", "form")


# A stem whose last clause stops before its verb: "(…区)分7个批次" (did what?), "紧紧围绕…部署的
# “六项专题行动”" (围绕 it, doing what?; so "聚焦“…”实践活动"), "“A”线上学习和“B”活动" (names,
# and no verb at all).
_BEFORE_VERB = re.compile(
    r"(分[\d一二三四五六七八九十两]+个?(?:批次|批|期|轮|阶段|组|片区|路)"
    r"|(?:紧紧围绕|围绕|按照|紧扣|依照|对照|聚焦|立足|依托|借助|利用|通过|针对|面向|根据)"
    r"[^，,；;]*?(?:”(?:[\u4e00-\u9fff]{0,4}?(?:行动|活动|工程))?|》|方案|部署|要求|精神|主题|目标|任务|重点|契机|节点|载体|平台|形式|方式|渠道|实际"
    r"|特点))$"
)
# A clause that only says where: "在…的…中心", "在村史馆里" with no verb after.
_ONLY_WHERE = re.compile(r"^[^在，,；;“”]{0,14}?在([^，,；;]+)$")
_NAMES_ONLY = re.compile(r"^(?:[^，,；;“”]{0,12}?“[^”]+”[^，,；;“”]{0,6}(?:和|与|及|、)?)+$")
# Words that open a clause going on from one the stem leaves out ("又注重…": after 既…).
_GOES_ON = re.compile(r"^(又(?!名)|也|并且|且|而且|更(?!加|好|名)|同时|另外|此外|再者|另一方面)")
_PAIRED = (("既", "又|也|还"), ("不仅", "还|也|更|而且"), ("不但", "还|也|而且"),
           ("一方面", "另一方面"))  # fmt: skip
# A scene, not who acts ("一场生动的…“空中课堂”正在进行"); a thing the sentence before named
# ("作为全市首堂…的党课,…"; "赴两家红色教育基地": which two?).
_SCENE = re.compile(r"^(一(场|堂|次|台|幅|部|段|曲|首)|作为|这|该(?![区县市镇乡省])|其(?!中|他))")
# A stem that is only where or when something happened ("在…大赛中"): no deed follows.
_ONLY_SCENE = re.compile(r"^在[^，,；;]*(中|时|上|里|期间|之际|之时)$")
_BACK_REFERENCE = re.compile(
    r"(上述|前述|这些|这一|此类|这两|两者"
    r"|(赴|到|走进|前往|参观)(两|三|四|五|六|七|八|九|十)(家|个|处|所|座|地|大))"
)


# A day with no month ("9日,在…举办了…"): the month is in a sentence the stem leaves out.
# Not 6月13~14日: a span of days in one month.
_BARE_DAY = re.compile(
    r"(?<![月\d])(?<!月\d[~～至到-])(?<!月\d\d[~～至到-])\d{1,2}日"
    r"|(?<![\d月])(?:1[0-2]|[1-9])(?:[0-2]\d|3[01])日(?=[上下]午|晚|,|，)"  # "414日下午": 月 lost
)
# A verb with the aspect marker 着 ("准时播放着", "讲述着"): a scene narrated, no fact stated.
_ASPECT_ZHE = re.compile(
    r"(播放|进行|讲述|展示|记录|传递|闪耀|飘扬|洋溢|诉说|回荡|上演|发生|坚守|守护|践行|散发|流淌"
    r"|演绎|唱响|坐落|矗立|伫立|屹立|排列|陈列|悬挂|摆放|讲|唱|放|挂|贴|写|印|摆|亮|响)着"
    r"|正(?:在|带领|忙于|忙着)"  # "书记…正带领党员们…排练": a moment told, not a deed
    r"|(?<![真公纯端修改纠更指反])正(?:为|向|给)(?=[\u4e00-\u9fff])"  # "票友们正为…唱起…"
)
# A stem ending on who speaks: what they said is elsewhere ("…原支部书记李奎生说").
_SPEAKER_END = re.compile(r"(说|说道|讲道|感慨道|表示|坦言|介绍|谈道|告诉记者)$")


def incomplete(text: str) -> bool:
    """Whether a stem stops before saying what was done (see `_BEFORE_VERB`, `_NAMES_ONLY`)."""
    text = text.rstrip("。")
    last = re.split(r"[，,；;]", text)[-1]
    if _BEFORE_VERB.search(last):
        return True
    where = _ONLY_WHERE.match(last)
    if where and not (VERB.search(where.group(1)) or _SOME_VERB.search(where.group(1))):
        return True  # "(礼县)在29个乡镇的新时代文明实践中心": where, and then?
    unquoted = re.sub(r"“[^”]*”|《[^》]*》", "", last)
    return bool(_NAMES_ONLY.match(last)) and not (
        VERB.search(unquoted) or _SOME_VERB.search(unquoted)
    )


# Verbs a clause of names may have that `VERB` does not list: a clause with one says something.
_SOME_VERB = re.compile(
    r"(进行|开设|新增|张贴|有|是|推|办|建|设|开|举|组|造|策划|安排|确定|成|获|评|授|命名|称|叫|作|唱|演|讲|拍|编|写)"
)


# Characters a stem may run to: the clause that holds the fact and what makes it read alone.
MAX_STEM = 64


def weak_sentence(stem: Stem, article: str) -> str | None:
    """Why a stem is no sentence a player can read alone, or None: it stops before its verb,
    opens going on from words it leaves out (又注重…), leaves a pair open (既有…, with no 又有),
    sets a scene or points back to what the sentence before named, or ends where the article
    was cut off (an excerpt ending mid-word)."""
    text = stem.text.rstrip("。")
    body = text[stem.offset :]
    if len(re.sub(r"\s|^\d{4}年，?", "", text)) > MAX_STEM:  # the year a stem is dated by is extra
        return "weak_long"  # a whole sentence copied buries the one fact it tests
    if incomplete(text) or _GOES_ON.match(body) or _SCENE.match(body):
        return "weak_sentence"
    # nouns holding a verb's character: 建党百年, 演讲大赛
    unquoted = re.sub(r"“[^”]*”|《[^》]*》|建党(?:百年|\d+周年)|演讲|讲座|讲堂|讲坛", "", body)
    if _EVENT_END.search(body) and not (VERB.search(unquoted) or _SOME_VERB.search(unquoted)):
        return "weak_sentence"  # "“A”，“B”等专题栏目", "献礼建党百年“A”演讲大赛": did what?
    if _CAPTION.match(body):
        return "weak_sentence"  # "上图为…旧址": a photo's caption, no deed
    if text.startswith("…") or _ONLY_SCENE.match(body):
        return "weak_sentence"  # "……12月28日，…": what went before?; "在…大赛中。": and then?
    if _BACK_REFERENCE.search(body) or re.search(r"(?:……|…)(?=[\u4e00-\u9fff“])", body):
        return "weak_sentence"  # "“A”确保…不缺位……内容丰富的宣讲活动得到了好评": two thoughts
    for opening, closing in _PAIRED:
        at = body.find(opening)
        if at >= 0 and not re.search(closing, body[at + len(opening) :]):
            return "weak_sentence"
    if _EXAMPLE.match(body) or re.search(r"(?<![平同均对])等$", text):
        return (
            "weak_sentence"  # "如购买发放…": one example cut out; "编发《…》5期等": and what else?
        )
    if _BRANCH.search(body) and not re.search(r"[“《]", text):
        return "weak_event"  # "(全区)9个办事处设分会场": branches of which event?
    if _BARE_DAY.search(text):
        return "weak_sentence"  # "9日，…举办了…": which month, read alone?
    if re.search(r"(?<![提目当此以之先事])前$", text) or re.search(
        r"(?<![存现所实正])在[^，,。]{2,}?(?<![今以之然最此])后$", text
    ):
        return "weak_sentence"  # "…项目落地前", "在经历了…的行程后": before it, after it, what?
    if _SPEAKER_END.search(text):
        return "weak_sentence"  # "有着50多年党龄的…书记李奎生说": and what did he say?
    if _ASPECT_ZHE.search(body):
        return "weak_sentence"  # "“红色党史20分”准时播放着…": a scene told, not a deed
    whole = article.rstrip()
    if stem.end >= len(whole) and whole[-1:] not in '。！？!?”」』"）)…':
        return "weak_sentence"  # "…细化重点任": the article's text was cut off here
    return None


# A story of the past told at an event (a battle's figures, a martyr's deeds, 1928年…): the
# deeds are the Red Army's, not the unit's that visited the memorial. Not a site or a story
# named today (红二十五军…纪念碑, 红色故事, 长征精神).
_HISTORY = re.compile(
    r"(?:歼敌|伤亡|重伤|牺牲(?!休息|节假|周末|午休|个人|小我)|殉难|就义|起义|围剿|突围|长征(?!精神|路)"
    r"|红军|红[一二三四五六七八九十]+军|战斗(?!堡垒|力|性|作用|在)|战役|国民党|游击队|抗日"
    r"|(?<!\d)1[89][0-4]\d年)"  # not 战斗堡垒, 战斗力, 牺牲休息时间: words of today
    r"(?![^，,。；;]{0,12}?(?:纪念碑|纪念馆|纪念园|旧址|遗址|故事|精神|陈列|展|主题|路|线))"
)


def history(stem: Stem, before: str) -> str | None:
    """ "history" when a stem tells a story of the past rather than the unit's deed: its words
    name a battle, the Red Army, a martyr or a year before 1950, or the clause before it in its
    sentence sets one (庾家河战斗中,取得了歼敌800人)."""
    body = re.sub(r"《[^》]*》|“[^”]*”", "", stem.text)  # 《红军渡》: a work's name
    if _HISTORY.search(body) or re.search(r"(战斗|战役|斗争|长征|时期|年代)(中|期间)$", before):
        return "history"
    return None


# What an event or a column is called after its name: a stem ending so names it, and may
# still say nothing done with it.
_EVENT_END = re.compile(r"(大赛|比赛|活动|栏目|节目|专栏)$")
_CAPTION = re.compile(r"^(?:上图|下图|左图|右图|图为|图片为|图中)")
# The branches of an event, named with no event: 分会场 of what?
_BRANCH = re.compile(r"(分会场|分赛场|分课堂|分论坛)")
# A clause opening with an example, cut from the sentence naming what it is an example of.
_EXAMPLE = re.compile(r"^(?:如|例如|比如|譬如)(?![何今期实果])")


def weak_stem(stem: Stem, subject: str, *, unnamed: bool = False) -> str | None:
    """Why a stem does not say who did what, or None: it must open with who acts (the
    article's subject, a place, a body, 全区/各…), and say more than how (通过…等方式).
    `unnamed`: the article calls its subject only 我区/我县…, so a stem must name its own place."""
    text = stem.text.rstrip("。")
    body = text[stem.offset :]
    if unnamed and not (re.match(_PLACE, text) and not _SELF_REFERENCE.match(text)):
        return "weak_subject"  # "“甲板课堂”确保渔民党员不漏学" where the article says 我区: whose?
    if _HEADING_MARK.match(body):
        return "weak_subject"  # "上庄镇一、“沉浸式”学党史": a part's title
    if _TOPICLESS.search(text[: stem.offset + 6]):
        return "weak_subject"  # "(迭部县)领导小组办公室召开…": the group for what?
    if stem.borrowed or stem.grafted:
        return "weak_subject"  # the sentence before names who acts, and it is not the subject
    if ONLY_HOW.search(text) or _ONLY_WHEN.search(text):
        return "weak_event"  # "以镇村党校…等为平台", "紧扣…时间节点": to do what?
    if stem.offset > stem.lead:
        prefix = re.sub(r"以$", "", text[stem.lead : stem.offset])  # 青湾区以“…”确保…: 青湾区
        if re.search(r"\d", prefix):
            return "weak_subject"  # "教育工委于9月25日" + another clause's own subject
        own = bool(subject) and subject.startswith(prefix)  # 广安 + 区委…: the subject's own
        within = prefix[len(subject) :] if subject and prefix.startswith(subject) else ""
        own = own or bool(_WITHIN.fullmatch(within))  # 图克镇 + 草原党校内: where in its own
        own = own or (bool(within) and _actor(within))  # …省立医院 + 内科党总支第一党支部
        return None if own or _actor(prefix) else "weak_subject"
    if subject and body.startswith(subject):
        return None
    general = re.match(r"(党员|党史|团员|群众|干部)", body)  # "党员群众参与率…": whose?
    if re.match(r"《[^》]*》", body):
        return "weak_subject"  # "《少年》《五星红旗》等红色歌曲唱响…": where, by whom?
    if (_OWN_SUBJECT.match(body) and not general) or re.match(_PLACE, body) or body[:1] == "“":
        return None  # 全区…, 青山区…, “学习强国”武汉学习平台…: each names what it is about
    verb = VERB.search(body)
    head = body[: verb.start()] if verb else ""
    head = re.split(r"(?:共|均|都|全部)?由", head)[0] or head  # "党校共由10座…组成": 党校
    if not subject and _GENERIC_BODY.match(head):
        return "weak_subject"  # "局党组班子…" in a report that names no place: which 局?
    return None if head and _actor(head) else "weak_subject"


# How a report names its own place without naming it, or any place at all.
_SELF_REFERENCE = re.compile(r"^(?:我|全|该|本|各)")
UNNAMED = re.compile(r"我(?:区|县|市|镇|乡|街道|省|州|旗)(?![\u4e00-\u9fff]*?[”》])")


def _actor(words: str) -> bool:
    """Whether words name who acts: a body or a group, with no date or count of their own."""
    words = _WHEN.sub("", _ADVERBS.sub("", words))
    words = _ADVERBS.sub("", words)
    office = words.endswith(("办公室", "研究室"))  # 清华大学党史学习教育领导小组办公室: long
    if not 2 <= len(words) <= (20 if office else 16) or re.search(r"[\d“”《》，,、]", words):
        return False
    school = re.fullmatch(r"[\u4e00-\u9fff]{2,4}[一二三四五六七八九十]+中", words)  # 阳泉四中
    return bool(office or school or _ACTOR.search(words) or re.fullmatch(_PLACE, words))


def weak_figure_stem(stem: Stem, start: int, end: int) -> str | None:
    """Why a figure's stem says too little of what was counted, or None: "(镇)计划投入1.98亿元"
    leaves out for what; "开展党史学习教育663次" says it."""
    body = stem.text[stem.offset :].rstrip("。")
    words = body[: stem.local(start) - stem.offset] + body[stem.local(end) - stem.offset :]
    words = re.sub(r"[^\u4e00-\u9fff]", "", words)
    if len(words) < 5:
        return "weak_event"
    if _DONE_OF_WHAT.search(body):
        return "weak_event"  # "已办结969条": of what? the clause before named it
    if not _says_something(
        body[: stem.local(start) - stem.offset], body[stem.local(end) - stem.offset :]
    ):
        return "weak_sentence"  # "(全县)246项办实事清单", "A、B等56个重点项目": and then?
    return None


def _says_something(before: str, after: str) -> bool:
    """Whether the words around a figure hold a verb: "246项办实事清单,22项惠民工程" names
    counts and does nothing; a list the figure counts ("A、新建B等56个项目") is no verb of it."""
    listed = before.rfind("等")
    words = before[listed + 1 :] if listed >= 0 else before
    if listed >= 0:  # "确定A、B等56个项目": a verb before the first item; not "新建B" inside
        first = re.sub(rf"^{_PLACE}", "", re.split(r"[、，,]", before)[0])
        words += "|" + first[:2] if VERB.match(first) else ""
    words = re.sub(r"“[^”]*”|《[^》]*》", "", words)
    counted = re.split(r"[，,；;]", after)[0]
    return bool(VERB.search(words) or _HAS_VERB.search(words)) or not _COUNT_NOUN.search(counted)


# A verb of things dealt with, right before the count, names none of them ("已办结969条").
_DONE_OF_WHAT = re.compile(
    r"(?:^|[，,；;]|已|共|均)(?:办结|完成|解决|落实|整改|销号|受理|回复|答复|交办|化解)了?"
    r"\d+(?:\.\d+)?(?:万|亿)?余?[\u4e00-\u9fff%]{0,2}(?=$|[，,；;。])"
)
# What a bare count names, ending its clause with no verb: "246项办实事清单", "22项惠民工程".
_COUNT_NOUN = re.compile(r"(清单|工程|项目|任务|事项|实事|措施|问题|台账|机制|制度|举措)$")


# Verbs a noun phrase of a count lacks ("246项办实事清单"): with one, the clause says something.
_HAS_VERB = re.compile(r"(有|是|为|达|到|进行|开|办结|完成|参加|参与|收集|招聘|确定)")


# Words that pin no name down: what is left of "清华大学发布《____》" past who acts is 发布.
_FILLER = re.compile(
    r"在党史学习教育中|党史学习教育|(?:组织)?(?:开展|举办|举行)了?|活动|[^\u4e00-\u9fff]|____"
)  # "组织开展了“____”活动": words any event's name fits
# A kind of work right by the blank pins it down as well: "策划微电影《____》" is the one film
# the body made; "发布《____》" and "开展“____”活动" could be any.
_WORK_KIND = re.compile(
    r"(微电影|电影|专题片|纪录片|宣传片|话剧|歌曲|舞蹈|读本|专栏|栏目|专刊)[《“]____|____[》”](专栏|栏目)"
)
_MIN_CONTEXT = 8  # fewer characters around a name's blank than this, and any name fits it
# A title of generic words only: 《学习参考资料》, 《工作简报》 name no work a player could know.
_GENERIC_TITLE = re.compile(r"(?:学习|参考|资料|简报|工作|动态|汇编|读本|专刊|快报|信息|material)+")
# A campaign's paperwork every unit writes, named by its unit: no fact of this report's.
_EVERY_UNIT_PLAN = re.compile(
    r"党史学习教育(?:的)?(?:实施|工作|学习)?(?:方案|计划|安排|通知|意见|清单)$"
)
# A channel named beside a national platform ("“学习强国”“____”APP"): a national one too.
_NATIONAL_CHANNEL = re.compile(r"学习强国[”\"]?[“\"]?____[”\"]?(?:APP|App|app|客户端|小程序)")
# National platforms everyone knows: a blank they answer needs no article (“____”APP、LED屏…).
_NATIONAL_PLATFORMS = frozenset(
    {"学习强国", "共产党员网", "人民网", "新华网", "央视频", "抖音", "快手", "微信", "微博"}
)


def open_blank(
    prompt: str, offset: int, name: str, subject: str = "", *, one_of_kind: bool = False
) -> str | None:
    """Why a name's blank is open or its name trivia, or None: the words around it past who acts
    (from `offset`) say too little to pin a name down ("发布《____》", "开展“____”活动"), the
    name is generic words only, a national platform (学习强国) or a national channel listed
    beside 学习强国. `subject`: the article's, no context where the stem's own words name it.
    `one_of_kind`: the noun after the name is named nowhere else in the article (深化“____”品牌
    of its one 品牌)."""
    named = prompt.find(subject) if subject else -1
    if 0 <= named < prompt.find("____"):
        offset = max(offset, named + len(subject))  # the stem's own words name who acts
    context = _FILLER.sub("", prompt[offset:])
    pinned = one_of_kind or _WORK_KIND.search(prompt[offset:])
    if len(context) < _MIN_CONTEXT and not pinned:
        return "open_blank"
    national = re.sub(r"(?i)(?:app|客户端|平台|小程序)$", "", name) in _NATIONAL_PLATFORMS
    if _GENERIC_TITLE.fullmatch(name) or _NATIONAL_CHANNEL.search(prompt) or national:
        return "trivia_blank"
    if _EVERY_UNIT_PLAN.search(name):  # 《市民政局党史学习教育实施方案》: every unit has one
        return "trivia_blank"
    return None


def weak_term_blank(term: str, group: str, after: str) -> str | None:
    """Why a quoted term is no fact to blank, or None: a slogan, a goal or a principle, a word
    that names nothing."""
    kind = group[2:]
    if kind in _NOT_NAMES or SET_PHRASE.search(name_key(term)):
        return "weak_blank"
    if group.startswith("《"):
        return None  # a title names one work
    if kind in NAMES or kind == "channel":
        return None  # 通过“四讲一公开”…: the way the article names
    if _NAME_END.search(term) or _NAME_AFTER.match(after):
        return None
    if DEFINED_COUNT.match(term) and _DEFINES.match(after):
        return None  # "“三化”建设,即学习常态化、…": a name the article spells out
    return "weak_blank"


# A short counted name the sentence goes on to spell out ("“三化”建设,即学习常态化、…").
DEFINED_COUNT = re.compile(r"^[一二三四五六七八九十两百][\u4e00-\u9fff]$")
_DEFINES = re.compile(r"^[\u4e00-\u9fff]{0,4}[,，:：]?(?:即|就是|包括|指)")
