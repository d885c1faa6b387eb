"""Which questions a run asks, per mode; deterministic for a seed (and, for the daily set, for
a player and a date)."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from quiz.bank.models import Question, QuestionType
from quiz.engine.modes import RULES, Mode
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
    history = history or PlayerHistory()
    seed = seed if seed is not None else random.SystemRandom().randrange(2**31)
    if mode is Mode.STUDY:
        wanted = count  # a study run takes what is due and new today, unless capped
    rng = random.Random(seed)
    pool = playable(questions)
    wanted = count or RULES[mode].count
    chosen: list[Question]
    label = ""
    match mode:
        case Mode.DAILY:
            chosen = daily_set(pool, user, today, wanted or 5)
        case Mode.TOPIC:
            label = topic or (topics(pool)[0][0] if pool else "")
            chosen = [q for q in pool if in_topic(q, label)]
            rng.shuffle(chosen)
        case Mode.MISTAKES:
            book = history.mistake_streaks
            chosen = [q for q in pool if q.id in book]
            rng.shuffle(chosen)
        case Mode.STUDY:
            # Due reviews first, then new questions up to today's allowance, interleaved.
            by_id = {q.id: q for q in pool}
            due = [by_id[i] for i in history.due if i in by_id]
            unseen = [q for q in pool if q.id not in history.carded]
            fresh = interleaved(unseen, history.sentence_of)[: history.new_allowance]
            chosen = due + fresh
        case _:
            chosen = list(pool)
            rng.shuffle(chosen)
    if mode in (Mode.DAILY, Mode.TOPIC, Mode.RACE, Mode.EXAM, Mode.STUDY) and wanted:
        chosen = chosen[:wanted]
    if not chosen:
        raise NothingToAsk(mode.value)
    rivals = (
        pick_opponents(list(history.opponent_profiles), opponents, seed)
        if mode is Mode.RACE
        else ()
    )
    streaks = {q.id: history.mistake_streaks[q.id] for q in chosen} if mode is Mode.MISTAKES else {}
    return Plan(
        mode=mode,
        questions=tuple(chosen),
        seed=seed,
        count=count if mode in (Mode.CHALLENGE, Mode.MISTAKES) else len(chosen),
        opponents=rivals,
        right_streaks=streaks,
        label=label,
    )


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

    A challenge stores no list: its order is the bank shuffled by the seed, after the questions
    already answered."""
    by_id = {q.id: q for q in questions}
    if mode is Mode.CHALLENGE:
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
