"""The figures of the participation report, all from running totals, never a scan of the
answers or of every player: answers, right answers and points per unit and day; who was active
per unit and day (quiz/store/actives.py); the top players looked for among the best players
overall, stopping as soon as nobody further down can reach them. Plain SQL, for both backends.
"""

from __future__ import annotations

from typing import NamedTuple

from quiz.org.models import UNASSIGNED
from quiz.org.report import (
    Figures,
    PlayerLine,
    RawReport,
    in_scope,
)
from quiz.store.actives import Read, active_per_unit
from quiz.store.roster import IN_SUBTREE


def raw_report(
    read: Read, start: str | None, end: str | None, scope: str | None, top: int
) -> RawReport:
    window, params = _window(start, end)
    paths = {int(i): str(p) for i, p in read("SELECT id, path FROM units", ())}
    members = {
        int(u): int(n)
        for u, n in read("SELECT unit_id, COUNT(*) FROM members GROUP BY unit_id", ())
    }
    sums = {
        int(unit): (int(a), int(c), int(p))
        for unit, a, c, p in read(
            "SELECT unit_id, SUM(answers), SUM(correct), SUM(points) FROM unit_day_totals d "
            f"WHERE 1 = 1{window} GROUP BY unit_id",
            params,
        )
    }
    active = active_per_unit(read, start, end)
    [(players,)] = read("SELECT COUNT(*) FROM players", ())
    on_roster = sum(members.values())
    own = {
        path: Figures(members.get(uid, 0), active.get(uid, 0), *sums.get(uid, (0, 0, 0)))
        for uid, path in paths.items()
    }
    outside = Figures(int(players) - int(on_roster), active.get(0, 0), *sums.get(0, (0, 0, 0)))
    units = [u for u, path in paths.items() if in_scope(path, scope)] if scope else None
    share = sum(members.get(u, 0) for u in units) / max(1, int(players)) if units else 1.0
    best = top_players(read, window, params, scope, units, top, share)
    return RawReport(tuple(paths.values()), own, outside, best)


def _window(start: str | None, end: str | None) -> tuple[str, list[object]]:
    sql = ""
    params: list[object] = []
    if start is not None:
        sql += " AND d.day >= ?"
        params.append(start)
    if end is not None:
        sql += " AND d.day <= ?"
        params.append(end)
    return sql, params


# The top players of a window, reading only a part of the players' daily totals: (1) for a
# small unit, its members' days; (2) when few players overall have as many points as the best
# of the window, those players, best overall first (their points overall bound their points
# in any window); (3) otherwise the days in the window (index day_totals_by_day), or the
# unit's members' days when the unit is not too big.
SMALL_SCOPE, MIDDLE_SCOPE = 0.05, 0.2  # share of all players
BUDGET = 8192  # candidates best-overall-first may look at before another way is cheaper
FIRST_BATCH, LAST_BATCH = 64, 4096
_TOTALS = (
    "SELECT d.player_id, SUM(d.points) AS pts, SUM(d.answers) AS n FROM {source} "
    "WHERE {where}{window} GROUP BY d.player_id HAVING {having}"
)


def top_players(
    read: Read,
    window: str,
    params: list[object],
    scope: str | None,
    units: list[int] | None,
    top: int,
    share: float,
) -> tuple[PlayerLine, ...]:
    """The `top` players with the most points in the window (then most answers, then by
    name); `units` are those of `scope`, holding `share` of all players."""
    if units is not None and share <= SMALL_SCOPE:
        return by_members(read, units, window, params, top)
    found = best_overall_first(read, window, params, scope, top)
    if found is not None:
        return found
    if units is not None and share <= MIDDLE_SCOPE:
        return by_members(read, units, window, params, top)
    return by_days(read, window, params, scope, top)


def by_members(
    read: Read, units: list[int], window: str, params: list[object], top: int
) -> tuple[PlayerLine, ...]:
    """From the days of the members of these units (found by unit, then by player)."""
    if not units:
        return ()
    source = "members m JOIN day_totals d ON d.player_id = m.player_id"
    where = f"m.unit_id IN ({','.join('?' * len(units))})"
    return _ranked(read, source, where, window, [*units, *params], top)


def by_days(
    read: Read, window: str, params: list[object], scope: str | None, top: int
) -> tuple[PlayerLine, ...]:
    """From the players' days in the window (index day_totals_by_day)."""
    if scope is None:
        return _ranked(read, "day_totals d", "1 = 1", window, params, top)
    source = (
        "day_totals d JOIN members m ON m.player_id = d.player_id JOIN units u ON u.id = m.unit_id"
    )
    return _ranked(read, source, IN_SUBTREE, window, [scope, scope, scope, *params], top)


