"""Party history a report tells on its way (中共一大 finishing on a boat on 南湖, a veteran who
fought in 抗美援越): asked as history, in the sentence's own words, never as the unit's deed.
Readers of unseen reports named these as the facts most worth asking of a Party-history quiz."""

from __future__ import annotations

import re
from dataclasses import dataclass

from quiz.author.article import AuthorArticle

# A sentence opening with a year of the Party's history before 1950 ("1921年7月,中共一大…").
_OLD_YEAR = re.compile(r"^(?:19[0-4]\d)年(?:\d{1,2}月)?(?:\d{1,2}日)?[，,]")
# A war or a campaign a person took part in: "曾参加过抗美援越战争".
_WAR = re.compile(
    r"参加(?:过|了)?(?P<what>抗美援越|抗美援朝|对越自卫反击|解放|抗日|淮海|辽沈|平津|渡江)"
    r"(?:战争|战役|作战)"
)
# Where the story happened, after the verb that takes it there: "转移到浙江嘉兴南湖".
_PLACE = re.compile(
    r"(?:转移到|来到|到达|抵达|召开于|在)(?:[\u4e00-\u9fff]{2}省?)?"
    r"(?P<what>[\u4e00-\u9fff]{2,4}(?:南湖|湖|山|县|市|镇|村|会址|旧址))(?=[，,。；;]|$|召开|举行)"
)
# A story told by someone in the first person, or pointing back: no stem.
_TOLD = re.compile(r"[我你他她它]|这|该|其")
MAX_STORY = 60


@dataclass(frozen=True, slots=True)
class PastFact:
    stem: str  # the sentence's words, up to the clause the blank is in
    start: int  # the stem's span in the article (its quote)
    end: int
    answer: str
    at: int  # where the answer starts in `stem`


def past_facts(article: AuthorArticle) -> list[PastFact]:
    """The history each sentence tells that a blank can ask: a year's event at a place, or the
    war someone fought in."""
    found: list[PastFact] = []
    text = article.text
    for sentence in article.sentences():
        words = sentence.text
        if text[: sentence.start].count("“") > text[: sentence.start].count("”"):
            continue  # inside someone's words
        story = _OLD_YEAR.match(words)
        if story:
            place = _PLACE.search(words)
            if place is None or place.end() > MAX_STORY:
                continue
            end = _clause_end(words, place.end())
            after = _clause_end(words, end + 1)
            if end < len(words) and after - end <= 24:
                end = after  # "…转移到浙江嘉兴南湖,在一条游船上完成了会议的最后议程": what there
            if _TOLD.search(words[:end]):
                continue
            found.append(PastFact(words[:end], sentence.start, sentence.start + end,
                                  place.group("what"), place.start("what")))  # fmt: skip
            continue
        war = _WAR.search(words)
        if war:
            start = _clause_start(words, war.start())
            end = _clause_end(words, war.end())
            clause = words[start:end]
            who = re.match(
                r"(?:[\u4e00-\u9fff]{0,12}?(?:党员|老兵|退役军人))?[\u4e00-\u9fff]{2,3}曾",
                clause,
            )
            if who is None or _TOLD.search(clause):
                continue
            found.append(PastFact(clause, sentence.start + start, sentence.start + end,
                                  war.group("what"), war.start("what") - start))  # fmt: skip
    return found


def _clause_end(words: str, position: int) -> int:
    stop = re.search(r"[，,。；;！!？?]", words[position:])
    return position + stop.start() if stop else len(words)


def _clause_start(words: str, position: int) -> int:
    stops = [m.end() for m in re.finditer(r"[，,。；;]", words[:position])]
    return stops[-1] if stops else 0
