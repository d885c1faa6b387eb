"""One live room of 1,000 players in several processes (50 players each, the TUI's client code
without screens) over PostgreSQL; then larger rooms until the p99 passes 250 ms."""

from __future__ import annotations

from quiz.bench.rooms_case import LARGEST_BOUND_MS, held, one_room, scratch_database
from quiz.system import paths

PLAYERS = 1000
LARGER = (1500, 2000, 3000)
SMALLER = (750, 500, 300)
SMOKE_PLAYERS = 20


def room_at_scale(smoke: bool) -> dict[str, object]:
    bank = paths.bank_dir()
    players = SMOKE_PLAYERS if smoke else PLAYERS
    with scratch_database() as target:
        room = one_room(target, players, bank, think=0.2 if smoke else 1.0)
    figures: dict[str, object] = {
        "room_players": players,
        "room_p99_ms": room["p99_ms"],
        "room_p50_ms": room["p50_ms"],
        "room_lost": room["lost"],
        "room_duplicated": room["duplicated"],
        "room_answers": room["answers"],
    }
    largest = {"players": players, "p99_ms": room["p99_ms"]} if held(room) else None
    if not smoke:  # upwards while rooms hold, else downwards until one does
        for size in LARGER if largest else SMALLER:
            with scratch_database() as target:
                run = one_room(target, size, bank)
            if held(run):
                largest = {"players": size, "p99_ms": run["p99_ms"]}
            if held(run) != (size in LARGER):
                break
    figures["room_largest_under_250ms"] = largest
    figures["room_bound_ms"] = LARGEST_BOUND_MS
    return figures
