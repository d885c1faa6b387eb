"""Who was active, counted per unit and day without a scan of the players (schema 6).

A member is active in a window [a, b] when they answered on some day in it. Count, for each
member, only their first such day: the day d in [a, b] whose previous day with answers is
before a (or none). So the store keeps, per unit, day d and previous day p, how many players
answered on d after last answering on p (`''`: never before); then

    active(unit, [a, b]) = sum of players over a <= d <= b and p < a

which is exact for any window and reads a few rows per unit and day. Kept in the answer's
transaction when a player's day gains its first answer (or loses its last), and moved along
with a member who changes unit.

Both running totals per unit (these and `unit_day_totals`) are split in SLOTS rows by player
(schema 10): players of one unit answering at the same moment then mostly update different
rows, instead of all waiting for one row lock held until each commit. Readers sum the slots.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from quiz.store.sql import Row

Read = Callable[[str, Sequence[object]], list[Row]]
"""A statement runner: `Database.read`, or `Tx.execute` inside a transaction."""
NO_DAY = ""  # "no previous day": sorts before every date
# The player's unit (0: not on the roster), looked up in the same transaction as the answer.
UNIT_OF = "COALESCE((SELECT unit_id FROM members WHERE player_id = ?), 0)"
SLOTS = 8
"""Rows per unit and day (PostgreSQL's functions of schema 10 say `% 8` too): few, since the
report reads them all, yet enough that a unit's players seldom share one."""


def slot_of(player_id: int) -> int:
    """The slot a player's answers are counted in, in their unit's running totals."""
    return player_id % SLOTS


def day_changed(run: Read, player_id: int, day: str, sign: int) -> None:
    """The player's `day` just got its first answer (sign 1) or lost its last one (-1)."""
    [(unit,)] = run(f"SELECT {UNIT_OF}", (player_id,))
    [(before,)] = run(
        "SELECT MAX(day) FROM day_totals WHERE player_id = ? AND day < ? AND answers > 0",
        (player_id, day),
    )
    [(after,)] = run(
        "SELECT MIN(day) FROM day_totals WHERE player_id = ? AND day > ? AND answers > 0",
        (player_id, day),
    )
    previous = before or NO_DAY
    slot = slot_of(player_id)
    _bump(run, unit, day, previous, slot, sign)
    if after is not None:  # the next day's previous day was `previous`, and becomes `day`
        _bump(run, unit, after, previous, slot, -sign)
        _bump(run, unit, after, day, slot, sign)
    else:  # no later day: this day is now the player's last one, or the one before it is
        run(
            "UPDATE players SET last_day = ? WHERE id = ?", (day if sign > 0 else before, player_id)
        )


def _bump(run: Read, unit: int, day: str, previous: str, slot: int, by: int) -> None:
    run(
        "INSERT INTO unit_day_actives(unit_id, day, prev_day, slot, players) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(unit_id, day, prev_day, slot) DO UPDATE SET "
        "players = unit_day_actives.players + excluded.players",
        (unit, day, previous, slot, by),
    )


_SHIFT = (
    "INSERT INTO unit_day_actives(unit_id, day, prev_day, slot, players) "
    "SELECT ?, day, prev_day, ?, {sign}1 FROM ("
    "SELECT day, COALESCE(LAG(day) OVER (ORDER BY day), '') AS prev_day FROM day_totals "
    "WHERE player_id = ? AND answers > 0) AS a WHERE true "
    "ON CONFLICT(unit_id, day, prev_day, slot) DO UPDATE SET "
    "players = unit_day_actives.players + excluded.players"
)


def move_players(run: Read, moves: list[tuple[int, int, int]]) -> None:
    """(player, from unit, to unit): the player's active days counted in the new unit."""
    for pid, old, new in moves:
        run(_SHIFT.format(sign="-"), (old, slot_of(pid), pid))
        run(_SHIFT.format(sign=""), (new, slot_of(pid), pid))


def active_per_unit(read: Read, start: str | None, end: str | None) -> dict[int, int]:
    """Unit → players who answered between `start` and `end` (inclusive; None: open)."""
    last = end or "9999-12-31"
    [(first_day,)] = read(
        "SELECT MIN(day) FROM unit_day_actives WHERE prev_day = ? AND players > 0", (NO_DAY,)
    )
    if start is None or first_day is None or start <= first_day:
        # From the very start, each player's first day counts: the rows with no previous day.
        rows = read(
            "SELECT unit_id, SUM(players) FROM unit_day_actives "
            "WHERE prev_day = ? AND day <= ? GROUP BY unit_id",
            (NO_DAY, last),
        )
    else:
        rows = read(
            "SELECT unit_id, SUM(players) FROM unit_day_actives "
            "WHERE day >= ? AND day <= ? AND prev_day < ? GROUP BY unit_id",
            (start, last, start),
        )
    return {int(unit): int(n) for unit, n in rows if n}
