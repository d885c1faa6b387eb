"""The SQLite database: opening it safely and migrating its schema (`PRAGMA user_version`).

This module owns the schema. WAL lets a reader and a writer work at once, the busy timeout lets
two quiz processes share one file, and every answer is its own short transaction.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from quiz.store.errors import BAD, StoreError
from quiz.store.room_schema import RIGHT_KEYS, room_authority, room_tables
from quiz.store.sql import SCHEMA_VERSION

__all__ = ["BAD", "MIGRATIONS", "SCHEMA_VERSION", "StoreError", "classify", "connect", "probe"]

BUSY_TIMEOUT_MS = 5000

MIGRATIONS: tuple[str, ...] = (
    # 1: players, sessions, answers, and the questions as they were asked.
    """
    CREATE TABLE players (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    CREATE TABLE question_versions (
        hash TEXT PRIMARY KEY,
        question_id TEXT NOT NULL,
        record TEXT NOT NULL
    );
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        player_id INTEGER NOT NULL REFERENCES players(id),
        mode TEXT NOT NULL,
        plan TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        day TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'unfinished' CHECK (status IN ('unfinished', 'finished')),
        dropped INTEGER NOT NULL DEFAULT 0,
        correct INTEGER NOT NULL DEFAULT 0,
        total INTEGER NOT NULL DEFAULT 0,
        score INTEGER NOT NULL DEFAULT 0,
        points INTEGER NOT NULL DEFAULT 0,
        best_streak INTEGER NOT NULL DEFAULT 0,
        elapsed REAL NOT NULL DEFAULT 0,
        passed INTEGER,
        won INTEGER
    );
    CREATE INDEX sessions_by_player ON sessions(player_id, started_at);
    CREATE INDEX sessions_by_day ON sessions(player_id, day, mode);
    CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        player_id INTEGER NOT NULL REFERENCES players(id),
        position INTEGER NOT NULL,
        question_id TEXT NOT NULL,
        version TEXT NOT NULL REFERENCES question_versions(hash),
        prompt TEXT NOT NULL,
        shown_options TEXT NOT NULL,
        given TEXT NOT NULL,
        is_correct INTEGER NOT NULL,
        seconds REAL NOT NULL,
        score INTEGER NOT NULL DEFAULT 0,
        answered_at TEXT NOT NULL,
        day TEXT NOT NULL,
        UNIQUE (session_id, position)
    );
    CREATE INDEX answers_by_player_question ON answers(player_id, question_id, id);
    CREATE INDEX answers_by_player_day ON answers(player_id, day);
    CREATE INDEX answers_by_question ON answers(question_id);
    """,
    # 2: running totals, so statistics stay fast with millions of answers, and each player's
    #    first attempt at each question (item analysis). Backfilled from the answers.
    """
    ALTER TABLE question_versions ADD COLUMN section TEXT NOT NULL DEFAULT '';
    ALTER TABLE question_versions ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
    UPDATE question_versions SET
        section = COALESCE(json_extract(record, '$.section'), ''),
        tags = COALESCE(json_extract(record, '$.tags'), '[]');
    CREATE TABLE day_totals (
        player_id INTEGER NOT NULL REFERENCES players(id),
        day TEXT NOT NULL,
        answers INTEGER NOT NULL DEFAULT 0,
        correct INTEGER NOT NULL DEFAULT 0,
        seconds REAL NOT NULL DEFAULT 0,
        points INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (player_id, day)
    ) WITHOUT ROWID;
    CREATE TABLE version_totals (
        player_id INTEGER NOT NULL REFERENCES players(id),
        version TEXT NOT NULL REFERENCES question_versions(hash),
        answers INTEGER NOT NULL DEFAULT 0,
        correct INTEGER NOT NULL DEFAULT 0,
        seconds REAL NOT NULL DEFAULT 0,
        PRIMARY KEY (player_id, version)
    ) WITHOUT ROWID;
    CREATE TABLE first_attempts (
        player_id INTEGER NOT NULL REFERENCES players(id),
        question_id TEXT NOT NULL,
        answer_id INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
        PRIMARY KEY (player_id, question_id)
    ) WITHOUT ROWID;
    INSERT INTO day_totals(player_id, day, answers, correct, seconds)
        SELECT player_id, day, COUNT(*), SUM(is_correct), SUM(seconds)
        FROM answers GROUP BY player_id, day;
    INSERT OR IGNORE INTO day_totals(player_id, day)
        SELECT player_id, day FROM sessions WHERE points > 0;
    UPDATE day_totals SET points = (
        SELECT COALESCE(SUM(s.points), 0) FROM sessions s
        WHERE s.player_id = day_totals.player_id AND s.day = day_totals.day);
    INSERT INTO version_totals(player_id, version, answers, correct, seconds)
        SELECT player_id, version, COUNT(*), SUM(is_correct), SUM(seconds)
        FROM answers GROUP BY player_id, version;
    INSERT INTO first_attempts(player_id, question_id, answer_id)
        SELECT player_id, question_id, MIN(id) FROM answers GROUP BY player_id, question_id;
    CREATE INDEX sessions_by_player_mode ON sessions(player_id, mode, started_at);
    CREATE INDEX sessions_bests ON sessions(player_id, status, mode, score, best_streak);
    CREATE INDEX sessions_streaks ON sessions(player_id, mode, best_streak);
    CREATE INDEX sessions_resumable ON sessions(player_id, started_at)
        WHERE status = 'unfinished' AND dropped = 0;
    """,
    # 3: spaced repetition: one FSRS card per player and question, and every study review.
    """
    CREATE TABLE cards (
        player_id INTEGER NOT NULL REFERENCES players(id),
        question_id TEXT NOT NULL,
        card TEXT NOT NULL,
        due TEXT NOT NULL,
        state INTEGER NOT NULL,
        first_day TEXT NOT NULL,
        PRIMARY KEY (player_id, question_id)
    ) WITHOUT ROWID;
    CREATE INDEX cards_due ON cards(player_id, due);
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        player_id INTEGER NOT NULL REFERENCES players(id),
        question_id TEXT NOT NULL,
        rating INTEGER NOT NULL,
        was_learned INTEGER NOT NULL,
        reviewed_at TEXT NOT NULL
    );
    CREATE INDEX reviews_by_player ON reviews(player_id, reviewed_at);
    """,
    # 4: team contests: each event (answer, foul, correction) as it happens, and the result.
    """
    CREATE TABLE contest_events (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        team TEXT,
        question_id TEXT,
        prompt TEXT,
        points INTEGER NOT NULL,
        is_correct INTEGER,
        reason TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE INDEX contest_events_by_session ON contest_events(session_id, id);
    CREATE TABLE contest_results (
        session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        plan TEXT NOT NULL,
        standings TEXT NOT NULL
    );
    """,
    # 5: a contest is its own kind of session, not a mode of play.
    """
    ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'run'
        CHECK (kind IN ('run', 'contest'));
    UPDATE sessions SET kind = 'contest', mode = '' WHERE mode = 'contest';
    DROP INDEX sessions_resumable;
    CREATE INDEX sessions_resumable ON sessions(player_id, started_at)
        WHERE status = 'unfinished' AND dropped = 0 AND kind = 'run';
    """,
    # 6: the roster: units as a tree of paths, members (players with a unit, maybe a login, a
    #    passcode hash and SSH keys), and running totals for reports that read neither the
    #    answers nor every player: per unit and day (answers, right ones, points), who was
    #    active per unit and day by the day each player last answered before (see
    #    quiz/store/actives.py), each player's points so far and the players' totals by day
    #    (to find the top players of a window: see quiz/store/org_figures.py). Unit 0 holds the
    #    players who are not on the roster; the totals follow the current roster (a member who
    #    moves takes their totals along). Plain SQL, so the same text serves PostgreSQL.
    """
    CREATE TABLE units (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        parent_id INTEGER REFERENCES units(id)
    );
    CREATE INDEX units_by_parent ON units(parent_id);
    CREATE TABLE members (
        player_id INTEGER PRIMARY KEY REFERENCES players(id),
        unit_id INTEGER NOT NULL REFERENCES units(id),
        login TEXT UNIQUE,
        passcode_hash TEXT
    );
    CREATE INDEX members_by_unit ON members(unit_id);
    CREATE TABLE member_keys (
        player_id INTEGER NOT NULL REFERENCES members(player_id) ON DELETE CASCADE,
        public_key TEXT NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (player_id, public_key)
    );
    CREATE TABLE unit_day_totals (
        unit_id INTEGER NOT NULL,
        day TEXT NOT NULL,
        answers INTEGER NOT NULL DEFAULT 0,
        correct INTEGER NOT NULL DEFAULT 0,
        points INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (unit_id, day)
    );
    CREATE TABLE unit_day_actives (
        unit_id INTEGER NOT NULL,
        day TEXT NOT NULL,
        prev_day TEXT NOT NULL,
        players INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (unit_id, day, prev_day)
    );
    CREATE INDEX unit_day_actives_by_prev ON unit_day_actives(prev_day, day, unit_id, players);
    ALTER TABLE players ADD COLUMN points INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX players_by_points ON players(points, id);
    CREATE INDEX day_totals_by_day ON day_totals(day, player_id, points, answers);
    INSERT INTO unit_day_totals(unit_id, day, answers, correct, points)
        SELECT 0, day, SUM(answers), SUM(correct), SUM(points) FROM day_totals GROUP BY day;
    UPDATE players SET points = COALESCE(
        (SELECT SUM(d.points) FROM day_totals d WHERE d.player_id = players.id), 0);
    INSERT INTO unit_day_actives(unit_id, day, prev_day, players)
        SELECT COALESCE(m.unit_id, 0), a.day, a.prev_day, COUNT(*) FROM (
            SELECT player_id, day,
                   COALESCE(LAG(day) OVER (PARTITION BY player_id ORDER BY day), '') AS prev_day
            FROM day_totals WHERE answers > 0) AS a
        LEFT JOIN members m ON m.player_id = a.player_id
        GROUP BY COALESCE(m.unit_id, 0), a.day, a.prev_day;
    """,
    # 7: client-made keys, so that a write made again after a lost connection is not doubled.
    """
    CREATE TABLE answer_keys (key TEXT PRIMARY KEY) WITHOUT ROWID;
    ALTER TABLE sessions ADD COLUMN client_key TEXT;
    CREATE UNIQUE INDEX sessions_by_key ON sessions(client_key);
    """,
    # 8: each player's best score and streak per mode, kept as runs finish (a running total,
    #    as the day totals are): statistics read a few rows, and an answer's update of its
    #    session touches no indexed column.
    """
    CREATE TABLE mode_bests (
        player_id INTEGER NOT NULL REFERENCES players(id),
        mode TEXT NOT NULL,
        score INTEGER NOT NULL,
        streak INTEGER NOT NULL,
        PRIMARY KEY (player_id, mode)
    ) WITHOUT ROWID;
    INSERT INTO mode_bests(player_id, mode, score, streak)
        SELECT player_id, mode, MAX(score), MAX(best_streak) FROM sessions
        WHERE status = 'finished' AND kind = 'run' GROUP BY player_id, mode;
    DROP INDEX sessions_bests;
    DROP INDEX sessions_streaks;
    """,
    # 9: live rooms (quiz.rooms): a room, the questions it asks as they were asked, its seats
    #    with each player's running score, every answer once (unique on room, question and
    #    player), and the queue that matches 双人对战/四人赛 by arrival. Times are the store's
    #    clock in seconds since the epoch. IF NOT EXISTS: before this version the rooms made
    #    these very tables themselves, so a database at version 8 may hold them already (and
    #    its rooms are kept). The indexes serve the history: the rooms a player sat in or hosted.
    room_tables("INTEGER PRIMARY KEY"),
    # 10: the running totals per unit and day split in a few slots (by player: see
    #     quiz.store.actives.SLOTS), so that players of one unit answering at once do not all
    #     wait for one row; readers sum the slots. Existing rows go to slot 0. The new column
    #     comes last, as PostgreSQL's ALTER TABLE puts it.
    """
    CREATE TABLE unit_day_totals_10 (
        unit_id INTEGER NOT NULL,
        day TEXT NOT NULL,
        answers INTEGER NOT NULL DEFAULT 0,
        correct INTEGER NOT NULL DEFAULT 0,
        points INTEGER NOT NULL DEFAULT 0,
        slot INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (unit_id, day, slot)
    );
    INSERT INTO unit_day_totals_10(unit_id, day, slot, answers, correct, points)
        SELECT unit_id, day, 0, answers, correct, points FROM unit_day_totals;
    DROP TABLE unit_day_totals;
    ALTER TABLE unit_day_totals_10 RENAME TO unit_day_totals;
    CREATE TABLE unit_day_actives_10 (
        unit_id INTEGER NOT NULL,
        day TEXT NOT NULL,
        prev_day TEXT NOT NULL,
        players INTEGER NOT NULL DEFAULT 0,
        slot INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (unit_id, day, prev_day, slot)
    );
    INSERT INTO unit_day_actives_10(unit_id, day, prev_day, slot, players)
        SELECT unit_id, day, prev_day, 0, players FROM unit_day_actives;
    DROP TABLE unit_day_actives;
    ALTER TABLE unit_day_actives_10 RENAME TO unit_day_actives;
    CREATE INDEX unit_day_actives_by_prev ON unit_day_actives(prev_day, day, unit_id, players);
    """,
    # 11: each contest event carries its client-made key, unique in its contest, so an event
    #     sent again after a lost connection is not logged twice. Events logged before get
    #     'legacy-<id>'. The table is made again (SQLite adds no NOT NULL column without a
    #     default); the key comes last, as PostgreSQL's ALTER TABLE puts it.
    """
    CREATE TABLE contest_events_11 (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        team TEXT,
        question_id TEXT,
        prompt TEXT,
        points INTEGER NOT NULL,
        is_correct INTEGER,
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        client_key TEXT NOT NULL
    );
    INSERT INTO contest_events_11(id, session_id, kind, team, question_id, prompt, points,
            is_correct, reason, at, client_key)
        SELECT id, session_id, kind, team, question_id, prompt, points, is_correct, reason, at,
            'legacy-' || id
        FROM contest_events;
    DROP TABLE contest_events;
    ALTER TABLE contest_events_11 RENAME TO contest_events;
    CREATE INDEX contest_events_by_session ON contest_events(session_id, id);
    CREATE UNIQUE INDEX contest_events_by_key ON contest_events(session_id, client_key);
    """,
    # 12: nothing on SQLite (PostgreSQL reloads its server-side functions; the versions of the
    #     two backends are one for one).
    "",
    # 13: when a room's host last checked in (the store's clock; NULL for a matched room, which
    #     has no host): players are told when the host is gone, and when the host is back.
    "ALTER TABLE rooms ADD COLUMN host_seen DOUBLE PRECISION;",
    # 14: the roster without its secrets (PostgreSQL's grants let organisers and hosts read
    #     it, never passcode_hash). PostgreSQL's roles, grants and row-level security have
    #     nothing on SQLite: one file on one machine has its permissions for a boundary.
    """
    CREATE VIEW member_list AS SELECT player_id, unit_id, login,
        CASE WHEN passcode_hash IS NULL THEN 0 ELSE 1 END AS has_passcode FROM members;
    """,
    # 15: rooms know who acts: seat and host tokens, kept as hashes; a room keyed by its own
    #     id, its PIN free again once it ended; each question as shown while it is open,
    #     without its answer (quiz.store.room_schema).
    room_authority("sqlite"),
    # 16 (papers): assigned papers (quiz.org.papers).
    #     A paper's questions are frozen as they were published (each one's record, as
    #     question_versions keeps it); its units include the units under them; each attempt
    #     is a session of its own, with the deadline it was given (time limit or closing time).
    #     Times are ISO text in UTC. And each player's last day of play on their row
    #     (players.last_day, kept by actives.day_changed), backfilled: who has not taken part
    #     in a window is read from the roster's rows (quiz org absent).
    """
    CREATE TABLE papers (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        opens TEXT NOT NULL,
        closes TEXT NOT NULL,
        minutes INTEGER,
        attempts INTEGER NOT NULL,
        pass_mark DOUBLE PRECISION,
        questions INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
    );
    CREATE INDEX papers_by_closing ON papers(closes);
    CREATE TABLE paper_units (
        paper_id INTEGER NOT NULL REFERENCES papers(id),
        unit_id INTEGER NOT NULL REFERENCES units(id),
        PRIMARY KEY (paper_id, unit_id)
    );
    CREATE TABLE paper_questions (
        paper_id INTEGER NOT NULL REFERENCES papers(id),
        position INTEGER NOT NULL,
        question_id TEXT NOT NULL,
        version TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (paper_id, position)
    );
    CREATE TABLE paper_attempts (
        paper_id INTEGER NOT NULL REFERENCES papers(id),
        player_id INTEGER NOT NULL REFERENCES players(id),
        attempt INTEGER NOT NULL,
        session_id INTEGER NOT NULL UNIQUE REFERENCES sessions(id),
        started_at TEXT NOT NULL,
        deadline TEXT NOT NULL,
        PRIMARY KEY (paper_id, player_id, attempt)
    );
    ALTER TABLE players ADD COLUMN last_day TEXT;
    UPDATE players SET last_day = (SELECT MAX(d.day) FROM day_totals d
        WHERE d.player_id = players.id AND d.answers > 0);
    """,
    # 17 (rooms2): each room question's right answer as a key (quiz.rooms.answer_key), which
    #     quiz.store.rooms compares an answer with, as PostgreSQL's server-side function does.
    RIGHT_KEYS,
    # 18: nothing on SQLite (PostgreSQL's room answers no longer queue on the room's row lock;
    #     SQLite writes one transaction at a time anyway).
    "",
)


PROBE_TIMEOUT_S = 1.0


# SQLite's primary result codes (the low byte of the extended code).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
_PERM, _AUTH = 3, 23
_UNAVAILABLE = {
    _BUSY: "store.busy",
    _LOCKED: "store.busy",
    _READONLY: "store.read_only",
    _IOERR: "store.io_error",
    _FULL: "store.full",
    _CANTOPEN: "store.cannot_open",
    _PERM: "store.cannot_open",
    _AUTH: "store.cannot_open",
}


def classify(exc: sqlite3.Error, path: Path) -> StoreError:
    """What an SQLite error says about the database: bad (not SQLite; damaged, as a failed
    integrity check confirms) or unavailable for now (locked, read-only, full, I/O…)."""
    reason = str(exc)
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == _NOTADB:
        return StoreError("store.not_a_database", path=path, reason=reason)
    if primary == _CORRUPT:
        if integrity_failed(path):
            return StoreError("store.damaged", path=path, reason=reason)
        return StoreError("store.io_error", path=path, reason=reason)
    if primary in _UNAVAILABLE:
        return StoreError(_UNAVAILABLE[primary], path=path, reason=reason)
    return StoreError("store.failed", path=path, reason=reason)


def integrity_failed(path: Path) -> bool:
    """SQLite's own check of the file (read-only): True only when it finds damage."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                               timeout=PROBE_TIMEOUT_S)  # fmt: skip
    except sqlite3.Error:
        return False
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        primary = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
        return primary in (_CORRUPT, _NOTADB)
    finally:
        conn.close()
    return rows != [("ok",)]


def probe(path: Path) -> StoreError | None:
    """Why an existing database cannot be used, or None — read-only, nothing written (so the
    CLI can refuse before starting the TUI, without loading the store itself)."""
    if not path.exists():
        return None
    if not path.is_file():
        return StoreError("store.not_a_file", path=path)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                               timeout=PROBE_TIMEOUT_S)  # fmt: skip
    except sqlite3.Error as exc:
        return classify(exc, path)
    try:
        usable_version(conn, path)
    except StoreError as exc:
        return exc
    except sqlite3.Error as exc:
        return classify(exc, path)
    finally:
        conn.close()
    return None


