"""The live rooms' tables (schema 9), one text for both databases: only the matching queue's
key differs (SQLite's integer primary key, PostgreSQL's bigserial)."""

from __future__ import annotations

from quiz.rooms.codec import SEALED_FIELDS

ROOM_TABLES = """
    CREATE TABLE IF NOT EXISTS rooms (
        pin TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        host TEXT NOT NULL,
        phase TEXT NOT NULL,
        version INTEGER NOT NULL,
        position INTEGER NOT NULL,
        count INTEGER NOT NULL,
        seconds INTEGER NOT NULL,
        deadline DOUBLE PRECISION,
        reveal_until DOUBLE PRECISION,
        created_at DOUBLE PRECISION NOT NULL,
        updated_at DOUBLE PRECISION NOT NULL
    );
    CREATE TABLE IF NOT EXISTS room_questions (
        pin TEXT NOT NULL REFERENCES rooms(pin) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (pin, position)
    );
    CREATE TABLE IF NOT EXISTS room_seats (
        pin TEXT NOT NULL REFERENCES rooms(pin) ON DELETE CASCADE,
        name TEXT NOT NULL,
        seat INTEGER NOT NULL,
        joined_at DOUBLE PRECISION NOT NULL,
        kicked INTEGER NOT NULL DEFAULT 0,
        score INTEGER NOT NULL DEFAULT 0,
        correct INTEGER NOT NULL DEFAULT 0,
        answers INTEGER NOT NULL DEFAULT 0,
        streak INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (pin, name)
    );
    CREATE TABLE IF NOT EXISTS room_answers (
        pin TEXT NOT NULL REFERENCES rooms(pin) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        answer_key TEXT NOT NULL,
        given TEXT NOT NULL,
        is_correct INTEGER NOT NULL,
        seconds DOUBLE PRECISION NOT NULL,
        points INTEGER NOT NULL,
        streak INTEGER NOT NULL,
        answered_at DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (pin, position, name)
    );
    CREATE TABLE IF NOT EXISTS match_queue (
        id {queue_id},
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        enqueued_at DOUBLE PRECISION NOT NULL,
        pin TEXT,
        gave_up INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX rooms_by_host ON rooms(host, created_at);
    CREATE INDEX room_seats_by_name ON room_seats(name, pin);
    """


def room_tables(queue_id: str) -> str:
    return ROOM_TABLES.format(queue_id=queue_id)


ROOM_AUTHORITY = """
    ALTER TABLE rooms RENAME COLUMN pin TO room;
    ALTER TABLE room_questions RENAME COLUMN pin TO room;
    ALTER TABLE room_seats RENAME COLUMN pin TO room;
    ALTER TABLE room_answers RENAME COLUMN pin TO room;
    ALTER TABLE match_queue RENAME COLUMN pin TO room;
    ALTER TABLE rooms ADD COLUMN pin TEXT;
    UPDATE rooms SET pin = room;
    CREATE UNIQUE INDEX rooms_live_pin ON rooms(pin) WHERE phase IN ('lobby', 'question', 'reveal');
    CREATE INDEX rooms_by_pin ON rooms(pin, created_at);
    CREATE TABLE room_guesses (who TEXT NOT NULL, at DOUBLE PRECISION NOT NULL);
    CREATE INDEX room_guesses_by_who ON room_guesses(who, at);
    ALTER TABLE rooms ADD COLUMN host_token_hash TEXT;
    ALTER TABLE room_seats ADD COLUMN token_hash TEXT;
    ALTER TABLE match_queue ADD COLUMN token_hash TEXT;
    ALTER TABLE room_questions ADD COLUMN shown TEXT;
    UPDATE room_questions SET shown = {shown_of_record};
    """
"""Schema 15: who may act in a room, and what its participants may read.

- A room is keyed by its own id (`room`: its PIN and a random suffix; a room made before keeps
  its PIN as its id). Its PIN is unique only among live rooms (`rooms_live_pin`), so a PIN is
  free again once its room has ended, and the room's results stay under its id. A PIN typed
  that finds no live room is a guess, counted per player or host (`room_guesses`:
  quiz.store.rooms.Rooms.find).

- A seat and a host each hold a secret token (kept by their own process: quiz.usecases.
  room_keys); the store keeps only its SHA-256, so reading the tables gives nobody a seat. A
  queued player's token hash goes with the ticket into the match's seat. Rooms made before
  have none: their seats and hosts cannot be taken over, only finished as they are.
- `shown` is a question as players see it while it is open (quiz.rooms.codec: no answer,
  explanation or source); the record itself is read only once its answer is revealed
  (quiz.store.room_reading). Rooms made before get theirs from their records."""


def room_authority(backend: str) -> str:
    """Schema 15 on `backend` ("sqlite", "postgresql"): the same columns; each database takes
    the sealed fields out of the JSON records its own way."""
    if backend == "sqlite":
        paths = ", ".join(f"'$.{name}'" for name in SEALED_FIELDS)
        shown = f"json_remove(record, {paths})"
    else:
        keys = " - ".join(f"'{name}'" for name in SEALED_FIELDS)
        shown = f"(record::jsonb - {keys})::text"
    return ROOM_AUTHORITY.format(shown_of_record=shown)


RIGHT_KEYS = "ALTER TABLE room_questions ADD COLUMN right_key TEXT;"
"""Schema 17: each room question's right answer as quiz.rooms.answer_key.right_key makes it
(rooms opened before have none: no answer to their questions is right, on either backend)."""
