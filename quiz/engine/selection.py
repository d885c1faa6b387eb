"""Which questions a run asks, per mode; deterministic for a seed (and, for the daily set, for
a player and a date)."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from quiz.bank.models import Question, QuestionType
from quiz.engine.modes import RULES, Mode, Pool
from quiz.engine.race import Opponent, pick_opponents
from quiz.engine.session import Plan


class NothingToAsk(ValueError):
    """The bank has no question for this run (an empty topic, an empty mistake book)."""


@dataclass(frozen=True, slots=True)
class PlayerHistory:
    """What selection needs to know of the player's past, read from the store."""

    mistake_streaks: Mapping[str, int] = field(default_factory=dict)
    """The mistake book: question id → right answers in a row since the last wrong one."""
    due: Sequence[str] = ()
    """Study: questions whose card is due today, most overdue first."""
    carded: frozenset[str] = frozenset()
    """Study: questions the player has a card for (not new)."""
    new_allowance: int = 10
    """Study: new questions the player may still start today."""
    opponent_profiles: Sequence[Opponent] = ()
    sentence_of: Mapping[str, str] = field(default_factory=dict)
    """Study: the article sentence each question quotes (new cards are spread across them)."""


def stable_seed(*parts: object) -> int:
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:6], "big")


def playable(questions: Sequence[Question]) -> list[Question]:
    """Questions players may see (never unreviewed drafts), in a stable id order."""
    return sorted((q for q in questions if not q.draft), key=lambda q: q.id)


def daily_set(
    questions: Sequence[Question], user: str, day: date, count: int = 5
) -> list[Question]:
    """The same set for a player on a given date; one question of each type where possible."""
    rng = random.Random(stable_seed("daily", user, day.isoformat()))
    pool = playable(questions)
    chosen: list[Question] = []
    for kind in QuestionType:
        of_kind = [q for q in pool if q.type is kind and q not in chosen]
        if of_kind and len(chosen) < count:
            chosen.append(rng.choice(of_kind))
    rest = [q for q in pool if q not in chosen]
    chosen.extend(rng.sample(rest, min(len(rest), count - len(chosen))))
    rng.shuffle(chosen)
    return chosen


def interleaved(questions: Sequence[Question], sentence_of: Mapping[str, str]) -> list[Question]:
    """New study cards in an order that takes turns between sections, and within a section
    between the sentences quoted, so cards on one sentence (each giving the next one's answer
    away) are spread apart. Stable: it depends only on the bank."""

    def rounds(groups: Mapping[str, list[Question]]) -> list[Question]:
        queues = [list(group) for group in groups.values()]
        out: list[Question] = []
        while any(queues):
            for queue in queues:
                if queue:
                    out.append(queue.pop(0))
        return out

    by_section: dict[str, dict[str, list[Question]]] = {}
    for q in questions:
        sentence = sentence_of.get(q.id) or q.quote or q.id
        by_section.setdefault(q.section, {}).setdefault(sentence, []).append(q)
    return rounds({name: rounds(sentences) for name, sentences in by_section.items()})


def in_topic(question: Question, topic: str) -> bool:
    return question.section == topic or topic in question.tags


def topics(questions: Sequence[Question]) -> list[tuple[str, int]]:
    """Sections first (in bank order), then tags by size: what topic practice can choose."""
    sections: dict[str, int] = {}
    tags: dict[str, int] = {}
    for question in questions:
        if question.draft:
            continue
        sections[question.section] = sections.get(question.section, 0) + 1
        for tag in question.tags:
            tags[tag] = tags.get(tag, 0) + 1
    by_size = sorted(tags.items(), key=lambda item: (-item[1], item[0]))
    return list(sections.items()) + [(tag, n) for tag, n in by_size if tag not in sections]


