"""`quiz org`: the roster (import, list), members' SSH keys, participation reports."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from quiz.cli.options import shared_options
from quiz.cli.output import (
    echo_csv,
    echo_json,
    echo_json_pages,
    echo_json_rows,
    emit,
    fail,
    plain,
    say,
)
from quiz.cli.settings import current_settings
from quiz.i18n import t

if TYPE_CHECKING:
    from quiz.org.models import ImportSummary, Member
    from quiz.org.roster_file import RosterFile
    from quiz.store.protocol import Store


@click.group()
def org() -> None:
    """The roster of units and members, their SSH keys, and participation reports."""


@org.group()
def key() -> None:
    """SSH public keys of members, for `quiz serve`."""


def open_store() -> Store:
    """The store for writing, created when missing (a database that cannot be used is a
    message and exit 1: quiz.cli's main says why); closed when the command ends."""
    from quiz.cli.play_commands import closed_at_end
    from quiz.store.opening import open_store

    return closed_at_end(open_store(current_settings().db, connections=1))


def open_existing() -> Store | None:
    """The store for reading, or None when there is no database yet (nothing is created)."""
    from quiz.cli.play_commands import open_existing_store

    return open_existing_store(current_settings().db)


def read_input(path: Path) -> bytes:
    """A roster or key file: a regular file of at most 16 MB, as bank files are (a FIFO,
    `/dev/zero` or a huge file is refused at once: exit 1); OSError when it cannot be read."""
    from quiz.system.files import FileProblem, read_bytes

    try:
        return read_bytes(path)
    except FileProblem as problem:
        fail(t(problem.code, **problem.params))


@key.command("add")
@shared_options
@click.argument("login")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def key_add(login: str, file: Path) -> None:
    """Add the OpenSSH public key(s) in FILE (e.g. id_ed25519.pub) to the member LOGIN."""
    from quiz.org.keys import KeyProblem, read_public_keys

    try:
        keys = read_public_keys(read_input(file))
    except KeyProblem as problem:
        where = f"{file}:{problem.line}" if problem.line else str(file)
        fail(f"{where}: {t(problem.code)}")
    except OSError as exc:
        fail(t("org.read_failed", path=file, reason=exc.strerror))
    store = open_store()
    member = store.member_by_login(login)
    if member is None:
        fail(t("org.unknown_login", login=login))
    known = set(store.member_keys(login))
    for line in keys:
        store.add_member_key(login, line)
    fresh = [line for line in keys if line not in known]
    say(t("org.key_added", added=len(fresh), known=len(keys) - len(fresh),
          login=member.login, name=member.name))  # fmt: skip


@org.command(name="import")
@shared_options
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help="Import nothing when any row is bad.")
def import_(source: Path, strict: bool) -> None:
    """Import or update the roster from a CSV file: name,unit[,login][,passcode].

    A unit is a path such as 武汉大学/计算机学院/教工第一党支部; the units above it are created.
    Importing again updates members and moves them to their new unit. Bad rows are skipped
    and listed with their line numbers; the rest is imported in one transaction.
    """
    from quiz.org.roster_file import RosterFileError
    from quiz.system.clock import default_clock
    from quiz.usecases.roster_import import import_roster

    try:
        data = read_input(source)
    except OSError as exc:
        fail(t("org.read_failed", path=source, reason=exc.strerror))
    store = open_store()
    try:
        with _progress() as progress:
            roster, summary = import_roster(
                store, data, default_clock().now(), strict=strict, progress=progress
            )
    except RosterFileError as problem:
        fail(f"{source}: {t(problem.code, **problem.params)}")
    _print_import(source, roster, summary)


