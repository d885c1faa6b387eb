"""The arithmetic of review: answer counts, accuracy, streaks and Pearson's r. Pure functions;
item analysis, built on them, is `quiz.reports.items`."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta


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
