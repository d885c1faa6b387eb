"""Rooms in the history: read from the rooms' own tables (schema 9), the only record of them.

A hosted room is listed for its host and for every player who kept a seat; a matched
双人对战/四人赛 (kind `match`) is booked in each player's sessions as a race and is not listed
again. Times in the room tables are the store's clock in seconds since the epoch.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, NamedTuple

from quiz.store.room_reading import visible_answers, visible_questions
from quiz.store.sql import Database, Row

if TYPE_CHECKING:
    from quiz.reports.rooms import (
        RoomAnswer,
        RoomDetail,
        RoomQuestion,
        RoomRole,
        RoomRow,
        RoomStanding,
    )

CHUNK = 500
"""PINs per `IN (…)` list when the seats of many rooms are read."""

_ENDED = {"finished": "finished", "closed": "closed"}


def _moment(seconds: float) -> datetime:
    return datetime.fromtimestamp(float(seconds), UTC)


class SeatRecord(NamedTuple):
    """A player of a room (not one asked to leave), as the history reads them."""

    name: str
    score: int
    correct: int
    answers: int
    seconds: float

    @classmethod
    def of(cls, row: Row) -> SeatRecord:
        name, score, correct, answers, seconds = row
        return cls(str(name), int(score), int(correct), int(answers), float(seconds))


class RoomHistoryQueries:
    _db: Database

    def room_rows(self, user: str | None = None, limit: int | None = None) -> list[RoomRow]:
        """The rooms `user` (None: anyone) sat in or hosted, newest first."""
        return self._room_rows(user, None, limit)

    def room_detail(self, room_id: str, user: str, role: RoomRole) -> RoomDetail | None:
        """A room as `user` took part in it (as `role`); None when they did not."""
        from quiz.reports.rooms import RoomAnswer, RoomDetail

        found = [row for row in self._room_rows(user, room_id, None) if row.role is role]
        if not found:
            return None
        row = found[0]
        # As its participants may see them: a room still going shows nothing ahead.
        source = visible_questions(self._db.dialect)
        records = self._db.read(
            f"SELECT v.pos, v.record FROM {source} v ORDER BY v.pos", (room_id,)
        )
        answers: dict[int, list[RoomAnswer]] = {}
        for position, name, given, right, seconds, points in self._db.read(
            "SELECT v.pos, v.name, v.given, v.is_correct, v.seconds, v.points"
            f" FROM {visible_answers(self._db.dialect)} v ORDER BY v.pos, v.answered_at, v.name",
            (room_id,),
        ):
            answers.setdefault(int(position), []).append(
                RoomAnswer(str(name), _given(str(given)), bool(right), float(seconds), int(points))
            )
        questions = tuple(
            _question(
                int(position),
                str(record),
                int(position) < row.asked,
                answers.get(int(position), []),
            )
            for position, record in records
        )
        return RoomDetail(row, questions, self._standings(room_id))

    # -- helpers --------------------------------------------------------------------------------

    def _room_rows(self, user: str | None, room_id: str | None, limit: int | None) -> list[RoomRow]:
        params: list[object] = []
        seated, hosted = ["s.kicked = 0"], ["h.kind = 'room'"]
        for where, name, room in ((seated, "s.name", "s.room"), (hosted, "h.host", "h.room")):
            for column, value in ((name, user), (room, room_id)):
                if value is not None:
                    where.append(f"{column} = ?")
                    params.append(value)
        sql = (
            "SELECT r.room, r.pin, x.name, x.role, r.phase, r.position, r.count, r.created_at,"
            " r.updated_at FROM rooms r JOIN ("
            " SELECT s.room, s.name, 'player' AS role FROM room_seats s"
            f" WHERE {' AND '.join(seated)}"
            f" UNION ALL SELECT h.room, h.host, 'host' FROM rooms h WHERE {' AND '.join(hosted)}"
            ") x ON x.room = r.room WHERE r.kind = 'room'"
            " ORDER BY r.created_at DESC, r.room DESC, x.role, x.name"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        rooms = self._db.read(sql, params)
        seats = self._seats(sorted({str(r[0]) for r in rooms}))
        return [_row(room, seats.get(str(room[0]), [])) for room in rooms]

    def _seats(self, room_ids: Sequence[str]) -> dict[str, list[SeatRecord]]:
        """Each room's players (not those asked to leave), best first."""
        from quiz.reports.rooms import room_order

        found: dict[str, list[SeatRecord]] = {}
        for start in range(0, len(room_ids), CHUNK):
            chunk = room_ids[start : start + CHUNK]
            marks = ", ".join("?" for _ in chunk)
            for row in self._db.read(
                "SELECT s.room, s.name, s.score, s.correct, s.answers, (SELECT COALESCE("
                "SUM(a.seconds), 0) FROM room_answers a WHERE a.room = s.room AND a.name = s.name)"
                f" FROM room_seats s WHERE s.kicked = 0 AND s.room IN ({marks})",
                chunk,
            ):
                found.setdefault(str(row[0]), []).append(SeatRecord.of(row[1:]))
        for seats in found.values():
            seats.sort(key=lambda seat: room_order(seat.score, seat.correct, seat.name))
        return found

    def _standings(self, room_id: str) -> tuple[RoomStanding, ...]:
        from quiz.reports.rooms import RoomStanding

        return tuple(
            RoomStanding(rank, seat.name, seat.score, seat.correct, seat.answers)
            for rank, seat in enumerate(self._seats([room_id]).get(room_id, []), start=1)
        )


def _row(room: Row, seats: list[SeatRecord]) -> RoomRow:
    """One line of the history from a room and its players, best first."""
    from quiz.reports.rooms import RoomRole, RoomRow

    room_id, pin, name, role, phase, position, count, created, updated = room
    ended = _ENDED.get(str(phase))
    asked = int(count) if phase == "finished" else int(position) + 1
    the_role = RoomRole(str(role))
    winner = seats[0] if seats else None
    if the_role is RoomRole.PLAYER:
        place = next((i for i, seat in enumerate(seats, start=1) if seat.name == name), None)
        mine = seats[place - 1] if place else SeatRecord(str(name), 0, 0, 0, 0.0)
        score, correct, elapsed = mine.score, mine.correct, mine.seconds
    else:
        place = None
        score = winner.score if winner else 0
        correct = sum(seat.correct for seat in seats)
        elapsed = float(updated) - float(created)
    return RoomRow(
        pin=str(pin),
        room_id=str(room_id),
        user=str(name),
        role=the_role,
        started_at=_moment(created),
        finished_at=_moment(updated) if ended else None,
        status=ended or "unfinished",
        questions=int(count),
        asked=max(0, asked),
        players=len(seats),
        score=score,
        correct=correct,
        elapsed=max(0.0, elapsed),
        rank=place,
        winner=winner.name if winner else None,
    )


def _given(text: str) -> tuple[str, ...]:
    value = json.loads(text)
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _question(position: int, record: str, asked: bool, answers: list[RoomAnswer]) -> RoomQuestion:
    """A question as the room stored it (quiz.rooms.codec: the bank's record, as JSON)."""
    from quiz.reports.rooms import RoomQuestion

    data = json.loads(record)
    return RoomQuestion(
        position=position,
        question_id=str(data.get("id", "")),
        type=str(data.get("type", "")),
        prompt=str(data.get("prompt", "")),
        options=tuple(str(o) for o in data.get("options") or ()),
        right_answer=tuple(str(a) for a in data.get("answer") or ()),
        explanation=str(data.get("explanation") or ""),
        asked=asked,
        answers=tuple(answers),
    )