def _ranked(
    read: Read, source: str, where: str, window: str, params: list[object], top: int
) -> tuple[PlayerLine, ...]:
    """The `top` players of these days by points, then answers, then name. Summed by player
    first; only the players who make it are named (a join of every player's name would read
    them all). Those tied with the last place are ranked by name among themselves."""
    totals = _TOTALS.format(source=source, where=where, window=window, having="{having}")
    rows = read(
        totals.format(having="SUM(d.points) > 0") + " ORDER BY pts DESC, n DESC LIMIT ?",
        [*params, top + 1],
    )
    ranked = [(int(pid), int(pts), int(n)) for pid, pts, n in rows]
    if len(ranked) > top and ranked[top][1:] != ranked[top - 1][1:]:
        ranked = ranked[:top]  # the last place is not shared
    elif len(ranked) > top:  # it is: the names decide who is in
        last = ranked[top - 1][1:]
        ranked = [r for r in ranked if r[1:] != last]
        tied = read(
            "SELECT p.id FROM players p JOIN ("
            + totals.format(having="SUM(d.points) = ? AND SUM(d.answers) = ?")
            + ") t ON t.player_id = p.id ORDER BY p.name LIMIT ?",
            [*params, *last, top - len(ranked)],
        )
        ranked += [(int(pid), *last) for (pid,) in tied]
    names = _names(read, [pid for pid, _, _ in ranked])
    lines = sorted((-pts, -n, *names[pid]) for pid, pts, n in ranked)
    return tuple(PlayerLine(name, unit, -pts, -n) for pts, n, name, unit in lines)


def _names(read: Read, ids: list[int]) -> dict[int, tuple[str, str]]:
    """Player id → (name, unit path or UNASSIGNED)."""
    if not ids:
        return {}
    rows = read(
        "SELECT p.id, p.name, u.path FROM players p LEFT JOIN members m ON m.player_id = p.id "
        f"LEFT JOIN units u ON u.id = m.unit_id WHERE p.id IN ({','.join('?' * len(ids))})",
        ids,
    )
    return {int(i): (str(n), UNASSIGNED if u is None else str(u)) for i, n, u in rows}


def best_overall_first(
    read: Read, window: str, params: list[object], scope: str | None, top: int
) -> tuple[PlayerLine, ...] | None:
    """Candidates come in order of their points overall, which bound their points in any
    window: once the next candidate has fewer points overall than the last of the best so far,
    nobody further down can enter. None when that would mean looking at more than BUDGET
    players (a short window, where many have more points overall than the best have in it)."""
    best: list[tuple[int, int, str, str]] = []  # -points, -answers, name, unit
    after: tuple[int, int] | None = None
    batch = FIRST_BATCH
    while True:
        candidates = _candidates(read, after, batch)
        if not candidates:
            break
        wanted = [c for c in candidates if in_scope(c.unit, scope)]
        sums = _window_sums(read, [c.id for c in wanted], window, params)
        for candidate in wanted:
            points, answers = sums.get(candidate.id, (0, 0))
            if points > 0:
                best.append((-points, -answers, candidate.name, candidate.unit or UNASSIGNED))
        best = sorted(best)[:top]
        last = candidates[-1]
        overall = last.points
        after = (last.points, last.id)
        if len(best) == top and overall < -best[-1][0]:
            break
        if batch == FIRST_BATCH:  # is the rest worth it? the best so far set the bar
            bar = -best[-1][0] if len(best) == top else 1
            if _as_many(read, bar) > BUDGET:
                return None
        batch = min(batch * 4, LAST_BATCH)
    return tuple(PlayerLine(name, unit, -pts, -n) for pts, n, name, unit in best)


def _as_many(read: Read, points: int) -> int:
    """How many players have at least `points` points overall (an index range)."""
    return int(read("SELECT COUNT(*) FROM players WHERE points >= ?", (points,))[0][0])


class Candidate(NamedTuple):
    """A player who may be among the best of a window: their points overall bound it."""

    id: int
    name: str
    points: int
    unit: str | None


def _candidates(read: Read, after: tuple[int, int] | None, batch: int) -> list[Candidate]:
    """The next players by points overall (most first, then by id, both falling), with their
    unit; `after` is the last (points, id) seen."""
    where, params = "p.points > 0", []
    if after is not None:
        where += " AND (p.points, p.id) < (?, ?)"
        params = [after[0], after[1]]
    rows = read(
        "SELECT p.id, p.name, p.points, u.path FROM players p "
        "LEFT JOIN members m ON m.player_id = p.id LEFT JOIN units u ON u.id = m.unit_id "
        f"WHERE {where} ORDER BY p.points DESC, p.id DESC LIMIT ?",
        [*params, batch],
    )
    return [Candidate(int(i), str(n), int(p), None if u is None else str(u)) for i, n, p, u in rows]


def _window_sums(
    read: Read, ids: list[int], window: str, params: list[object]
) -> dict[int, tuple[int, int]]:
    """Each player's points and answers in the window (joined through players, so that the
    lookup goes by player then day)."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = read(
        "SELECT d.player_id, SUM(d.points), SUM(d.answers) FROM players p "
        f"JOIN day_totals d ON d.player_id = p.id WHERE p.id IN ({marks}){window} "
        "GROUP BY d.player_id",
        [*ids, *params],
    )
    return {int(pid): (int(p), int(n)) for pid, p, n in rows}
