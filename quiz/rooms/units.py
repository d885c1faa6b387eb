"""A room's results rolled up by roster unit (`quiz room results PIN --by-unit`): each player
counts in their own unit; a player not on the roster counts under None (未编入). Pure: the
store supplies each player's unit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from quiz.rooms.model import PlayerResult, RoomResults


@dataclass(frozen=True, slots=True)
class UnitResult:
    unit: str | None
    """The unit's path; None: players not on the roster."""
    players: tuple[str, ...]
    """Best first, as the room ranked them."""
    mean_score: float
    mean_correct: float
    answers: int
    best: str
    best_score: int


def by_unit(results: RoomResults, units: Mapping[str, str]) -> tuple[UnitResult, ...]:
    """Units by their players' mean score, best first (ties: by path; off the roster last)."""
    groups: dict[str | None, list[PlayerResult]] = {}
    for player in results.players:  # best first already
        groups.setdefault(units.get(player.user), []).append(player)
    rolled = [
        UnitResult(
            unit=unit,
            players=tuple(p.user for p in members),
            mean_score=round(sum(p.score for p in members) / len(members), 1),
            mean_correct=round(sum(p.correct for p in members) / len(members), 2),
            answers=sum(p.answers for p in members),
            best=members[0].user,
            best_score=members[0].score,
        )
        for unit, members in groups.items()
    ]
    return tuple(sorted(rolled, key=lambda u: (u.unit is None, -u.mean_score, u.unit or "")))
