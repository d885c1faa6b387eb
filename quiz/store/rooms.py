"""Live rooms in the store: each operation one short transaction on the process's database
(quiz.store.opening.open_database: the store and the rooms of a process share it).

Every change of what players see bumps the room's `version` once and notifies it; answers do
not (one notification per state version, never per answer), except the last answer of a
question, which closes it. Any process may end a question whose deadline has passed, so a room
whose host died can be resumed by anyone, from its last state.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple

from quiz.bank.models import Question
from quiz.engine.checking import is_correct
from quiz.reports.stats import answer_counts
from quiz.rooms.codec import (
    given_from_text,
    given_to_text,
    question_from_text,
    question_to_shown_text,
    question_to_text,
)
from quiz.rooms.model import (
    PIN_DIGITS,
    AnswerOutcome,
    AnswerStatus,
    Distribution,
    PlayerResult,
    RoomError,
    RoomKind,
    RoomPhase,
    RoomResults,
    RoomSettings,
    RoomState,
    Seat,
    StoredRoomAnswer,
)
from quiz.rooms.scoring import score_answer
from quiz.store.room_reading import visible_questions
from quiz.store.sql import Database, Row, Tx
from quiz.text.names import normal_name

MATCH_REVEAL_SECONDS = 4.0
"""How long a matched room shows each answer before the next question (no host to press)."""


class RoomRecord(NamedTuple):
    """A row of `rooms`, typed as the operations read it."""

    pin: str
    kind: RoomKind
    host: str
    phase: RoomPhase
    version: int
    position: int
    question_count: int
    seconds: int
    deadline: float | None
    updated_at: float
    reveal_until: float | None
    host_seen: float | None

    @classmethod
    def of(cls, row: Row) -> RoomRecord:
        (pin, kind, host, phase, version, position, count, seconds, deadline, updated, reveal,
         host_seen) = row  # fmt: skip
        return cls(
            str(pin), RoomKind(kind), str(host), RoomPhase(phase), int(version), int(position),
            int(count), int(seconds), _seconds_or_none(deadline), float(updated),
            _seconds_or_none(reveal), _seconds_or_none(host_seen),
        )  # fmt: skip


class AnswerRecord(NamedTuple):
    """A player's stored answer to one room question, as its outcome."""

    correct: bool
    points: int
    streak: int
    seconds: float

    @classmethod
    def of(cls, row: Row) -> AnswerRecord:
        correct, points, streak, seconds = row
        return cls(bool(correct), int(points), int(streak), float(seconds))

    def outcome(self, status: AnswerStatus) -> AnswerOutcome:
        return AnswerOutcome(status, self.correct, self.points, self.streak, self.seconds)


