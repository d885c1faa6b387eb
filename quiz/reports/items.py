"""Item analysis as Moodle's quiz statistics compute it: facility index, discrimination index,
option counts, flags. Pure functions over first attempts (the bank screen and `quiz bank
stats`; kept apart from `quiz.reports.stats`, which home's summary uses at start-up)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from quiz.reports.stats import pearson

TOO_EASY = 0.9
TOO_HARD = 0.2
MIN_ATTEMPTS_FOR_FLAGS = 5
"""Fewer first attempts than this say nothing about an item: no flags."""
MIN_PLAYERS_FOR_DISCRIMINATION = 5
"""Players (with at least two items attempted) needed before a correlation means anything."""


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