def connect(path: Path) -> sqlite3.Connection:
    """An open, migrated connection; StoreError for a file that is not a quiz database (left
    untouched: nothing is created or migrated in a file that was not recognised) or that cannot
    be used now."""
    if path.exists() and not path.is_file():
        raise StoreError("store.not_a_file", path=path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError("store.cannot_open", path=path, reason=exc.strerror or exc) from None
    try:
        # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE … COMMIT).
        conn = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as exc:
        raise classify(exc, path) from None
    try:
        version = usable_version(conn, path)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if version < SCHEMA_VERSION:
            migrate(conn, version)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    except StoreError:
        conn.close()
        raise
    except sqlite3.Error as exc:
        conn.close()
        raise classify(exc, path) from None
    return conn


def usable_version(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version of a database quiz can use: 0 for a new, empty file; StoreError for a
    newer one or for anything else (another program's tables, a version quiz never wrote)."""
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError("store.newer_schema", path=path, found=version, known=SCHEMA_VERSION)
    if version < 0:
        raise StoreError("store.foreign_database", path=path)
    if version > 0 or _has_tables(conn):
        _check_ours(conn, path)
        if version == 0:  # our table names, but no version: not a file quiz wrote
            raise StoreError("store.foreign_database", path=path)
    return version


def _has_tables(conn: sqlite3.Connection) -> bool:
    count: int = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    return count > 0


def _check_ours(conn: sqlite3.Connection, path: Path) -> None:
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not {"players", "sessions", "answers"} <= names:
        raise StoreError("store.foreign_database", path=path)


def migrate(conn: sqlite3.Connection, current: int) -> None:
    for version in range(current + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Read again under the write lock: another process may have migrated meanwhile.
            if conn.execute("PRAGMA user_version").fetchone()[0] < version:
                for statement in _statements(MIGRATIONS[version - 1]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]