def token_hash(token: str) -> str:
    """What the store keeps of a seat's or a host's token: its SHA-256, so that reading the
    tables gives nobody a seat or a room."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _holds(stored: object, token: str) -> bool:
    """The token matches the stored hash (compared in constant time). A seat or room made
    before tokens existed has none: nobody can act for it."""
    return isinstance(stored, str) and hmac.compare_digest(stored, token_hash(token))


def _seconds_or_none(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


_ROOM_COLUMNS = (
    "pin, kind, host, phase, version, position, count, seconds, deadline, updated_at,"
    " reveal_until, host_seen"
)


class Cursor:
    """A transaction read a statement at a time: the rows of the last statement."""

    def __init__(self, tx: Tx) -> None:
        self._tx = tx
        self._rows: list[Row] = []

    def execute(self, sql: str, params: Sequence[object] = ()) -> None:
        self._rows = self._tx.execute(sql, params)

    def fetchone(self) -> Any:
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list[Row]:
        return self._rows


class Rooms:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._dialect = db.dialect
        self._latest: dict[str, RoomState] = {}
        self._latest_lock = threading.Lock()

    # -- opening and joining ----------------------------------------------------------------

    def open(
        self,
        host: str,
        settings: RoomSettings,
        questions: Sequence[Question],
        host_token: str,
        kind: RoomKind = RoomKind.ROOM,
        seats: Sequence[tuple[str, str | None]] = (),
    ) -> str:
        """Open a room for `host`, who proves it later with `host_token`. `seats`: a matched
        room's players, each with the hash of their seat token (from the queue)."""
        if not questions:
            raise RoomError("room.no_questions")
        for _attempt in range(50):
            pin = f"{secrets.randbelow(10**PIN_DIGITS):0{PIN_DIGITS}d}"
            with self.transaction() as cur:
                cur.execute("SELECT 1 FROM rooms WHERE pin = ?", (pin,))
                if cur.fetchone():
                    continue
                now = self._now(cur)
                cur.execute(
                    "INSERT INTO rooms(pin, kind, host, phase, version, position, count, seconds,"
                    " created_at, updated_at, host_seen, host_token_hash)"
                    " VALUES (?, ?, ?, ?, 1, -1, ?, ?, ?, ?, ?, ?)",
                    (
                        pin,
                        kind.value,
                        host,
                        RoomPhase.LOBBY.value,
                        len(questions),
                        settings.seconds,
                        now,
                        now,
                        now if kind is RoomKind.ROOM else None,  # a matched room has no host
                        token_hash(host_token),
                    ),
                )
                for position, question in enumerate(questions):
                    cur.execute(
                        "INSERT INTO room_questions(pin, position, record, shown)"
                        " VALUES (?, ?, ?, ?)",
                        (
                            pin,
                            position,
                            question_to_text(question),
                            question_to_shown_text(question),
                        ),
                    )
                for name, seat_hash in seats:
                    self._seat(cur, pin, normal_name(name), seat_hash, now)
                self._notify(cur, pin, 1)
                return pin
        raise RoomError("room.no_pin")

    def join(self, pin: str, name: str, token: str) -> RoomState:
        """Take a seat with `token`, or take one's seat back with the same token (same score,
        same question). A name already seated (compared as quiz.text.names.normal_name) is
        someone else's for anyone without its token: `room.name_taken`."""
        name = normal_name(name)
        with self.transaction() as cur:
            room = self._room(cur, pin, lock=True)
            if room.phase in (RoomPhase.FINISHED, RoomPhase.CLOSED):
                raise RoomError("room.ended", pin=pin)
            cur.execute(
                "SELECT kicked, token_hash FROM room_seats WHERE pin = ? AND name = ?", (pin, name)
            )
            seat = cur.fetchone()
            if seat is not None and not _holds(seat[1], token):
                if room.kind is RoomKind.MATCH:
                    raise RoomError("room.not_found", pin=pin)
                raise RoomError("room.name_taken", name=name)
            if seat is not None and seat[0]:
                raise RoomError("room.kicked", pin=pin)
            if seat is None:
                if room.kind is RoomKind.MATCH:
                    raise RoomError("room.not_found", pin=pin)
                self._seat(cur, pin, name, token_hash(token), self._now(cur))
                self._bump(cur, pin, room.version)
        return self.state(pin)

    def kick(self, pin: str, name: str, host_token: str) -> None:
        with self.transaction() as cur:
            room = self._room(cur, pin, lock=True, host_token=host_token)
            cur.execute(
                "UPDATE room_seats SET kicked = 1 WHERE pin = ? AND name = ? AND kicked = 0",
                (pin, normal_name(name)),
            )
            self._bump(cur, pin, room.version)
            self._close_if_all_answered(cur, pin)

    # -- the host's moves ---------------------------------------------------------------------

    def start(self, pin: str, host_token: str) -> None:
        with self.transaction() as cur:
            room = self._room(cur, pin, lock=True, host_token=host_token)
            if room.phase is not RoomPhase.LOBBY:
                return
            self._open_question(cur, pin, 0, room.seconds, room.version)

    def advance(
        self, pin: str, expected_version: int | None = None, host_token: str | None = None
    ) -> bool:
        """Move the room on by one step if it is due, or, with the host's token, at once (the
        host's skip or next).

        A question ends when its deadline has passed; a reveal of a matched room ends after a
        short pause: any participant's process may do that. With `expected_version`, nothing
        happens if someone moved it first.
        """
        force = host_token is not None
        with self.transaction() as cur:
            room = self._room(cur, pin, lock=True, host_token=host_token)
            version = room.version
            if expected_version is not None and version != expected_version:
                return False
            phase, position, count = room.phase, room.position, room.question_count
            now = self._now(cur)
            if phase is RoomPhase.QUESTION:
                if not force and (room.deadline is None or now <= room.deadline):
                    return False
                self._reveal(cur, pin, version, now)
                return True
            if phase is RoomPhase.REVEAL:
                if not force and (room.reveal_until is None or now <= room.reveal_until):
                    return False
                if position + 1 >= count:
                    self._set_phase(cur, pin, version, RoomPhase.FINISHED)
                else:
                    self._open_question(cur, pin, position + 1, room.seconds, version)
                return True
            return False

    def host_check_in(self, pin: str, host_token: str) -> None:
        """The host's process is there (every few seconds): no new version, no notification."""
        with self.transaction() as cur:
            self._room(cur, pin, host_token=host_token)
            cur.execute(
                f"UPDATE rooms SET host_seen = {self._dialect.now_seconds} WHERE pin = ?", (pin,)
            )

    def check_host(self, pin: str, host_token: str) -> None:
        """RoomError `room.not_host` unless `host_token` is this room's (`--resume`)."""
        with self.transaction() as cur:
            self._room(cur, pin, host_token=host_token)

    def close(self, pin: str, host_token: str) -> None:
        with self.transaction() as cur:
            room = self._room(cur, pin, lock=True, host_token=host_token)
            if room.phase not in (RoomPhase.FINISHED, RoomPhase.CLOSED):
                self._set_phase(cur, pin, room.version, RoomPhase.CLOSED)

    # -- answering ----------------------------------------------------------------------------

    def answer(
        self, pin: str, name: str, position: int, given: tuple[str, ...], key: str, token: str
    ) -> AnswerOutcome:
        """Store one answer exactly once, for the seat whose `token` this is: a retry with the
        same `key` gets the stored outcome back; the store's clock decides whether it came in
        time. Without the seat's token nothing is stored and nothing of the seat is told."""
        name = normal_name(name)
        with self.transaction() as cur:
            room = self._room(cur, pin, lock=True)
            cur.execute(
                "SELECT streak, kicked, token_hash FROM room_seats WHERE pin = ? AND name = ?",
                (pin, name),
            )
            seat = cur.fetchone()
            if seat is None:
                return AnswerOutcome(AnswerStatus.NOT_SEATED)
            if not _holds(seat[2], token):
                return AnswerOutcome(AnswerStatus.REFUSED)
            cur.execute(
                "SELECT answer_key, is_correct, points, streak, seconds FROM room_answers"
                " WHERE pin = ? AND position = ? AND name = ?",
                (pin, position, name),
            )
            stored = cur.fetchone()
            if stored is not None:
                status = AnswerStatus.REPEATED if stored[0] == key else AnswerStatus.ALREADY
                return AnswerRecord.of(stored[1:]).outcome(status)
            now = self._now(cur)
            deadline = room.deadline
            if (
                room.phase is not RoomPhase.QUESTION
                or room.position != position
                or deadline is None
                or now > deadline
            ):
                return AnswerOutcome(AnswerStatus.LATE)
            if seat[1]:
                return AnswerOutcome(AnswerStatus.NOT_SEATED)
            limit = float(room.seconds)
            seconds = round(min(limit, max(0.0, now - (deadline - limit))), 3)
            correct = is_correct(self._question(cur, pin, position), given)
            # A matched race scores as the race it is booked as: no streak bonus.
            bonus = room.kind is not RoomKind.MATCH
            scored = score_answer(correct, seconds, limit, int(seat[0]), bonus=bonus)
            cur.execute(
                "INSERT INTO room_answers(pin, position, name, answer_key, given, is_correct,"
                " seconds, points, streak, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    pin,
                    position,
                    name,
                    key,
                    given_to_text(given),
                    int(correct),
                    seconds,
                    scored.points,
                    scored.streak,
                    now,
                ),
            )
            cur.execute(
                "UPDATE room_seats SET score = score + ?, correct = correct + ?,"
                " answers = answers + 1, streak = ? WHERE pin = ? AND name = ?",
                (scored.points, int(correct), scored.streak, pin, name),
            )
            self._close_if_all_answered(cur, pin)
            return AnswerOutcome(
                AnswerStatus.RECORDED, correct, scored.points, scored.streak, seconds
            )

    # -- reading ------------------------------------------------------------------------------

    def version(self, pin: str) -> int:
        with self.transaction() as cur:
            return int(self._room(cur, pin)[4])

    def state(self, pin: str) -> RoomState:
        with self.transaction() as cur:
            room = self._room(cur, pin)
            now = self._now(cur)
            cur.execute(
                "SELECT name, score, correct, answers, streak, kicked FROM room_seats"
                " WHERE pin = ? ORDER BY seat",
                (pin,),
            )
            seats = tuple(
                Seat(str(r[0]), int(r[1]), int(r[2]), int(r[3]), int(r[4]), bool(r[5]))
                for r in cur.fetchall()
            )
            position = room.position
            question = self._shown_question(cur, pin, position)
            cur.execute(
                "SELECT count(*) FROM room_answers WHERE pin = ? AND position = ?", (pin, position)
            )
            answered = int(cur.fetchone()[0])
        return RoomState(
            pin=room.pin,
            kind=room.kind,
            host=room.host,
            phase=room.phase,
            version=room.version,
            position=position,
            count=room.question_count,
            seconds=room.seconds,
            deadline=room.deadline,
            now=now,
            changed_at=room.updated_at,
            reveal_until=room.reveal_until,
            seats=seats,
            answered=answered,
            question=question,
            host_seen=room.host_seen,
        )

    def answered(self, pin: str, position: int) -> tuple[str, ...]:
        """Who has answered question `position` so far, first first (answers bump no version:
        the host reads this while the question is open)."""
        with self.transaction() as cur:
            cur.execute(
                "SELECT name FROM room_answers WHERE pin = ? AND position = ?"
                " ORDER BY answered_at, name",
                (pin, position),
            )
            return tuple(str(row[0]) for row in cur.fetchall())

    def host_silence(self, pin: str) -> float | None:
        """Seconds since the host's process last checked in, by the store's clock (None: a room
        without a host)."""
        with self.transaction() as cur:
            room = self._room(cur, pin)
            now = self._now(cur)
        return None if room.host_seen is None else max(0.0, now - room.host_seen)

    def state_since(self, pin: str, version: int) -> RoomState:
        """The room's state at `version` or newer: one read per process and version, however
        many players in the process wait for it (a served host, the bench)."""
        with self._latest_lock:
            cached = self._latest.get(pin)
            if cached is not None and cached.version >= version:
                return cached
            state = self.state(pin)
            if cached is None or state.version > cached.version:
                self._latest[pin] = state
            return state

    def my_answer(self, pin: str, name: str, position: int) -> AnswerOutcome | None:
        with self.transaction() as cur:
            cur.execute(
                "SELECT is_correct, points, streak, seconds FROM room_answers"
                " WHERE pin = ? AND position = ? AND name = ?",
                (pin, position, name),
            )
            row = cur.fetchone()
        return None if row is None else AnswerRecord.of(row).outcome(AnswerStatus.RECORDED)

    def distribution(self, pin: str, position: int) -> Distribution:
        with self.transaction() as cur:
            question = self._question(cur, pin, position)
            cur.execute(
                "SELECT given, is_correct FROM room_answers WHERE pin = ? AND position = ?",
                (pin, position),
            )
            rows = cur.fetchall()
        givens = [given_from_text(str(row[0])) for row in rows]
        return Distribution(
            counts=answer_counts(question.type.value, question.options, givens),
            right=sum(int(r[1]) for r in rows),
            answered=len(rows),
        )

    def answers(self, pin: str) -> dict[str, dict[int, StoredRoomAnswer]]:
        """Every stored answer of a room: player → position → answer."""
        with self.transaction() as cur:
            cur.execute(
                "SELECT name, position, given, is_correct, seconds FROM room_answers WHERE pin = ?",
                (pin,),
            )
            rows = cur.fetchall()
        found: dict[str, dict[int, StoredRoomAnswer]] = {}
        for name, position, given, right, seconds in rows:
            found.setdefault(str(name), {})[int(position)] = StoredRoomAnswer(
                given_from_text(str(given)), bool(right), float(seconds)
            )
        return found

    def shown_questions(self, pin: str) -> list[Question]:
        """The room's questions as its participants may see them now, in order: none before
        the first is shown, the open one without its answer, each revealed one whole (a
        finished room: all of them)."""
        with self.transaction() as cur:
            cur.execute(
                f"SELECT v.record FROM {visible_questions(self._dialect)} v ORDER BY v.pos",
                (pin,),
            )
            return [question_from_text(str(row[0])) for row in cur.fetchall()]

    def results(self, pin: str) -> RoomResults:
        state = self.state(pin)
        players = tuple(
            PlayerResult(seat.name, seat.score, seat.correct, seat.answers)
            for seat in state.standings()
        )
        return RoomResults(state.pin, state.count, players, state.phase)

    def rooms_of(self, name: str) -> list[str]:
        """PINs of the rooms a player sat in or hosted, newest first."""
        with self.transaction() as cur:
            cur.execute(
                "SELECT r.pin FROM rooms r WHERE r.host = ? OR EXISTS (SELECT 1 FROM room_seats s"
                " WHERE s.pin = r.pin AND s.name = ?) ORDER BY r.created_at DESC",
                (name, name),
            )
            return [str(row[0]) for row in cur.fetchall()]

    # -- helpers ------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Cursor]:
        """One transaction on the rooms' database, read a statement at a time (the match
        queue's too: quiz.store.matching)."""
        with self.db.transaction() as tx:
            yield Cursor(tx)

    def _notify(self, cur: Cursor, pin: str, version: int) -> None:
        """Announce the new state version at commit, once per version (never per answer)."""
        if self._dialect.notify is not None:
            cur.execute(self._dialect.notify, (f"{pin}:{version}",))

    def _now(self, cur: Cursor) -> float:
        cur.execute(f"SELECT {self._dialect.now_seconds}")
        return float(cur.fetchone()[0])

    def _room(
        self, cur: Cursor, pin: str, lock: bool = False, host_token: str | None = None
    ) -> RoomRecord:
        """The room's row; with `host_token`, RoomError `room.not_host` unless it is the
        room's (the host's moves: start, skip, kick, close, resume)."""
        suffix = self._dialect.row_lock if lock else ""
        cur.execute(
            f"SELECT {_ROOM_COLUMNS}, host_token_hash FROM rooms WHERE pin = ?{suffix}", (pin,)
        )
        row = cur.fetchone()
        if row is None:
            raise RoomError("room.not_found", pin=pin)
        if host_token is not None and not _holds(row[-1], host_token):
            raise RoomError("room.not_host", pin=pin)
        return RoomRecord.of(row[:-1])

    def _seat(self, cur: Cursor, pin: str, name: str, seat_hash: str | None, now: float) -> None:
        cur.execute("SELECT count(*) FROM room_seats WHERE pin = ?", (pin,))
        number = int(cur.fetchone()[0]) + 1
        cur.execute(
            "INSERT INTO room_seats(pin, name, seat, joined_at, token_hash) VALUES (?, ?, ?, ?, ?)",
            (pin, name, number, now, seat_hash),
        )

    def _shown_question(self, cur: Cursor, pin: str, position: int) -> Question | None:
        """The question at `position` as participants may see it now (None: not shown)."""
        cur.execute(
            f"SELECT v.record FROM {visible_questions(self._dialect)} v WHERE v.pos = ?",
            (pin, position),
        )
        row = cur.fetchone()
        return None if row is None or row[0] is None else question_from_text(str(row[0]))

    def _question(self, cur: Cursor, pin: str, position: int) -> Question:
        """The whole record, answer and all: for checking an answer and the host's reveal."""
        cur.execute(
            "SELECT record FROM room_questions WHERE pin = ? AND position = ?", (pin, position)
        )
        return question_from_text(str(cur.fetchone()[0]))

    def _bump(
        self, cur: Cursor, pin: str, version: int, extra: str = "", params: tuple[object, ...] = ()
    ) -> int:
        new = version + 1
        cur.execute(
            f"UPDATE rooms SET version = ?, updated_at = {self._dialect.now_seconds}{extra}"
            " WHERE pin = ?",
            (new, *params, pin),
        )
        self._notify(cur, pin, new)
        return new

    def _set_phase(self, cur: Cursor, pin: str, version: int, phase: RoomPhase) -> None:
        self._bump(cur, pin, version, ", phase = ?", (phase.value,))

    def _open_question(
        self, cur: Cursor, pin: str, position: int, seconds: int, version: int
    ) -> None:
        self._bump(
            cur,
            pin,
            version,
            f", phase = ?, position = ?, deadline = {self._dialect.now_seconds} + ?,"
            " reveal_until = NULL",
            (RoomPhase.QUESTION.value, position, float(seconds)),
        )

    def _reveal(self, cur: Cursor, pin: str, version: int, now: float) -> None:
        cur.execute("SELECT position FROM rooms WHERE pin = ?", (pin,))
        position = int(cur.fetchone()[0])
        # Whoever did not answer loses their streak, as a wrong answer would.
        cur.execute(
            "UPDATE room_seats SET streak = 0 WHERE pin = ? AND NOT EXISTS (SELECT 1 FROM"
            " room_answers a WHERE a.pin = room_seats.pin AND a.name = room_seats.name"
            " AND a.position = ?)",
            (pin, position),
        )
        self._bump(
            cur,
            pin,
            version,
            ", phase = ?, reveal_until = ?",
            (RoomPhase.REVEAL.value, now + MATCH_REVEAL_SECONDS),
        )

    def _close_if_all_answered(self, cur: Cursor, pin: str) -> None:
        room = self._room(cur, pin)
        if room.phase is not RoomPhase.QUESTION:
            return
        cur.execute(
            "SELECT count(*) FROM room_seats s WHERE s.pin = ? AND s.kicked = 0 AND NOT EXISTS"
            " (SELECT 1 FROM room_answers a WHERE a.pin = s.pin AND a.name = s.name"
            " AND a.position = ?)",
            (pin, room.position),
        )
        waiting = int(cur.fetchone()[0])
        cur.execute("SELECT count(*) FROM room_seats WHERE pin = ? AND kicked = 0", (pin,))
        seated = int(cur.fetchone()[0])
        if seated and waiting == 0:
            self._reveal(cur, pin, room.version, self._now(cur))
