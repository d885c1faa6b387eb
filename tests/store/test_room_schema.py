"""The rooms' tables are the store's schema version 9, on both backends: a new store has them,
a store at version 8 is migrated (keeping the rooms the rooms code had made there itself, before
the tables were part of the schema), and a newer schema is refused untouched by the rooms too."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import psycopg
import pytest

from quiz.rooms.model import RoomPhase, RoomSettings
from quiz.store.errors import StoreError
from quiz.store.opening import open_rooms, open_store
from quiz.store.rooms import Rooms
from quiz.store.sql import SCHEMA_VERSION
from quiz.store.sqlite.schema import MIGRATIONS, _statements
from tests.rooms_support import HOST_TOKEN, room_questions, seat_token
from tests.store_backends import at_schema

ROOM_TABLES = {"rooms", "room_questions", "room_seats", "room_answers", "match_queue"}

OLD_ROOM_TABLES = """
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
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    enqueued_at DOUBLE PRECISION NOT NULL,
    pin TEXT,
    gave_up INTEGER NOT NULL DEFAULT 0
)
"""
"""The rooms' tables as the rooms module made them before schema 9 (CREATE TABLE IF NOT EXISTS
on opening, outside the versioned migrations); PostgreSQL's queue id was a BIGSERIAL."""

OLD_PIN = "135790"
T0 = 1_795_000_000.0  # 2026-11-18, by the store's clock


def old_room_rows() -> list[tuple[str, tuple[object, ...]]]:
    """A finished room of two questions, hosted by 主持人, played by 甲 and 乙, as the old code
    stored it."""
    from quiz.rooms.codec import question_to_text

    qs = room_questions(2)
    rows: list[tuple[str, tuple[object, ...]]] = [
        ("INSERT INTO rooms VALUES (?, 'room', '主持人', 'finished', 9, 1, 2, 20, NULL, NULL,"
         " ?, ?)",
         (OLD_PIN, T0, T0 + 60)),
        *(("INSERT INTO room_questions VALUES (?, ?, ?)", (OLD_PIN, i, question_to_text(q)))
          for i, q in enumerate(qs)),
        ("INSERT INTO room_seats VALUES (?, '甲', 1, ?, 0, 1950, 2, 2, 2)", (OLD_PIN, T0 + 1)),
        ("INSERT INTO room_seats VALUES (?, '乙', 2, ?, 0, 800, 1, 2, 0)", (OLD_PIN, T0 + 2)),
        ("INSERT INTO match_queue(name, size, enqueued_at) VALUES ('丙', 2, ?)", (T0,)),
    ]  # fmt: skip
    for position, question in enumerate(qs):
        wrong = next(o for o in question.options if o not in question.answer)
        for name, given, right, points in (("甲", question.answer[0], 1, 975),
                                           ("乙", question.answer[0] if position else wrong,
                                            position, 800 * position)):  # fmt: skip
            text = json.dumps([given], ensure_ascii=False)
            rows.append((
                "INSERT INTO room_answers VALUES (?, ?, ?, ?, ?, ?, 3.5, ?, 1, ?)",
                (OLD_PIN, position, name, f"k{position}{name}", text, right, points,
                 T0 + 10 * position),
            ))  # fmt: skip
    return rows


def check_old_room_kept(rooms: Rooms) -> None:
    results = rooms.results(OLD_PIN)
    assert results.phase is RoomPhase.FINISHED and results.questions == 2
    assert [(p.user, p.score, p.correct) for p in results.players] == [
        ("甲", 1950, 2),
        ("乙", 800, 1),
    ]
    assert set(rooms.answers(OLD_PIN)) == {"甲", "乙"}
    assert rooms.shown_questions(OLD_PIN) == room_questions(2)


def check_old_room_in_history(location: str) -> None:
    """The room made before the migration is in its players' and its host's history."""
    store = open_store(location)
    try:
        [played] = store.room_rows("乙")
        assert (played.pin, played.rank, played.score, played.status) == (
            OLD_PIN, 2, 800, "finished",
        )  # fmt: skip
        [hosted] = [row for row in store.room_rows("主持人") if row.pin == OLD_PIN]
        assert (hosted.winner, hosted.players) == ("甲", 2)
    finally:
        store.close()


# -- SQLite -------------------------------------------------------------------------------------


def sqlite_tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def sqlite_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def make_old_sqlite(path: Path, with_rooms: bool) -> None:
    """A database at version 8, with (or without) the rooms the old code made in it."""
    conn = sqlite3.connect(path, isolation_level=None)
    for script in MIGRATIONS[:8]:
        for statement in _statements(script):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 8")
    if with_rooms:
        for statement in _statements(OLD_ROOM_TABLES):
            conn.execute(statement)
        for sql, params in old_room_rows():
            conn.execute(sql, params)
    conn.close()


