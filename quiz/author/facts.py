"""What an article states that a question can ask: figures with their unit, quoted terms, lists
of parallel items (、/和), and sequences the text states (第一阶段…第二阶段…, 先后…, “…”的流程)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from quiz.author.article import HEADING_SIZE, AuthorArticle, Span
from quiz.author.confidence import DEFINED_COUNT
from quiz.author.numerals import SCALE, UNIT, to_arabic
from quiz.author.stems import HALF_WIDTH, VERB
from quiz.author.terms import terms_in

FIGURE = re.compile(
    rf"(?<![\d.])(\d+(?:\.\d+)?)((?:{SCALE})?(?:余|多)?(?:{UNIT})|(?:{SCALE})(?:余|多)?)?"
)  # 1200多名: as 1200余名
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)年")  # 1949年至1978年: dates, not counts
_ITEM = r"[\u4e00-\u9fff“”《》·]{2,24}"  # items longer than 12 are refused whole, never cut
_LIST = re.compile(rf"{_ITEM}(?:、{_ITEM}){{1,}}(?:(?:和|及|以及){_ITEM})?")
# 中 ends a list ("…等群体中开展"), but 中心, 中央, 中学 are words
_LIST_END = re.compile(r"(等|和|及|以及|的|方面|中(?!心|央|国|华|学|队|层|共)|，|,|。|$)")
_LIST_VERBS = (
    "提供|开展|采取|通过|聚焦|包括|走进|吸纳|围绕|推出|组建|选派|举办|开设|打造|建成|形成|"
    "推动|(?<!党)组织(?!部)|创排|制作|编印|覆盖|针对|发挥|坚持|涉及|依托|利用|借助|运用|结合|邀请|联合|"
    "携手|会同|面向|被|带进|送进|深入|拍摄|创作|编写|设置有|设有|建有|新建|修建|改建|扩建|将|把|在|对|为(?!民|人民)|由|和|与"
)
_VERB = re.compile(rf"^.*?({_LIST_VERBS})")  # up to the first verb
_LAST_VERB = re.compile(rf"^.*({_LIST_VERBS})")  # up to the last one
_ANY_LAST_VERB = re.compile(rf"^.*({VERB.pattern})")  # any verb a stem knows, as a last resort
# A verb the last item is followed by: "…、市档案馆举办主题展", "…、革命歌谣纳入学习".
_VERB_AFTER = re.compile(
    r"(纳入|列入|融入|举办|开展|参加|参与|进行|联合|共同|走进|深入|担任|组成|作为|成为|参观|开设|推出)"
)
ORDINAL = re.compile(
    r"(第[一二三四五六七八九十]+(?:阶段|步|批|轮|期|环节)|[一二三四五六]是|首先|其次|再次|然后|最后)"
)
# "展览分为“A”“B”“C”五个部分": an exhibition's (a book's, a show's) parts, in their order.
_PARTS_AFTER = re.compile(
    r"^[”》]?(?:等)?[一二三四五六七八九十\d]+(?:个|大)?(?:部分|篇章|板块|单元|展区|章节|幕)"
)
_DIVIDED = re.compile(r"(分为|分成|共分|包括|由)")
_PROCESS_AFTER = re.compile(r"^”?(的)?(工作)?(流程|程序|步骤|环节|闭环)")


@dataclass(frozen=True, slots=True)
class Fact:
    """Something the article states, inside a clause."""

    kind: str  # "figure", "term", "list" or "sequence"
    group: str  # figures: the unit ("万人次"); terms: bracket and kind; lists: "list"
    text: str  # what a player must know: "190场", "初心号"
    core: str  # what is blanked out: "190", "初心号"
    start: int  # article offsets of `core` (of the whole list for lists and sequences)
    end: int
    clause: Span
    items: tuple[str, ...] = ()  # lists and sequences: the items, in the article's order
    run: tuple[int, int] | None = None  # terms written back to back: the span of them all


@dataclass(slots=True)
class Facts:
    found: list[Fact]
    skipped: Counter[str]


def _clause_of(clauses: list[Span], position: int) -> Span | None:
    return next((c for c in clauses if c.start <= position < c.end), None)


def _heading_line(text: str, position: int) -> bool:
    """Whether `position` is on a line of its own that is a part's title: short, no stop."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    line = text[start : end if end >= 0 else len(text)].strip()
    return len(line) <= HEADING_SIZE and not re.search(r"[。！？!?；;]$", line)


