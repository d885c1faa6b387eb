"""The roster in the database (schema 6): units, members, their SSH keys; importing a roster in
one transaction, moving each member's running totals along with them.

Plain SQL (upserts, correlated subqueries), the same text for every backend: each function
takes a `Read` (`Database.read` outside a transaction, `Tx.execute` inside one).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
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
    from quiz.store.sql import Database, Row

# The org models are imported where they are made: opening the store (the TUI's start-up) uses
# none of them.

T = TypeVar("T")
MEMBER_COLUMNS = "p.name, u.path, m.login, m.has_passcode"
MEMBER_FROM = (  # member_list: members without passcode_hash (schema 14), as organisers see it
    "member_list m JOIN players p ON p.id = m.player_id JOIN units u ON u.id = m.unit_id"
)
# A unit and everything under it: the same path, or a path that starts with it and a slash.
IN_SUBTREE = "(u.path = ? OR substr(u.path, 1, length(?) + 1) = ? || '/')"


class UnknownLogin(LookupError):
    def __init__(self, login: str) -> None:
        super().__init__(login)
        self.login = login


def member_by_login(run: Read, login: str) -> Member | None:

    rows = run(f"SELECT {MEMBER_COLUMNS} FROM {MEMBER_FROM} WHERE m.login = ?", (login.lower(),))
    return _member(rows[0]) if rows else None


def _member(row: Row) -> Member:
    from quiz.org.models import Member

    name, unit, login, has_passcode = row
    return Member(str(name), str(unit), login, bool(has_passcode))


def passcode_hash(run: Read, login: str) -> str | None:
    """The stored hash of a member's passcode (SQLite, where the file is the boundary)."""
    rows = run("SELECT passcode_hash FROM members WHERE login = ?", (login.lower(),))
    return str(rows[0][0]) if rows and rows[0][0] is not None else None


def member_keys(run: Read, login: str, on_server: bool = False) -> list[str]:
    if on_server:  # PostgreSQL: organisers and hosts may not read member_keys' keys
        return [str(r[0]) for r in run("SELECT quiz_member_keys(?)", (login.lower(),))]
    rows = run(
        "SELECT k.public_key FROM member_keys k JOIN members m ON m.player_id = k.player_id "
        "WHERE m.login = ? ORDER BY k.added_at, k.public_key",
        (login.lower(),),
    )
    return [str(r[0]) for r in rows]


def add_member_key(run: Read, login: str, key: str, added_at: str, on_server: bool = False) -> bool:
    """Adds the key; False when the member already had it. UnknownLogin when no member has
    this login. PostgreSQL: through quiz_add_member_key (an organiser may not read keys)."""
    if on_server:
        [(added,)] = run("SELECT quiz_add_member_key(?, ?, ?)", (login.lower(), key, added_at))
        if added is None:
            raise UnknownLogin(login)
        return bool(added)
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

    where, params = subtree_filter(unit)
    rows = run(f"SELECT {MEMBER_COLUMNS} FROM {MEMBER_FROM}{where} ORDER BY u.path, p.name", params)
    return [_member(row) for row in rows]


AFTER = " (u.path > ? OR (u.path = ? AND p.name > ?))"
"""After the last row of the page before, in the listing's order."""
LISTED_BATCH = 2000
"""Members read per query when the roster is streamed (`org list --json`): memory stays flat."""


def member_pages(run: Read, unit: str | None = None) -> Iterator[list[tuple[Member, int]]]:
    """Members of a unit and below, by unit and name, with how many SSH keys each has, a page
    at a time (keyset pagination on the order itself, so each page is one index range)."""
    where, params = subtree_filter(unit)
    after: tuple[str, str] | None = None
    keys = "(SELECT COUNT(*) FROM member_keys k WHERE k.player_id = m.player_id)"
    while True:
        page_where = where
        page_params: tuple[object, ...] = params
        if after is not None:
            page_where += (" AND" if where else " WHERE") + AFTER
            page_params = (*params, after[0], after[0], after[1])
        rows = run(
            f"SELECT {MEMBER_COLUMNS}, {keys} FROM {MEMBER_FROM}{page_where}"
            f" ORDER BY u.path, p.name LIMIT {LISTED_BATCH}",
            page_params,
        )
        if not rows:
            return
        yield [(_member(row[:4]), int(row[4])) for row in rows]
        if len(rows) < LISTED_BATCH:
            return
        after = (str(rows[-1][1]), str(rows[-1][0]))


