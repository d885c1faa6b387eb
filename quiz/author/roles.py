"""Who a report names in a role no figure, quotation mark or list marks: the guest invited to
speak ("邀请县委党校高级讲师潘某到镇作…讲座"), the branch that organised an event ("本次义诊
活动由医院离退休二党支部负责组织"), a restored site's own name ("…县委旧址永昌居") and the
place said to be the first of its kind ("…村是粤东最早…的革命老区"). An editor asks these; the
other drafts never reach them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from quiz.author.article import AuthorArticle
from quiz.author.stems import VERB

# The guest's post, then a name of two or three characters, then what the guest came to do.
_GUEST = re.compile(
    r"(?:邀请|特邀|邀|聘请)[\u4e00-\u9fff]{0,12}?(?:讲师|教授|研究员|专家|馆长|院长|校长|主任|"
    r"书记|老师|宣讲员|作家)(?P<who>[\u4e00-\u9fff]{2,3}?)(?=到|来|莅临|走进|为|作|给|赴|进行)"
)
# Who held an event for others: "志愿者小蓝为村里的小朋友举办了一场党史读书会".
_HOST = re.compile(
    r"(?:志愿者|讲解员|宣讲员|老党员|讲师|教授)(?P<who>[\u4e00-\u9fff]{2,3}?)(?=为|给|向)"
    r"[^，,。；;]{2,20}?(?:举办|开展|讲述|讲授|上了|作了)"
)
# Who organised an event: "由…党支部负责组织", "由…中心主办", the unit before the verb.
_ORGANISER = re.compile(
    r"由(?P<who>[\u4e00-\u9fff]{3,16}?(?:党支部|党总支|支部|党委|委员会|工会|团委|中心|办公室|部|科))"
    r"(?:负责)?(?:组织|主办|牵头)"
)
# A site's own name after what it was ("…县委旧址永昌居", "…支部成立旧址普善堂").
_SITE = re.compile(
    r"(?:旧址|故居|遗址)(?!群)(?P<who>[\u4e00-\u9fff]{1,3}?(?:居|堂|祠|楼|宅|庐|屋|寺|庙|园|馆|第))"
    r"(?![\u4e00-\u9fff]?(?:旧址|遗址))"
)
# A red site the unit went to, by its own name: "走进孟良崮纪念馆、红嫂纪念馆", "前往张集镇红九军
# 二十七师纪念地". The places above it (张集镇) stay in the prompt; the name is the fact: the
# report's Party history, which a reader asks for where figures of the visit are trivia.
_VISITED = re.compile(
    r"(?:前往|走进|参观|瞻仰|来到|赴|走访|寻访|到)(?:了)?"
    r"(?:(?:北京|天津|上海|重庆)(?!市)|[\u4e00-\u9fff]{2,4}?(?:省|市|县|区|镇|乡|村))*"
    r"(?P<who>[\u4e00-\u9fff]{2,10}?)"
    r"(?=(?:战役|革命|烈士)?(?:纪念馆|纪念地|纪念碑|纪念园|陵园|旧址|会址|故居|遗址)(?!群))"
)
# A place the sentence opens with, said to be the first or only one of its kind: "…镇…村是粤东
# 最早建立地下党组织…的革命老区".
_FIRST = re.compile(
    r"^(?P<who>[\u4e00-\u9fff]{2,10}?(?:村|镇|乡|县|区|市|社区|街道|馆))是"
    r"[^，,。；;]{0,12}?(?:最早|首个|首家|第一个|唯一)"
)
# Who speaks, named with a post that names its body: "…。”礼县档案馆馆长薛某说", "阳光社区党支部
# 书记郭某介绍". The post opens its clause, so it is the body's whole name.
_SPEAKER = re.compile(
    r"(?:^|(?<=[”，,。：:；;]))(?P<post>[\u4e00-\u9fff]{2,12}?(?:馆|社区|村|镇|乡|街道|县|区|市|局|院|校|"
    r"中心|支部|党委)[\u4e00-\u9fff]{0,4}?(?:馆长|书记|主任|院长|校长|局长|所长|站长|会长|队长))"
    r"(?P<who>[\u4e00-\u9fff]{2,3}?)(?=说|介绍|表示|告诉)"
)
# Who chaired a meeting the sentence names: "(学院党委)召开党史学习教育动员大会,…,会议由谢某书记
# 主持". `host` is who held it, as the sentence names them.
_CHAIR = re.compile(
    r"(?P<host>[\u4e00-\u9fff]{0,12}?)召开(?:了)?(?P<event>[\u4e00-\u9fff]{2,16}?(?:大会|会议|座谈会|推进会|部署会))"
    r"[^。；;]*?(?:会议|大会)?由(?P<who>[\u4e00-\u9fff]{2,3}?)"
    r"(?P<post>书记|副书记|院长|校长|局长|主任|县长|区长|市长|镇长|部长)主持"
)
# Words that are no one's name after a post: "专家团队", "老师们"; and no site's own name
# (瞻仰烈士纪念碑: every county has one).
_NO_NAME = re.compile(
    r"^(团队|们|代表|一行|等人|团|组)|^(烈士|革命|红色|当地|本地|英雄|人民英雄|抗战|抗日|红军)$"
)


@dataclass(frozen=True, slots=True)
class RoleFact:
    kind: str  # "guest", "organiser", "site", "visited", "first", "speaker" or "chair"
    answer: str
    start: int  # article offsets of the answer
    end: int
    post: str = ""  # a speaker's post (礼县档案馆馆长); a chair's host|meeting|post


def role_facts(article: AuthorArticle) -> list[RoleFact]:
    """Every invited speaker's name, event organiser and site name the article states, in its
    order."""
    found: list[RoleFact] = []
    named: set[str] = set()
    for sentence in article.sentences():
        for kind, pattern in (
            ("guest", _GUEST),
            ("guest", _HOST),
            ("organiser", _ORGANISER),
            ("site", _SITE),
            ("visited", _VISITED),
            ("first", _FIRST),
            ("speaker", _SPEAKER),
            ("chair", _CHAIR),
        ):
            for match in pattern.finditer(sentence.text):
                who = match.group("who")
                if _NO_NAME.match(who) or VERB.search(who) or who in named:
                    continue  # a site is asked where the article first names it
                named.add(who)
                start = sentence.start + match.start("who")
                post = match.group("post") if kind in ("speaker", "chair") else ""
                if (
                    kind == "chair"
                ):  # held by, the meeting, and the chair's post: "学院党委|…大会|书记"
                    post = "|".join((match.group("host"), match.group("event"), post))
                found.append(RoleFact(kind, who, start, start + len(who), post))
    return sorted(found, key=lambda f: f.start)
