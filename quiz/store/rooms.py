"""Live rooms in the store: each operation one short transaction on the process's database
(quiz.store.opening.open_database: the store and the rooms of a process share it).

Every change of what players see bumps the room's `version` once and notifies it; answers do
not (one notification per state version, never per answer), except the last answer of a
question, which closes it. Any process may end a question whose deadline has passed, so a room
whose host died can be resumed by anyone, from its last state.

On PostgreSQL every write is one call of a SECURITY DEFINER function (schema 17:
postgres/sql/room_moves.sql, room_answers.sql), which does the very steps the SQLite code here
does, so that no login but the owner needs to write a room table (a member cannot set a score,
a phase or a deadline with plain SQL); the tests run both backends against each other.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple

from quiz.bank.models import Question
from quiz.reports.stats import answer_counts
from quiz.rooms.answer_key import given_key, key_matches, right_key
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
from quiz.store.room_latest import LatestStates
from quiz.store.room_reading import visible_answers, visible_questions
from quiz.store.sql import Database, Row, Tx
from quiz.text.names import normal_name

GUESS_LIMIT = 10
GUESS_WINDOW_SECONDS = 60.0
"""A player or host may type a PIN that finds no live room GUESS_LIMIT times a minute: enough
for typos, and a million PINs would take 100,000 minutes."""
UNIT_CHUNK = 500
"""Player names per `IN (…)` list when a room's players are looked up on the roster."""
MATCH_REVEAL_SECONDS = 4.0
"""How long a matched room shows each answer before the next question (no host to press)."""


