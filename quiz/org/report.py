"""The participation report: each unit's own figures rolled up into every unit above it, the
players not on the roster counted apart, and the top players. Pure: the store supplies the
figures, the CLI and the 组织 screen show the result."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from quiz.org.models import UNASSIGNED
from quiz.org.text import SEPARATOR, ancestors

TOP_PLAYERS = 10


@dataclass(frozen=True, slots=True)
class Figures:
    members: int = 0
    active: int = 0
    answers: int = 0
    correct: int = 0
    points: int = 0


@dataclass(frozen=True, slots=True)
class PlayerLine:
    user: str
    unit: str  # a unit's path, or UNASSIGNED
    points: int
    answers: int


@dataclass(frozen=True, slots=True)
class RawReport:
    """What the store reads: every unit's path, each unit's own figures (its members only),
    those of the players not on the roster, and the best players in the window (in scope)."""

    paths: tuple[str, ...]
    own: dict[str, Figures]
    unassigned: Figures
    players: tuple[PlayerLine, ...]


@dataclass(frozen=True, slots=True)
class UnitLine:
    unit: str  # the path, or UNASSIGNED
    figures: Figures

    @property
    def depth(self) -> int:
        return 0 if self.unit == UNASSIGNED else self.unit.count(SEPARATOR)

    @property
    def name(self) -> str:
        """The last level of the path: what a tree shows."""
        return self.unit.rsplit(SEPARATOR, 1)[-1]

    @property
    def participation(self) -> float | None:
        members, active = self.figures.members, self.figures.active
        return round(active / members, 4) if members else None

    @property
    def accuracy(self) -> float | None:
        answers, correct = self.figures.answers, self.figures.correct
        return round(correct / answers, 4) if answers else None


@dataclass(frozen=True, slots=True)
class OrgReport:
    start: date | None
    end: date | None
    scope: str | None  # the unit asked for; None: everyone
    units: tuple[UnitLine, ...] = ()
    players: tuple[PlayerLine, ...] = field(default=())

    def as_json(self) -> dict[str, object]:
        return {
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "units": [
                {
                    "unit": line.unit,
                    "members": line.figures.members,
                    "active": line.figures.active,
                    "participation": line.participation,
                    "answers": line.figures.answers,
                    "accuracy": line.accuracy,
                    "points": line.figures.points,
                }
                for line in self.units
            ],
            "players": [{"user": p.user, "unit": p.unit, "points": p.points} for p in self.players],
        }


def in_scope(path: str | None, scope: str | None) -> bool:
    """Whether a unit (None: not on the roster) is `scope` or under it (None: everyone)."""
    if scope is None:
        return True
    return path is not None and (path == scope or path.startswith(scope + SEPARATOR))


def roll_up(raw: RawReport, start: date | None, end: date | None, scope: str | None) -> OrgReport:
    """Every unit (in `scope`) with the figures of everything under it, in tree order; the
    players not on the roster last, as UNASSIGNED, when the whole roster is asked for."""
    sums: dict[str, list[int]] = {path: [0, 0, 0, 0, 0] for path in raw.paths}
    for path, figures in raw.own.items():
        if figures == _NOTHING:
            continue
        values = (figures.members, figures.active, figures.answers, figures.correct,
                  figures.points)  # fmt: skip
        for above in ancestors(path):
            total = sums.setdefault(above, [0, 0, 0, 0, 0])
            for i, value in enumerate(values):
                total[i] += value
    lines = [
        UnitLine(path, Figures(*sums[path]))
        for path in sorted(sums, key=lambda p: p.split(SEPARATOR))
        if in_scope(path, scope)
    ]
    if scope is None and raw.unassigned != _NOTHING:
        lines.append(UnitLine(UNASSIGNED, raw.unassigned))
    return OrgReport(start, end, scope, tuple(lines), raw.players)


_NOTHING = Figures()


SORT_KEYS = ("participation", "points", "answers", "members", "name")


def _key(line: UnitLine, by: str) -> tuple[float | int | str, ...]:
    figures = line.figures
    match by:
        case "participation":
            return (-(line.participation or 0.0), -figures.points, line.unit)
        case "points":
            return (-figures.points, -(line.participation or 0.0), line.unit)
        case "answers":
            return (-figures.answers, -figures.points, line.unit)
        case "members":
            return (-figures.members, line.unit)
    return (line.unit,)


def sorted_tree(units: tuple[UnitLine, ...], by: str) -> list[UnitLine]:
    """The units as a tree (each unit followed by the units under it), brothers sorted by
    `by`; the players not on the roster stay last."""
    known = {line.unit for line in units}
    children: dict[str | None, list[UnitLine]] = {}
    for line in units:
        if line.unit == UNASSIGNED:
            continue
        above = line.unit.rpartition(SEPARATOR)[0] or None
        children.setdefault(above if above in known else None, []).append(line)
    ordered: list[UnitLine] = []

    def visit(parent: str | None) -> None:
        for line in sorted(children.get(parent, []), key=lambda u: _key(u, by)):
            ordered.append(line)
            visit(line.unit)

    visit(None)
    ordered.extend(line for line in units if line.unit == UNASSIGNED)
    return ordered


def unit_ranking(units: tuple[UnitLine, ...], by: str) -> list[UnitLine]:
    """The units that have no units under them (branches, where members are), best first."""
    paths = [line.unit for line in units]
    parents = {p.rpartition(SEPARATOR)[0] for p in paths}
    leaves = [line for line in units if line.unit not in parents and line.unit != UNASSIGNED]
    return sorted(leaves, key=lambda u: _key(u, by))
