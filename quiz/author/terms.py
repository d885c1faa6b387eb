"""Quoted terms of an article (“…” names, 《…》 titles) and what kind of thing each names, so a
distractor is always a term of the same kind: a team for a team, a platform for a platform."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from quiz.text.names import normal_name

TITLE = re.compile(r"《([^《》]{2,40})》")
QUOTED = re.compile(r"“([^“”]{2,30})”")

# Kinds, recognised by the words right after the term (its head noun) or the term's own ending.
# The first rule that matches wins; order matters ("宣讲团" is a team before "团" anything else).
_AFTER: tuple[tuple[str, str], ...] = (
    ("principle", r"(的)?(工作)?(原则|机制|流程|程序|思路|理念|模式|要求|方针|制度|闭环)"),
    ("team", r"(志愿服务|志愿|宣讲|实践|服务|工作|突击|青年)?(团|队|小组|工作组)"),
    (
        "platform",
        r"(线上线下|线上|线下|网络|网上)?(平台|客户端|小程序|公众号|网站|专栏|热线|驿站|APP|App|app)",
    ),
    ("place", r"(线路|专线|专列|基地|展区|校史馆|纪念馆|书屋|阵地|站|馆|园)"),
    ("award", r"(奖|称号|荣誉|家庭|标兵|先进|模范)"),
    ("device", r"(设备|装置|终端|系统)"),
    (
        "event",
        r"(主题)?(系列)?(活动|班会|比赛|竞赛|大赛|挑战赛|合唱|诵读|读书|共读|分享会|会|讲堂"
        r"|课堂|课|党课|直播|专题|行动|工程|计划|项目)",
    ),
    ("brand", r"(品牌|工作品牌|德育品牌)"),
)
_OWN_END: tuple[tuple[str, str], ...] = (
    ("team", r"(?<!掉)(团|队)$"),
    ("platform", r"(平台|驿站|客户端|发布)$"),
    ("event", r"(会|赛|课堂|讲堂|活动)$"),
    ("place", r"(号|线路|专线)$"),
)
# Further into the words after the term: "等学校思想政治品牌工作" names brands.
_HEAD: tuple[tuple[str, str], ...] = (
    ("brand", r"品牌"),
    ("form", r"(形式|方式|载体)"),
    ("event", r"(活动|班会|比赛|大赛|讲堂)"),
    ("place", r"(线路|专线|基地)"),
    ("team", r"(宣讲团|宣讲队|志愿队|实践团)"),
)
_BEFORE: tuple[tuple[str, str], ...] = (
    ("principle", r"(坚持|按照|实行|做到|突出|遵循)$"),
    ("channel", r"(通过|采取|依托)$"),
    ("goal", r"让[\u4e00-\u9fff]{0,6}$"),
    ("award", r"(评选|评出|授予|命名|荣获)$"),
    ("event", r"(举办|开展)$"),
)
_TITLE_AFTER: tuple[tuple[str, str], ...] = (
    ("exhibit", r"(等)?(原创)?(展览|展陈|专题展|陈列)"),
    ("stage", r"(等)?(原创)?(红色题材)?(校史剧|话剧|小戏小品|戏剧|剧|小品|歌曲|之歌|作品|节目)"),
    ("screen", r"(等)?(电影|纪录片|微视频|短视频|专题片|(微党课)?视频)"),
    ("print", r"(等)?(校本)?(教材|手册|口袋书|读本|画册|书|地图|图册|丛书)"),
)
_TITLE_BEFORE: tuple[tuple[str, str], ...] = (
    ("screen", r"(电影|纪录片|专题片|微视频|短视频|宣传片)$"),
    ("stage", r"(话剧|编排|创排)$"),
    ("exhibit", r"(展览|展陈)$"),
    ("print", r"(编写|编印|出版|推出)$"),
)
_OWN_TITLE: tuple[tuple[str, str], ...] = (
    ("exhibit", r"(展陈|展览)$"),
    ("print", r"(地图|手册|读本|教材)$"),
)


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # without its marks
    title: bool  # 《…》 rather than “…”
    kind: str  # "team", "platform", "print", … or "" when unknown
    start: int  # offset of `text` in the article
    end: int
    run: tuple[int, int] = (0, 0)  # the span of the terms written back to back with this one
    run_size: int = 1

    @property
    def group(self) -> str:
        """Terms are only ever swapped for terms of the same group."""
        return ("《》" if self.title else "“”") + (self.kind or "?")

    @property
    def is_list(self) -> bool:
        """A slogan of parallel parts: “征集一批、交办一批、督办一批、销号一批”."""
        return len(self.parts) >= 3

    @property
    def parts(self) -> list[str]:
        return [p for p in re.split(r"[、，,]", self.text) if p]


def _first(rules: tuple[tuple[str, str], ...], text: str, *, at_start: bool) -> str:
    for kind, pattern in rules:
        if (re.match if at_start else re.search)(pattern, text):
            return kind
    return ""


def kind_of(text: str, title: bool, before: str, after: str) -> str:
    """What a term names, from the words around it (`before` ends where the term's mark
    opens, `after` starts where it closes)."""
    after = re.sub(r"^(等|及|和|与)", "", re.split(r"[，。、；,;：:\d]", after)[0])
    if title:
        return (
            _first(_TITLE_AFTER, after, at_start=True)
            or _first(_TITLE_BEFORE, before, at_start=False)
            or _first(_OWN_TITLE, text, at_start=False)
        )
    if len(re.split(r"[、，,]", text)) >= 2:
        return "principle"
    if before.endswith("\n") or not before or re.search(r"[一二三四五六]是$", before):
        return "heading"  # “聚焦一老一小”织密服务网络: a part of the article
    if before.endswith("以") and re.match(r"的?(形式|方式)", after):
        return "channel"  # 以“板凳课堂”的形式宣讲: the way the article names, asked by a blank
    if after.startswith("的") and not _first(_OWN_END, text, at_start=False):
        return ""  # "形式多样“有新意”的学习活动": words in quotes, not a name
    return (
        _first(_AFTER, after, at_start=True)
        or _first(_BEFORE, before, at_start=False)
        or _first(_OWN_END, text, at_start=False)
        or _first(_HEAD, after, at_start=False)
    )


def terms_in(text: str, start: int = 0) -> list[Term]:
    """Every term from `start` on, in order; “…” inside a 《…》 title is part of the title.
    Terms written back to back (“A”“B”“C”等德育品牌) share the kind named after the last."""
    titles = list(TITLE.finditer(text, start))
    spans = [(m.start(), m.end()) for m in titles]
    marked = titles + [
        m for m in QUOTED.finditer(text, start) if not any(a <= m.start() < b for a, b in spans)
    ]
    marked.sort(key=lambda m: m.start())
    found: list[Term] = []
    run: list[re.Match[str]] = []
    for index, m in enumerate(marked):
        run.append(m)
        following = marked[index + 1] if index + 1 < len(marked) else None
        if following is not None and following.start() == m.end():
            continue
        first, last = run[0], run[-1]
        before = text[max(0, first.start() - 8) : first.start()]
        after = text[last.end() : last.end() + 12]
        for item in run:
            title = item.re is TITLE
            kind = kind_of(item.group(1), title, before, after)
            found.append(Term(item.group(1), title, kind, item.start(1), item.end(1),
                              (first.start(), last.end()), len(run)))  # fmt: skip
        run = []
    return _same_kind_everywhere(found)


def _same_kind_everywhere(found: list[Term]) -> list[Term]:
    """A term keeps the kind its clearest mention gives it ("组织“两团多队”开展…" says little,
    "…“两团多队”宣讲团" would say more)."""
    kinds: dict[str, str] = {}
    for term in found:
        if term.kind and term.kind != "heading":
            kinds.setdefault(term.text, term.kind)
    return [replace(t, kind=kinds.get(t.text, t.kind)) for t in found]


_NAME_NOISE = re.compile(r"[\s·•・‧∙\-—_“”\"'《》「」『』（）()]")


def name_key(text: str) -> str:
    """A name as names are compared: 冀云围场, 冀云·围场, 冀云 围场 and ｛full width｝ are one
    (quiz.text.names.normal_name, then dots, spaces, dashes and marks dropped, case folded)."""
    return _NAME_NOISE.sub("", normal_name(text)).casefold()
