"""`quiz room host|join|results`: live rooms across machines that share one store."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import click

from quiz.cli.options import NAME, shared_options
from quiz.cli.settings import current_settings
from quiz.i18n import t

if TYPE_CHECKING:
    from quiz.rooms.model import RoomResults

PIN = re.compile(r"\d{6}")
ROOM = re.compile(r"\d{6}(-[0-9a-f]{8})?")
"""A PIN, or a room's own id (its PIN and a suffix: the PIN is free again once it ended)."""


def _pin(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if not PIN.fullmatch(value):
        raise click.BadParameter(t("room.bad_pin"))
    return value


def _room(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if not ROOM.fullmatch(value):
        raise click.BadParameter(t("room.bad_room"))
    return value


@click.group()
def room() -> None:
    """Live rooms: a host opens a room with a PIN, players join from any machine."""


@room.command()
@shared_options
@click.option("--questions", type=click.IntRange(1, 100), default=10, show_default=True,
              help="How many questions the room asks.")  # fmt: skip
@click.option("--seconds", type=click.IntRange(5, 600), default=20, show_default=True,
              help="Seconds per question.")  # fmt: skip
@click.option("--section", type=NAME, help="Ask only this section or tag.")
@click.option("--pin-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the PIN to this file when the room opens.")  # fmt: skip
@click.option("--force", is_flag=True, help="Replace an existing --pin-file.")
@click.option("--resume", callback=lambda c, p, v: _pin(c, p, v) if v else None,
              help="Carry on hosting the room with this PIN.")  # fmt: skip
def host(
    questions: int, seconds: int, section: str | None, pin_file: Path | None, force: bool,
    resume: str | None,
) -> None:  # fmt: skip
    """Open a room and show its PIN; Enter starts once players have joined."""
    from quiz.cli.launch import host_room
    from quiz.rooms.model import RoomSettings

    if pin_file is not None:
        from quiz.cli.output import check_target

        check_target(pin_file, force=force)  # exit 1, untouched, unless --force
    settings = RoomSettings(questions=questions, seconds=seconds, section=section)
    chosen = current_settings()
    if resume is not None:
        _check_resume(str(chosen.db), resume, chosen.user)
    host_room(chosen, settings, pin_file, resume)


def _check_resume(target: str, pin: str, who: str) -> None:
    """Only the host who opened the room carries on (its token, kept on this machine):
    anyone else is told so, exit 1, before any screen opens."""
    from quiz.cli.output import fail
    from quiz.rooms.model import RoomError
    from quiz.store.errors import StoreError
    from quiz.usecases.room_client import check_resume
    from quiz.usecases.room_keys import machine_keys

    try:
        check_resume(target, pin, machine_keys(target), who)
    except RoomError as exc:
        fail(t(exc.code, **exc.params))
    except StoreError as exc:
        fail(exc.message)


@room.command()
@shared_options
@click.argument("pin", callback=_pin)
def join(pin: str) -> None:
    """Join the room with this PIN and answer its questions as they come."""
    from quiz.cli.launch import join_room

    join_room(current_settings(), pin)


@room.command()
@shared_options
@click.argument("pin", callback=_room)
@click.option("--json", "as_json", is_flag=True, help="JSON: pin, room, questions, players.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV: one row per player (or unit).")
@click.option("--by-unit", is_flag=True,
              help="One row per roster unit: players, mean score, mean right, best.")  # fmt: skip
def results(pin: str, as_json: bool, as_csv: bool, by_unit: bool) -> None:
    """A room's final (or current) scores: rank, player, score, right answers. PIN: the
    latest room with that PIN (or a room's own id, as --json gives it)."""
    from quiz.cli.output import echo_csv, echo_json, emit, fail
    from quiz.rooms.model import RoomError
    from quiz.store.opening import open_rooms

    rooms = open_rooms(str(current_settings().db))
    try:
        room_id = rooms.latest(pin)
        outcome = rooms.results(room_id)
        units = rooms.seat_units(room_id) if by_unit else {}
    except RoomError as exc:
        fail(t(exc.code, **exc.params))
    finally:
        rooms.db.close()
    if by_unit:
        _unit_results(outcome, units, as_json, as_csv)
        return
    rows = [
        {"user": p.user, "score": p.score, "correct": p.correct, "answers": p.answers}
        for p in outcome.players
    ]
    if as_json:
        echo_json({"pin": outcome.pin, "room": outcome.room_id, "questions": outcome.questions,
                   "players": rows})  # fmt: skip
    elif as_csv:
        columns = ["user", "score", "correct", "answers"]
        echo_csv(columns, ([row[name] for name in columns] for row in rows))
    else:
        table = [
            [str(rank), p.user, str(p.score), str(p.correct), str(p.answers)]
            for rank, p in enumerate(outcome.players, start=1)
        ]
        heading = t("room.results_heading", pin=outcome.pin, questions=outcome.questions)
        headers = [
            "#",
            *(t(f"room.col.{name}") for name in ("user", "score", "correct", "answers")),
        ]
        emit(headers, table, title=heading)


UNIT_COLUMNS = ("unit", "players", "mean_score", "mean_correct", "answers", "best", "best_score")


def _unit_results(outcome: RoomResults, units: dict[str, str], as_json: bool, as_csv: bool) -> None:
    """`--by-unit`: each roster unit's players in the room (not on the roster: 未编入)."""
    from quiz.cli.output import echo_csv, echo_json, emit
    from quiz.rooms.units import by_unit

    rolled = by_unit(outcome, units)
    if as_json:
        echo_json({
            "pin": outcome.pin, "room": outcome.room_id, "questions": outcome.questions,
            "units": [
                {"unit": u.unit, "players": list(u.players), "mean_score": u.mean_score,
                 "mean_correct": u.mean_correct, "answers": u.answers, "best": u.best,
                 "best_score": u.best_score}
                for u in rolled
            ],
        })  # fmt: skip
        return
    off_roster = t("room.not_on_roster")
    cells = [
        [u.unit or off_roster, str(len(u.players)), f"{u.mean_score:.1f}",
         f"{u.mean_correct:.2f}", str(u.answers), u.best, str(u.best_score)]
        for u in rolled
    ]  # fmt: skip
    if as_csv:
        echo_csv(list(UNIT_COLUMNS), cells)
        return
    heading = t("room.results_heading", pin=outcome.pin, questions=outcome.questions)
    emit([t(f"room.col.{name}") for name in UNIT_COLUMNS], cells, title=heading)
