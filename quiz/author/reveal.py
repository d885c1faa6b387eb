"""Drafts that give each other away: no prompt shows another draft's answer (a later stem
showing an earlier blank's figure, a judge stating a fill's term). The better drafts are kept:
multiple choice and order first, then single choice, then fill and statement (a list's item
last); then article order."""

from __future__ import annotations

import re
from collections.abc import Iterable

from quiz.author.terms import name_key

Draft = dict[str, object]
# A statement stands in place of its fact's blank: it ranks as the blank would.
_PRIORITY = {"multiple": 0, "order": 0, "single": 1, "fill": 2, "judge": 2}
_NUMERAL = re.compile(r"[\d.]+|[零一二两三四五六七八九十百千万亿点]+")


def answers_of(draft: Draft) -> list[str]:
    """What a player must know to answer the draft: the right option(s), every blank's
    accepted forms; for a false statement, the true value it changed (`hides`, set by the
    drafter). An order question has no one answer a prompt could show (see `gives_away`)."""
    answer = draft.get("answer")
    if draft["type"] == "single" and isinstance(answer, str):
        return [answer]
    if draft["type"] == "multiple" and isinstance(answer, list):
        return [str(a) for a in answer]
    if draft["type"] == "fill" and isinstance(answer, list):
        return [str(form) for blank in answer if isinstance(blank, list) for form in blank]
    hidden = draft.get("hides")  # a false statement hides the true value it changed
    return [str(h) for h in hidden] if isinstance(hidden, list) else []


def gives_away(prompt: str, draft: Draft) -> bool:
    """Whether `prompt` shows the answer of `draft`: one of its answers, or for an order
    question every item in their order."""
    items = draft.get("options")
    if draft["type"] == "order" and isinstance(items, list):
        shown = name_key(prompt)
        places = [shown.find(name_key(str(item))) for item in items]
        return all(p >= 0 for p in places) and places == sorted(places)
    return any(shows(prompt, answer) for answer in answers_of(draft))


def shows(prompt: str, answer: str) -> bool:
    """Whether `prompt` shows `answer`: names compared as names (冀云·围场 is 冀云围场); a
    figure only where it stands alone (15 is not in 2015, 二 is not in 二十)."""
    key = name_key(answer)
    if len(key) < 2 and not key.isdigit():
        return False
    if _NUMERAL.fullmatch(key):
        around = r"[\d.]" if key[0].isdigit() else "[零一二两三四五六七八九十百千万亿点]"
        return (
            re.search(rf"(?<!{around}){re.escape(key)}(?!{around})", name_key(prompt)) is not None
        )
    return key in name_key(prompt)


def _rivals(draft: Draft, other: Draft) -> bool:
    """Whether a single choice offers another draft's answer as a wrong option: the drafts of
    one list (宣讲团 190场, 各区 1732场, …) would answer each other by elimination. (A multiple
    choice's wrong options are other lists' items by design: no list answers another.)"""
    options = draft.get("options")
    if draft["type"] != "single" or not isinstance(options, list):
        return False
    wrong = {name_key(str(o)) for o in options} - {name_key(a) for a in answers_of(draft)}
    return any(name_key(answer) in wrong for answer in answers_of(other))


def _rank(draft: Draft) -> float:
    rank: float = _PRIORITY.get(str(draft["type"]), 9)
    tags = draft.get("tags")
    if draft["type"] == "fill" and isinstance(tags, list) and "列举" in tags:
        rank += 0.5  # one item of a list blanked: weaker than a figure's or a name's blank
    return rank


def without_giveaways(drafts: Iterable[Draft]) -> tuple[list[Draft], int]:
    """The drafts kept, in their order, and how many were dropped."""
    listed = list(drafts)
    ranked = sorted(range(len(listed)), key=lambda i: _rank(listed[i]))
    kept: list[int] = []
    for index in ranked:
        draft = listed[index]
        prompt = str(draft["prompt"])
        clash = any(
            gives_away(prompt, listed[other])
            or gives_away(str(listed[other]["prompt"]), draft)
            or _rivals(draft, listed[other])
            or _rivals(listed[other], draft)
            for other in kept
        )
        if not clash:
            kept.append(index)
    kept.sort()
    return [listed[i] for i in kept], len(listed) - len(kept)