def _lead_title(text: str, position: int) -> bool:
    """Whether `position` is in a paragraph's short first sentence that names no one and opens
    with a quoted name or ends on one ("“三组联建”机制建设凝聚发展合力。", "着力…,打造家门口
    便捷“充电站”。" before the paragraph telling it): a part's title run into its paragraph."""
    start = text.rfind("\n", 0, position) + 1
    stop = re.search(r"[。！？!?]", text[start:])
    if stop is None:
        return False
    end = start + stop.end()
    rest = text[end : (text.find("\n", end) + 1 or len(text) + 1) - 1].strip()
    lead = text[start:end].strip()
    if position >= end or len(lead) > LEAD_TITLE or len(rest) <= len(lead):
        return False
    if re.search(r"”[。！]$", lead):
        return True  # "着力先进典型倾心讲,打造家门口便捷“充电站”。": the part's metaphor
    return bool(re.match(r"[“《]", lead)) and not re.search(r"[,，；;]", lead)


LEAD_TITLE = 24  # a paragraph's first sentence this short, with no comma, is its title


def figures(article: AuthorArticle, clauses: list[Span], skipped: Counter[str]) -> list[Fact]:
    found = []
    for clause in clauses:
        for m in FIGURE.finditer(clause.text):
            if clause.text[m.end() - 2 : m.end()] == "周年" and "成立" in clause.text[: m.start()]:
                skipped["set_phrase"] += 1  # 庆祝中国共产党成立100周年: known by all
                continue
            ordinal = clause.text[max(m.start() - 1, 0) : m.start()] == "第"  # 第3章: a place
            if not m.group(2) or ordinal or _YEAR.match(m.group().translate(HALF_WIDTH)):
                skipped["bare_figure"] += 1  # a year, a code: not a fact to ask
                continue
            before = clause.text[: m.start()]
            if before.count("《") > before.count("》") or before.count("“") > before.count("”"):
                skipped["figure_in_name"] += 1  # 《清河红色故事100讲》: part of a name
                continue
            unit = re.sub("余|多", "", m.group(2)).replace("％", "%")
            start = clause.start + m.start(1)
            core = m.group(1).translate(HALF_WIDTH)  # “１２场” is asked as 12场
            text = core + m.group(2).replace("％", "%")
            found.append(Fact("figure", unit, text, core, start, start + len(core), clause))
        for m in _CHINESE_COUNT.finditer(clause.text):  # "“党史夜校”已开办五期"
            start = clause.start + m.start(1)
            arabic = to_arabic(m.group(1))  # asked as 5期, the article's 五 blanked out
            if arabic:
                found.append(Fact("figure", m.group(2), arabic + m.group(2), arabic, start,
                                  start + len(m.group(1)), clause))  # fmt: skip
    return found


# A count in Chinese numerals after 已/共/累计 and a verb: "已开办五期", "累计举办十二场".
# So is how often a deed is done: "每周至少召开一次…学习会".
_CHINESE_COUNT = re.compile(
    r"(?:已|共|累计|(?:每周|每月|每季度|每年|每天|每日)(?:至少|不少于)?)"
    r"(?:开办|举办|开展|召开|推出|完成|播出|刊发|组织)了?([一二三四五六七八九十]{1,3})"
    r"(期|场|次|批|届|轮)"
)


# A short counted name the sentence goes on to spell out ("“三化”建设,即学习常态化、…"): a name
# the article defines, not a label it keeps using.
_DEFINES = re.compile(r"[\u4e00-\u9fff]{0,4}[,，:：]?(?:即|就是|包括|指)")


