"""双人对战 / 四人赛 against real people: a waiting queue on the shared store, matched fairly by
arrival. The `size` longest-waiting players for the same size make a match, whoever's process
notices first; a player not matched within the wait plays simulated opponents instead.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from quiz.bank.models import Question
from quiz.engine.modes import RULES, Mode
from quiz.rooms.model import MATCH_WAIT_SECONDS, RoomKind, RoomSettings
from quiz.store.rooms import Rooms, token_hash

STALE_SECONDS = MATCH_WAIT_SECONDS + 5
"""A ticket older than this belongs to a player who gave up or went away: never matched."""
POLL_SECONDS = 0.25
CLAIMED = "claimed:"
"""A ticket taken into a match that is being opened (its PIN follows)."""


@dataclass(frozen=True, slots=True)
class Ticket:
    id: int
    name: str
    size: int


def race_settings() -> RoomSettings:
    rules = RULES[Mode.RACE]
    return RoomSettings(questions=rules.count or 5, seconds=rules.question_seconds or 15)


class Matchmaker:
    def __init__(self, rooms: Rooms) -> None:
        self.rooms = rooms
        self.db = rooms.db
        self._on_server = self.db.dialect.name == "postgresql"
        """PostgreSQL: the queue is written through sql/match_queue.sql's functions (a member
        writes no room table), which do what the SQLite code below does."""

    def enqueue(self, name: str, size: int, token: str) -> Ticket:
        """Wait for a match as `name`, whose seat in it `token` will prove (its hash goes with
        the ticket into the match's seat)."""
        with self.rooms.transaction() as cur:
            if self._on_server:
                cur.execute("SELECT quiz_queue_enqueue(?, ?, ?)", (name, size, token_hash(token)))
                return Ticket(int(cur.fetchone()[0]), name, size)
            cur.execute(
                "UPDATE match_queue SET gave_up = 1 WHERE name = ? AND room IS NULL", (name,)
            )  # one ticket per player: an older one (another window) steps aside
            cur.execute(
                "INSERT INTO match_queue(name, size, enqueued_at, token_hash)"
                f" VALUES (?, ?, {self.db.dialect.now_seconds}, ?) RETURNING id",
                (name, size, token_hash(token)),
            )
            return Ticket(int(cur.fetchone()[0]), name, size)

    def try_match(self, ticket: Ticket, questions: Sequence[Question]) -> str | None:
        """The match's PIN once this ticket is in one (making it if this ticket completes it)."""
        if self._on_server:
            with self.rooms.transaction() as cur:
                cur.execute(
                    "SELECT room, id, name, token_hash FROM quiz_queue_claim(?, ?, ?)",
                    (ticket.id, ticket.size, float(STALE_SECONDS)),
                )
                rows = cur.fetchall()
            if not rows:
                return None
            if rows[0][0] is not None:
                return _real(str(rows[0][0]))
            return self._open_match(ticket, [(int(i), str(n), h) for _r, i, n, h in rows],
                                    questions)  # fmt: skip
        with self.rooms.transaction() as cur:
            if self.db.dialect.row_lock:  # PostgreSQL: one matcher at a time (SQLite: serial)
                cur.execute("LOCK TABLE match_queue IN SHARE ROW EXCLUSIVE MODE")
            cur.execute("SELECT room FROM match_queue WHERE id = ?", (ticket.id,))
            row = cur.fetchone()
            if row is not None and row[0] is not None:
                return _real(str(row[0]))
            cur.execute(
                "SELECT id, name, token_hash FROM match_queue WHERE size = ? AND room IS NULL"
                f" AND gave_up = 0 AND enqueued_at > {self.db.dialect.now_seconds} - ?"
                " ORDER BY id LIMIT ?",
                (ticket.size, STALE_SECONDS, ticket.size),
            )
            oldest = [(int(r[0]), str(r[1]), r[2]) for r in cur.fetchall()]
            if len(oldest) < ticket.size or ticket.id not in {i for i, _n, _h in oldest}:
                return None
            # Claimed in the same transaction that found them: no other process can match them.
            for ticket_id, _name, _hash in oldest:
                cur.execute(
                    "UPDATE match_queue SET room = ? WHERE id = ?",
                    (CLAIMED + str(ticket.id), ticket_id),
                )
        return self._open_match(ticket, oldest, questions)

    def _open_match(
        self, ticket: Ticket, oldest: list[tuple[int, str, Any]], questions: Sequence[Question]
    ) -> str:
        seats = [(name, seat_hash) for _id, name, seat_hash in oldest]
        # A match has no host: the token that starts it is used once, here, and forgotten.
        starter = secrets.token_urlsafe(32)
        room_id = self.rooms.open(
            seats[0][0], race_settings(), questions, starter, RoomKind.MATCH, seats=seats
        )
        with self.rooms.transaction() as cur:
            if self._on_server:
                cur.execute("SELECT quiz_queue_place(?, ?)", (ticket.id, room_id))
            else:
                for ticket_id, _name, _hash in oldest:
                    cur.execute(
                        "UPDATE match_queue SET room = ? WHERE id = ?", (room_id, ticket_id)
                    )
        self.rooms.start(room_id, starter)
        return room_id

    def give_up(self, ticket: Ticket) -> str | None:
        """Leave the queue; the PIN instead if a match was made meanwhile."""
        if self._on_server:
            with self.rooms.transaction() as cur:
                cur.execute("SELECT quiz_queue_give_up(?)", (ticket.id,))
                row = cur.fetchone()
            return None if row is None or row[0] is None else _real(str(row[0]))
        with self.rooms.transaction() as cur:
            cur.execute(
                "UPDATE match_queue SET gave_up = 1 WHERE id = ? AND room IS NULL", (ticket.id,)
            )
            cur.execute("SELECT room FROM match_queue WHERE id = ?", (ticket.id,))
            row = cur.fetchone()
        return None if row is None or row[0] is None else _real(str(row[0]))

    def find(
        self, name: str, size: int, questions: Sequence[Question], token: str,
        wait: float = MATCH_WAIT_SECONDS, cancelled: Callable[[], bool] = lambda: False,
    ) -> str | None:  # fmt: skip
        """Wait up to `wait` seconds for `size - 1` real opponents: the match's PIN, or None.
        `token` is the seat's in the match (the player's process keeps it)."""
        ticket = self.enqueue(name, size, token)
        end = time.monotonic() + wait
        while time.monotonic() < end and not cancelled():
            room_id = self.try_match(ticket, questions)
            if room_id is not None:
                return room_id
            time.sleep(POLL_SECONDS)
        return self.give_up(ticket)


def _real(room_id: str) -> str | None:
    return None if room_id.startswith(CLAIMED) else room_id