def _print_import(source: Path, roster: RosterFile, summary: ImportSummary | None) -> None:
    # Rows the file refused and rows the store refused, in one list by line.
    skipped = sorted((*roster.skipped, *(summary.skipped if summary else ())), key=lambda r: r.line)
    for row in skipped:
        say(f"{source}:{row.line}: {t(row.code, **dict(row.params))}", error=True)
    if roster.encoding != "utf-8":
        say(t("org.read_as", encoding=roster.encoding.upper()), error=True)
    if summary is None:
        fail(t("org.nothing_imported", path=source, skipped=len(roster.skipped)))
    say(t("org.import_summary", added=summary.added, updated=summary.updated,
          moved=summary.moved, unchanged=summary.unchanged, units=summary.units_created,
          skipped=len(roster.skipped) + len(summary.skipped)))  # fmt: skip
    _print_logins(summary.logins)


LISTED = 20
"""Logins named one by one (taken, disabled); the rest are counted."""


def _print_logins(logins: tuple[tuple[str, str], ...]) -> None:
    """Members' database logins that changed: each one taken by something else or disabled,
    and how many were created or updated."""
    for outcome in ("taken", "disabled"):
        named = [login for login, done in logins if done == outcome]
        for login in named[:LISTED]:
            say(t(f"org.db_login_{outcome}", login=login), error=outcome == "taken")
        if len(named) > LISTED:
            say(t("org.db_logins_more", more=len(named) - LISTED), error=outcome == "taken")
    made = sum(1 for _, outcome in logins if outcome == "created")
    changed = sum(1 for _, outcome in logins if outcome == "updated")
    if made or changed:
        say(t("org.logins_summary", created=made, updated=changed))


@org.command()
@shared_options
def roles() -> None:
    """Set up PostgreSQL's roles for this database (run with the owner's URL in --db).

    Creates the group roles quiz_<database>_organiser, _host and _member (NOLOGIN) where
    missing, grants each only what it may do, and makes a database login for every member
    with a login and a passcode. Running it again puts the grants right and changes nothing
    else.
    """
    from quiz.store.postgres.database import PostgresDatabase
    from quiz.store.postgres.roles import RoleProblem, set_up_roles
    from quiz.system.locations import is_url

    location = current_settings().db
    if not is_url(location):
        fail(t("org.roles_sqlite"))
    database = PostgresDatabase(str(location), connections=1)  # migrated here, as the owner
    try:
        with database.connection() as conn:
            done = set_up_roles(conn)
    except RoleProblem as problem:
        fail(t(problem.code, **problem.params))
    finally:
        database.close()
    created = t("org.roles_created", names=", ".join(done.created)) if done.created else ""
    say(t("org.roles_done", created=created, **done.groups))
    _print_logins(done.logins)