def terms(article: AuthorArticle, clauses: list[Span], skipped: Counter[str]) -> list[Fact]:
    found = []
    every = terms_in(article.text, article.body_start)
    uses = Counter(term.text for term in every)
    for term in every:
        defined = DEFINED_COUNT.match(term.text) and _DEFINES.match(article.text, term.end + 1)
        if (len(term.text) <= 2 and not defined) or (uses[term.text] >= 3 and len(term.text) <= 4):
            # “两新”, “七一”: a label the article keeps using; a longer name used again and again
            # (“讲党史故事一小时”) is what the report is about
            skipped["label_term"] += 1
            continue
        clause = _clause_of(clauses, term.start)
        if clause is None or not (clause.start <= term.start and term.end <= clause.end):
            continue
        if (
            re.match(r"[一二三四五六七八九十两]+个", term.text)
            and "、" in article.text[clause.start : term.start]
        ):  # "百次学习、…、百件实事“五个一百”活动": the list just read gives the name away
            skipped["counted_list"] += 1
            continue
        if ORDINAL.match(clause.text):
            skipped["heading"] += 1  # "二是“两新组织”党员": asked as a part of a sequence
            continue
        if _heading_line(article.text, term.start) or _lead_title(article.text, term.start):
            skipped["short_stem"] += 1  # "坚持“全面+特色” 实现学习“全覆盖”": a part's title
            continue
        run = term.run if term.run_size >= 2 else None
        items = tuple(term.parts) if term.is_list else ()
        found.append(Fact("term", term.group, term.text, term.text, term.start, term.end,
                          clause, items, run))  # fmt: skip
        if run is not None and term.run_size >= 3 and term.start - 1 == run[0]:  # the run, a list
            marks = [t for t in every if t.run == run]
            texts = tuple(article.text[t.start - 1 : t.end + 1] for t in marks)
            found.append(Fact("list", term.group, "".join(texts), article.text[run[0] : run[1]],
                              run[0], run[1], clause, texts, run))  # fmt: skip
    return found


_HEAD_NOUN = re.compile(
    r"^(宣讲|服务|活动|方式|形式|工作|渠道|领域|群体|区域|方面|问题|项目|要求|目标|理念|精神|作用"
    r"|思路|路径|模式|原则|格局|体系|机制|品牌|理念)"
)