def absent_members(
    run: Read, unit: str | None, first: str | None, last: str | None
) -> list[AbsentMember]:
    """Members (of `unit` and below) with no answer between two days (inclusive; None: open),
    from the running totals per player and day (one index lookup a member), with their last
    day of play."""
    from quiz.org.models import AbsentMember

    where, params = subtree_filter(unit)
    # From the roster's rows: a member whose last day of play (players.last_day, schema 16) is
    # before the window, or who never played, is absent; one whose last day is in it is not;
    # only one who played after the window is looked up in the day totals (a scalar subquery,
    # so that PostgreSQL probes that member's index entries rather than hash the window's).
    start, end = first or "", last or "9999-12-31"
    unplayed = (
        "(p.last_day IS NULL OR p.last_day < ? OR (p.last_day > ? AND (SELECT 1 FROM"
        " day_totals d WHERE d.player_id = m.player_id AND d.answers > 0 AND d.day >= ?"
        " AND d.day <= ? LIMIT 1) IS NULL))"
    )
    rows = run(
        "SELECT p.name, m.login, u.path, p.last_day"
        f" FROM {MEMBER_FROM}{where}{' AND' if where else ' WHERE'} {unplayed}"
        " ORDER BY u.path, p.name",
        (*params, start, end, start, end),
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
        f" WHERE {window}), p.last_day FROM {MEMBER_FROM}{where} ORDER BY u.path, p.name",
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


def passcode_salts(run: Read, names: Sequence[str], on_server: bool = False) -> dict[str, str]:
    """The salts of these members' stored SCRAM verifiers (by name: quiz.org.passcode.salt_of),
    so that an unchanged passcode hashes to the very hash stored. PostgreSQL gives them by a
    function: an organiser may not read the hashes."""
    from quiz.org.passcode import salt_of

    if on_server:
        return {str(n): str(s) for n, s in run("SELECT * FROM quiz_passcode_salts(?)",
                                               (list(names),))}  # fmt: skip
    found: dict[str, str] = {}
    for chunk in _chunks(names, 500):
        marks = ",".join("?" * len(chunk))
        rows = run(
            "SELECT p.name, m.passcode_hash FROM members m JOIN players p ON p.id = m.player_id "
            f"WHERE m.passcode_hash IS NOT NULL AND p.name IN ({marks})",
            chunk,
        )
        found.update((str(n), salt) for n, h in rows if (salt := salt_of(str(h))) is not None)
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
    on_server: bool = False,
) -> ImportSummary:
    """Apply the entries (already valid on their own) in the caller's transaction. `hashes`
    maps an entry's line to the passcode hash to store. Rows whose login another member keeps
    are skipped. On PostgreSQL (`on_server`) the hashes are written by quiz_set_passcodes (an
    organiser may write them, never read them) and the members' database logins are kept in
    step by quiz_sync_logins, in the same transaction."""
    from quiz.org.models import ImportSummary

    known = _player_ids(run, [e.name for e in entries])
    skipped = _login_conflicts(run, entries, known)
    accepted = [e for e in entries if e.line not in skipped]
    player_ids = _ensure_players(run, [e.name for e in accepted], created_at)
    current = _current_members(run, list(player_ids.values()), on_server)
    server_hashes: dict[int, str] = {}
    if on_server:  # the hashes go by themselves, below
        hashes, server_hashes = {}, hashes
    unchanged: list[int] = []
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
            unchanged.append(pid)
            continue
        if on_server:  # the hash is quiz_set_passcodes' to write
            run("UPDATE members SET unit_id = ?, login = ? WHERE player_id = ?",
                (after.unit_id, after.login, pid))  # fmt: skip
        else:
            run(
                "UPDATE members SET unit_id = ?, login = ?, passcode_hash = ? WHERE player_id = ?",
                (after.unit_id, after.login, after.passcode_hash, pid),
            )
        if after.unit_id != before.unit_id:
            moves.append((pid, before.unit_id, unit_id))
            counts["moved"] += 1
        else:
            counts["updated"] += 1
    changed = _set_passcodes(run, {player_ids[e.name]: server_hashes[e.line]
                                   for e in accepted if e.line in server_hashes})  # fmt: skip
    counts["updated"] += sum(1 for pid in unchanged if pid in changed)
    counts["unchanged"] = sum(1 for pid in unchanged if pid not in changed)
    move_totals(run, moves)
    logins: tuple[tuple[str, str], ...] = ()
    if on_server:
        synced = run("SELECT login, outcome FROM quiz_sync_logins(?)", (sorted(changed),))
        logins = tuple((str(login), str(outcome)) for login, outcome in synced)
    return ImportSummary(
        **counts,
        units_created=created,
        skipped=tuple(skipped[line] for line in sorted(skipped)),
        logins=logins,
    )