def plan(
    mode: Mode,
    questions: Sequence[Question],
    *,
    user: str,
    today: date,
    seed: int | None = None,
    count: int | None = None,
    topic: str | None = None,
    opponents: int = 3,
    history: PlayerHistory | None = None,
) -> Plan:
    """The plan of a new run; raises NothingToAsk when the bank has nothing for it."""
    rules = RULES[mode]
    history = history or PlayerHistory()
    seed = seed if seed is not None else random.SystemRandom().randrange(2**31)
    wanted = count or rules.count
    ask = Ask(playable(questions), random.Random(seed), user, today, wanted, topic, history)
    chosen, label = POOLS[rules.pool](ask)
    if not rules.open_ended and wanted:
        chosen = chosen[:wanted]
    if not chosen:
        raise NothingToAsk(mode.value)
    rivals = (
        pick_opponents(list(history.opponent_profiles), opponents, seed) if rules.rivals else ()
    )
    book = history.mistake_streaks if rules.pool is Pool.BOOK else {}
    return Plan(
        mode=mode,
        questions=tuple(chosen),
        seed=seed,
        count=count if rules.open_ended else len(chosen),
        opponents=rivals,
        right_streaks={q.id: book[q.id] for q in chosen if q.id in book},
        label=label,
    )


# -- one function per pool: (questions in the order asked, the run's label) -------------------


@dataclass(frozen=True, slots=True)
class Ask:
    """What a pool function may use to choose."""

    pool: list[Question]
    """Playable questions, in id order."""
    rng: random.Random
    user: str
    today: date
    wanted: int | None
    topic: str | None
    history: PlayerHistory


def _whole_bank(ask: Ask) -> tuple[list[Question], str]:
    chosen = list(ask.pool)
    ask.rng.shuffle(chosen)
    return chosen, ""


def _daily(ask: Ask) -> tuple[list[Question], str]:
    return daily_set(ask.pool, ask.user, ask.today, ask.wanted or 5), ""


def _topic(ask: Ask) -> tuple[list[Question], str]:
    label = ask.topic or (topics(ask.pool)[0][0] if ask.pool else "")
    chosen = [q for q in ask.pool if in_topic(q, label)]
    ask.rng.shuffle(chosen)
    return chosen, label


def _book(ask: Ask) -> tuple[list[Question], str]:
    chosen = [q for q in ask.pool if q.id in ask.history.mistake_streaks]
    ask.rng.shuffle(chosen)
    return chosen, ""


def _due(ask: Ask) -> tuple[list[Question], str]:
    """Due reviews first, then new questions up to today's allowance, interleaved."""
    history = ask.history
    by_id = {q.id: q for q in ask.pool}
    due = [by_id[i] for i in history.due if i in by_id]
    unseen = [q for q in ask.pool if q.id not in history.carded]
    fresh = interleaved(unseen, history.sentence_of)[: history.new_allowance]
    return due + fresh, ""


def _given(ask: Ask) -> tuple[list[Question], str]:
    """The player picks these (quiz.usecases.play.practice_plan): nothing to select here."""
    return [], ""


POOLS: dict[Pool, Callable[[Ask], tuple[list[Question], str]]] = {
    Pool.ALL: _whole_bank,
    Pool.DAILY_SET: _daily,
    Pool.TOPIC: _topic,
    Pool.BOOK: _book,
    Pool.DUE: _due,
    Pool.GIVEN: _given,
}


def restore_plan(
    mode: Mode,
    questions: Sequence[Question],
    ids: Sequence[str],
    answered_ids: Sequence[str],
    *,
    seed: int,
    count: int | None,
    opponents: Sequence[Opponent],
    right_streaks: Mapping[str, int],
    label: str,
    deadline: datetime | None = None,
) -> Plan:
    """A stored run's plan again, from the current bank (questions since removed are skipped).

    A run that stores no list (a challenge: `Rules.stores_order`) is the bank shuffled by the
    seed again, after the questions already answered."""
    by_id = {q.id: q for q in questions}
    if not RULES[mode].stores_order:
        order = playable(questions)
        random.Random(seed).shuffle(order)
        done_ids = set(answered_ids)
        done = [by_id[i] for i in answered_ids if i in by_id]
        chosen = done + [q for q in order if q.id not in done_ids]
    else:
        chosen = [by_id[i] for i in ids if i in by_id]
    return Plan(
        mode=mode,
        questions=tuple(chosen),
        seed=seed,
        count=count,
        opponents=tuple(opponents),
        right_streaks=dict(right_streaks),
        label=label,
        deadline=deadline,
    )