def items_of(segment_text: str) -> list[str] | None:
    """Split a run "提供科普讲座、课业辅导、义诊咨询等" into its items, cutting the words before
    the first item and after the last one (parallel items are usually the same length)."""
    parts = [p for part in segment_text.split("、") for p in _split_and(part)]
    for index in range(1, len(parts) - 1):
        cut = _VERB.sub("", parts[index])
        if cut != parts[index] and len(cut) >= 2:  # "模范人物走进社区": a new list starts
            return items_of("、".join([cut, *parts[index + 1 :]]))
        tail = parts[index].rsplit("的", 1)[-1]
        if tail != parts[index] and len(tail) >= 2:  # "能力强的公务员、思政教员": after 的
            return items_of("、".join([tail, *parts[index + 1 :]]))
    middle = parts[1:-1]
    mode, count = Counter(len(p) for p in middle).most_common(1)[0] if middle else (0, 0)
    if count >= 2:  # "分层次、有重点进企业、进机关、进校园": the list starts at 进企业
        for index, part in enumerate(middle, 1):
            if len(part) > mode and part[-mode] == middle[-1][0]:
                return items_of("、".join([part[-mode:], *parts[index + 1 :]]))
    size = len(middle[0]) if middle and len({len(p) for p in middle}) == 1 else 0
    first, last = parts[0], re.split(r"[“《]", parts[-1])[0]  # "百件实事“五个一百”活动"
    first = re.split(r"[”》]", first)[-1]  # "《…电波》被陕西电视台": after the title
    # "以专题学习、…等方式", "打造一批…": a preposition or a count before the first item
    first = re.sub(r"^(以|从|向|一批|一系列|一些|一大批|多个|多种|各类)(?=..)", "", first)
    for mark in ("的", "及"):  # "评价党史上的重大事件、…", "道路两侧及街道、公园、社区"
        tail = first.rsplit(mark, 1)[-1]
        if tail != first and len(tail) >= 2 and all(len(p) <= len(tail) + 2 for p in middle):
            first = tail
    after_verb = _LAST_VERB.sub("", first)
    longest = max(len(p) for p in middle) if middle else 0
    if after_verb == first and middle and len(first) > longest + 1:  # "聘请省博物馆、…"
        cut = _ANY_LAST_VERB.sub("", first)
        if cut != first and 2 <= len(cut) <= longest + 2:
            first = after_verb = cut
    if len(middle) >= 2 and size and len(first) >= size and len(after_verb) != size:
        first = first[-size:]  # "围绕学习内容分组交流研讨、撰写心得体会、随堂测试": 分组交流研讨
    elif (
        after_verb != first
        and 2 <= len(after_verb) <= 10
        and not (
            _LAST_VERB.match(first).group(1) in "对为在和与" and len(after_verb) < size  # type: ignore[union-attr]
        )
    ):  # "针对老旧小区改造" -> the object; but "对象化" is one word, not 对 + 象化 (被, 将: verbs)
        first = after_verb
    elif size and len(first) >= size and (len(middle) >= 2 or _alike(first[-size:], middle[0])):
        first = first[-size:]  # "广大群众幸福感、获得感", "全体党员学报告、学党章": alike
    elif len(middle) == 1 and len(first) > len(middle[0]) + 2:
        return None  # one middle item is no measure of where the first starts
    rest = last[size:] if size else ""
    short_nouns = size and size <= 3  # "社区、企业、学校、商圈开展…": the verb ends the list
    same_end = size and len({p[-1] for p in middle}) == 1 and last[size - 1 : size] == middle[0][-1]
    ends_early = "等" in last[:size]  # "烈属等群体": the list ends at 等, inside the size
    if size and len(last) >= size and not ends_early and (
            _LIST_END.match(rest) or _HEAD_NOUN.match(rest)
            or (short_nouns and VERB.match(rest)) or same_end):  # fmt: skip  # 幸福感、获得感…
        last = last[:size]
    else:
        last = re.split(r"等|的|方面|共|[一二三四五六七八九十两]+[批个项类种次名支条]", last)[0]
    verb_after = _VERB_AFTER.search(last, 2)
    after_it = parts[-1][verb_after.end() : verb_after.end() + 1] if verb_after else ""
    parallel = verb_after is not None and any(verb_after.group() in p for p in middle)
    if verb_after and after_it not in ("", "等") and not parallel:  # 实地参观等: an item
        last = last[: verb_after.start()]  # "市档案馆举办“…”主题展": the verb is not the item's
    items = [first, *middle, last]
    if len(items) < 3 or any(not 2 <= len(i) <= 12 or re.search(r"\d", i) for i in items):
        return None
    sizes = [len(i) for i in items]
    if min(sizes) <= 2 and max(sizes) >= 6 and len({i[-1] for i in items}) > 1:
        return None  # "实施、课堂呈现方式、区校特色品牌打造": not items of one kind
    return items


def _alike(one: str, other: str) -> bool:
    """Parallel items share their first or last character: 学报告/学党章, 幸福感/获得感."""
    return one[0] == other[0] or one[-1] == other[-1]


def _split_and(part: str) -> list[str]:
    """微党课和网络视频 is two items; 社区和中小学提供… before a list is left whole."""
    pieces = part.split("和")  # not 及: "涉及" is a word
    return pieces if len(pieces) == 2 and all(2 <= len(p) <= 8 for p in pieces) else [part]


def lists(article: AuthorArticle, clauses: list[Span], skipped: Counter[str]) -> list[Fact]:
    found = []
    text = article.text
    for clause in clauses:
        for m in _LIST.finditer(clause.text):
            items = items_of(m.group())
            at = clause.text.find(items[0], m.start()) if items else m.start()
            inside_term = clause.text.count("“", 0, at) > clause.text.count("”", 0, at)
            if items is None or inside_term or any("“" in i or "”" in i for i in items):
                skipped["list_unclear"] += 1
                continue
            first = text.index(items[0], clause.start + m.start())
            last = text.index(items[-1], first) + len(items[-1])
            found.append(Fact("list", "list", "、".join(items), text[first:last], first, last,
                              clause, tuple(items)))  # fmt: skip
    return found


