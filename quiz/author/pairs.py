"""Paragraphs led by parallel sentences that pair a way with a name (丰富载体做“加法”。…
创新工作做“减法”。… 借力网络做“乘法”。…): each way belongs to its own name, so one pair is asked
as a single choice among all the ways, and the others are surely wrong."""

from __future__ import annotations

import re
from dataclasses import dataclass

from quiz.author.article import AuthorArticle

# "<way><verb>“<name>”。" opening a paragraph: 丰富载体 + 做 + 加法; “三查”跟进 + 做 + 除法.
_LEAD = re.compile(
    r"[ \t　]*(?![一二三四五六七八九十]是|第)"  # 一是打造身边的“…”: a numbered point
    r"(?P<way>(?:“[\u4e00-\u9fff]{1,4}”)?[\u4e00-\u9fff]{2,6}?)(?P<verb>[^\W\d_的之])"
    r"“(?P<name>[^“”\n]{1,6})”[。！]"
)
_FEWEST, _MOST = 3, 6


@dataclass(frozen=True, slots=True)
class LeadPair:
    """One pair asked: its way (the answer), the ways of its siblings, where it stands."""

    way: str
    verb: str
    name: str
    ways: tuple[str, ...]  # every way of the run, in the article's order
    start: int  # article offsets of the lead sentence, without its full stop
    end: int


def lead_pairs(article: AuthorArticle) -> list[LeadPair]:
    """The middle pair of each run of three to six paragraphs led alike (same verb, names all
    different), or nothing."""
    text = article.text
    leads = []
    at = article.body_start
    for line in text[article.body_start :].split("\n"):
        found = _LEAD.match(line)
        if found:
            leads.append((at + found.start("way"), at + found.end() - 1, found))
        at += len(line) + 1
    pairs = []
    for verb in {m.group("verb") for _, _, m in leads}:
        run = [(s, e, m) for s, e, m in leads if m.group("verb") == verb]
        names = {m.group("name") for _, _, m in run}
        ways = tuple(m.group("way") for _, _, m in run)
        if not _FEWEST <= len(run) <= _MOST or len(names) < len(run) or len(set(ways)) < len(run):
            continue
        start, end, middle = run[len(run) // 2]
        pairs.append(LeadPair(middle.group("way"), verb, middle.group("name"), ways, start, end))
    return sorted(pairs, key=lambda p: p.start)
