"""The roster in the database (schema 6): units, members, their SSH keys; importing a roster in
one transaction, moving each member's running totals along with them.

Plain SQL (upserts, correlated subqueries), the same text for every backend: each function
takes a `Read` (`Database.read` outside a transaction, `Tx.execute` inside one).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from quiz.store import actives
from quiz.store.records import to_utc_text

if TYPE_CHECKING:
    from quiz.org.models import (
        AbsentMember,
        ImportSummary,
        Member,
        MemberActivity,
        RosterEntry,
        SkippedRow,
    )
    from quiz.store.actives import Read
    from quiz.store.sql import Database

# The org models are imported where they are made: opening the store (the TUI's start-up) uses
# none of them.

T = TypeVar("T")
MEMBER_COLUMNS = "p.name, u.path, m.login, m.passcode_hash"
MEMBER_FROM = "members m JOIN players p ON p.id = m.player_id JOIN units u ON u.id = m.unit_id"
# A unit and everything under it: the same path, or a path that starts with it and a slash.
IN_SUBTREE = "(u.path = ? OR substr(u.path, 1, length(?) + 1) = ? || '/')"


class UnknownLogin(LookupError):
    def __init__(self, login: str) -> None:
        super().__init__(login)
        self.login = login


def member_by_login(run: Read, login: str) -> Member | None:
    from quiz.org.models import Member

    rows = run(f"SELECT {MEMBER_COLUMNS} FROM {MEMBER_FROM} WHERE m.login = ?", (login.lower(),))
    return Member(*rows[0]) if rows else None


def member_keys(run: Read, login: str) -> list[str]:
    rows = run(
        "SELECT k.public_key FROM member_keys k JOIN members m ON m.player_id = k.player_id "
        "WHERE m.login = ? ORDER BY k.added_at, k.public_key",
        (login.lower(),),
    )
    return [str(r[0]) for r in rows]


def add_member_key(run: Read, login: str, key: str, added_at: str) -> bool:
    """Adds the key; False when the member already had it. UnknownLogin when no member has
    this login."""
    rows = run("SELECT player_id FROM members WHERE login = ?", (login.lower(),))
    if not rows:
        raise UnknownLogin(login)
    added = run(
        "INSERT INTO member_keys(player_id, public_key, added_at) VALUES (?, ?, ?) "
        "ON CONFLICT(player_id, public_key) DO NOTHING RETURNING player_id",
        (rows[0][0], key, added_at),
    )
    return bool(added)


def key_counts(run: Read) -> dict[str, int]:
    """Login → how many SSH keys the member has (members without keys left out)."""
    rows = run(
        "SELECT m.login, COUNT(*) FROM member_keys k JOIN members m ON m.player_id = k.player_id "
        "WHERE m.login IS NOT NULL GROUP BY m.login",
        (),
    )
    return {str(login): int(n) for login, n in rows}


def members(run: Read, unit: str | None = None) -> list[Member]:
    from quiz.org.models import Member

    where, params = subtree_filter(unit)
    rows = run(f"SELECT {MEMBER_COLUMNS} FROM {MEMBER_FROM}{where} ORDER BY u.path, p.name", params)
    return [Member(*row) for row in rows]


def absent_members(
    run: Read, unit: str | None, first: str | None, last: str | None
) -> list[AbsentMember]:
    """Members (of `unit` and below) with no answer between two days (inclusive; None: open),
    from the running totals per player and day (one index lookup a member), with their last
    day of play."""
    from quiz.org.models import AbsentMember

    where, params = subtree_filter(unit)
    played = (
        "EXISTS (SELECT 1 FROM day_totals d WHERE d.player_id = m.player_id AND d.answers > 0"
        " AND d.day >= ? AND d.day <= ?)"
    )
    rows = run(
        "SELECT p.name, m.login, u.path, (SELECT MAX(d.day) FROM day_totals d"
        " WHERE d.player_id = m.player_id AND d.answers > 0)"
        f" FROM {MEMBER_FROM}{where}{' AND' if where else ' WHERE'} NOT {played}"
        " ORDER BY u.path, p.name",
        (*params, first or "", last or "9999-12-31"),
    )
    return [
        AbsentMember(str(name), login, str(path), date.fromisoformat(str(day)) if day else None)
        for name, login, path, day in rows
    ]


def member_activity(
    run: Read, unit: str | None, first: str | None, last: str | None
) -> list[MemberActivity]:
    """Every member of `unit` and below with their answers and right answers between two days
    (inclusive; None: open) from the running totals per player and day, and their last day of
    play, by unit and name."""
    from quiz.org.models import MemberActivity

    where, params = subtree_filter(unit)
    window = "d.player_id = m.player_id AND d.day >= ? AND d.day <= ?"
    rows = run(
        f"SELECT p.name, m.login, u.path, (SELECT COALESCE(SUM(d.answers), 0) FROM day_totals d"
        f" WHERE {window}), (SELECT COALESCE(SUM(d.correct), 0) FROM day_totals d"
        f" WHERE {window}), (SELECT MAX(d.day) FROM day_totals d"
        " WHERE d.player_id = m.player_id AND d.answers > 0)"
        f" FROM {MEMBER_FROM}{where} ORDER BY u.path, p.name",
        (first or "", last or "9999-12-31", first or "", last or "9999-12-31", *params),
    )
    return [
        MemberActivity(
            str(name),
            login,
            str(path),
            int(answers),
            int(correct),
            date.fromisoformat(str(day)) if day else None,
        )
        for name, login, path, answers, correct, day in rows
    ]


def subtree_filter(unit: str | None) -> tuple[str, tuple[str, ...]]:
    return ("", ()) if unit is None else (f" WHERE {IN_SUBTREE}", (unit, unit, unit))


def unit_exists(run: Read, path: str) -> bool:
    return bool(run("SELECT 1 FROM units WHERE path = ?", (path,)))


def passcode_hashes(run: Read, names: Sequence[str]) -> dict[str, str]:
    """Stored passcode hashes of these members (by name), so an unchanged passcode is kept."""
    found: dict[str, str] = {}
    for chunk in _chunks(names, 500):
        marks = ",".join("?" * len(chunk))
        rows = run(
            "SELECT p.name, m.passcode_hash FROM members m JOIN players p ON p.id = m.player_id "
            f"WHERE m.passcode_hash IS NOT NULL AND p.name IN ({marks})",
            chunk,
        )
        found.update((str(n), str(h)) for n, h in rows)
    return found


# -- import -------------------------------------------------------------------------------------


class _Current(NamedTuple):
    unit_id: int
    login: str | None
    passcode_hash: str | None


def import_roster(
    run: Read,
    entries: Sequence[RosterEntry],
    hashes: dict[int, str],
    created_at: str,
) -> ImportSummary:
    """Apply the entries (already valid on their own) in the caller's transaction. `hashes`
    maps an entry's line to the passcode hash to store. Rows whose login another member keeps
    are skipped."""
    from quiz.org.models import ImportSummary

    known = _player_ids(run, [e.name for e in entries])
    skipped = _login_conflicts(run, entries, known)
    accepted = [e for e in entries if e.line not in skipped]
    player_ids = _ensure_players(run, [e.name for e in accepted], created_at)
    current = _current_members(run, list(player_ids.values()))
    units, created = _ensure_units(run, {e.unit for e in accepted})
    counts = {"added": 0, "updated": 0, "moved": 0, "unchanged": 0}
    moves: list[tuple[int, int, int]] = []  # player, from unit (0: not on the roster), to unit
    # Logins that change are cleared first, so that two members may swap theirs.
    changing = [
        (player_ids[e.name],)
        for e in accepted
        if e.login is not None
        and player_ids[e.name] in current
        and current[player_ids[e.name]].login != e.login
    ]
    for pid_only in changing:
        run("UPDATE members SET login = NULL WHERE player_id = ?", pid_only)
    for entry in accepted:
        pid = player_ids[entry.name]
        unit_id = units[entry.unit]
        passcode_hash = hashes.get(entry.line)
        before = current.get(pid)
        if before is None:
            run(
                "INSERT INTO members(player_id, unit_id, login, passcode_hash) VALUES (?,?,?,?)",
                (pid, unit_id, entry.login, passcode_hash),
            )
            moves.append((pid, 0, unit_id))
            counts["added"] += 1
            continue
        after = _Current(
            unit_id,
            entry.login if entry.login is not None else before.login,
            passcode_hash if passcode_hash is not None else before.passcode_hash,
        )
        if after == before:
            counts["unchanged"] += 1
            continue
        run(
            "UPDATE members SET unit_id = ?, login = ?, passcode_hash = ? WHERE player_id = ?",
            (after.unit_id, after.login, after.passcode_hash, pid),
        )
        if after.unit_id != before.unit_id:
            moves.append((pid, before.unit_id, unit_id))
            counts["moved"] += 1
        else:
            counts["updated"] += 1
    move_totals(run, moves)
    return ImportSummary(
        **counts,
        units_created=created,
        skipped=tuple(skipped[line] for line in sorted(skipped)),
    )


_SHIFT = (
    "INSERT INTO unit_day_totals(unit_id, day, slot, answers, correct, points) "
    "SELECT ?, day, ?, {sign} answers, {sign} correct, {sign} points FROM day_totals "
    "WHERE player_id = ? "
    "ON CONFLICT(unit_id, day, slot) DO UPDATE SET "
    "answers = unit_day_totals.answers + excluded.answers, "
    "correct = unit_day_totals.correct + excluded.correct, "
    "points = unit_day_totals.points + excluded.points"
)


def move_totals(run: Read, moves: Iterable[tuple[int, int, int]]) -> None:
    """Take each player's daily totals out of one unit and into another, so the totals per
    unit are always those of the unit's current members."""
    moves = list(moves)
    for pid, old, new in moves:
        run(_SHIFT.format(sign="-"), (old, actives.slot_of(pid), pid))
        run(_SHIFT.format(sign=""), (new, actives.slot_of(pid), pid))
    actives.move_players(run, moves)


