"""Draft questions from any Chinese article, for an author to review.

Each fact the article states (see `facts.py`) gets one question, in the words of the article
from the start of its sentence, so the prompt carries its subject:
- a figure: a single choice among the article's other figures of the same unit, or a fill
  blank that takes the figure in Arabic or Chinese numerals, with or without its unit;
- a quoted term: a single choice among terms of the same kind (teams, platforms, titles, …),
  or a fill blank (one part of a slogan of parallel parts);
- a list of parallel items (、/和): a multiple choice, wrong options taken from other lists;
- a sequence the text states: an order question;
and some facts are stated instead of blanked: as the article states them (true) or with one
figure or name changed to a plausible wrong value (false; see `falsify.py`). No draft gives
another away (`reveal.py`). Drafts quote their span verbatim and carry `draft: true`: players
never see them until an author has reviewed them.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property

from quiz.author.article import AuthorArticle, Span
from quiz.author.canon import CanonFact, canon_facts
from quiz.author.confidence import (
    UNNAMED,
    history,
    incomplete,
    open_blank,
    weak_figure_stem,
    weak_sentence,
    weak_stem,
    weak_term_blank,
)
from quiz.author.facts import ORDINAL, Fact, facts_of, item_kind, stage_order
from quiz.author.falsify import wrong_figure
from quiz.author.groups import GroupFact, group_facts
from quiz.author.numerals import figure_variants, name_variants, unit_after
from quiz.author.pairs import LeadPair, lead_pairs
from quiz.author.past import PastFact, past_facts
from quiz.author.phrasing import (
    ASKS_WHAT,
    HEAD_END,
    NAMES,
    NOUN_OF_VERB,
    ONLY_HOW,
    PURPOSE,
    SET_PHRASE,
    TITLES_NOUN,
)
from quiz.author.reveal import without_giveaways
from quiz.author.roles import RoleFact, role_facts
from quiz.author.stems import (
    NOW_LEAD,
    TIME,
    VERB,
    Stem,
    display,
    in_full,
    named_branch,
    named_thing,
    owned,
    sentence_subject,
    stem_for,
    subject_of,
    tidy,
    unglued,
)
from quiz.author.terms import name_key
from quiz.bank.text import normalise_answer
from quiz.text.script import simplified

Draft = dict[str, object]
TRUE_EVERY = 5  # one fact in five is a true statement
FALSE_EVERY = 2  # and one in two of the rest that would be blanks, a false one
MAX_FILL = 12  # a longer term is asked by a part of it, or as a choice
LONG_LEAD = 40  # a sentence announcing a sequence is shown by its last clause past this
MAX_TYPED = 14  # a longer name is not asked by a blank: no one types it right


@dataclass(slots=True)
class Derived:
    drafts: list[Draft] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)


def draft_id(*parts: str) -> str:
    return "draft-" + hashlib.sha1("|".join(parts).encode()).hexdigest()[:10]


def _shuffled_pairs(pairs: list[tuple[int, str]], seed: str) -> list[tuple[int, str]]:
    return sorted(pairs, key=lambda p: hashlib.sha1(f"{seed}|{p[1]}".encode()).hexdigest())


def _shuffled(options: list[str], seed: str) -> list[str]:
    """A fixed order that does not put the answer first by habit (exports keep file order)."""
    return sorted(options, key=lambda o: hashlib.sha1(f"{seed}|{o}".encode()).hexdigest())


class Drafter:
    def __init__(self, article: AuthorArticle, section: str, everything: bool = False) -> None:
        self.article = article
        self.everything = everything  # also the drafts derive is not sure of, marked 待定
        self.section = section
        self.subject = subject_of(article)
        title = re.sub(r"^【[^】]*】", "", article.title)
        if (
            _EVERY_UNIT_HAS.fullmatch(self.subject)
            or _BARE_LEVEL.match(self.subject)
            or (not self.subject and _BARE_LEVEL.match(title))
        ):
            # "机关党委" of a university the page never names, "县教育局支部"/"市人民医院" of a
            # county or a city it never names: of whom? Only stems naming a place themselves.
            self.subject = ""
            self.unnamed = True
        else:
            # "我区开展…" and no place named: no stem can say whose, unless it names a place
            self.unnamed = not self.subject and bool(UNNAMED.search(article.text))
        found = facts_of(article)
        self.facts = found.found
        self.result = Derived(skipped=found.skipped)
        self.seen: set[tuple[object, ...]] = set()
        self.judges = 0
        self.statements = 0
        self.swapped_in: set[str] = set()
        self.listed: set[tuple[int, int]] = set()  # runs of terms asked as a whole
        self.asked: set[str] = set()  # terms asked already
        self.parallels: set[tuple[int, str]] = (
            set()
        )  # sentences of parallel names, by the word after
        self.counted: set[str] = set()  # figures asked already, with what they count ("246项办实")
        self.figures = {f.core for f in self.facts if f.kind == "figure"}

    # -- output ------------------------------------------------------------------------------

    def add(
        self,
        kind: str,
        fact: Fact,
        prompt: str,
        quote: str | list[str],
        weak: str | None = None,
        **fields: object,
    ) -> None:
        """A draft, unless derive is not sure of it (`weak` says why) and was not asked for
        every draft: then it is counted as skipped, for that reason."""
        weak = weak or _prompt_weakness(kind, fact.kind, prompt, unnamed=self.unnamed)
        if kind == "single" and not weak:
            weak = _echoed(fields.get("answer"), fields.get("options"), prompt)
        if weak and not self.everything:
            self.result.skipped[weak] += 1
            return
        prompt = _undoubled(_unspaced(tidy(prompt)), self.subject)
        if self.yesterday and "昨日" in prompt:  # "2021年，…居委会昨日在…": the byline's day before
            prompt = re.sub(r"^\d{4}年，", "", prompt).replace("昨日", self.yesterday, 1)
        prompt = re.sub(r"(?<=[了与])此次(?=以|“)", "", prompt)  # 参与了此次以“…”为主线的…
        if kind == "fill":
            fields["answer"] = _with_marks(prompt, fields.get("answer"))
        for name in ("options", "answer"):
            value = fields.get(name)
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                fields[name] = [_unspaced(tidy(display(v))) for v in value]
            elif isinstance(value, str):
                fields[name] = _unspaced(tidy(display(value)))
            elif isinstance(value, list) and all(isinstance(v, list) for v in value):
                fields[name] = [[tidy(display(str(f))) for f in blank] for blank in value]
        answer = fields.get("answer")
        keys = [(kind, normalise_answer(prompt)), (kind, repr(answer), repr(quote))]
        if any(key in self.seen for key in keys):
            self.result.skipped["duplicate"] += 1
            return
        self.seen.update(keys)
        if fact.kind == "figure":
            self.counted.add(self.count_key(fact))
        tag = {"figure": "数字", "term": "术语", "list": "列举", "sequence": "顺序"}[fact.kind]
        self.result.drafts.append({
            "id": draft_id(kind, repr(quote), repr(answer), prompt), "type": kind,
            "prompt": prompt, **fields, "explanation": "原文：" + _unspaced(self.sentences(fact)),
            "quote": quote, "tags": ["草稿", tag, *(["待定"] if weak else [])],
            "difficulty": {"judge": 1, "order": 3}.get(kind, 2), "section": self.section,
            "draft": True,
        })  # fmt: skip

    def sentence_of(self, fact: Fact) -> Span:
        return self.article.sentence_at(fact.start) or fact.clause

    def sentences(self, fact: Fact) -> str:
        """The sentences holding a fact, as the explanation quotes them; of a long sentence of
        parts (…下线；…产业园；…增长), only the part holding it."""
        spans = [s for s in self.article.sentences() if s.start < fact.end and fact.start < s.end]
        if len(spans) == 1 and len(spans[0].text) > _LONG_SENTENCE:
            span = spans[0]
            cuts = [m.end() + span.start for m in re.finditer(r"[;；]|……", span.text)]
            begin = max([c for c in cuts if c <= fact.start], default=span.start)
            end = min([c for c in cuts if c >= fact.end], default=span.end)
            part = self.article.text[begin:end].rstrip(";；…")
            return tidy(display(part.strip() + ("" if part.endswith("。") else "。")))
        return tidy(display("".join(s.text for s in spans) or fact.clause.text))

    # -- facts -------------------------------------------------------------------------------

    def rivals(self, fact: Fact, stem: Stem, count: int = 3) -> list[Fact]:
        """Other facts of the same kind and group, none already visible in the prompt."""
        if fact.kind == "term" and fact.group.endswith("?"):
            return []  # a term of unknown kind has no rival that is surely of its kind
        seen = {name_key(fact.core)}  # 冀云围场 and 冀云·围场 never rival each other
        shown = name_key(stem.text)
        found = []
        for other in self.facts:
            key = name_key(other.core)
            if other.kind != fact.kind or other.group != fact.group or key in seen:
                continue
            if name_key(other.text) in shown or (fact.kind == "term" and key in shown):
                continue
            if fact.kind == "figure" and not _comparable(fact.core, other.core):
                continue
            if fact.kind == "term" and (len(other.core) > 2 * len(fact.core) + 2
                                        or SET_PHRASE.search(key)):  # fmt: skip
                continue  # an option twice as long, or a slogan all know, is no rival
            heads = (
                {self.head_of_term(o)[:2] for o in (fact, other)} if fact.kind == "term" else set()
            )
            if len(heads) == 2 and all(heads):
                continue  # “全区通办”…等办实事品牌 among 学党史品牌: plainly of another kind
            seen.add(key)
            found.append(other)

        def distance(other: Fact) -> float:
            if fact.kind == "figure":
                return abs(math.log(float(other.core) / float(fact.core)))
            return abs(len(other.core) - len(fact.core))

        return sorted(found, key=lambda o: (distance(o), o.core))[:count]

    def stem(self, fact: Fact) -> Stem:
        """The stem ending with the fact's clause, run on through the sentence while it only
        says how ("通过“____”等渠道" says nothing until ",收集群众意见建议4860条")."""
        stem = owned(self.article, stem_for(self.article, self.subject, fact.clause), self.subject)
        stem = named_thing(self.article, named_branch(self.article, stem), self.subject)
        stem = unglued(self.article, stem, self.subject)
        text = self.article.text
        for _ in range(2):
            how = ONLY_HOW.search(stem.text)
            unsaid = incomplete(stem.text) and not how  # "(…区)分7个批次": the verb is next
            sent = _MOBILISED.search(stem.text)  # "发动88名科技特派员": to do what?
            if not (how or unsaid or sent):
                break
            following = next((c for c in self.article.clauses() if c.start >= stem.end), None)
            gap = text[stem.end : following.start] if following else "。"
            if following is None or gap.strip() not in (",", "，"):  # a semicolon starts a deed
                break
            if re.search(r"[\d“《０-９]", following.text) and not unsaid:
                break  # it would show a figure or a name other drafts ask
            if sent and not (how or unsaid) and not _FOR_WHAT.match(following.text):
                break
            end = following.end
            stem = replace(stem, text=stem.text + display(text[stem.end : end]), end=end)
        return self.as_of(self.dated(self.uncut(stem, fact)))

    def uncut(self, stem: Stem, fact: Fact) -> Stem:
        """A stem ending where the article's text was cut off inside a list ("参加…分流与疏导、
        维持秩序与信息登记、知识宣"): it ends before the list's second item instead."""
        whole = self.article.text.rstrip()
        if stem.end < len(whole) or whole[-1:] in '。！？!?”」』"）)…':
            return stem
        cut = self.article.text.find("、", fact.end, stem.end)
        last = self.article.text[fact.clause.start : cut]
        if cut < 0 or re.match(r"[对将把为在与向]", last) or not VERB.search(last):
            return stem  # "对…“三组联建”党小组活动室、…": the verb was to come
        return replace(stem, text=stem.text[: stem.local(cut)], end=cut)

    def dated(self, stem: Stem) -> Stem:
        """A year's report ("2021年…工作情况") told of in a stem naming its subject: the year in
        front, as the article's own lead ("2021年，福州市委…研究室…吸引了近60万人次参与"),
        when the stem says no time of its own."""
        titled = re.match(r"(?:【[^】]*】)?(\d{4}年)", self.article.title)
        year = titled.group(1) if titled else self.year
        if year and stem.lead and re.match(r"\d{1,2}月", stem.text):  # 3月15日，…: of which year?
            return replace(stem, text=year + stem.text, offset=stem.offset + len(year),
                           lead=stem.lead + len(year))  # fmt: skip
        if not year or stem.lead or not self.subject:
            return stem
        place = re.match(r"[\u4e00-\u9fff]{2,12}?(?:省|市|区|县|旗|乡|镇|街道)", stem.text)
        ours = stem.text.startswith(self.subject) or bool(
            place and self.subject.startswith(place.group())
        )  # 九龙湖镇… in 九龙湖镇田顾村's report
        if not ours or _OWN_TIME.search(stem.text):
            return stem
        lead = year + "，"
        return replace(stem, text=lead + stem.text, offset=stem.offset + len(lead), lead=len(lead))

    @cached_property
    def year(self) -> str:
        """The year the report was published, as its byline or dateline gives it ("发布时间:
        2021-06-17", "2021年4月30日,…"): a stem that says no time of its own is that year's
        deed (2021年，…党委实施…); "" when the page gives none near its start."""
        year, month = self.published
        if year:
            return f"{year}年" if month >= 3 else ""  # January's report sums up last year
        # no date on the page: the Party's anniversary it celebrates says the year (成立100周年
        # is 2021), when it names one anniversary only
        years = {1921 + int(n) for n in re.findall(r"(?:建党|成立)(\d{3})周年", self.article.text)}
        return f"{years.pop()}年" if len(years) == 1 else ""

    @cached_property
    def yesterday(self) -> str:
        """The day before the byline's date ("2021年6月29日" of 2021-06-30), or "" when the
        byline gives no whole date or it is the first of a month."""
        year, month, day = self.byline_date
        if not day:  # "福州新闻网6月30日讯(…)": the dateline's day, the report's year
            dateline = re.search(r"(?<!\d)(\d{1,2})月(\d{1,2})日(?:讯|电)", self.page_start)
            if dateline and self.year:
                year, month, day = self.year[:-1], int(dateline.group(1)), int(dateline.group(2))
        return f"{year}年{month}月{day - 1}日" if day >= 2 else ""

    @cached_property
    def published(self) -> tuple[str, int]:
        """The year and month the byline or dateline gives ("发布时间:2021-06-17"), or ("", 0)."""
        year, month, _ = self.byline_date
        return year, month

    @cached_property
    def page_start(self) -> str:
        """The page's start, where its byline or dateline stands: the title's lines and a few
        lines of body."""
        return self.article.text[: self.article.body_start + 160]

    @cached_property
    def byline_date(self) -> tuple[str, int, int]:
        """The year, month and day the byline or dateline near the start gives ("发布时间:
        2021-06-17": 2021, 6, 17), or ("", 0, 0); a day of 0 when it gives none."""
        found = re.search(
            r"(?<!\d)(20[12]\d)(?:年|[-./])(\d{1,2})(?:月|[-./])(?:(\d{1,2})日?)?", self.page_start
        )
        if found is None:
            return "", 0, 0
        return found.group(1), int(found.group(2)), int(found.group(3) or 0)

    def as_of(self, stem: Stem) -> Stem:
        """ "截至报道时" said as the month the report was published (截至2021年6月，), when its
        byline gives it: a player never sees the report's date."""
        year, month = self.published
        if not year or not stem.text.startswith(NOW_LEAD):
            return stem
        lead = f"截至{year}年{month}月，"
        shift = len(lead) - len(NOW_LEAD)
        text = lead + stem.text[len(NOW_LEAD) :]
        return replace(stem, text=text, offset=stem.offset + shift, lead=stem.lead + shift)

    def quote(self, stem: Stem) -> str:
        return self.article.text[stem.start : stem.end]

    def blank(self, stem: Stem, start: int, end: int, fill: str = "____") -> str:
        text = stem.text
        return text[: stem.local(start)] + fill + text[stem.local(end) :] + "。"

    def judge(self, fact: Fact, stem: Stem, rivals: list[Fact], weak: str | None = None) -> bool:
        """A false statement in place of the fact's blank, for one fact in three: its one
        figure changed to a plausible wrong value, or its term swapped for one of its kind from
        elsewhere (never one of its own list: moving an item within its list states nothing
        false). One question per fact: a blank and a statement of one fact repeat each other."""
        if fact.kind == "term" and (fact.group[2:] not in NAMES or fact.items):
            return False  # a goal or a principle swapped may still be true (让…“学习不掉队”)
        self.judges += 1
        if self.judges % FALSE_EVERY:
            return False
        if fact.kind == "figure":
            swapped = roles_swapped(stem.text, fact.text)
            if swapped:  # 30名书记和20名部长 -> 30名部长和20名书记: who, not how many
                self.add("judge", fact, swapped + "。", self.quote(stem), weak, answer=False,
                         hides=[fact.text])  # fmt: skip
                return True
            text = self.article.text
            before, after = text[fact.clause.start : fact.start], text[fact.end : fact.clause.end]
            wrong = wrong_figure(fact.core, fact.group, before, after, self.figures, fact.text,
                                 self.bounds(fact))  # fmt: skip
        else:
            sentence = self.sentences(fact)
            others = [r for r in rivals if (r.run is None or r.run != fact.run)
                      and name_key(r.core) not in name_key(sentence)
                      and r.core not in self.swapped_in
                      and self.named_by(r) == self.named_by(fact)]  # fmt: skip
            wrong = others[0].core if others else None
            self.swapped_in.update([wrong] if wrong else [])  # one wrong name, one statement
        if wrong is None:
            return False
        statement = self.blank(stem, fact.start, fact.end, wrong)
        if fact.kind == "figure":
            statement = _without_codes(statement, fact.core)  # “1+4+5” would show the 4
        self.add("judge", fact, statement, self.quote(stem), weak, answer=False, hides=[fact.text])
        return True

    def bounds(self, fact: Fact) -> tuple[float | None, float | None]:
        """The article's nearest figures below and above a figure that count the same thing in
        its paragraph's other sentences ("分7个批次" … "已完成5批次"): a wrong value beyond one
        (8批次 of 7) is ruled out by the article itself."""
        text = self.article.text
        paragraph = (
            text.rfind("\n", 0, fact.start) + 1,
            text.find("\n", fact.end) % (len(text) + 1),
        )
        counted = _counted(text[fact.end : fact.end + 6])
        sentence = self.sentence_of(fact)
        value = float(fact.core)
        below: float | None = None
        above: float | None = None
        for other in self.facts:
            if other.kind != "figure" or other is fact or not counted:
                continue
            if not paragraph[0] <= other.start < paragraph[1]:
                continue
            if sentence.start <= other.start < sentence.end:
                continue  # 防汛演练17场、消防演练23场: items side by side, not a total
            if _counted(text[other.end : other.end + 6]) != counted:
                continue
            size = float(other.core)
            if size < value and (below is None or size > below):
                below = size
            if size > value and (above is None or size < above):
                above = size
        return below, above

    def true_statement(self, fact: Fact, stem: Stem, weak: str | None = None) -> bool:
        """One fact in five that could be stated falsely is stated as the article states it
        instead (a judge whose key is always 错误 is answered without reading)."""
        if fact.kind == "term" and (fact.group[2:] not in NAMES or fact.items
                                    or SET_PHRASE.search(name_key(fact.text))):  # fmt: skip
            return False  # …开展“我为群众办实事”实践活动 is true of every report
        if ONLY_HOW.search(stem.text) or len(stem.text) < 10:
            return False  # "江城区依托“江城应急”平台。" states nothing worth asking
        self.statements += 1
        if self.statements % TRUE_EVERY:
            return False
        # hides: another stem showing the stated value would answer it
        self.add(
            "judge", fact, stem.text + "。", self.quote(stem), weak, answer=True, hides=[fact.text]
        )
        return True

    def no_count(self, fact: Fact) -> bool:
        """Whether a figure is no count worth asking: 1 (1名…和1名…), an anniversary (解放75周年:
        a date, and no plausible error), part of a quoted name ("24小时"书屋)."""
        text = self.article.text
        often = re.search(
            r"每(周|月|季度|年|天|日)[^，,。]{0,8}$", text[fact.clause.start : fact.start]
        )
        if (float(fact.core) == 1 and not often) or fact.group == "周年":
            return True  # but "每周至少召开一次": how often is a fact
        before = text[text.rfind("\n", 0, fact.start) + 1 : fact.start]
        opened = before.count("“") > before.count("”") or before.count('"') % 2 == 1
        return opened and bool(re.match(r"[^“”\"，,。]{0,8}[”\"]", text[fact.end : fact.end + 10]))

    def named_by(self, fact: Fact) -> str:
        """The two characters after a term's closing mark ("”平台", "”主题"): a name swapped in
        for another reads as plausible only where both are named alike."""
        return self.article.text[fact.end + 1 : fact.end + 3]

    def count_key(self, fact: Fact) -> str:
        """A figure with what it counts: "246项办实事清单" told twice (the total, then the list
        drawn up) is one fact, asked once."""
        return fact.text + self.article.text[fact.end : fact.end + 3]

    def figure(self, fact: Fact) -> None:
        if self.count_key(fact) in self.counted:
            self.result.skipped["repeated_figure"] += 1
            return
        stem = self.stem(fact)
        if stem.subjectless:
            self.result.skipped["no_subject"] += 1  # "设置有…等实践学习教育点": who did?
            return
        if self.of_the_past(stem):
            return
        weak = (
            weak_stem(stem, self.subject, unnamed=self.unnamed)
            or weak_sentence(stem, self.article.text)
            or weak_figure_stem(stem, fact.start, fact.start + len(fact.text))
            or ("weak_blank" if self.no_count(fact) else None)
        )
        if self.counts_its_list(fact):  # "对开展…、加强…、组织…等3个方面": count them
            weak = weak or "weak_blank"
        rivals = self.rivals(fact, stem)
        # A figure stated, true or changed, is only drafted with --all (`weak_judge`): no
        # player can check it without the article, and readers found its key predictable
        # (33 made 50: always 错误). It is asked by a blank or a choice instead.
        if self.everything:
            self.true_statement(fact, stem, "weak_judge") or self.judge(
                fact, stem, rivals, "weak_judge"
            )
        quote = self.quote(stem)
        end = fact.start + len(fact.text)
        if len(rivals) >= 3:  # four options, all the article's own figures of the unit
            options = sorted([fact.text, *(r.text for r in rivals)], key=_figure_value)
            prompt = _without_codes(self.blank(stem, fact.start, end), fact.core)
            self.add("single", fact, prompt, quote, weak, options=options, answer=fact.text)
        else:
            unit = unit_after(self.article.text[fact.end : fact.end + 6])
            prompt = _without_codes(self.blank(stem, fact.start, fact.end), fact.core)
            self.add("fill", fact, prompt, quote, weak, answer=[figure_variants(fact.core, unit)])

    def term(self, fact: Fact) -> None:
        if fact.group.endswith("heading"):
            self.result.skipped["short_stem"] += 1  # “____”织密服务网络: a part's title, no fact
            return
        if fact.run is not None and fact.run in self.listed:
            self.result.skipped["in_list"] += 1  # asked as a whole, by a multiple choice
            return
        if fact.text in self.asked:
            self.result.skipped["repeated_term"] += 1  # asked where the article first names it
            return
        self.asked.add(fact.text)
        parallel = (self.sentence_of(fact).start, self.named_by(fact))
        if re.fullmatch(r"[\u4e00-\u9fff]{2}|[，,][\u4e00-\u9fff]", parallel[1]):
            if parallel in self.parallels:  # “A”确保…,“B”确保…,“C”确保…: one list, one draft
                self.result.skipped["parallel_term"] += 1  # the later ones guessed by elimination
                return
            self.parallels.add(parallel)
            if self.paired(fact):
                return
        if fact.run is not None:  # “A”“B”“C” with no multiple choice: ask one, the others show
            self.listed.add(fact.run)
            members = [f for f in self.facts if f.kind == "term" and f.run == fact.run]
            fact = members[len(members) // 2]
        stem = self.stem(fact)
        if stem.subjectless:
            self.result.skipped["no_subject"] += 1  # "设置有…等实践学习教育点": who did?
            return
        if self.of_the_past(stem):
            return
        weak = weak_stem(stem, self.subject, unnamed=self.unnamed) or weak_sentence(
            stem, self.article.text
        )
        if self.true_statement(fact, stem, weak):
            return
        rivals = self.rivals(fact, stem)
        quote = self.quote(stem)
        if SET_PHRASE.search(name_key(fact.text)):
            self.result.skipped["set_phrase"] += 1  # 学党史、悟思想、____、开新局: known by all
        elif fact.items:  # “组织找党员、党员找组织、党员联党员”: ask the middle part
            part = fact.items[len(fact.items) // 2]
            if len(part) < 2:
                self.result.skipped["short_stem"] += 1  # “中心、所、站”: a blank of one character
                return
            start = self.article.text.index(part, fact.start)
            prompt = self.blank(stem, start, start + len(part))
            self.add("fill", fact, prompt, quote, weak or "weak_blank", answer=[[part]])
        elif len(rivals) >= 3:
            options = _shuffled([fact.text, *(r.text for r in rivals)], fact.text)
            prompt = self.blank(stem, fact.start, fact.end)
            self.add("single", fact, prompt, quote, weak, options=options, answer=fact.text)
        else:
            start, end = _fill_part(fact)
            if SET_PHRASE.search(name_key(self.article.text[start:end])):
                self.result.skipped["set_phrase"] += 1  # “____ 爱心义诊进社区”: 我为群众办实事
                return
            if end - start > MAX_TYPED:
                self.result.skipped["long_answer"] += 1  # 《关于开展党史学习教育的实施方案》
                return
            if fact.group.endswith("?") and self.article.text[fact.end + 1 : fact.end + 2] == "的":
                self.result.skipped["quoted_words"] += 1  # 形式多样“有新意”的: no name
                return
            if self.judge(fact, stem, rivals, weak):
                return
            self.result.skipped["no_rival"] += 1
            prompt = self.blank(stem, start, end)
            after = self.article.text[fact.end + 1 : fact.end + 12]
            weak = weak or weak_term_blank(fact.text, fact.group, after) or self.twin(fact)
            weak = weak or _place_given(self.article.text[start:end], prompt, self.subject)
            name = self.article.text[start:end]
            kind = self.article.text[end + 1 : end + 3]  # “小场子唱大戏”品牌: its one 品牌
            alone = bool(re.fullmatch(r"[\u4e00-\u9fff]{2}", kind)) and kind not in _ANY_KIND
            alone = alone and self.article.text.count(kind) == 1
            weak = weak or open_blank(prompt, stem.offset, name, self.subject, one_of_kind=alone)
            if re.search(r"[<>＜＞]", self.article.text[fact.start : fact.end]):
                weak = weak or "weak_blank"  # 《习近平<论中国共产党历史>》: a title typed wrong
            answer = [name_variants(self.article.text[start:end])]  # 七个一 or 7个一
            self.add("fill", fact, prompt, quote, weak, answer=answer)

    def of_the_past(self, stem: Stem) -> bool:
        """Whether a stem tells a story of the past (a battle, the Red Army, 1928年…): not the
        unit's deed, whoever is put in front; counted as skipped."""
        sentence = self.article.sentence_at(stem.start)
        before = self.article.text[sentence.start if sentence else stem.start : stem.start]
        if history(stem, before.rstrip("，, ")) is None:
            return False
        self.result.skipped["history"] += 1
        return True

    def paired(self, fact: Fact) -> bool:
        """Names set side by side, each doing its own thing (“A”确保渔民党员不漏学,“B”确保老年
        党员不掉队,“C”确保…): one is asked as a single choice among them all, since each of the
        others is paired with something else in the article and so is surely wrong."""
        sentence = self.sentence_of(fact)
        named = self.named_by(fact)
        siblings = [
            f for f in self.facts
            if f.kind == "term" and f.run is None and self.named_by(f) == named
            and sentence.start <= f.start < sentence.end
        ]  # fmt: skip
        clauses = {f.clause.start for f in siblings}
        keys = {name_key(f.core) for f in siblings}
        if not 3 <= len(siblings) <= 6 or len(clauses) < len(siblings) or len(keys) < len(siblings):
            return False
        fact = siblings[len(siblings) // 2]  # not the first: its clause carries the sentence's lead
        stem = self.stem(fact)
        if stem.subjectless or any(name_key(f.core) in name_key(stem.text) for f in siblings
                                   if f is not fact):  # fmt: skip
            return False
        weak = weak_stem(stem, self.subject, unnamed=self.unnamed) or weak_sentence(
            stem, self.article.text
        )
        options = _shuffled([f.text for f in siblings], fact.text)
        prompt = self.blank(stem, fact.start, fact.end)
        self.add("single", fact, prompt, self.quote(stem), weak, options=options, answer=fact.text)
        return True

    def lead_pair(self, pair: LeadPair) -> None:
        """丰富载体做“加法”。… 借力网络做“乘法”。…: which way is the 乘法? A single choice among
        the ways of the run, asked of the article's subject (held back when it has none)."""
        text = self.article.text[pair.start : pair.end]
        fact = Fact("term", "“lead", pair.way, pair.way, pair.start, pair.start + len(pair.way),
                    Span(pair.start, pair.end, text))  # fmt: skip
        prompt = f"{self.subject}____{pair.verb}“{pair.name}”。"
        weak = None if self.subject else "weak_subject"
        options = _shuffled(list(pair.ways), pair.way)
        self.add("single", fact, prompt, text, weak, options=options, answer=pair.way)

    def group_fact(self, found: GroupFact) -> None:
        """成立了由县委书记担任组长…的…领导小组,在县委宣传部设…办公室: who heads it and
        where its office sits, asked as fills of the article's subject (held back when it
        has none)."""
        start, end = found.sentence
        text = self.article.text[start:end]
        fact = Fact("term", "role", found.answer, found.answer, found.start, found.end,
                    Span(start, end, text))  # fmt: skip
        group = self.in_full(found.group)
        if group == found.group and not group.startswith(self.subject):
            group = self.subject + group  # 党史学习教育领导小组: 青川县党史学习教育领导小组
        if found.kind == "head":
            prompt = f"{group}由____担任组长。"
        else:
            prompt = f"{self.subject}在____设{found.office}。"
        answers = [found.answer, *([full] if (full := self.in_full(found.answer)) != found.answer
                                   else [])]  # fmt: skip
        weak = None if self.subject else "weak_subject"
        self.add("fill", fact, prompt, text, weak, answer=[answers])

    def counts_its_list(self, fact: Fact) -> bool:
        """Whether a figure counts the items its clause lists just before it (A、B、C等3个方面):
        the prompt shows them, so the blank is counted, not known."""
        before = self.article.text[fact.clause.start : fact.start]
        listed = re.search(r"([^，,；;。]*?)等?$", before)
        items = [i for i in re.split(r"[、]", listed.group(1)) if i] if listed else []
        return len(items) >= 2 and str(len(items)) == fact.core

    def canon_fact(self, found: CanonFact) -> None:
        """A formula of the Party's the report quotes, asked in its own frame (党史学习教育要做到
        学史明理、学史____、学史崇德、学史力行。): the 挑战赛's kind of question."""
        clause = next((c for c in self.article.clauses() if c.start <= found.start < c.end), None)
        if clause is None:
            return
        fact = Fact("term", "canon", found.answer[0], found.answer[0], found.start, found.end,
                    clause)  # fmt: skip
        if not found.labelled:  # “杏林课堂”将带领…学党史、新中国史、____…: the report's own words
            stem = self.stem(fact)
            start, end = found.part
            if stem.subjectless or not stem.start <= start < end <= stem.end:
                self.result.skipped["no_subject"] += 1
                return
            weak = weak_stem(stem, self.subject, unnamed=self.unnamed)
            prompt = self.blank(stem, start, end)
            self.add("fill", fact, prompt, self.quote(stem), weak, answer=[list(found.answer)])
            return
        quote = self.article.text[found.start : found.end]
        self.add("fill", fact, found.prompt, quote, answer=[list(found.answer)])
        if self.result.drafts and self.result.drafts[-1]["quote"] == quote:
            # the clause that quotes it, not a sentence that may open on a dateline
            self.result.drafts[-1]["explanation"] = "原文：" + tidy(display(clause.text))

    def past_fact(self, found: PastFact) -> None:
        """History a report tells, asked in its own words (1921年7月，中共一大在上海秘密召开，
        随后转移到浙江____): no subject goes before it, for it is no deed of the unit's."""
        start = self.article.text.find(found.answer, found.start + found.at)
        clause = next((c for c in self.article.clauses() if c.start <= start < c.end), None)
        if start < 0 or clause is None:
            return
        fact = Fact("term", "past", found.answer, found.answer, start, start + len(found.answer),
                    clause)  # fmt: skip
        prompt = display(
            found.stem[: found.at] + "____" + found.stem[found.at + len(found.answer) :]
        )
        quote = self.article.text[found.start : found.end]
        self.add("fill", fact, prompt + "。", quote, answer=[[found.answer]])

    def role_fact(self, found: RoleFact) -> None:
        """邀请…讲师潘某到镇作…讲座; …活动由…党支部负责组织: who, asked as a fill of the
        clause that names the role, with its subject as any stem gets it."""
        clause = next((c for c in self.article.clauses() if c.start <= found.start < c.end), None)
        if clause is None or TIME.search(clause.text):
            return
        fact = Fact("term", "role", found.answer, found.answer, found.start, found.end, clause)
        if found.kind == "chair":
            self.chair(fact, found)
            return
        if found.kind == "speaker":  # "…”礼县档案馆馆长薛某说": who holds the post, said plainly
            post = found.post
            if not re.match(r"[\u4e00-\u9fff]{1,6}?(?:[省市县旗]|(?<!社)区)", post):
                if not self.subject or not re.search(r"[省市县区旗镇乡街道]$", self.subject):
                    return  # "阳光社区党支部书记" of which county? read alone, any
                post = self.subject + post
            quote = self.article.text[found.start - len(found.post) : found.end]
            # who is quoted is trivia to one editor, worth asking to another: held back
            self.add("fill", fact, f"{display(post)}是____。", quote, "weak_speaker",
                     answer=[[found.answer]])  # fmt: skip
            return
        stem = self.stem(fact)
        if stem.subjectless or self.of_the_past(stem) or stem.local(found.start) < stem.offset:
            return
        weak = weak_stem(stem, self.subject, unnamed=self.unnamed) or weak_sentence(
            stem, self.article.text
        )
        prompt = self.blank(stem, found.start, found.end)
        answers = [found.answer]
        last = re.split(r"(?<=[镇乡县区])", found.answer)[-1]
        if found.kind == "first" and len(last) >= 2 and last != found.answer:
            answers.append(last)  # 龙岗镇马图村, or 马图村 alone
        quote = self.quote(stem)
        if found.kind == "organiser":  # "本次义诊活动,由医院…党支部负责组织": which event?
            sentence = self.sentence_of(fact)
            event = self.article.text[sentence.start : found.start - 1]
            event = re.sub(r"^(本次|此次|这次|该次|本场|此)|[，,\s]+$", "", event)
            if not re.fullmatch(r"[\u4e00-\u9fff“”]{2,12}(活动|会|赛|展|课|讲座|义诊)", event):
                return
            short = self.own_word()
            short = short if short and found.answer.startswith(short) else ""
            answers = [found.answer[len(short) :], found.answer] if short else answers
            verb = re.match(r"(负责)?(组织|主办|牵头)", self.article.text[found.end :])
            prompt = f"{self.subject}此次{event}由____{verb.group() if verb else ''}。"
            quote = self.article.text[sentence.start : found.end + (verb.end() if verb else 0)]
        sentence = self.sentence_of(fact)
        scene = self.article.text[sentence.start : stem.start]
        said = re.match(r"“[^“”]*”", scene)  # a remark opening the sentence is left out
        scene = scene[said.end() :] if said else scene
        if found.kind == "guest" and _SCENE_LEAD.fullmatch(scene):
            if self.subject and self.subject in scene:
                prompt = prompt.removeprefix(self.subject)  # 在从化区…里,志愿者…: named once
            prompt = display(scene) + prompt  # "7月6日,在…村的书屋里,": where the guest spoke
            quote = self.article.text[stem.start - len(scene) : stem.end]
        self.add("fill", fact, prompt, quote, weak, answer=[answers])

    def chair(self, fact: Fact, found: RoleFact) -> None:
        """ "学院党委召开…动员大会,…会议由谢某书记主持": who chaired the subject's meeting, asked
        only when the sentence says the subject (or its own short name) held it."""
        host, event, post = found.post.split("|")
        host = re.sub(r"^[^，,]*[，,]", "", host)
        short = self.own_word()
        held = (
            host in ("", self.subject)
            or (bool(short) and re.fullmatch(rf"{short}(党委|党总支|党支部)?", host) is not None)
            or host.startswith(self.subject)
        )
        if not self.subject or not held:
            return  # another body's meeting, or whose? read alone, the subject's would be wrong
        sentence = self.sentence_of(fact)
        quote = self.article.text[sentence.start : found.end + len(post) + 2]
        prompt = f"{self.subject}{event}由____{post}主持。"
        self.add("fill", fact, display(prompt), quote, answer=[[found.answer]])

    def twin(self, fact: Fact) -> str | None:
        """ "weak_unique" when the article names another thing the same way (“A”主题活动 and
        “B”主题活动): the blank of one may be filled with the other."""
        head = self.head_of_term(fact)  # 主题活动 twice; not 原创展览 and 原创话剧
        if len(head) < 2 or not re.match(r"[\u4e00-\u9fff]{2}", head):
            return None
        for other in self.facts:
            if other.kind != "term" or name_key(other.core) == name_key(fact.core):
                continue
            if fact.run is not None and other.run == fact.run:
                continue  # the run's other names show in the prompt
            if self.head_of_term(other) == head:
                return "weak_unique"
        return None

    def listing(self, fact: Fact) -> None:
        if SET_PHRASE.search("、".join(fact.items)):
            self.result.skipped["set_phrase"] += 1  # 获得感、幸福感、安全感: known by all
            return
        stem = self.stem(fact)
        if stem.subjectless:
            self.result.skipped["no_subject"] += 1
            return
        if self.of_the_past(stem):
            return
        before = stem.text[: stem.local(fact.start)]
        after = self.article.text[fact.end : fact.clause.end]
        head = display(HEAD_END.split(after.removeprefix("等"))[0])
        framed = head or ASKS_WHAT.search(before)
        if (not framed or re.match(r"[中上里之的]", head)
                or (stem.local(fact.start) - stem.offset < 2 and len(head) <= 2)):  # fmt: skip
            self.result.skipped["list_no_frame"] += 1  # "创新载体、创新方法、创新模式，…"
            return
        before = re.sub(r"(诸如|例如|比如|如)$", "", before)  # "产生一批诸如…等德育品牌"
        verb = ASKS_WHAT.search(before)
        head = re.sub(r"^地(?![方区点])", "地方", head)  # "…等地开展宣讲": 哪些地方开展宣讲
        head = head or NOUN_OF_VERB.get(verb.group() if verb else "", "")
        kinds = Counter(item_kind(i) for i in fact.items).most_common(1)[0][0]
        if (
            kinds == "person"
            and fact.run is None
            and not re.match(r"(人|群体|代表|干部|党员)", head)
            and not re.search(r"(人|群体|代表|干部|党员|人士|模范)$", VERB.split(head)[0])
        ):  # "…等各领域先进代表开设…": 哪些各领域先进代表, not 哪些人各领域…
            head = "人" + head  # "吸纳哪些人担任宣讲员", not "吸纳哪些担任宣讲员"
        if (
            kinds == "body"
            and fact.run is None
            and not re.match(r"(单位|部门|机构|组织|媒体|平台)", head)
        ):
            head = "单位" + head  # "联合哪些单位举办…", not "联合哪些举办…"
        prompt = f"{before}{'哪些' if head else '下列哪些'}{head}{self.purpose(fact)}？"
        named = TITLES_NOUN.search(before) if fact.run is not None else None
        if named:  # "拍摄党史专题片《A》《B》《C》": 拍摄了哪些党史专题片？
            prompt = f"{before[: named.start()]}哪些{named.group()}？"
        ranked = self.distractors(fact, prompt)
        wrong = [item for _, item in ranked]
        weak = weak_stem(stem, self.subject, unnamed=self.unnamed) or weak_sentence(
            stem, self.article.text
        )
        if kinds not in ("person", "place", "body", "media") and any(r for r, _ in ranked):
            weak = weak or "weak_options"  # activities of a list named otherwise: of its kind?
        if fact.run is not None:
            # “A”“B”“C”, 《A》《B》《C》: the article's other names of the kind are most often its
            # subject's too (books it wrote and books it studies): maybe true, so held back
            weak = weak or "weak_options"
        if not wrong:
            self.result.skipped["list_no_distractor"] += 1
            self.list_fill(fact, stem)
            return
        if fact.run is not None and not weak:
            self.listed.add(fact.run)
        right = list(fact.items[:4])
        options = _shuffled([*right, *wrong[: 6 - len(right)]], fact.text)
        self.add("multiple", fact, prompt, self.quote(stem), weak, options=options, answer=right)

    def purpose(self, fact: Fact) -> str:
        """What the listed means serve, when the next clause says ("…等方式,推动学习教育覆盖
        全体党员" asks "通过哪些方式推动学习教育覆盖全体党员？")."""
        if HEAD_END.split(self.head(fact))[0] not in ("方式", "形式", "渠道", "载体", "举措"):
            return ""
        following = next((c for c in self.article.clauses() if c.start > fact.clause.end), None)
        gap = self.article.text[fact.clause.end : following.start] if following else "。"
        if following and gap.strip() in (",", "，") and PURPOSE.match(following.text):
            return display(following.text) if len(following.text) <= 20 else ""
        return ""

    def list_fill(self, fact: Fact, stem: Stem) -> None:
        """A list with no wrong options to offer is asked by its middle item."""
        if fact.run is not None or len(fact.items) < 3:
            return
        item = fact.items[len(fact.items) // 2]
        start = self.article.text.find(item, fact.start, fact.end)
        if start < 0 or len(item) < 2:
            return
        prompt = self.blank(stem, start, start + len(item))
        # an item of a list is rarely a fact an editor would ask (…、扫帚、锄头): only with --all
        self.add("fill", fact, prompt, self.quote(stem), "weak_blank", answer=[[item]])

    def distractors(self, fact: Fact, prompt: str) -> list[tuple[int, str]]:
        """Items of the article's other lists (other terms of the kind, for a run of terms),
        those sharing a character with the right ones first; each with 0 when its list is
        named alike (方式 and 形式), 1 when only its items look of the kind."""
        scored: list[tuple[int, str]] = []
        sentence = self.sentence_of(fact)
        if fact.run is not None:
            # a term named by another head is of another kind (“…”项目 for “…”特色活动), and
            # one named by the same head may be done by the subject too, unless its list is
            # named alike: only those are surely wrong and of the kind
            named = self.head(fact)[:2]
            scored = [
                (0, f"“{o.text}”" if o.group.startswith("“") else f"《{o.text}》")
                for o in self.facts
                if o.kind == "term"
                and o.group == fact.group
                and o.run != fact.run
                and not sentence.start <= o.start < sentence.end  # 及专题片《…》: also filmed
                and not SET_PHRASE.search(name_key(o.text))
                and (fact.group[2:] not in ("event", "?") or self.head_of_term(o)[:2] == named)
            ]
        else:
            size = sum(len(i) for i in fact.items) / len(fact.items)
            head = _name_chars(self.head(fact))
            kinds = Counter(item_kind(i) for i in fact.items).most_common(1)[0][0]
            own = {name_key(i) for i in fact.items}
            for other in self.facts:
                if other.kind != "list" or other.run is not None or other.core == fact.core:
                    continue
                if own & {name_key(i) for i in other.items}:
                    continue  # 中央、省委、市委 and 中央、省委、市委、区委: 区委 is true as well
                if kinds == "person" and len({i[:1] for i in other.items}) == 1:
                    continue  # 见人、见事、见真情: a slogan's parallel parts, no one's names
                if _event_words(self.head(fact)) & _event_words(self.head(other)):
                    continue  # …担任宣讲员 and 邀请…参与宣讲: those invited speak too
                if sentence.start <= other.start < sentence.end:
                    continue  # the same sentence's other list may be true of the subject too
                alike = bool(head & _name_chars(self.head(other)))  # 方式 and 形式: one kind
                if not (alike or kinds):
                    continue  # items of unknown kind from a list of another kind: no rivals
                scored += [(0 if alike else 1, item) for item in other.items
                           if abs(len(item) - size) <= 2
                           and (not kinds or item_kind(item) == kinds)]  # fmt: skip
        chars = set("".join(fact.items)) - set("“”《》")
        taken = {name_key(i) for i in fact.items}  # 冀云·围场 is no wrong option for 冀云围场
        rights = set(taken)
        shown = name_key(prompt)
        pool: list[tuple[int, str]] = []
        for rank, item in dict.fromkeys(scored):
            key = name_key(item)
            if any(key in right or right in key for right in rights):
                continue  # 广场 beside 村头广场: neither surely wrong nor surely right
            if key not in taken and key not in shown:
                taken.add(key)
                pool.append((rank, item))
        pool = sorted(_shuffled_pairs(pool, fact.text), key=lambda p: (p[0], not set(p[1]) & chars))
        return pool[:2]

    def head_of_term(self, term: Fact) -> str:
        """The words after a term's closing mark, past other terms of its run and 等."""
        end = term.run[1] if term.run is not None else term.end + 1
        after = self.article.text[end : end + 8].removeprefix("等")
        return HEAD_END.split(after)[0][:4]

    def head(self, fact: Fact) -> str:
        """The words a list is named by: "等方式" -> "方式"."""
        after = self.article.text[fact.end : fact.clause.end].removeprefix("等")
        return HEAD_END.split(after)[0][:4]

    def sequence(self, fact: Fact) -> None:
        weak = None
        if fact.group in ("ordinal", "heading", "stages"):
            lead = self.ordinal_prompt(fact)
            if ORDINAL.match(lead) or lead.startswith("的"):
                weak = "weak_subject"  # "一是……，二是……": of what, by whom?
            elif _talking_points(fact, self.article.text):
                weak = "weak_order"  # the order of a speech's points is wording, not a fact
            prompt = lead + "请将下列各项按先后顺序排列。"
            quotes: str | list[str] = [
                self.article.text[start : start + len(item)]
                for item in fact.items
                if (start := self.article.text.find(item, fact.start)) >= 0
            ]
        else:
            stem = self.stem(fact)
            prompt = self.blank(stem, fact.start, fact.end, "……")
            prompt = prompt.removesuffix("。") + "。请将下列各项按先后顺序排列。"
            quotes = self.quote(stem)
            if all(item.startswith("《") for item in fact.items) and _SHOWN.search(prompt):
                weak = "weak_order"  # "先后播放《A》《B》《C》": one after another, no order told
        self.add("order", fact, prompt, quotes, weak, options=list(fact.items))

    def ordinal_prompt(self, fact: Fact) -> str:
        """What the numbered parts are parts of: the sentence announcing them ("…“三加强”:"),
        else who does them, with the markers ("局党委首先……，其次……，最后……。")."""
        text = self.article.text
        sentence = self.article.sentence_at(fact.start)
        if fact.group == "heading":
            return f"{self.subject}的做法分为以下几个部分。"
        if fact.group == "stages":
            return f"{self.subject}的工作分几步推进。"
        marks = [m.group() for m in ORDINAL.finditer(text, fact.start, fact.end)]
        steps = "，".join(f"{m}……" for m in marks) + "。"
        if sentence is None:
            return self.subject + steps
        lead_in = text[sentence.start : fact.start].strip()
        if lead_in.endswith((":", "：")):  # "学校分三个阶段推进…改革:第一阶段…"
            return display(self.in_full(lead_in.rstrip(":："))) + "：" + steps
        if not lead_in:  # "“三加强”突破重难点。一是青少年。": the sentence before says of what
            paragraph = text.rfind("\n", 0, sentence.start) + 1
            head = text[max(paragraph, self.article.body_start) : sentence.start].rstrip()
            if not head:
                previous = text[self.article.body_start : sentence.start].rstrip()
                head = previous if re.search(r"[:：]$", previous) else ""
            lead = re.split(r"[。！？!?\n]", head.rstrip("。：:，,"))[-1].rstrip("。：:，,")
            if len(lead) > LONG_LEAD:  # "街道党工委始终以…为根基,…,做到“三个主动”": its last part
                start = text.rfind(lead, 0, sentence.start)
                parts = [c for c in self.article.clauses()
                         if start <= c.start and c.end <= start + len(lead)]  # fmt: skip
                who = sentence_subject(parts[:1]) or self.subject
                lead = who + parts[-1].text if parts else lead
            if lead:
                return display(lead) + "：" + steps
        before = [c for c in self.article.clauses() if sentence.start <= c.start < fact.start]
        who = sentence_subject(before) if before else ""
        who = re.sub(rf"(?:{ORDINAL.pattern})$", "", who)  # "党支部首先组织…": 党支部
        if not before and self.subject:  # "一是打造…。二是吹响…。": the subject's ways
            return f"{self.subject}的做法分为几个方面：" + steps
        return (self.in_full(who) or self.subject) + steps

    def own_word(self) -> str:
        """The word the subject's own report uses alone for it (医院 of …医院), or ""."""
        own = re.search(_UNIT_END, self.subject)
        return own.group() if own else ""

    def in_full(self, words: str) -> str:
        """Words opening with a short name of the subject (局党委, 学校), named in full."""
        name, used = in_full(words, self.subject)
        return name + words[used:] if name else words

    def clearest_first(self) -> list[Fact]:
        """The facts in the article's order, but a name said more than once is asked where it
        first reads alone: not in a scene (“…”正在开讲) when a later sentence says what was done
        (决定每天傍晚…开展“…”活动)."""
        facts = list(self.facts)
        for index, fact in enumerate(facts):
            if fact.kind != "term" or fact.run is not None:
                continue
            later = [i for i in range(index + 1, len(facts)) if facts[i].kind == "term"
                     and facts[i].text == fact.text and facts[i].run is None]  # fmt: skip
            if not later or not weak_sentence(self.stem(fact), self.article.text):
                continue
            reads = [i for i in later if not weak_sentence(self.stem(facts[i]), self.article.text)]
            clear = reads[0] if reads else None
            if clear is not None:
                facts[index], facts[clear] = facts[clear], facts[index]
        return facts

    def run(self) -> Derived:
        handlers = {"figure": self.figure, "term": self.term, "list": self.listing,
                    "sequence": self.sequence}  # fmt: skip
        for fact in self.clearest_first():
            if TIME.search(fact.clause.text):
                self.result.skipped["time_clause"] += 1  # "“…”实践活动开展以来": no fact asked
                continue
            handlers[fact.kind](fact)
        for pair in lead_pairs(self.article):
            self.lead_pair(pair)
        for group in group_facts(self.article):
            self.group_fact(group)
        for role in role_facts(self.article):
            self.role_fact(role)
        for story in past_facts(self.article):
            self.past_fact(story)
        for canon in canon_facts(self.article):
            self.canon_fact(canon)
        kept, dropped = without_giveaways(self.result.drafts)
        for draft in kept:
            draft.pop("hides", None)  # what a false statement hides: for without_giveaways only
        self.result.drafts = kept if self.everything else _few_figures(_one_figure_each(kept))
        if dropped:
            self.result.skipped["gives_away"] += dropped
        if len(self.result.drafts) < len(kept):
            self.result.skipped["many_figures"] += len(kept) - len(self.result.drafts)
        return self.result


# Where and when an event was held, opening its sentence: "7月6日,在…村的党史农家书屋里,".
_SCENE_LEAD = re.compile(r"(?:\d+月\d+日[，,])?在[^，,。；;]{2,30}(?:里|中|内|上)[，,]")


# What a subject's name ends with that its own report uses alone (医院离退休二党支部).
_UNIT_END = r"(医院|学校|大学|学院|公司|集团|银行|街道|社区)$"


# Figures drafted from one article at most: a report of figures would give nothing else, and
# readers of unseen reports discarded most counts as trivia (18 of 24 fills were counts).
MAX_FIGURES = 4


# Two counts of people or things side by side in one unit: "30名书记和20名部长".
_TWO_COUNTS = re.compile(
    r"(\d+)(名|个|家|支|位)([\u4e00-\u9fff]{2,12}?)(和|与|及|、)(\d+)\2([\u4e00-\u9fff]{2,12}?)"
    r"(?=[，,。；;]|$)"
)


_MARKED_BLANK = re.compile(r"(《|“|「)?____(》|”|」)?")
_CLOSING = {"《": "》", "“": "”", "「": "」"}


# A sentence longer than this quoted whole buries the fact the draft asks.
_LONG_SENTENCE = 120


def _unspaced(text: str) -> str:
    """Text without the spaces a page's typesetting left beside figures ("1 至4 月",
    "3.33 万亿元"): 1至4月, 3.33万亿元."""
    text = re.sub(r"(?<=[\d%])[ \u3000\xa0]+(?=[\u4e00-\u9fff])", "", text)
    return re.sub(r"(?<=[\u4e00-\u9fff])[ \u3000\xa0]+(?=\d)", "", text)


# A stem that only counts the people a unit has ("…县共有34000多名党员。"): background, not a deed
# of the campaign; an editor discards it.
_PEOPLE_KINDS = r"(党员|干部|职工|员工|居民|村民|人口|师生|学生|教职工)"
# A pronoun standing for what the sentence before named (not 其他, 他人, 吉他).
_PRONOUN = re.compile(r"(?<![其吉利])(?:它|他|她)们?(?![人乡山国])(?=[\u4e00-\u9fff])")
# People gathered, counted, with nothing said of what for: "组织辖区3000多名在册及在地党员".
_GATHERED = re.compile(r"(组织|动员|发动)[^，,；;]{0,6}?\d+[多余]?(名|人|位)[^，,；;]{0,8}$")
# Words naming an event people take part in.
_EVENT = re.compile(r"活动|宣讲|党课|讲座|培训|学习|竞赛|比赛|展|会|课|赛|演出|答题|观看|参观|服务")
# A body every unit has, named with no unit: a page's own site gives the name, its text not.
_EVERY_UNIT_HAS = re.compile(
    r"(?:机关|校|院)?(?:党委|党总支|党支部|党工委|支部|工会|团委)(?:办公室)?|机关"
)
# A body named by its level alone: 县教育局, 市人民医院 (of which county, which city?).
_BARE_LEVEL = re.compile(r"[省市县区](?![委政])[\u4e00-\u9fff]{1,8}?(?:局|院|校|中心|所|站|馆)")
# Measures of things, not counts of what the campaign did: 35平方米, 2.5公里.
_MEASURE_UNIT = re.compile(r"(?:平方米|平米|公里|千米|米|亩|吨|立方|千瓦|万千升)")
# Words of the study campaign itself: a figure a Party-history quiz asks counts these.
_CAMPAIGN = re.compile(
    r"党史|党课|党日|党员|党建|学习|宣讲|讲座|讲坛|讲堂|课堂|教育|培训|研讨|读书|红色|革命|主题|专题"
    r"|实事|诉求|问题|清单|举措|志愿|活动|竞赛|答题|征文|故事|展览|参观|走访|慰问|文艺|演出"
    r"|督查|督导|督办|办结|办理|解决|收集|整改|项目|调研|座谈|会议|大会|参训|参学|人次|义诊|接诊|服务"
    r"|办班|培训班|专题班|任务|展播|播出|推送|发布|宣传|党校|干部|书记|委员|成员|党组织|支部|办公室|文件|通知"
)


def _prompt_weakness(kind: str, fact_kind: str, prompt: str, *, unnamed: bool) -> str | None:
    """Why a finished prompt is no draft to be sure of, or None; the first reason, in order.
    `unnamed`: the page never says whose report it is."""
    if fact_kind == "figure" and (weak := _figure_weakness(prompt)):
        return weak
    if unnamed and _EVERY_UNIT_HAS.match(prompt.split("，")[-1]):
        return "weak_subject"  # "机关党委组织…" on a page that never names whose
    if fact_kind == "figure" and _GATHERED.search(prompt.replace("____", "0")[:-1]):
        return "weak_sentence"  # "组织辖区3000多名…党员": gathered to do what?
    joined = re.search(r"([^，]*?)(?:参与|参加)的[^，]{0,8}?(?:达|共|累计)?____", prompt)
    if joined and not _EVENT.search(joined.group(1)):
        return "weak_event"  # "滨湖世纪社区参与的党员群众达____万余人次": took part in what?
    if _PRONOUN.search(prompt):
        return "weak_subject"  # "…党支部它是村内…的主干道": what is 它, read alone?
    if kind == "multiple" and _WAYS_ONLY.search(prompt):
        return "weak_event"  # "…希望通过哪些方式？": to do what?
    if _WINNERS.match(prompt) or _POINTS_BACK.match(prompt):
        return "weak_subject"  # "益农镇优胜者被聘为…", "该项目部党支部开展…": which, read alone?
    return None


def _figure_weakness(prompt: str) -> str | None:
    """Why a figure's prompt counts nothing a Party-history quiz asks, or None."""
    if _HEADCOUNT.search(prompt):
        return "weak_background"  # "…县共有34000多名党员": who it is, not what it did
    at = prompt.find("____")
    if at >= 0 and _MEASURE_UNIT.match(prompt, at + 4):
        return "weak_trivia"  # "在35平方米的…活动室内": the size of a room
    if not _CAMPAIGN.search(_around_blank(prompt)):
        return "weak_trivia"  # "带领120名专业施工人员", "长约2.5公里的通村路": the deed's
        # workings, not the study campaign
    if _LUCK.search(prompt):
        return "weak_luck"  # "其中有30名参与者被后台随机抽中": chance, not a deed
    if re.search(r"____[^，。]{0,6}?(?:行程|车程|路程|航程)", prompt):
        return "weak_trivia"  # "近____个小时的行程": the journey, not the visit
    if _ANY_EVENT.search(prompt):
        return "weak_event"  # "镇机关全体党员____余人参加了活动": which one, read alone?
    return None


def _around_blank(prompt: str) -> str:
    """The words a figure's blank counts: a few before it (开设“红色讲坛”____场), more after
    it (____个社区77个村开设“党史教育驿站”); the whole prompt when it has no blank."""
    at = prompt.find("____")
    return prompt if at < 0 else prompt[max(0, at - 12) : at] + prompt[at + 4 : at + 28]


# A stem that says when its deed was done: no year goes before it.
_OWN_TIME = re.compile(r"\d{4}年|\d{1,2}月|\d{1,2}日|今年|去年|以来|近日|日前|近期|截至|目前|期间")


# Who won a draw or a gift: luck, not anything the unit did.
_LUCK = re.compile(r"随机抽|抽中|抽奖|中奖|幸运|礼品|奖品|纪念品")
_HEADCOUNT = re.compile(
    rf"(?:共有|现有|拥有|有)(?:____|[\d.]+)万?[多余]?名?{_PEOPLE_KINDS}。$"
    rf"|(?:共有|现有|拥有|有){_PEOPLE_KINDS}(?:____|[\d.]+)万?[多余]?名?。$"
)
# A prompt opening with words that point back to a body the reader does not see ("该项目部…",
# "此次活动…"), after any lead of when.
_POINTS_BACK = re.compile(r"^(?:截至报道时，)?(?:该|此|这|上述)")
# Works shown or read one after another: 先后 says they all were, not in which order.
_SHOWN = re.compile(r"先后(?:播放|放映|观看|展播|展映|演唱|朗读|诵读|上演)")
# People counted at an event named by no name: "…参加了活动", "…出席了此次会议".
_ANY_EVENT = re.compile(
    r"(?:参加|参与|出席|观看)了?(?:此次|本次|该|这次)?(?:活动|仪式|会议|比赛|学习|大会)。?$"
)
# A list of ways asked with nothing said of what they are for.
_WAYS_ONLY = re.compile(r"(?:通过|采取|采用|运用)哪些(?:方式|形式|途径|办法|举措)？$")
# Who won a contest told before, named only as winners: read alone, of what?
_WINNERS = re.compile(
    r"^(?:[^，,]*[，,])?[\u4e00-\u9fff]{0,16}?(?:优胜者|获奖者|获胜者|优胜选手)(?=被|将|获|成为)"
)
# A place's name said twice in a row: "八尺镇八尺镇党委书记".
_PLACE_TWICE = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:省|市|区|县|旗|镇|乡|村|街道|社区))\1")


def _undoubled(prompt: str, subject: str) -> str:
    """A prompt whose subject, put in front, is named again where it acts ("礼县在礼县29个乡镇…"):
    the second time as 全县 (of a place) or not at all. A place named twice running, as a
    subject put before a post that names its place again ("平远县八尺镇" + "八尺镇党委书记"), is
    named once."""
    prompt = _PLACE_TWICE.sub(r"\1", prompt)
    bare = re.search(r"([\u4e00-\u9fff]{2})(?:市|区|县)$", subject) if subject else None
    if bare:  # "杭州富阳区" + "富阳首批…": the short name said again is said once, not where
        # it starts a name of its own (朝阳区 + 朝阳门街道, 富阳区 + 富阳中学)
        again = rf"(?<={re.escape(subject)}){bare.group(1)}(?=[首的在共已将还也各全先累])"
        prompt = re.sub(again, "", prompt)
    if not subject or not prompt.startswith(subject + "在" + subject):
        return prompt
    unit = re.search(r"(省|市|区|县|镇|乡)$", subject)
    again = "全" + unit.group() if unit else ""
    if not again:
        return subject + prompt[len(subject) * 2 + 1 :]
    return subject + "在" + again + prompt[len(subject) * 2 + 1 :]


def _with_marks(prompt: str, answer: object) -> object:
    """A fill's answers, each blank's also typed with the marks around it in the prompt
    (发布《____》: 《红旗漫卷西风》 as well as 红旗漫卷西风)."""
    if not isinstance(answer, list) or not all(isinstance(b, list) for b in answer):
        return answer
    marks = [m.groups() for m in _MARKED_BLANK.finditer(prompt)]
    if len(marks) != len(answer):
        return answer
    marked: list[list[object]] = []
    for (opening, closing), blank in zip(marks, answer, strict=True):
        first = blank[:1]  # the name as written; its other spellings stay unmarked
        wrapped = [f"{opening}{b}{closing}" for b in first
                   if opening and closing == _CLOSING[opening]]  # fmt: skip
        if opening == "“" and closing == "”":
            wrapped += [f'"{b}"' for b in first]  # typed with the keyboard's own marks
        marked.append(list(dict.fromkeys([*blank, *_inner_unmarked(blank), *wrapped])))
    return marked


# Marks inside a name ("‘医’心向党"): a player types them as the keyboard has them, or not at all.
_INNER_MARKS = re.compile(r"[‘’“”「」『』'\"]")


def _inner_unmarked(blank: list[object]) -> list[str]:
    """A blank's answers with marks inside them also typed without them, or as ASCII quotes."""
    found: list[str] = []
    for answer in map(str, blank):
        if _INNER_MARKS.search(answer[1:-1]):
            found.append(_INNER_MARKS.sub("", answer))
            found.append(re.sub(r"[‘’]", "'", re.sub(r"[“”]", '"', answer)))
    return found


def roles_swapped(stem: str, figure: str) -> str | None:
    """A false statement that swaps what two different counts of one unit count ("30名书记和20名
    部长" -> "30名部长和20名书记"), when the stem holds them and the figure asked is one: the
    change is in who, not how many. None when the counts are equal, the nouns hold a verb or
    one noun holds the other."""
    found = _TWO_COUNTS.search(stem)
    if found is None or figure not in (found.group(1), found.group(5)):
        return None
    one, other = found.group(3), found.group(6)
    if found.group(1) == found.group(5) or one in other or other in one:
        return None
    if VERB.search(one) or VERB.search(other):
        return None
    unit, joint = found.group(2), found.group(4)
    swapped = f"{found.group(1)}{unit}{other}{joint}{found.group(5)}{unit}{one}"
    return stem[: found.start()] + swapped + stem[found.end() :]


# Kinds every report names many of, however often this one does: never one of a kind.
_ANY_KIND = ("活动", "工作", "行动", "文件", "通知", "项目")


def _one_figure_each(drafts: list[dict[str, object]]) -> list[dict[str, object]]:
    """One figure asked of a stem: its others (在6个社区77个村开设…) make a second draft of the
    same words, which readers find asked twice."""
    told: set[object] = set()
    kept = []
    for draft in drafts:
        if "数字" in draft["tags"]:  # type: ignore[operator]
            if repr(draft["quote"]) in told:
                continue
            told.add(repr(draft["quote"]))
        kept.append(draft)
    return kept


def _few_figures(drafts: list[dict[str, object]]) -> list[dict[str, object]]:
    """At most `MAX_FIGURES` drafts of figures, taken in turn from each type (a fill, a single,
    a statement, …), those counting a thing the report names first, then in the article's
    order, so a report of figures is not asked eight times alike."""
    figures = [d for d in drafts if "数字" in d["tags"]]  # type: ignore[operator]
    if len(figures) <= MAX_FIGURES:
        return drafts
    # counts of something the report names (开设“红色讲坛”____场) first: a bare count is trivia
    figures.sort(key=lambda d: not re.search(r"[“《]", str(d["prompt"])))
    by_type: dict[object, list[dict[str, object]]] = {}
    for draft in figures:
        by_type.setdefault(draft["type"], []).append(draft)
    chosen: list[int] = []
    while len(chosen) < MAX_FIGURES:
        for queue in by_type.values():
            if queue and len(chosen) < MAX_FIGURES:
                chosen.append(id(queue.pop(0)))
    return [d for d in drafts if "数字" not in d["tags"] or id(d) in chosen]  # type: ignore[operator]


def _echoed(answer: object, options: object, prompt: str) -> str | None:
    """ "weak_unique" when the right option alone shares a word with its stem (“宣讲在基层” for
    …在基层组织开展“____”活动): a player picks it unread."""
    if not isinstance(answer, str) or not isinstance(options, list):
        return None
    shown = prompt.replace("____", "|")
    others = "|".join(str(o) for o in options if o != answer)
    for at in range(len(answer) - 1):
        word = answer[at : at + 2]
        if re.fullmatch(r"[\u4e00-\u9fff]{2}", word) and word in shown and word not in others:
            return "weak_unique"
    return None


def _place_given(answer: str, prompt: str, subject: str) -> str | None:
    """ "weak_unique" when a name's blank opens with the place its prompt names: 《福州日报》 is
    all but given once the stem says 福州市…."""
    if len(answer) < 4:
        return None
    place = answer[:2]
    named = re.search(rf"{place}[\u4e00-\u9fff]{{0,3}}?(省|市|区|县|镇|乡)", prompt)
    return "weak_unique" if named or subject.startswith(place) else None


def _name_chars(head: str) -> set[str]:
    """The characters of a list's head that can make two heads alike: not its quotation marks
    (…纳入“三会一课”学习 and …举办“…”主题展 are no lists of one kind)."""
    return set(head) - set("“”‘’《》「」()（） ")


# Words naming what a list is, not what was done: two lists named by them may still be of
# different deeds.
_GENERIC_WORDS = {"方式", "形式", "活动", "单位", "场所", "地方", "方面", "载体", "渠道",
                  "内容", "工作", "开展", "参与", "参加", "举办", "进行", "等地", "群体",
                  "人员"}  # fmt: skip


def _event_words(head: str) -> set[str]:
    """The two-character words of a list's head that say what was done ("担任宣讲员": 宣讲 …)."""
    return {head[i : i + 2] for i in range(len(head) - 1)} - _GENERIC_WORDS


# People sent out, counted, at a stem's end ("发动88名科技特派员"), and the clause after saying
# what they went to do ("将党史学习教育同…结合", "深入田间地头…"): the stem runs on to it.
_MOBILISED = re.compile(
    r"(发动|动员|选派|招募|派出|抽调|组织|成立|组建|设立)[^，,；;]{0,6}?[\d０-９.]+[多余]?"
    r"(名|人|位|个|支)[^，,；;]{0,8}$"
)  # also bodies set up: "成立4个工作组" (,指导各直属党组织…)
_FOR_WHAT = re.compile(
    r"^(将|把|深入|到|赴|走进|下沉|为|帮助|开展|进村|入户|围绕|聚焦|指导|督导|负责|专门|分赴)"
)
_CODE = re.compile(r"“[\d+＋\-—·、]+”")  # “1+4+5”: a code made of the figures it sums up


def _without_codes(prompt: str, core: str) -> str:
    """A figure's prompt without a code that shows the figure ("1个领导小组、____个专项组和5个
    指导组的“1+4+5”体系" answers itself)."""
    figure = re.compile(rf"(?<![\d.]){re.escape(core)}(?![\d.])")
    return _CODE.sub(lambda m: "" if figure.search(m.group()) else m.group(), prompt)


def _counted(after: str) -> str:
    """What a figure counts, from the words after it: "个批次" and "批次" are both 批次."""
    words = re.sub(r"^(余|多)?(个)?(?=[\u4e00-\u9fff])", "", after)
    match = re.match(r"[\u4e00-\u9fff]{1,2}", words)
    return match.group() if match else ""


def _talking_points(fact: Fact, text: str) -> bool:
    """Whether a sequence only numbers points (一是…二是…, 一、…二、…, parts titled alike): the
    order an article or a speech gives them is its wording; steps (第一阶段…, 首先…最后) and
    a campaign's stages in their natural order are facts."""
    if stage_order(fact.items):
        return False
    if fact.group == "heading":
        return True
    return fact.group == "ordinal" and re.match(r"[一二三四五六]是", text[fact.start :]) is not None


def _comparable(one: str, other: str) -> bool:
    """Figures close enough in size for one to pass for the other (not 6 for 7177)."""
    low, high = sorted((float(one), float(other)))
    return low > 0 and high / low <= 20


def _figure_value(text: str) -> float:
    match = re.match(r"\d+(?:\.\d+)?", text)
    return float(match.group()) if match else 0.0


def _fill_part(fact: Fact) -> tuple[int, int]:
    """A long name is asked by one part: “百年征程____——武汉红色故事汇”."""
    if len(fact.text) <= MAX_FILL:
        return fact.start, fact.end
    parts = re.split(r"(——|·| )", fact.text)
    first = parts[0]
    if 2 <= len(first) <= MAX_FILL and len(parts) > 1:
        return fact.start, fact.start + len(first)
    return fact.start, fact.end


def derive(article: AuthorArticle, section: str = "草稿", everything: bool = False) -> Derived:
    """Draft questions in the bank format (YAML-ready mappings), in article order, with what
    was skipped and why. Only drafts derive is sure of, unless `everything`: then the others
    too, tagged 待定."""
    reading = simplified(article.text)
    if reading == article.text or len(reading) != len(article.text):
        return Drafter(article, section, everything).run()
    # A page in traditional characters, read as simplified character for character: the
    # drafts speak simplified, their quotes are the page's own words at the same offsets, and
    # a blank takes the answer in either script.
    read = replace(article, text=reading, title=simplified(article.title))
    result = Drafter(read, section, everything).run()
    for draft in result.drafts:
        draft["quote"] = _in_source(draft["quote"], reading, article.text)
        answer = draft.get("answer")
        if draft["type"] == "fill" and isinstance(answer, list):
            draft["answer"] = [
                list(
                    dict.fromkeys([*blank, *(_in_source(a, reading, article.text) for a in blank)])
                )
                for blank in answer
            ]
    return result


def _in_source(words: object, reading: str, source: str) -> object:
    """Words of the simplified reading as the source writes them (黨建+ for 党建+), where the
    reading has them; a list of quotes, each so."""
    if isinstance(words, list):
        return [_in_source(w, reading, source) for w in words]
    if not isinstance(words, str):
        return words
    at = reading.find(words)
    return source[at : at + len(words)] if at >= 0 else words
