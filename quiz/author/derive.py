"""Draft questions from any Chinese article, for an author to review.

- numbers: a fill question per figure, and a single choice whose distractors are the article's
  other figures of the same unit and scale;
- quoted terms (“…” and 《…》): a fill question, and a single choice among terms of the same kind;
- judge statements: a clause as written (true), or with one figure or term swapped for another
  of the article's (false).

Every draft carries its clause as a verbatim quote and `draft: true`, so it never reaches players
until an author has reviewed it and removed the mark.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass

from quiz.author.article import AuthorArticle, Span

UNITS = (
    "人次|周年|余份|余人|余场|个|场|次|名|支|条|份|人|家|所|位|项|届|期|批|篇|天|年|元|户|处|座|部|"
    "%|％"
)
NUMBER = re.compile(rf"(\d+(?:\.\d+)?)(万|亿)?({UNITS})?")
TERM = re.compile(r"“([^“”]{2,24})”|《([^《》]{2,30})》")
MIN_CLAUSE = 8


@dataclass(frozen=True, slots=True)
class Fact:
    """A figure or a quoted term inside a clause."""

    kind: str  # "number" or "term"
    group: str  # numbers: unit and scale; terms: the bracket kind
    text: str  # what a player must know, e.g. "190场" or "初心号"
    core: str  # the part that is blanked out, e.g. "190" or "初心号"
    start: int  # offset of `core` inside the clause
    clause: Span


def facts_of(clauses: list[Span]) -> list[Fact]:
    found: list[Fact] = []
    for clause in clauses:
        if len(clause.text) < MIN_CLAUSE:
            continue
        for m in NUMBER.finditer(clause.text):
            number, scale, unit = m.group(1), m.group(2) or "", m.group(3) or ""
            if not (scale or unit):  # a bare figure (a year, a code) is not a fact to ask
                continue
            group = f"{scale}{unit}"
            found.append(
                Fact("number", group, f"{number}{scale}{unit}", number, m.start(1), clause)
            )
        for m in TERM.finditer(clause.text):
            inner = m.group(1) or m.group(2)
            index = 1 if m.group(1) else 2
            bracket = "“”" if m.group(1) else "《》"
            found.append(Fact("term", bracket, inner, inner, m.start(index), clause))
    return found


def draft_id(*parts: str) -> str:
    return "draft-" + hashlib.sha1("|".join(parts).encode()).hexdigest()[:10]


def blanked(fact: Fact) -> str:
    text = fact.clause.text
    return text[: fact.start] + "____" + text[fact.start + len(fact.core) :]


def swapped(fact: Fact, other: Fact) -> str:
    text = fact.clause.text
    return text[: fact.start] + other.core + text[fact.start + len(fact.core) :]


def _others(fact: Fact, pool: list[Fact], count: int) -> list[Fact]:
    """Distinct facts of the same group, nearest in size (numbers) or length (terms) first."""
    seen = {fact.core}
    candidates: list[Fact] = []
    for other in pool:
        if other.group == fact.group and other.kind == fact.kind and other.core not in seen:
            seen.add(other.core)
            candidates.append(other)

    def distance(other: Fact) -> float:
        if fact.kind == "number":
            return abs(float(other.core) - float(fact.core)) / max(float(fact.core), 1.0)
        return abs(len(other.core) - len(fact.core))

    return sorted(candidates, key=lambda o: (distance(o), o.core))[:count]


def derive(article: AuthorArticle, section: str = "草稿") -> list[dict[str, object]]:
    """Draft questions in the bank format (YAML-ready mappings), in article order."""
    facts = facts_of(article.clauses())
    by_group: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        by_group[(fact.kind, fact.group)].append(fact)
    drafts: list[dict[str, object]] = []
    seen_prompts: set[str] = set()
    for index, fact in enumerate(facts):
        clause = fact.clause.text
        tag = "数字" if fact.kind == "number" else "术语"
        sentence = _sentence_of(article, fact.clause)
        base = {"explanation": f"原文：{sentence}", "quote": clause, "tags": ["草稿", tag]}
        prompt = f"{blanked(fact)}。空白处应填什么？"
        if prompt not in seen_prompts:
            seen_prompts.add(prompt)
            accepted = [fact.core] if fact.core == fact.text else [fact.core, fact.text]
            drafts.append({"id": draft_id("fill", clause, fact.core), "type": "fill",
                           "prompt": prompt, "answer": [accepted], **base, "difficulty": 2,
                           "section": section, "draft": True})  # fmt: skip
        rivals = _others(fact, by_group[(fact.kind, fact.group)], 3)
        if len(rivals) >= 2:
            options = [fact.text, *(r.text for r in rivals)]
            options.sort(key=lambda o: (len(o), o))
            drafts.append({"id": draft_id("single", clause, fact.core), "type": "single",
                           "prompt": f"{blanked(fact)}。空白处应是？", "options": options,
                           "answer": fact.text, **base, "difficulty": 2, "section": section,
                           "draft": True})  # fmt: skip
        if rivals:
            truth = index % 2 == 0
            statement = clause if truth else swapped(fact, rivals[0])
            drafts.append({"id": draft_id("judge", clause, fact.core, str(truth)), "type": "judge",
                           "prompt": f"{statement}。", "answer": truth, **base, "difficulty": 1,
                           "section": section, "draft": True})  # fmt: skip
    return _unique(drafts)


def _unique(drafts: list[dict[str, object]]) -> list[dict[str, object]]:
    seen: set[object] = set()
    kept = []
    for draft in drafts:
        if draft["id"] not in seen:
            seen.add(draft["id"])
            kept.append(draft)
    return kept


def _sentence_of(article: AuthorArticle, clause: Span) -> str:
    for sentence in article.sentences():
        if sentence.start <= clause.start < sentence.end:
            return sentence.text
    return clause.text
