"""四人赛 / 双人对战: opponents simulated locally and deterministically from profiles."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Opponent:
    name: str
    accuracy: float
    """Chance of a right answer, 0..1."""
    mean_seconds: float
    """Typical answer time."""
    recorded: tuple[tuple[bool, float] | None, ...] = ()
    """A real opponent's answers (right, seconds) per question, as a live room stored them;
    a question without one counts as unanswered."""


BUILT_IN_OPPONENTS = (
    Opponent("江城学子", 0.80, 6.0),
    Opponent("红船领航", 0.65, 4.5),
    Opponent("楚天新青年", 0.55, 8.0),
    Opponent("东湖晨读", 0.90, 9.5),
)


def speed_points(seconds: float, limit: float) -> int:
    """Kahoot-style: a right answer is worth 1000 at once, 500 at the buzzer."""
    share = min(max(seconds, 0.0), limit) / limit
    return round(1000 * (1 - share / 2))


@dataclass(frozen=True, slots=True)
class OpponentAnswer:
    name: str
    correct: bool
    seconds: float
    points: int


def simulate(opponent: Opponent, seed: int, position: int, limit: float) -> OpponentAnswer:
    """The opponent's answer to question `position`: the same for the same seed, always (a
    real opponent's answer as it was given)."""
    if opponent.recorded:
        given = opponent.recorded[position] if position < len(opponent.recorded) else None
        if given is None:
            return OpponentAnswer(opponent.name, False, limit, 0)
        right, took = given
        return OpponentAnswer(opponent.name, right, took, speed_points(took, limit) if right else 0)
    rng = random.Random(f"race:{seed}:{opponent.name}:{position}")
    correct = rng.random() < opponent.accuracy
    seconds = min(limit, max(1.0, rng.gauss(opponent.mean_seconds, opponent.mean_seconds * 0.3)))
    seconds = round(seconds, 1)
    return OpponentAnswer(
        opponent.name, correct, seconds, speed_points(seconds, limit) if correct else 0
    )


def pick_opponents(profiles: list[Opponent], how_many: int, seed: int) -> tuple[Opponent, ...]:
    """`how_many` opponents: recorded local players first (shuffled by seed), then built-ins."""
    rng = random.Random(f"opponents:{seed}")
    recorded = sorted(profiles, key=lambda o: o.name)
    rng.shuffle(recorded)
    built_in = list(BUILT_IN_OPPONENTS)
    rng.shuffle(built_in)
    chosen = (recorded + built_in)[:how_many]
    return tuple(chosen)