def test_a_new_store_has_the_room_tables(store_location: str) -> None:
    open_store(store_location).close()
    if store_location.startswith("postgresql"):
        assert pg_tables(store_location) >= ROOM_TABLES
        assert pg_version(store_location) == SCHEMA_VERSION == 18
    else:
        assert sqlite_tables(Path(store_location)) >= ROOM_TABLES
        assert sqlite_version(Path(store_location)) == SCHEMA_VERSION == 18


@pytest.mark.parametrize("with_rooms", [True, False], ids=["rooms-made-before", "no-rooms"])
def test_sqlite_at_version_8_is_migrated_and_keeps_its_rooms(
    tmp_path: Path, with_rooms: bool
) -> None:
    db = tmp_path / "old.db"
    make_old_sqlite(db, with_rooms)
    rooms = open_rooms(db)
    try:
        assert sqlite_version(db) == SCHEMA_VERSION and sqlite_tables(db) >= ROOM_TABLES
        if with_rooms:
            check_old_room_kept(rooms)
        pin = rooms.open(
            "主持人", RoomSettings(questions=1, seconds=20), room_questions(1), HOST_TOKEN
        )  # and new rooms open
        assert rooms.join(pin, "甲", seat_token("甲")).phase is RoomPhase.LOBBY
    finally:
        rooms.db.close()
    conn = sqlite3.connect(db)
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    conn.close()
    assert {"rooms_by_host", "room_seats_by_name"} <= indexes
    if with_rooms:
        check_old_room_in_history(str(db))


def test_sqlite_newer_schema_is_refused_untouched_by_the_rooms(tmp_path: Path) -> None:
    db = tmp_path / "newer.db"
    open_store(db).close()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = db.read_bytes()
    with pytest.raises(StoreError) as caught:
        open_rooms(db)
    assert caught.value.code == "store.newer_schema"
    assert db.read_bytes() == before


# -- PostgreSQL ---------------------------------------------------------------------------------


def pg_rows(url: str, sql: str) -> list[tuple[object, ...]]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql).fetchall()


def pg_tables(url: str) -> set[str]:
    return {
        str(r[0])
        for r in pg_rows(
            url,
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema()",
        )
    }


def pg_version(url: str) -> int:
    return int(str(pg_rows(url, "SELECT version FROM quiz_schema")[0][0]))


def make_old_pg(url: str, store_schema: bool) -> None:
    """Version 8 with the rooms the old code made (or, `store_schema` False: the rooms alone,
    made by the old code in a database the store had never opened)."""
    pg_ddl = OLD_ROOM_TABLES.replace("id INTEGER PRIMARY KEY", "id BIGSERIAL PRIMARY KEY")
    if store_schema:
        at_schema(url, 8)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(pg_ddl)
        for sql, params in old_room_rows():
            conn.execute(sql.replace("?", "%s"), params)


@pytest.mark.parametrize("store_schema", [True, False], ids=["version-8", "rooms-only"])
def test_postgres_before_version_9_is_migrated_and_keeps_its_rooms(
    pg_location: str, store_schema: bool
) -> None:
    make_old_pg(pg_location, store_schema)
    rooms = open_rooms(pg_location)
    try:
        assert pg_version(pg_location) == SCHEMA_VERSION and pg_tables(pg_location) >= ROOM_TABLES
        assert {"players", "sessions", "answers"} <= pg_tables(pg_location)
        check_old_room_kept(rooms)
        pin = rooms.open(
            "主持人", RoomSettings(questions=1, seconds=20), room_questions(1), HOST_TOKEN
        )
        assert rooms.join(pin, "甲", seat_token("甲")).phase is RoomPhase.LOBBY
    finally:
        rooms.db.close()
    indexes = {
        str(r[0])
        for r in pg_rows(
            pg_location, "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
        )
    }
    assert {"rooms_by_host", "room_seats_by_name"} <= indexes  # fmt: skip
    check_old_room_in_history(pg_location)


def test_postgres_newer_schema_is_refused_untouched_by_the_rooms(pg_location: str) -> None:
    open_store(pg_location).close()
    with psycopg.connect(pg_location, autocommit=True) as conn:
        conn.execute("UPDATE quiz_schema SET version = %s", (SCHEMA_VERSION + 1,))
        conn.execute("DROP TABLE match_queue")  # a newer version might have done without it
    before = pg_tables(pg_location)
    with pytest.raises(StoreError) as caught:
        open_rooms(pg_location)
    assert caught.value.code == "store.pg_newer_schema"
    assert pg_tables(pg_location) == before  # nothing made again