@contextmanager
def _progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar while many passcodes are hashed (on a terminal only)."""
    if plain():
        yield None
        return
    from rich.progress import Progress

    from quiz.cli.output import err

    with Progress(transient=True, console=err()) as bar:
        task = bar.add_task(t("org.hashing"), total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


@org.command(name="list")
@shared_options
@click.option("--unit", help="Only this unit and the units under it.")
@click.option(
    "--json", "as_json", is_flag=True, help="Machine-readable output (docs/organisations.md)."
)
def list_(unit: str | None, as_json: bool) -> None:
    """The members on the roster, by unit."""
    store = open_existing()
    unit = checked_unit(store, unit)
    if as_json:  # streamed, a page of members at a time: flat memory for any roster
        _stream_json(store.member_pages(unit) if store else iter(()))
        return
    members = store.members(unit) if store else []
    keys = store.key_counts() if store else {}

    def key_count(login: str | None) -> int:
        return keys.get(login, 0) if login else 0

    if not members:
        say(t("org.no_members"))
        return
    rows = [
        [m.name, m.unit, m.login or "", "✓" if m.has_passcode else "", str(key_count(m.login))]
        for m in members
    ]
    emit([t(f"org.col.{c}") for c in ("name", "unit", "login", "passcode", "keys")], rows)


def _stream_json(pages: Iterator[list[tuple[Member, int]]]) -> None:
    """`{"members": [...]}` as json.dumps(indent=2) writes it, written as it is read."""
    echo_json_pages("members", (
        [{"name": member.name, "unit": member.unit, "login": member.login,
          "passcode": member.has_passcode, "keys": keys} for member, keys in page]
        for page in pages
    ))  # fmt: skip


def checked_unit(store: Store | None, unit: str | None) -> str | None:
    """`--unit` as stored (levels trimmed); a message and exit 1 when there is no such unit."""
    from quiz.org.text import TextProblem, clean_unit

    if unit is None:
        return None
    try:
        unit = clean_unit(unit)
    except TextProblem as problem:
        fail(t(problem.code, **problem.params))
    if store is None or not store.unit_exists(unit):
        fail(t("org.no_unit", unit=unit))
    return unit


DATE = click.DateTime(formats=["%Y-%m-%d"])
F = TypeVar("F", bound=Callable[..., object])


def window_options(command: F) -> F:
    """--unit, --from, --to and --json, as the organiser's reports share them."""
    for option in reversed((
        click.option("--unit", help="Only this unit and the units under it."),
        click.option("--from", "start", type=DATE,
                     help="First day (YYYY-MM-DD; default: the start)."),
        click.option("--to", "end", type=DATE, help="Last day, included (default: today)."),
        click.option("--json", "as_json", is_flag=True,
                     help="Machine-readable output (docs/organisations.md)."),
    )):  # fmt: skip
        command = option(command)
    return command


def window(start: datetime | None, end: datetime | None) -> tuple[date | None, date | None]:
    """The two days of --from and --to; a message and exit 1 when they are the wrong way."""
    first, last = (start.date() if start else None), (end.date() if end else None)
    if first and last and first > last:
        fail(t("org.bad_window", start=first.isoformat(), end=last.isoformat()))
    return first, last


@org.command()
@shared_options
@window_options
@click.option("--csv", "as_csv", is_flag=True, help="CSV, one row per unit.")
def report(
    unit: str | None,
    start: datetime | None,
    end: datetime | None,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Participation by unit: members, active members, answers, accuracy, points, and the
    top players; every unit includes the units under it."""
    from quiz.org.report import OrgReport
    from quiz.usecases.org_report import org_report

    first, last = window(start, end)
    store = open_existing()
    unit = checked_unit(store, unit)
    result = org_report(store, first, last, unit) if store else OrgReport(first, last, unit)
    if as_json:
        echo_json(result.as_json(), indent=2)
    elif as_csv:
        from quiz.cli.org_report import write_csv

        write_csv(result)
    else:
        from quiz.cli.org_report import print_report

        print_report(result)


@org.command()
@shared_options
@window_options
@click.option("--csv", "as_csv", is_flag=True, help="CSV, one row per member.")
def absent(
    unit: str | None, start: datetime | None, end: datetime | None, as_json: bool, as_csv: bool
) -> None:
    """Who has not taken part: the members of a unit (and the units under it) with no answer
    between two days, with their last day of play."""
    first, last = window(start, end)
    store = open_existing()
    unit = checked_unit(store, unit)
    members = store.absent_members(unit, first, last) if store else []
    records = [
        {"name": m.name, "login": m.login, "unit": m.unit,
         "last_active": m.last_active.isoformat() if m.last_active else None}
        for m in members
    ]  # fmt: skip
    if as_json:
        echo_json_rows("members", records)
        return
    columns = ("name", "login", "unit", "last_active")
    if as_csv:
        echo_csv(columns, [[r[c] for c in columns] for r in records])
        return
    if not members:
        say(t("org.nobody_absent"))
        return
    rows = [[str(r[c] or t("org.never")) if c == "last_active" else str(r[c] or "")
             for c in columns] for r in records]  # fmt: skip
    emit([t(f"org.col.{c}") for c in columns], rows)
