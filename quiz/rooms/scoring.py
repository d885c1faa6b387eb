"""Room scoring: the race's speed points plus a Kahoot-style answer-streak bonus.

A right answer is worth `round(1000·(1 − t/T/2))` (1000 at once, 500 at the buzzer). From the
second right answer in a row a bonus is added: 100 points for a streak of 2, 200 for 3, and so
on up to 500, as Kahoot's answer streak does. A wrong or missing answer resets the streak.

A matched 双人对战/四人赛 scores without the bonus: it is booked in each player's history as a
race, and a race scores speed points only, so the podium shows the score that is booked.
"""

from __future__ import annotations

from dataclasses import dataclass

from quiz.engine.race import speed_points

STREAK_STEP = 100
STREAK_CAP = 500


@dataclass(frozen=True, slots=True)
class Scored:
    points: int
    streak: int
    """Right answers in a row, this one included (0 after a wrong one)."""
    bonus: int


def score_answer(
    correct: bool, seconds: float, limit: float, streak_before: int, *, bonus: bool = True
) -> Scored:
    if not correct:
        return Scored(0, 0, 0)
    streak = streak_before + 1
    extra = min(STREAK_STEP * (streak - 1), STREAK_CAP) if bonus else 0
    return Scored(speed_points(seconds, limit) + extra, streak, extra)