def _set_passcodes(run: Read, hashes: dict[int, str]) -> set[int]:
    """PostgreSQL: the hashes written where they differ; the players whose hash changed."""
    if not hashes:
        return set()
    players = list(hashes)
    rows = run("SELECT * FROM quiz_set_passcodes(?, ?)", (players, [hashes[p] for p in players]))
    return {int(r[0]) for r in rows}


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


def _current_members(
    run: Read, player_ids: list[int], on_server: bool = False
) -> dict[int, _Current]:
    """Each member's unit, login and passcode hash (on PostgreSQL, no hash: it is not read)."""
    found: dict[int, _Current] = {}
    code = "NULL" if on_server else "passcode_hash"
    for chunk in _chunks(player_ids, 500):
        marks = ",".join("?" * len(chunk))
        rows = run(
            f"SELECT player_id, unit_id, login, {code} FROM members WHERE player_id IN ({marks})",
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
        return member_keys(self._db.read, login, self._db.dialect.records_on_server)

    def check_login(self, login: str, passcode: str) -> bool:
        """Whether `passcode` is the passcode of the member with `login`. On PostgreSQL the
        database decides (quiz_host_login, from SCRAM's client key: the passcode never leaves
        this process) and, for a host, records that it may act for that member."""
        from quiz.org.passcode import client_key, verify_passcode

        login = login.lower()
        if not self._db.dialect.records_on_server:
            stored = passcode_hash(self._db.read, login)
            return stored is not None and verify_passcode(passcode, stored)
        [(salt,)] = self._db.read("SELECT quiz_login_salt(?)", (login,))
        try:
            key = client_key(passcode, str(salt))
        except ValueError:
            return False
        return bool(self._db.run("SELECT quiz_host_login(?, ?)", (login, key))[0][0])

    def check_login_key(self, login: str, key: str) -> bool:
        """Whether the OpenSSH public key line is one of the member's (after SSH has checked
        the client holds its private key); on PostgreSQL, as check_login, the database
        decides and records a host's grant."""
        if not self._db.dialect.records_on_server:
            return key in member_keys(self._db.read, login.lower())
        return bool(self._db.run("SELECT quiz_host_login_key(?, ?)", (login.lower(), key))[0][0])

    def add_member_key(self, login: str, key: str) -> None:
        """Adds an OpenSSH public key line (checked by the caller); a key already there is
        kept once. UnknownLogin when no member has this login."""
        with self._db.transaction() as tx:
            add_member_key(tx.execute, login, key, to_utc_text(datetime.now().astimezone()),
                           self._db.dialect.records_on_server)  # fmt: skip

    def members(self, unit: str | None = None) -> list[Member]:
        """Members of a unit and the units under it (everyone by default), by unit and name."""
        return members(self._db.read, unit)

    def member_pages(self, unit: str | None = None) -> Iterator[list[tuple[Member, int]]]:
        """As `members`, with each member's key count, a page at a time (flat memory)."""
        return member_pages(self._db.read, unit)

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

    def passcode_salts(self, names: Sequence[str]) -> dict[str, str]:
        return passcode_salts(self._db.read, names, self._db.dialect.records_on_server)

    def import_roster(
        self, entries: Sequence[RosterEntry], hashes: dict[int, str], now: datetime
    ) -> ImportSummary:
        """All the entries in one transaction (see `import_roster` above)."""
        with self._db.transaction() as tx:
            return import_roster(tx.execute, entries, hashes, to_utc_text(now),
                                 self._db.dialect.records_on_server)  # fmt: skip