def _ensure_players(run: Read, names: list[str], created_at: str) -> dict[str, int]:
    for name in names:
        run(
            "INSERT INTO players(name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING",
            (name, created_at),
        )
    return _player_ids(run, names)


def _player_ids(run: Read, names: list[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for chunk in _chunks(names, 500):
        marks = ",".join("?" * len(chunk))
        rows = run(f"SELECT name, id FROM players WHERE name IN ({marks})", chunk)
        ids.update((str(n), int(i)) for n, i in rows)
    return ids


def _current_members(run: Read, player_ids: list[int]) -> dict[int, _Current]:
    found: dict[int, _Current] = {}
    for chunk in _chunks(player_ids, 500):
        marks = ",".join("?" * len(chunk))
        rows = run(
            "SELECT player_id, unit_id, login, passcode_hash FROM members "
            f"WHERE player_id IN ({marks})",
            chunk,
        )
        found.update((int(p), _Current(int(u), login, code)) for p, u, login, code in rows)
    return found


def _login_conflicts(
    run: Read, entries: Sequence[RosterEntry], known: dict[str, int]
) -> dict[int, SkippedRow]:
    """Rows claiming a login that another member keeps after this import (a member's row may
    hand its old login over by giving the member another one in the same file). Repeated
    until stable: a skipped row keeps its member's old login, which may block another row."""
    from quiz.org.models import SkippedRow

    holders = {
        str(login): int(pid)
        for login, pid in run("SELECT login, player_id FROM members WHERE login IS NOT NULL", ())
    }
    skipped: dict[int, SkippedRow] = {}
    while True:
        releasing = {
            known[e.name]
            for e in entries
            if e.line not in skipped and e.login is not None and e.name in known
        }
        found = False
        for entry in entries:
            if entry.login is None or entry.line in skipped:
                continue
            holder = holders.get(entry.login)
            if holder is None or holder == known.get(entry.name) or holder in releasing:
                continue
            skipped[entry.line] = SkippedRow(
                entry.line,
                "org.login_taken",
                (("login", entry.login), ("name", _name_of(run, holder))),
            )
            found = True
        if not found:
            return skipped


def _name_of(run: Read, player_id: int) -> str:
    rows = run("SELECT name FROM players WHERE id = ?", (player_id,))
    return str(rows[0][0]) if rows else "?"


def _ensure_units(run: Read, paths: set[str]) -> tuple[dict[str, int], int]:
    """Every unit and the units above it; returns path → id and how many were created."""
    from quiz.org.text import ancestors, parent

    wanted = sorted({a for path in paths for a in ancestors(path)}, key=lambda p: p.count("/"))
    created = 0
    for path in wanted:
        made = run(
            "INSERT INTO units(path, parent_id) VALUES (?, (SELECT id FROM units WHERE path = ?)) "
            "ON CONFLICT(path) DO NOTHING RETURNING id",
            (path, parent(path)),
        )
        created += len(made)
    ids: dict[str, int] = {}
    for chunk in _chunks(wanted, 500):
        marks = ",".join("?" * len(chunk))
        rows = run(f"SELECT path, id FROM units WHERE path IN ({marks})", chunk)
        ids.update((str(p), int(i)) for p, i in rows)
    return ids, created


def _chunks(items: Sequence[T], size: int) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class RosterQueries:
    """The roster, as the store offers it (quiz.store.protocol.Store)."""

    _db: Database

    def member_by_login(self, login: str) -> Member | None:
        """The member who signs in with `login` (matched without case), or None."""
        return member_by_login(self._db.read, login)

    def member_keys(self, login: str) -> list[str]:
        """The member's OpenSSH public key lines, oldest first."""
        return member_keys(self._db.read, login)

    def add_member_key(self, login: str, key: str) -> None:
        """Adds an OpenSSH public key line (checked by the caller); a key already there is
        kept once. UnknownLogin when no member has this login."""
        with self._db.transaction() as tx:
            add_member_key(tx.execute, login, key, to_utc_text(datetime.now().astimezone()))

    def members(self, unit: str | None = None) -> list[Member]:
        """Members of a unit and the units under it (everyone by default), by unit and name."""
        return members(self._db.read, unit)

    def absent_members(
        self, unit: str | None = None, start: date | None = None, end: date | None = None
    ) -> list[AbsentMember]:
        """Members of a unit and below with no answer between two days (inclusive)."""
        first = start.isoformat() if start else None
        last = end.isoformat() if end else None
        return absent_members(self._db.read, unit, first, last)

    def member_activity(
        self, unit: str | None = None, start: date | None = None, end: date | None = None
    ) -> list[MemberActivity]:
        """Members of a unit and below, with their play between two days (inclusive)."""
        first = start.isoformat() if start else None
        last = end.isoformat() if end else None
        return member_activity(self._db.read, unit, first, last)

    def key_counts(self) -> dict[str, int]:
        return key_counts(self._db.read)

    def unit_exists(self, path: str) -> bool:
        return unit_exists(self._db.read, path)

    def passcode_hashes(self, names: Sequence[str]) -> dict[str, str]:
        return passcode_hashes(self._db.read, names)

    def import_roster(
        self, entries: Sequence[RosterEntry], hashes: dict[int, str], now: datetime
    ) -> ImportSummary:
        """All the entries in one transaction (see `import_roster` above)."""
        with self._db.transaction() as tx:
            return import_roster(tx.execute, entries, hashes, to_utc_text(now))
