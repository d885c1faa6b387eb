"""The Party's own formulas a report quotes on its way (学史明理、学史增信、学史崇德、学史力行;
“四史”; 政治判断力、政治领悟力、政治执行力): asked as the 党史知识挑战赛 asks them, in the
formula's own frame, one part blanked. Readers of unseen reports named these the facts most
worth asking; a blank inside the report's sentence would be guessed from the set phrase, so the
frame says what the formula is.

Each frame is a statement of the formula as the Party states it; the report's words are the
quote, so `quiz validate` checks that the report says it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from quiz.author.article import AuthorArticle


@dataclass(frozen=True, slots=True)
class Formula:
    parts: tuple[str, ...]  # in the order the Party states them
    frame: str  # the prompt, with {parts} where the parts go
    asked: int  # which part is blanked: a middle one, not guessed from the others' pattern
    lead: str = ""  # words the blank keeps before it (学史 of 学史增信): not asked
    label: str = ""  # the name the frame gives the formula (“四史”): a report not saying it
    # quotes the parts for its own ends, so they are asked in its own sentence


FORMULAS = (
    Formula(
        ("学史明理", "学史增信", "学史崇德", "学史力行"), "党史学习教育要做到{parts}。", 1, "学史"
    ),
    Formula(("学党史", "悟思想", "办实事", "开新局"), "党史学习教育要做到{parts}。", 2),
    Formula(("政治判断力", "政治领悟力", "政治执行力"), "党员干部要不断提高{parts}。", 1, "政治"),
    Formula(
        ("党史", "新中国史", "改革开放史", "社会主义发展史"), "“四史”是指{parts}。", 2, label="四史"
    ),
    Formula(
        ("创新", "协调", "绿色", "开放", "共享"),
        "新发展理念是{parts}的发展理念。",
        2,
        label="新发展理念",
    ),
    Formula(
        ("政治意识", "大局意识", "核心意识", "看齐意识"),
        "“四个意识”是{parts}。",
        2,
        label="四个意识",
    ),
    Formula(
        ("道路自信", "理论自信", "制度自信", "文化自信"),
        "“四个自信”是{parts}。",
        2,
        label="四个自信",
    ),
)
# What may stand between two parts where a report quotes a formula.
_BETWEEN = r"[、，,\s“”\"']{0,3}"


@dataclass(frozen=True, slots=True)
class CanonFact:
    prompt: str
    answer: tuple[str, ...]  # accepted forms
    start: int  # the formula's span in the report: its quote
    end: int
    part: tuple[int, int]  # the blanked part's span in the report
    labelled: bool  # the report names the formula as its frame does (“四史”)


def canon_facts(article: AuthorArticle) -> list[CanonFact]:
    """Each formula the report's body quotes whole, in the Party's order, once."""
    found: list[CanonFact] = []
    for formula in FORMULAS:
        pattern = _BETWEEN.join(re.escape(part) for part in formula.parts)
        quoted = re.search(pattern, article.text[article.body_start :])
        if quoted is None:
            continue
        start = article.body_start + quoted.start()
        part = formula.parts[formula.asked]
        shown = list(formula.parts)
        shown[formula.asked] = formula.lead + "____"
        answer = part.removeprefix(formula.lead)
        at = article.text.index(answer, start + quoted.group().index(part))
        labelled = not formula.label or formula.label in article.text
        found.append(CanonFact(formula.frame.format(parts="、".join(shown)),
                               tuple(dict.fromkeys((answer, part))),
                               start, start + len(quoted.group()), (at, at + len(answer)),
                               labelled))  # fmt: skip
    return found
