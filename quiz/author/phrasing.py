"""The words derive reads an article by: how a list is named, slogans every reader knows,
clauses that only say how, the kinds of names a false statement may swap."""

from __future__ import annotations

import re

# Where the words naming a list end: a figure, a comma, a count ("三批次").
HEAD_END = re.compile(r"\d|，|,|[一二三四五六七八九十两]+[批个项类种次名支条]")
# A list with no words naming it after, named after its verb: "走进…" places, "通过…" means.
NOUN_OF_VERB = {"通过": "方式", "采取": "方式", "走进": "地方", "聚焦": "方面", "围绕": "方面"}
# Slogans every reader knows whatever the article says: a blank in them tests nothing of it.
SET_PHRASE = re.compile(
    "学党史、?悟思想|办实事、?开新局|学史明理|学史增信|学史崇德|学史力行|不忘初心|牢记使命"
    "|学党史、?强信念、?跟党走|听党话、?感党恩、?跟党走|入脑入心|走深走实"
    "|^(?:[\u4e00-\u9fff]{3}[、，, ]?){1,3}(?:永远)?跟党走$"  # 学党史颂党恩永远跟党走: stock parts
    # 我为师生办实事, 为职工办实事: the campaign's 我为群众办实事, retold
    "|^飞入寻常百姓家$|^(我?为[\u4e00-\u9fff]{2,4}|学党史[、，, ]?)办实事$"
    "|^最好的(教科书|清醒剂|营养剂)$"
    "|成立100周年"
    # an occasion every reader knows from the date: 庆“七·一”, 庆祝“五一劳动节”
    "|^(七[·•.]?一|五[·•.]?一|五[·•.]?四|十[·•.]?一|八[·•.]?一)(劳动节|青年节|建党节|建军节|国庆节)?$"
    "|^(奋进新征程|建功新时代|启航新征程|赓续红色血脉|喜迎二十大)$"
    "|^(党史学习教育|三会一课|主题党日|两学一做|四史|红色基因|论中国共产党历史|中国共产党简史)$"
    "|^(急难愁盼|马上就办|第一议题|学四史|根据地)$"
    "|^[\u4e00-\u9fff]{2,4}进万家$"  # 文化进万家, 送戏进万家: stock campaign names
    "|^(永远跟党走|奋斗百年路|启航新征程|党旗在基层一线高高飘扬|百年恰是风华正茂)$"
    # a campaign's stock activity, named by no one in particular: “党史学习教育在线答题”
    "|^(党史学习教育|党史|学习教育|四史)(主题)?(在线|线上|网上)?(知识)?(答题|竞赛|测试|问答|学习)$"
    "|(创新|协调|绿色|开放|共享)、(创新|协调|绿色|开放|共享)、(创新|协调|绿色|开放|共享)"
    "|(积极性|主动性|创造性)、(积极性|主动性|创造性)、(积极性|主动性|创造性)"
    "|(获得感|幸福感|安全感)、(获得感|幸福感|安全感)、(获得感|幸福感|安全感)"
    "|(对象化|分众化|大众化|互动化|多样化)、(对象化|分众化|大众化|互动化|多样化)、"
    "(对象化|分众化|大众化|互动化|多样化)"
    "|进(机关|企业|农村|校园|社区|军营|家庭|网络)、进(机关|企业|农村|校园|社区|军营|家庭|网络)"
)
# Kinds of terms that name one thing, so another of the kind in its place is surely false.
NAMES = {"team", "platform", "place", "award", "print", "screen", "stage", "exhibit", "event",
         "brand", "device"}  # fmt: skip
# A clause that only says how or by what: the sentence has not said what was done yet.
ONLY_HOW = re.compile(
    r"(通过|依托|按照|围绕|针对|借助|利用|结合|坚持|以)[^，,；;]*"
    r"(渠道|方式|形式|载体|途径|原则|要求|特点|实际|为主题|为单位|为依托|平台|小组|流程|机制"
    r"|思路|活动|问题)$"
)
# The noun a run of titles follows: "拍摄党史专题片《A》《B》《C》" asks 拍摄哪些党史专题片.
TITLES_NOUN = re.compile(
    r"(党史|红色|原创)?(专题片|纪录片|电影|微视频|短视频|宣传片|话剧|歌曲|展览|教材|读本|丛书|图书)$"
)
# What a clause after a list of means serves: "…等方式,推动…".
PURPOSE = re.compile(r"(推动|让|使|引导|实现|确保|助力|营造|推进|促进|带动|学习)")
# A verb a list can follow with no noun after it, the list being what it asks.
ASKS_WHAT = re.compile(r"(走进|包括|提供|开展|采取|通过|聚焦|围绕|针对|推出|形成|产生|涵盖|覆盖)$")
