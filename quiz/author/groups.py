"""A leading group (领导小组) the article says was set up, who heads it and where its office
is: facts an editor asks ("由县委书记担任组长", "在县委宣传部设…领导小组办公室"), which the
figure, name and list drafts never reach (no figure, no quotation marks, no list)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from quiz.author.article import AuthorArticle

# "由县委书记担任组长": who heads it (a post, two to eight characters, no one's name).
_HEAD = re.compile(r"由(?P<who>[\u4e00-\u9fff]{2,8}?)(?:担任|任|为)组长")
# "…为成员的县委…暨党史学习教育领导小组": the group's name, after the last 的 or 暨.
_GROUP = re.compile(r"(?P<name>[\u4e00-\u9fff“”]{2,40}?领导小组)(?!办公室)")
# "在县委宣传部设(立)党史学习教育领导小组办公室", "领导小组办公室设在县委宣传部".
_OFFICE = re.compile(
    r"在(?P<at>[\u4e00-\u9fff]{3,10}?)(?:设立|设置|设)了?(?P<office>[\u4e00-\u9fff]{0,16}领导小组办公室)"
)
_OFFICE_IN = re.compile(
    r"(?P<office>[\u4e00-\u9fff]{0,16}领导小组办公室)设在(?P<at>[\u4e00-\u9fff]{3,10}?)(?=[，,。；;]|$)"
)
# Posts a player could know from the article alone: a head of the place or body, not a name.
_POST = re.compile(r"(书记|县长|市长|区长|镇长|乡长|局长|主任|院长|校长|厅长|部长|主席)$")
# Where an office sits: a body (宣传部, 组织部, 县委办公室), not a place.
_SEAT = re.compile(r"(部|办公室|委|局|办|室|处|中心)$")


@dataclass(frozen=True, slots=True)
class GroupFact:
    """One fact of a leading group: who heads it ("head") or where its office is ("office")."""

    kind: str  # "head" or "office"
    answer: str  # "县委书记", "县委宣传部"
    group: str  # the group's name as the article gives it, shortened past 暨
    office: str  # the office's name (for "office")
    start: int  # article offsets of the answer
    end: int
    sentence: tuple[int, int]  # article offsets of the sentence


def group_facts(article: AuthorArticle) -> list[GroupFact]:
    """Every leading group's head and office the article states, in its order."""
    found: list[GroupFact] = []
    text = article.text
    for sentence in article.sentences():
        if "领导小组" not in sentence.text:
            continue
        bounds = (sentence.start, sentence.end)
        head = _HEAD.search(sentence.text)
        named = [m for m in _GROUP.finditer(sentence.text) if not head or m.start() > head.end()]
        group = _short_group(named[0].group("name")) if named else ""
        if head and group and _POST.search(head.group("who")):
            start = sentence.start + head.start("who")
            found.append(GroupFact("head", head.group("who"), group, "", start,
                                   start + len(head.group("who")), bounds))  # fmt: skip
        office = _OFFICE.search(sentence.text) or _OFFICE_IN.search(sentence.text)
        if office and _SEAT.search(office.group("at")):
            start = sentence.start + office.start("at")
            name = office.group("office") or "领导小组办公室"
            found.append(GroupFact("office", office.group("at"), group, name, start,
                                   start + len(office.group("at")), bounds))  # fmt: skip
    return sorted(found, key=lambda f: f.start) if text else []


def _short_group(name: str) -> str:
    """The group's own name: past "的" and "暨" (县委庆祝…活动暨党史学习教育领导小组:
    党史学习教育领导小组)."""
    name = re.split(r"[的暨]", name)[-1]
    return name if len(name) >= 4 else ""
