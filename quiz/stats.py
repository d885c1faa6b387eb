"""The arithmetic of review: streaks, accuracy, and item analysis as Moodle's quiz statistics
compute it (facility index, discrimination index, option counts, flags). Pure functions."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

TOO_EASY = 0.9
TOO_HARD = 0.2
MIN_ATTEMPTS_FOR_FLAGS = 5
"""Fewer first attempts than this say nothing about an item: no flags."""
MIN_PLAYERS_FOR_DISCRIMINATION = 5
"""Players (with at least two items attempted) needed before a correlation means anything."""


def answer_counts(
    kind: str, options: Sequence[str], givens: Iterable[Sequence[str]]
) -> tuple[tuple[str, int], ...]:
    """How a question was answered: a count per option (a multiple choice counts each option
    picked), or per answer as a whole (an ordering, a fill); the options first, in their order,
    then any other answer, sorted. `kind` is the question type's value."""
    counts: Counter[str] = Counter()
    for given in givens:
        if kind == "multiple":
            counts.update(given)
        else:
            counts[(" → " if kind == "order" else "；").join(given)] += 1
    order = list(options) if kind != "fill" else []
    keys = order + sorted(k for k in counts if k not in order)
    return tuple((k, counts.get(k, 0)) for k in keys)


def accuracy(correct: int, answers: int) -> float | None:
    return round(correct / answers, 4) if answers else None


def streaks(days: Iterable[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive study days; the current run may end yesterday
    (today is not over)."""
    ordered = sorted(set(days))
    longest = run = 0
    previous: date | None = None
    for day in ordered:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    present = set(ordered)
    start = today if today in present else today - timedelta(days=1)
    current = 0
    while start - timedelta(days=current) in present:
        current += 1
    return current, longest


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r, or None when either side does not vary (or there are under 2 points)."""
    n = len(xs)
    if n < 2 or n != len(ys):
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return sxy / math.sqrt(sxx * syy)


@dataclass(frozen=True, slots=True)
class Attempt:
    """A player's first attempt at a question."""

    player: int
    question_id: str
    correct: bool
    given: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ItemInfo:
    question_id: str
    kind: str
    options: tuple[str, ...]
    answer: tuple[str, ...]
    prompt: str = ""


@dataclass(frozen=True, slots=True)
class ItemStats:
    question_id: str
    prompt: str
    attempts: int
    facility: float | None
    discrimination: float | None
    options: dict[str, int] = field(default_factory=dict)
    """Picks per option, in the question's option order (choice questions only)."""
    flags: tuple[str, ...] = ()


CHOICE_KINDS = {"single", "multiple", "judge"}


def item_analysis(attempts: Sequence[Attempt], items: dict[str, ItemInfo]) -> list[ItemStats]:
    """Per question: attempts, facility (mean score), discrimination (r between the item's score
    and the player's score on the other items, as a proportion), option picks, flags."""
    by_player: dict[int, list[Attempt]] = defaultdict(list)
    by_item: dict[str, list[Attempt]] = defaultdict(list)
    for attempt in attempts:
        by_player[attempt.player].append(attempt)
        by_item[attempt.question_id].append(attempt)
    totals = {p: (sum(a.correct for a in done), len(done)) for p, done in by_player.items()}
    results: list[ItemStats] = []
    for question_id in sorted(by_item):
        tried = by_item[question_id]
        info = items.get(question_id)
        facility = sum(a.correct for a in tried) / len(tried)
        xs: list[float] = []
        ys: list[float] = []
        for attempt in tried:
            right, count = totals[attempt.player]
            if count >= 2:
                xs.append(float(attempt.correct))
                ys.append((right - attempt.correct) / (count - 1))
        discrimination = pearson(xs, ys) if len(xs) >= MIN_PLAYERS_FOR_DISCRIMINATION else None
        picks: dict[str, int] = {}
        if info is not None and info.kind in CHOICE_KINDS:
            counted = Counter(text for a in tried for text in a.given)
            picks = {text: counted.get(text, 0) for text in info.options}
        stats = ItemStats(
            question_id=question_id,
            prompt=info.prompt if info else "",
            attempts=len(tried),
            facility=facility,
            discrimination=discrimination,
            options=picks,
        )
        results.append(replace(stats, flags=flags_for(stats, info)))
    return results


def flags_for(stats: ItemStats, info: ItemInfo | None) -> tuple[str, ...]:
    if stats.attempts < MIN_ATTEMPTS_FOR_FLAGS or stats.facility is None:
        return ()
    flags: list[str] = []
    if stats.facility > TOO_EASY:
        flags.append("too_easy")
    if stats.facility < TOO_HARD:
        flags.append("too_hard")
    if stats.discrimination is not None and stats.discrimination < 0:
        flags.append("negative_discrimination")
    if info is not None and info.kind in ("single", "multiple"):
        unused = [o for o, n in stats.options.items() if n == 0 and o not in info.answer]
        if unused:
            flags.append("unused_distractor")
    return tuple(flags)
