"""What a room's participants may read of its questions: nothing before a question is shown;
while it is open, the question as shown (`room_questions.shown`: no answer, explanation or
source); its whole record once its answer is revealed; every one once the room has ended
(finished, or closed early: the history lists those never asked). One query for both databases: on
PostgreSQL the server-side function quiz_room_questions (postgres/sql/rooms.sql), which a role
that may not read `room_questions` can be granted; on SQLite the same SELECT in place."""

from __future__ import annotations

from quiz.store.sql import Dialect

_VISIBLE_ON_SQLITE = """(
    SELECT q.position AS pos,
           CASE WHEN q.position < r.position OR r.phase IN ('reveal', 'finished', 'closed')
                THEN q.record ELSE q.shown END AS record
    FROM rooms r JOIN room_questions q ON q.room = r.room
    WHERE r.room = ? AND (q.position <= r.position OR r.phase IN ('finished', 'closed'))
)"""


def visible_questions(dialect: Dialect) -> str:
    """A row source of (pos, record) for the room given as its one parameter, to read FROM
    with an alias: `SELECT v.record FROM {source} v WHERE v.pos = ?` (`pos`: POSITION is a
    word of PostgreSQL's grammar, not a name a function's result can take)."""
    if dialect.name == "postgresql":
        return "quiz_room_questions(?)"
    return _VISIBLE_ON_SQLITE


_ANSWERS_ON_SQLITE = """(
    SELECT position AS pos, name, given, is_correct, seconds, points, streak, answered_at
    FROM room_answers WHERE room = ?
)"""


def visible_answers(dialect: Dialect) -> str:
    """A row source of (pos, name, given, is_correct, seconds, points, streak, answered_at)
    for the room given as its one parameter: on PostgreSQL quiz_room_answers (schema 17: one's
    own answer at once, others' once the question is no longer open, all of them for the
    room's host), on SQLite every answer (the file's permissions are the boundary)."""
    if dialect.name == "postgresql":
        return "quiz_room_answers(?)"
    return _ANSWERS_ON_SQLITE