def sequences(article: AuthorArticle, clauses: list[Span]) -> list[Fact]:
    """Sequences the text states: ordinal markers (一是…二是…三是, 首先…其次…最后, 第一阶段…),
    within a paragraph or across the paragraphs they open; numbered headings (一、… 二、…,
    （一）…); 先后 before a list; a slogan of steps named a 流程 or 闭环."""
    text = article.text
    found = [*ordinals(article), *headings(article), *parallel_headings(article), *stages(article)]
    for fact in [*terms(article, clauses, Counter()), *lists(article, clauses, Counter())]:
        after = text[fact.end : fact.end + 8]
        before = text[fact.clause.start : fact.start]
        natural = stage_order(fact.items)
        parts = _PARTS_AFTER.match(after) and _DIVIDED.search(before)
        if fact.items and (_PROCESS_AFTER.match(after) or "先后" in before or natural or parts):
            found.append(Fact("sequence", "process", fact.text, fact.core, fact.start, fact.end,
                              fact.clause, fact.items))  # fmt: skip
    # "广泛征集一批。…精准交办一批。…": parts that are the steps of “征集一批、交办一批”, asked once
    return [f for f in found if not (f.group == "heading" and any(
        o is not f and o.group != "heading" and _same_steps(f.items, o.items) for o in found
    ))]  # fmt: skip