class RoomRecord(NamedTuple):
    """A row of `rooms`, typed as the operations read it."""

    room_id: str
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
        (room_id, pin, kind, host, phase, version, position, count, seconds, deadline, updated,
         reveal, host_seen) = row  # fmt: skip
        return cls(
            str(room_id), str(pin), RoomKind(kind), str(host), RoomPhase(phase), int(version),
            int(position), int(count), int(seconds), _seconds_or_none(deadline), float(updated),
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


_LIVE = "('lobby', 'question', 'reveal')"
"""The phases of a room that holds its PIN (rooms_live_pin)."""

_ROOM_COLUMNS = (
    "room, pin, kind, host, phase, version, position, count, seconds, deadline, updated_at,"
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
        self._latest = LatestStates(self.state)
        self._on_server = db.dialect.name == "postgresql"
        """PostgreSQL: every write goes through the functions of sql/room_moves.sql and
        sql/room_answers.sql, which do what the SQLite code below does (a member has no
        INSERT, UPDATE or DELETE on any room table)."""

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
            # A PIN is taken only while its room is live (rooms_live_pin, a partial unique
            # index): one whose room has ended is free again; that room keeps its own id.
            pin = f"{secrets.randbelow(10**PIN_DIGITS):0{PIN_DIGITS}d}"
            room_id = f"{pin}-{secrets.token_hex(4)}"
            if self._on_server:
                status = self._call(
                    "quiz_room_open(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        room_id, pin, kind.value, host, settings.seconds, host_token,
                        [question_to_text(q) for q in questions],
                        [question_to_shown_text(q) for q in questions],
                        [right_key(q) for q in questions],
                        [normal_name(name) for name, _hash in seats],
                        [seat_hash for _name, seat_hash in seats],
                    ),
                )  # fmt: skip
                if status == "taken":
                    continue
                return room_id
            with self.transaction() as cur:
                cur.execute(f"SELECT 1 FROM rooms WHERE pin = ? AND phase IN {_LIVE}", (pin,))
                if cur.fetchone():
                    continue
                now = self._now(cur)
                cur.execute(
                    "INSERT INTO rooms(room, pin, kind, host, phase, version, position, count,"
                    " seconds, created_at, updated_at, host_seen, host_token_hash)"
                    " VALUES (?, ?, ?, ?, ?, 1, -1, ?, ?, ?, ?, ?, ?)",
                    (
                        room_id,
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
                        "INSERT INTO room_questions(room, position, record, shown, right_key)"
                        " VALUES (?, ?, ?, ?, ?)",
                        (
                            room_id,
                            position,
                            question_to_text(question),
                            question_to_shown_text(question),
                            right_key(question),
                        ),
                    )
                for name, seat_hash in seats:
                    self._seat(cur, room_id, normal_name(name), seat_hash, now)
                self._notify(cur, room_id, 1)
                return room_id
        raise RoomError("room.no_pin")

    def find(self, pin: str, who: str) -> str:
        """The id of the live room whose PIN this is, for `who` (a player, a host) who typed
        it. A PIN that finds no live room counts against `who`: after GUESS_LIMIT of those
        within GUESS_WINDOW_SECONDS, every lookup is refused (`room.too_many_guesses`) until
        the oldest has aged out, so PINs cannot be run through the store. (Guesses are never
        deleted here: under PostgreSQL's authority rules nobody but the owner deletes, so a
        member cannot wipe their own count; old ones are outside the window.)"""
        who = normal_name(who)
        if self._on_server:
            ((status, room_id, wait),) = self.db.run(
                "SELECT status, room, seconds FROM quiz_room_find(?, ?)", (pin, who)
            )
            if status == "wait":
                raise RoomError("room.too_many_guesses", seconds=int(wait))
            if status == "ok":
                return str(room_id)
            raise RoomError("room.not_found", pin=pin)
        with self.transaction() as cur:
            now = self._now(cur)
            cur.execute(
                "SELECT count(*), min(at) FROM room_guesses WHERE who = ? AND at > ?",
                (who, now - GUESS_WINDOW_SECONDS),
            )
            count, oldest = cur.fetchone()
            if int(count) >= GUESS_LIMIT:
                wait = max(1, math.ceil(float(oldest) + GUESS_WINDOW_SECONDS - now))
                raise RoomError("room.too_many_guesses", seconds=wait)
            cur.execute(f"SELECT room FROM rooms WHERE pin = ? AND phase IN {_LIVE}", (pin,))
            row = cur.fetchone()
            if row is not None:
                return str(row[0])
            cur.execute("INSERT INTO room_guesses(who, at) VALUES (?, ?)", (who, now))
        raise RoomError("room.not_found", pin=pin)

    def latest(self, pin_or_room: str) -> str:
        """The room a PIN last named (live or ended: its results stay under its own id), or
        the room with this id."""
        with self.transaction() as cur:
            cur.execute(
                "SELECT room FROM rooms WHERE room = ? OR pin = ?"
                " ORDER BY room = ? DESC, created_at DESC LIMIT 1",
                (pin_or_room, pin_or_room, pin_or_room),
            )
            row = cur.fetchone()
        if row is None:
            raise RoomError("room.not_found", pin=pin_or_room)
        return str(row[0])

    def join(self, room_id: str, name: str, token: str) -> RoomState:
        """Take a seat with `token`, or take one's seat back with the same token (same score,
        same question). A name already seated (compared as quiz.text.names.normal_name) is
        someone else's for anyone without its token: `room.name_taken`."""
        name = normal_name(name)
        if self._on_server:
            self._check(self._call("quiz_room_join(?, ?, ?)", (room_id, name, token)), room_id,
                        name=name)  # fmt: skip
            # the process's shared read (a lobby filling fast is read a few times a second,
            # not once a join): the version read after the join includes this seat
            return self.state_since(room_id, self.version(room_id))
        with self.transaction() as cur:
            # Not locked yet: under PostgreSQL's row-level security a newcomer may lock (update)
            # the room only once seated in it (quiz_in_room), so the seat comes first.
            room = self._room(cur, room_id)
            if room.phase in (RoomPhase.FINISHED, RoomPhase.CLOSED):
                raise RoomError("room.ended", pin=room.pin)
            cur.execute(
                "SELECT kicked, token_hash FROM room_seats WHERE room = ? AND name = ?",
                (room_id, name),
            )
            seat = cur.fetchone()
            if seat is not None and not _holds(seat[1], token):
                if room.kind is RoomKind.MATCH:
                    raise RoomError("room.not_found", pin=room.pin)
                raise RoomError("room.name_taken", name=name)
            if seat is not None and seat[0]:
                raise RoomError("room.kicked", pin=room.pin)
            if seat is None:
                if room.kind is RoomKind.MATCH:
                    raise RoomError("room.not_found", pin=room.pin)
                cur.execute(
                    "INSERT INTO room_seats(room, name, seat, joined_at, token_hash)"
                    " VALUES (?, ?, 0, ?, ?)",
                    (room_id, name, self._now(cur), token_hash(token)),
                )
                room = self._room(cur, room_id, lock=True)  # joins one at a time from here
                if room.phase in (RoomPhase.FINISHED, RoomPhase.CLOSED):
                    raise RoomError("room.ended", pin=room.pin)  # the seat is rolled back
                cur.execute("SELECT count(*) FROM room_seats WHERE room = ?", (room_id,))
                number = int(cur.fetchone()[0])
                cur.execute(
                    "UPDATE room_seats SET seat = ? WHERE room = ? AND name = ?",
                    (number, room_id, name),
                )
                self._bump(cur, room_id, room.version)
        return self.state(room_id)

    def kick(self, room_id: str, name: str, host_token: str) -> None:
        if self._on_server:
            status = self._call("quiz_room_kick(?, ?, ?)", (room_id, normal_name(name), host_token))
            self._check(status, room_id)
            return
        with self.transaction() as cur:
            room = self._room(cur, room_id, lock=True, host_token=host_token)
            cur.execute(
                "UPDATE room_seats SET kicked = 1 WHERE room = ? AND name = ? AND kicked = 0",
                (room_id, normal_name(name)),
            )
            self._bump(cur, room_id, room.version)
            self._close_if_all_answered(cur, room_id)

    # -- the host's moves ---------------------------------------------------------------------

    def start(self, room_id: str, host_token: str) -> None:
        if self._on_server:
            self._check(self._call("quiz_room_start(?, ?)", (room_id, host_token)), room_id)
            return
        with self.transaction() as cur:
            room = self._room(cur, room_id, lock=True, host_token=host_token)
            if room.phase is not RoomPhase.LOBBY:
                return
            self._open_question(cur, room_id, 0, room.seconds, room.version)

    def advance(
        self, room_id: str, expected_version: int | None = None, host_token: str | None = None
    ) -> bool:
        """Move the room on by one step if it is due, or, with the host's token, at once (the
        host's skip or next).

        A question ends when its deadline has passed; a reveal of a matched room ends after a
        short pause: any participant's process may do that. With `expected_version`, nothing
        happens if someone moved it first.
        """
        force = host_token is not None
        if self._on_server:
            status = self._call(
                "quiz_room_advance(?, ?, ?)", (room_id, expected_version, host_token)
            )
            self._check(status, room_id)
            return status == "moved"
        with self.transaction() as cur:
            room = self._room(cur, room_id, lock=True, host_token=host_token)
            version = room.version
            if expected_version is not None and version != expected_version:
                return False
            phase, position, count = room.phase, room.position, room.question_count
            now = self._now(cur)
            if phase is RoomPhase.QUESTION:
                if not force and (room.deadline is None or now <= room.deadline):
                    return False
                self._reveal(cur, room_id, version, now)
                return True
            if phase is RoomPhase.REVEAL:
                if not force and (room.reveal_until is None or now <= room.reveal_until):
                    return False
                if position + 1 >= count:
                    self._set_phase(cur, room_id, version, RoomPhase.FINISHED)
                else:
                    self._open_question(cur, room_id, position + 1, room.seconds, version)
                return True
            return False

    def host_check_in(self, room_id: str, host_token: str) -> None:
        """The host's process is there (every few seconds): no new version, no notification."""
        if self._on_server:
            self._check(self._call("quiz_room_check_in(?, ?)", (room_id, host_token)), room_id)
            return
        with self.transaction() as cur:
            self._room(cur, room_id, host_token=host_token)
            cur.execute(
                f"UPDATE rooms SET host_seen = {self._dialect.now_seconds} WHERE room = ?",
                (room_id,),
            )

    def check_host(self, room_id: str, host_token: str) -> None:
        """RoomError `room.not_host` unless `host_token` is this room's (`--resume`)."""
        with self.transaction() as cur:
            self._room(cur, room_id, host_token=host_token)

    def close(self, room_id: str, host_token: str) -> None:
        if self._on_server:
            self._check(self._call("quiz_room_close(?, ?)", (room_id, host_token)), room_id)
            return
        with self.transaction() as cur:
            room = self._room(cur, room_id, lock=True, host_token=host_token)
            if room.phase not in (RoomPhase.FINISHED, RoomPhase.CLOSED):
                self._set_phase(cur, room_id, room.version, RoomPhase.CLOSED)

    # -- answering ----------------------------------------------------------------------------

    def answer(
        self, room_id: str, name: str, position: int, given: tuple[str, ...], key: str, token: str
    ) -> AnswerOutcome:
        """Store one answer exactly once, for the seat whose `token` this is: a retry with the
        same `key` gets the stored outcome back; the store's clock decides whether it came in
        time. Without the seat's token nothing is stored and nothing of the seat is told.

        The answer is judged against the question's right key (quiz.rooms.answer_key): on
        PostgreSQL by the server-side function quiz_room_answer, which does every step below
        in one call (a member may read no question's answer, nor write answers or scores)."""
        name = normal_name(name)
        if self._dialect.name == "postgresql":
            return self._answer_on_server(room_id, name, position, given, key, token)
        with self.transaction() as cur:
            room = self._room(cur, room_id, lock=True)
            cur.execute(
                "SELECT streak, kicked, token_hash FROM room_seats WHERE room = ? AND name = ?",
                (room_id, name),
            )
            seat = cur.fetchone()
            if seat is None:
                return AnswerOutcome(AnswerStatus.NOT_SEATED)
            if not _holds(seat[2], token):
                return AnswerOutcome(AnswerStatus.REFUSED)
            cur.execute(
                "SELECT answer_key, is_correct, points, streak, seconds FROM room_answers"
                " WHERE room = ? AND position = ? AND name = ?",
                (room_id, position, name),
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
            cur.execute(
                "SELECT right_key FROM room_questions WHERE room = ? AND position = ?",
                (room_id, position),
            )
            correct = key_matches(cur.fetchone()[0], given_key(given))
            # A matched race scores as the race it is booked as: no streak bonus.
            bonus = room.kind is not RoomKind.MATCH
            scored = score_answer(correct, seconds, limit, int(seat[0]), bonus=bonus)
            cur.execute(
                "INSERT INTO room_answers(room, position, name, answer_key, given, is_correct,"
                " seconds, points, streak, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    room_id,
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
                " answers = answers + 1, streak = ? WHERE room = ? AND name = ?",
                (scored.points, int(correct), scored.streak, room_id, name),
            )
            self._close_if_all_answered(cur, room_id)
            return AnswerOutcome(
                AnswerStatus.RECORDED, correct, scored.points, scored.streak, seconds
            )

    def _answer_on_server(
        self, room_id: str, name: str, position: int, given: tuple[str, ...], key: str, token: str
    ) -> AnswerOutcome:
        ((status, correct, points, streak, seconds),) = self.db.run(  # one round trip (_call)
            "SELECT status, correct, points, streak, seconds"
            " FROM quiz_room_answer(?, ?, ?, ?, ?, ?, ?)",
            (room_id, name, position, key, given_to_text(given), given_key(given), token),
        )
        if status == "missing":
            raise RoomError("room.not_found", pin=room_id)
        if correct is None:
            return AnswerOutcome(AnswerStatus(status))
        if status in ("recorded", "repeated"):  # a retry: its first call may not have asked
            # after the commit, where the last answer's call sees everyone's (schema 18)
            self._call("quiz_room_reveal_if_all_answered(?, ?)", (room_id, position))
        return AnswerRecord.of((correct, points, streak, seconds)).outcome(AnswerStatus(status))

    # -- reading ------------------------------------------------------------------------------

    def version(self, room_id: str) -> int:
        with self.transaction() as cur:
            return self._room(cur, room_id).version

    def state(self, room_id: str) -> RoomState:
        with self.transaction() as cur:
            room = self._room(cur, room_id)
            now = self._now(cur)
            cur.execute(
                "SELECT name, score, correct, answers, streak, kicked FROM room_seats"
                " WHERE room = ? ORDER BY seat",
                (room_id,),
            )
            seats = tuple(
                Seat(str(r[0]), int(r[1]), int(r[2]), int(r[3]), int(r[4]), bool(r[5]))
                for r in cur.fetchall()
            )
            position = room.position
            question = self._shown_question(cur, room_id, position)
            cur.execute(
                "SELECT count(*) FROM room_answers WHERE room = ? AND position = ?",
                (room_id, position),
            )
            answered = int(cur.fetchone()[0])
        return RoomState(
            room_id=room.room_id,
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

    def answered(self, room_id: str, position: int) -> tuple[str, ...]:
        """Who has answered question `position` so far, first first (answers bump no version:
        the host reads this while the question is open)."""
        with self.transaction() as cur:
            cur.execute(
                "SELECT name FROM room_answers WHERE room = ? AND position = ?"
                " ORDER BY answered_at, name",
                (room_id, position),
            )
            return tuple(str(row[0]) for row in cur.fetchall())

    def host_silence(self, room_id: str) -> float | None:
        """Seconds since the host's process last checked in, by the store's clock (None: a room
        without a host)."""
        with self.transaction() as cur:
            room = self._room(cur, room_id)
            now = self._now(cur)
        return None if room.host_seen is None else max(0.0, now - room.host_seen)

    def state_since(self, room_id: str, version: int) -> RoomState:
        """The room's state at `version` or newer: one read per process and version, however
        many players in the process wait for it (a served host, the bench); a lobby is read a
        few times a second at most (quiz.store.room_latest)."""
        return self._latest.since(room_id, version)

    def my_answer(self, room_id: str, name: str, position: int) -> AnswerOutcome | None:
        with self.transaction() as cur:
            cur.execute(
                "SELECT v.is_correct, v.points, v.streak, v.seconds"
                f" FROM {visible_answers(self._dialect)} v WHERE v.pos = ? AND v.name = ?",
                (room_id, position, name),
            )
            row = cur.fetchone()
        return None if row is None else AnswerRecord.of(row).outcome(AnswerStatus.RECORDED)

    def distribution(self, room_id: str, position: int) -> Distribution:
        with self.transaction() as cur:
            # as shown: its options are all the spread needs, and a member may read no more
            question = self._shown_question(cur, room_id, position)
            if question is None:
                return Distribution(counts=(), right=0, answered=0)
            cur.execute(
                "SELECT v.given, v.is_correct FROM"
                f" {visible_answers(self._dialect)} v WHERE v.pos = ?",
                (room_id, position),
            )
            rows = cur.fetchall()
        givens = [given_from_text(str(row[0])) for row in rows]
        return Distribution(
            counts=answer_counts(question.type.value, question.options, givens),
            right=sum(int(r[1]) for r in rows),
            answered=len(rows),
        )

    def answers(self, room_id: str) -> dict[str, dict[int, StoredRoomAnswer]]:
        """Every stored answer of a room: player → position → answer."""
        with self.transaction() as cur:
            cur.execute(
                "SELECT v.name, v.pos, v.given, v.is_correct, v.seconds"
                f" FROM {visible_answers(self._dialect)} v",
                (room_id,),
            )
            rows = cur.fetchall()
        found: dict[str, dict[int, StoredRoomAnswer]] = {}
        for name, position, given, right, seconds in rows:
            found.setdefault(str(name), {})[int(position)] = StoredRoomAnswer(
                given_from_text(str(given)), bool(right), float(seconds)
            )
        return found

    def shown_questions(self, room_id: str) -> list[Question]:
        """The room's questions as its participants may see them now, in order: none before
        the first is shown, the open one without its answer, each revealed one whole (a
        finished room: all of them)."""
        with self.transaction() as cur:
            cur.execute(
                f"SELECT v.record FROM {visible_questions(self._dialect)} v ORDER BY v.pos",
                (room_id,),
            )
            return [question_from_text(str(row[0])) for row in cur.fetchall()]

    def results(self, room_id: str) -> RoomResults:
        state = self.state(room_id)
        players = tuple(
            PlayerResult(seat.name, seat.score, seat.correct, seat.answers)
            for seat in state.standings()
        )
        return RoomResults(state.pin, state.count, players, state.phase, state.room_id)

    def seat_units(self, room_id: str) -> dict[str, str]:
        """The roster unit (its path) of each player seated in the room who is on the roster
        (the rest are not in the map). Read through member_list, which every kind of user may
        read (no passcode hashes)."""
        with self.transaction() as cur:
            cur.execute("SELECT name FROM room_seats WHERE room = ? AND kicked = 0", (room_id,))
            names = [str(row[0]) for row in cur.fetchall()]
            found: dict[str, str] = {}
            for start in range(0, len(names), UNIT_CHUNK):
                chunk = names[start : start + UNIT_CHUNK]
                marks = ", ".join("?" for _ in chunk)
                cur.execute(
                    "SELECT p.name, u.path FROM players p JOIN member_list m ON m.player_id = p.id"
                    f" JOIN units u ON u.id = m.unit_id WHERE p.name IN ({marks})",
                    chunk,
                )
                found.update((str(name), str(path)) for name, path in cur.fetchall())
        return found

    def rooms_of(self, name: str) -> list[str]:
        """The ids of the rooms a player sat in or hosted, newest first."""
        with self.transaction() as cur:
            cur.execute(
                "SELECT r.room FROM rooms r WHERE r.host = ? OR EXISTS (SELECT 1 FROM room_seats s"
                " WHERE s.room = r.room AND s.name = ?) ORDER BY r.created_at DESC",
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

    def _call(self, function: str, params: Sequence[object]) -> str:
        """One of the rooms' server-side functions (PostgreSQL), committed by itself in one
        round trip: the room's row lock a join or a move takes is held only while the server
        runs the function, never while this process waits for its turn to send COMMIT (a
        lobby's joins queue on that lock: docs/benchmarks.md)."""
        return str(self.db.run(f"SELECT {function}", params)[0][0])

    def _check(self, status: str, room_id: str, name: str = "") -> None:
        """RoomError for a server-side function's refusal, as the SQLite code raises it."""
        if status in ("ok", "moved", "stayed"):
            return
        if status == "name_taken":
            raise RoomError("room.name_taken", name=name)
        with self.transaction() as cur:
            cur.execute("SELECT pin FROM rooms WHERE room = ?", (room_id,))
            row = cur.fetchone()
        pin = room_id if row is None else str(row[0])
        code = {"not_host": "room.not_host", "ended": "room.ended", "kicked": "room.kicked"}
        raise RoomError(code.get(status, "room.not_found"), pin=pin)

    def _notify(self, cur: Cursor, room_id: str, version: int) -> None:
        """Announce the new state version at commit, once per version (never per answer)."""
        if self._dialect.notify is not None:
            cur.execute(self._dialect.notify, (f"{room_id}:{version}",))

    def _now(self, cur: Cursor) -> float:
        cur.execute(f"SELECT {self._dialect.now_seconds}")
        return float(cur.fetchone()[0])

    def _room(
        self, cur: Cursor, room_id: str, lock: bool = False, host_token: str | None = None
    ) -> RoomRecord:
        """The room's row; with `host_token`, RoomError `room.not_host` unless it is the
        room's (the host's moves: start, skip, kick, close, resume)."""
        suffix = self._dialect.row_lock if lock else ""
        cur.execute(
            f"SELECT {_ROOM_COLUMNS}, host_token_hash FROM rooms WHERE room = ?{suffix}", (room_id,)
        )
        row = cur.fetchone()
        if row is None:
            raise RoomError("room.not_found", pin=room_id)
        if host_token is not None and not _holds(row[-1], host_token):
            raise RoomError("room.not_host", pin=row[1])
        return RoomRecord.of(row[:-1])

    def _seat(
        self, cur: Cursor, room_id: str, name: str, seat_hash: str | None, now: float
    ) -> None:
        cur.execute("SELECT count(*) FROM room_seats WHERE room = ?", (room_id,))
        number = int(cur.fetchone()[0]) + 1
        cur.execute(
            "INSERT INTO room_seats(room, name, seat, joined_at, token_hash)"
            " VALUES (?, ?, ?, ?, ?)",
            (room_id, name, number, now, seat_hash),
        )

    def _shown_question(self, cur: Cursor, room_id: str, position: int) -> Question | None:
        """The question at `position` as participants may see it now (None: not shown)."""
        cur.execute(
            f"SELECT v.record FROM {visible_questions(self._dialect)} v WHERE v.pos = ?",
            (room_id, position),
        )
        row = cur.fetchone()
        return None if row is None or row[0] is None else question_from_text(str(row[0]))

    def _bump(
        self,
        cur: Cursor,
        room_id: str,
        version: int,
        extra: str = "",
        params: tuple[object, ...] = (),
    ) -> int:
        new = version + 1
        cur.execute(
            f"UPDATE rooms SET version = ?, updated_at = {self._dialect.now_seconds}{extra}"
            " WHERE room = ?",
            (new, *params, room_id),
        )
        self._notify(cur, room_id, new)
        return new

    def _set_phase(self, cur: Cursor, room_id: str, version: int, phase: RoomPhase) -> None:
        self._bump(cur, room_id, version, ", phase = ?", (phase.value,))

    def _open_question(
        self, cur: Cursor, room_id: str, position: int, seconds: int, version: int
    ) -> None:
        self._bump(
            cur,
            room_id,
            version,
            f", phase = ?, position = ?, deadline = {self._dialect.now_seconds} + ?,"
            " reveal_until = NULL",
            (RoomPhase.QUESTION.value, position, float(seconds)),
        )

    def _reveal(self, cur: Cursor, room_id: str, version: int, now: float) -> None:
        cur.execute("SELECT position FROM rooms WHERE room = ?", (room_id,))
        position = int(cur.fetchone()[0])
        # Whoever did not answer loses their streak, as a wrong answer would.
        cur.execute(
            "UPDATE room_seats SET streak = 0 WHERE room = ? AND NOT EXISTS (SELECT 1 FROM"
            " room_answers a WHERE a.room = room_seats.room AND a.name = room_seats.name"
            " AND a.position = ?)",
            (room_id, position),
        )
        self._bump(
            cur,
            room_id,
            version,
            ", phase = ?, reveal_until = ?",
            (RoomPhase.REVEAL.value, now + MATCH_REVEAL_SECONDS),
        )

    def _close_if_all_answered(self, cur: Cursor, room_id: str) -> None:
        room = self._room(cur, room_id)
        if room.phase is not RoomPhase.QUESTION:
            return
        cur.execute(
            "SELECT count(*) FROM room_seats s WHERE s.room = ? AND s.kicked = 0 AND NOT EXISTS"
            " (SELECT 1 FROM room_answers a WHERE a.room = s.room AND a.name = s.name"
            " AND a.position = ?)",
            (room_id, room.position),
        )
        waiting = int(cur.fetchone()[0])
        cur.execute("SELECT count(*) FROM room_seats WHERE room = ? AND kicked = 0", (room_id,))
        seated = int(cur.fetchone()[0])
        if seated and waiting == 0:
            self._reveal(cur, room_id, room.version, self._now(cur))
