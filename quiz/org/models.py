"""What the rest of the program sees of the roster: frozen rows, no database types."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

UNASSIGNED = "(未编入)"
"""The unit under which players who are not on the roster are counted (a fixed label, also in
JSON: it is part of the report's contract, whatever the interface language)."""


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    unit: str  # the unit's path, e.g. 武汉大学/计算机学院/教工第一党支部
    login: str | None
    has_passcode: bool
    """Whether a passcode is set (its hash is never read outside the login check)."""


@dataclass(frozen=True, slots=True)
class AbsentMember:
    """A member with no answer in a window (quiz org absent)."""

    name: str
    login: str | None
    unit: str
    last_active: date | None
    """The member's last day with an answer, whenever it was (None: never)."""


@dataclass(frozen=True, slots=True)
class MemberActivity:
    """A member's play in a window (the 组织 screen's drill-down from a unit)."""

    name: str
    login: str | None
    unit: str
    answers: int
    correct: int
    last_active: date | None
    """The member's last day with an answer, whenever it was (None: never)."""

    @property
    def took_part(self) -> bool:
        return self.answers > 0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.answers if self.answers else None


@dataclass(frozen=True, slots=True)
class RosterEntry:
    """One valid row of a roster file. Empty login or passcode: leave the stored one as is."""

    line: int
    name: str
    unit: str
    login: str | None = None
    passcode: str | None = None


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row that was not imported: its line and why (a catalog key and its parameters)."""

    line: int
    code: str
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ImportSummary:
    added: int
    updated: int
    moved: int
    unchanged: int
    units_created: int
    skipped: tuple[SkippedRow, ...] = ()
    logins: tuple[tuple[str, str], ...] = ()
    """PostgreSQL, once `quiz org roles` has run: the members' database logins that changed,
    (login, outcome): created, updated, disabled, or taken (a role of that name exists for
    something else: never touched)."""