def _same_steps(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    return len(one) == len(other) and all(a in b or b in a for a, b in zip(one, other, strict=True))


# The stages a campaign goes through, in the order any campaign takes them: items each naming
# one, in this order, are a natural sequence (抓学习 → 抓调研 → 抓整改) though no marker says so.
_STAGES = (
    ("动员", "部署", "启动"),
    ("学习", "学", "培训", "备课"),
    ("调研", "走访", "征集", "查摆", "检视", "研讨"),
    ("整改", "交办", "办理", "督办", "落实", "试点"),
    ("销号", "评议", "总结", "推广", "验收", "考核"),
)
_STAGE_HEAD = re.compile(r"^(抓|狠抓|抓好|强化|突出|聚焦|注重|深化|坚持|做好|开展)?")


def stage_order(items: tuple[str, ...] | list[str]) -> bool:
    """Whether every item names one stage, each a later stage than the one before."""
    if len(items) < 3:
        return False
    ranks = []
    for item in items:
        core = _STAGE_HEAD.sub("", item)
        rank = next((r for r, words in enumerate(_STAGES) for w in words if core.startswith(w)), -1)
        if rank < 0:
            return False
        ranks.append(rank)
    return all(a < b for a, b in pairwise(ranks))


def stages(article: AuthorArticle) -> list[Fact]:
    """Sentences opening with parallel stage words ("抓学习,…。抓调研,…。抓整改,…"): the stages
    in the article's order, when that is the order every campaign takes them."""
    text = article.text
    heads: list[tuple[int, str]] = []
    for sentence in article.sentences():
        head = _ITEM_STOP.split(sentence.text)[0].strip()
        if 2 <= len(head) <= 8 and _STAGE_HEAD.match(head).group():  # type: ignore[union-attr]
            heads.append((sentence.start, head))
    found = []
    for index in range(len(heads) - 2):
        run = heads[index : index + 3]
        verbs = {_STAGE_HEAD.match(h).group() for _, h in run}  # type: ignore[union-attr]
        if len(verbs) == 1 and run[-1][0] - run[0][0] <= _GAP * 2:
            items = tuple(h for _, h in run)
            if stage_order(items):
                first, last = run[0][0], run[-1][0] + len(run[-1][1])
                clause = Span(first, last, text[first:last])
                found.append(Fact("sequence", "stages", "、".join(items), clause.text, first,
                                  last, clause, items))  # fmt: skip
    return found


_GAP = 600  # markers further apart than this belong to different sequences
_ITEM_STOP = re.compile(r"[，,；;。：:！？!?\n]")
_HEADING = re.compile(
    r"^[ \t　]*(?:([一二三四五六七八九十]+)、|[（(]([一二三四五六七八九十]+)[)）])[ \t　]*(\S.*)$",
    re.M,
)


def _family(word: str) -> str:
    if word in ("首先", "其次", "再次", "然后", "最后"):
        return "首先"
    return re.sub(r"[一二三四五六七八九十]+", "#", word)  # 一是 -> #是, 第一阶段 -> 第#阶段


def ordinals(article: AuthorArticle) -> list[Fact]:
    text = article.text
    marks = list(ORDINAL.finditer(text, article.body_start))
    runs: list[list[re.Match[str]]] = []
    for mark in marks:
        run = next((r for r in runs if _family(r[-1].group()) == _family(mark.group())
                    and mark.start() - r[-1].end() <= _GAP and r[-1].group() != "最后"
                    and _in_order([*r, mark])), None)  # fmt: skip
        if run is not None:
            run.append(mark)
        elif _in_order([mark]) or mark.group() == "首先":
            runs.append([mark])
    found = []
    for run in runs:
        if len(run) < 3 or (
            run[0].group() == "首先" and run[-1].group() != "最后" and len(run) < 3
        ):
            continue
        items = [_ITEM_STOP.split(text[m.end() : m.end() + 60])[0].strip() for m in run]
        if not all(2 <= len(i) <= 16 for i in items) or len(set(items)) < len(items):
            continue
        first, last = run[0].start(), run[-1].end() + len(items[-1])
        clause = Span(first, last, text[first:last])
        found.append(Fact("sequence", "ordinal", "、".join(items), clause.text, first, last,
                          clause, tuple(items)))  # fmt: skip
    return found


def headings(article: AuthorArticle) -> list[Fact]:
    """Numbered headings (一、… 二、… or （一）…): the parts in the order the article numbers."""
    numerals = "一二三四五六七八九十"
    found = []
    current: list[re.Match[str]] = []
    for match in [*_HEADING.finditer(article.text, article.body_start), None]:
        number = numerals.find(match.group(1) or match.group(2)) if match else -1
        if match is not None and number == len(current):
            current.append(match)
            continue
        if len(current) >= 3:
            items = [_ITEM_STOP.split(m.group(3))[0].strip().rstrip("。") for m in current]
            if all(2 <= len(i) <= 20 for i in items) and len(set(items)) == len(items):
                first, last = current[0].start(3), current[-1].end(3)
                clause = Span(first, last, article.text[first:last])
                found.append(Fact("sequence", "heading", "、".join(items), clause.text, first,
                                  last, clause, tuple(items)))  # fmt: skip
        current = [match] if match is not None and number == 0 else []
    return found


def parallel_headings(article: AuthorArticle) -> list[Fact]:
    """Parts titled on lines of their own that open alike (聚焦“…”,… / 聚焦“…”,… / 聚焦“…”,…):
    the parts in the order the article gives them, though it does not number them."""
    text = article.text
    lines = [
        (m.start(1), m.group(1))
        for m in re.finditer(r"^[ \t　]*(\S[^\n]*?)[ \t　]*$", text[article.body_start :], re.M)
    ]
    titled = [
        (at, line, following)
        for (at, line), (_, following) in pairwise([*lines, (0, "")])  # none for an empty body
    ]
    titles = [(article.body_start + at, line) for at, line, following in titled
              if 4 <= len(line) <= HEADING_SIZE and not re.search(r"[。！？!?；;：:]$", line)
              and not _HEADING.match(line)
              and re.search(r"[。！？!?]$", following)]  # fmt: skip  # a part, not a caption
    found = _lead_sentences(article, lines)
    opening = Counter(line[:2] for _, line in titles)
    for head, count in opening.items():
        parts = [(at, line) for at, line in titles if line.startswith(head)]
        if count < 3 or count != len(parts) or not re.match(r"[\u4e00-\u9fff]{2}", head):
            continue
        items = []
        for _, line in parts:
            before_comma = _ITEM_STOP.split(line)[0].strip()
            items.append(before_comma if len(before_comma) >= 4 else line)
        if all(2 <= len(i) <= 20 for i in items) and len(set(items)) == len(items):
            first, last = parts[0][0], parts[-1][0] + len(items[-1])
            clause = Span(first, last, text[first:last])
            found.append(Fact("sequence", "heading", "、".join(items), clause.text, first, last,
                              clause, tuple(items)))  # fmt: skip
    return found


def _lead_sentences(article: AuthorArticle, lines: list[tuple[int, str]]) -> list[Fact]:
    """Paragraphs led by a short sentence of their own, alike in length (建好红色历史基因库。…
    用活本土资源活教材。… 讲好身边党史故事。…): three or more are the parts, in order."""
    leads = []
    for at, line in lines:
        lead = re.match(r"([\u4e00-\u9fff]{4,12})。(?=\S)", line)  # not “一领”…“两用”: numbered
        if lead:
            leads.append((article.body_start + at, lead.group(1)))
    sizes = [len(lead) for _, lead in leads]
    items = [lead for _, lead in leads]
    if len(leads) < 3 or max(sizes) - min(sizes) > 3 or len(set(items)) != len(items):
        return []
    first, last = leads[0][0], leads[-1][0] + len(items[-1])
    clause = Span(first, last, article.text[first:last])
    return [Fact("sequence", "heading", "、".join(items), clause.text, first, last, clause,
                 tuple(items))]  # fmt: skip


def _in_order(marks: list[re.Match[str]]) -> bool:
    """一是, 二是, 三是 (or 第一…第二…), each once, in that order."""
    words = [m.group() for m in marks]
    if words[0] == "首先":
        return len(set(words)) == len(words) and "最后" not in words[:-1]
    numbers = [next((n for n, d in enumerate("一二三四五六七八九十") if d in m.group()), -1)
               for m in marks]  # fmt: skip
    return numbers == list(range(len(numbers)))


def facts_of(article: AuthorArticle) -> Facts:
    clauses = [c for c in article.clauses() if len(c.text) >= 4]
    skipped: Counter[str] = Counter()
    found = [
        *figures(article, clauses, skipped),
        *terms(article, clauses, skipped),
        *lists(article, clauses, skipped),
    ]
    found.sort(key=lambda fact: fact.start)
    return Facts([*found, *sequences(article, clauses)], skipped)


# What a list's items are, by their last words: a wrong option is of the same kind as the right
# ones (places for places, never 党校教师 among 田间地头、农家院落、村头广场).
_ITEM_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("person", re.compile(
        r"(员|人|者|师|干部|军人|党员|学生|代表|群众|模范|老兵|乡贤|能人|专家|教授|名嘴|书记|常委|"
        r"老干部|青年|少年|儿童|老人|职工|工人|农民|志愿者|委员|领导|同志|家属|烈属|户)$")),
    ("media", re.compile(r"(电视台|广播电台|日报|晚报|报社|新闻网|融媒体中心|客户端|学习强国)$")),
    ("body", re.compile(  # 市委党校, 县延安精神研究会, 市档案馆: who can join in, host, invite
        r"(党校|研究会|协会|学会|商会|联合会|委员会|研究室|研究院|档案馆|纪念馆|博物馆|图书馆|文化馆|"
        r"史志办|融媒体中心|电视台|广播电视台|[^党]委|局|办)$")),
    ("place", re.compile(
        r"(地头|院落|广场|社区|企业|学校|校园|村|镇|乡|机关|农村|街道|楼宇|园区|商圈|市场|单位|"
        r"基地|馆|公园|站|点|景点|中心|车间|工地|家庭|课堂|遗址|旧址|故居|会址|纪念碑|陵园|场所)$")),
    ("activity", re.compile(
        r"(宣讲|讲座|比赛|竞赛|大赛|活动|展览|展|演出|会|学习|研讨|调研|培训|服务|咨询|辅导|诵读|"
        r"直播|视频|专栏|文章|党课|讲堂|课程|读书|观影|参观|走访|座谈|演讲|慰问|义诊)$")),
)  # fmt: skip


def item_kind(item: str) -> str:
    return next((kind for kind, pattern in _ITEM_KINDS if pattern.search(item)), "")
