"""Commands that play or read the score history: the TUI itself, `play`, `history`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from quiz.cli.launch import run_tui
from quiz.cli.options import NAME, shared_options
from quiz.cli.output import echo, echo_csv, echo_json
from quiz.cli.settings import current_settings
from quiz.engine.modes import PLAYABLE, Mode
from quiz.i18n import t

MODE_NAMES = [m.value for m in PLAYABLE]


if TYPE_CHECKING:
    from quiz.reports.runs import SessionRow
    from quiz.store.protocol import Store


@click.command()
@shared_options
@click.option("--mode", "mode", type=click.Choice(MODE_NAMES), required=True, help="The mode.")
@click.option("--section", "topic", type=NAME, help="Topic practice: a section or a tag.")
@click.option("--count", type=click.IntRange(min=1), help="How many questions.")
@click.option(
    "--seed", type=click.IntRange(min=0), help="Fix the random choices (repeatable runs)."
)
@click.option(
    "--opponents", type=click.Choice(["1", "3"]), default="3", show_default=True,
    help="Race: 3 rivals (四人赛) or 1 (双人对战).",
)  # fmt: skip
def play(mode: str, topic: str | None, count: int | None, seed: int | None, opponents: str) -> None:
    """Start a mode directly, then return to the home screen when done."""
    from quiz.usecases.requests import PlayRequest

    request = PlayRequest(Mode(mode), topic, int(opponents), count, seed)
    run_tui(current_settings(), request)


def open_existing_store(path: Path | str) -> Store | None:
    """The store for reading, or None when there is no database yet (nothing is created). A
    database that cannot be used is a message and exit 1 (quiz.cli's main says why). Closed
    when the command ends (a PostgreSQL store's connections with it)."""
    from quiz.store.opening import open_store
    from quiz.system.locations import is_url

    if not is_url(path) and not Path(path).exists():
        return None
    return closed_at_end(open_store(path, connections=1))


def closed_at_end(store: Store) -> Store:
    """`store`, closed when the running command ends, however it ends."""
    click.get_current_context().call_on_close(store.close)
    return store


CSV_COLUMNS = (
    "id", "user", "mode", "started_at", "finished_at", "status", "correct", "total", "score",
    "points", "seconds",
)  # fmt: skip


def write_csv(rows: list[SessionRow]) -> None:
    """One row per session (quiz.text.safe.csv_text: names shown literally, never a formula)."""
    echo_csv(
        CSV_COLUMNS,
        (
            [
                row.id,
                row.user,
                row.mode.value if row.mode is not None else row.kind.value,
                row.started_at.isoformat(),
                row.finished_at.isoformat() if row.finished_at else "",
                row.status,
                "" if row.sealed else row.correct,
                row.total,
                "" if row.sealed else row.score,
                row.points,
                round(row.elapsed, 2),
            ]
            for row in rows
        ),
    )


@click.command()
@shared_options
@click.option("--all-users", is_flag=True, help="Every player in the score database.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (docs/modes.md).")
@click.option("--csv", "as_csv", is_flag=True, help="CSV, one row per session.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the newest N sessions and rooms.")
def history(all_users: bool, as_json: bool, as_csv: bool, limit: int | None) -> None:
    """Sessions and rooms, newest first (default: the current player's)."""
    from quiz.reports.rooms import RoomRow
    from quiz.usecases.review import recent, shown_answers

    settings = current_settings()
    store = open_existing_store(settings.db)
    who = None if all_users else settings.user
    if as_csv:  # one row per session: a room's table is `quiz room results PIN --csv`
        write_csv(store.sessions(who, limit) if store else [])
        return
    rows = recent(store, who, limit) if store else []
    if as_json:
        from quiz.cli.json_forms import Json, room_json, session_json

        sessions: list[Json] = []
        rooms: list[Json] = []
        for row in rows:
            assert store is not None  # the rows came from it
            if isinstance(row, RoomRow):
                detail = store.room_detail(row.room_id, row.user, row.role)
                rooms.extend([room_json(detail)] if detail else [])
            else:
                sessions.append(session_json(row, shown_answers(row, store.answers(row.id))))
        echo_json({"sessions": sessions, "rooms": rooms}, indent=2)
        return
    if not rows:
        echo(t("history.empty"))
        return
    from quiz.cli.output import emit
    from quiz.reports.labels import accuracy_cell, duration, score_cell, session_name, short_time

    # Every player's rows name their player; one player's do not repeat the name.
    players = ["user"] if all_users else []
    headers = ["id", *players, "started", "mode", "status", "score", "accuracy", "time", "points"]
    rows_text = []
    for row in rows:
        cells = [
            row.room_id if isinstance(row, RoomRow) else str(row.id),
            *([row.user] if all_users else []),
            short_time(row.started_at),
            session_name(row, winner=True),
            t(f"history.{row.status}"),
            score_cell(row),
            accuracy_cell(row),
            duration(row.elapsed),
            str(row.points),
        ]
        rows_text.append(cells)
    emit([t(f"history.{h}") for h in headers], rows_text)
