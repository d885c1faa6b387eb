"""The PostgreSQL schema: the same versioned migrations as SQLite's (`quiz.store.sqlite.schema`),
written for PostgreSQL, one for one. The version lives in the `quiz_schema` table.

Column types keep the values the SQLite store reads: times as ISO text, flags as 0/1
integers. Text compares byte-wise (COLLATE "C"), as in SQLite, so days and times sort as text.
"""

from __future__ import annotations

from importlib.resources import files

from quiz.store.actives import SLOTS
from quiz.store.matching import CLAIMED
from quiz.store.room_schema import RIGHT_KEYS, room_authority, room_tables
from quiz.store.rooms import GUESS_LIMIT, GUESS_WINDOW_SECONDS, MATCH_REVEAL_SECONDS
from quiz.store.sql import NOTIFY_CHANNEL

VERSION_TABLE = "quiz_schema"
MIGRATION_LOCK = 7_177_2021
"""Advisory lock taken while migrating: two processes starting at once migrate one by one."""

TEXT_C = 'TEXT COLLATE "C"'
"""Text as SQLite compares it, byte by byte (the type of every text key and time column)."""


def server_functions(name: str = "functions.sql") -> str:
    """A file of sql/ (functions.sql by default), with the store's constants put in."""
    text = files("quiz.store.postgres").joinpath("sql", name).read_text("utf-8")
    for marker, value in (
        ("@SLOTS@", SLOTS),
        ("@MATCH_REVEAL_SECONDS@", MATCH_REVEAL_SECONDS),
        ("@NOTIFY_CHANNEL@", NOTIFY_CHANNEL),
        ("@GUESS_LIMIT@", GUESS_LIMIT),
        ("@GUESS_WINDOW_SECONDS@", GUESS_WINDOW_SECONDS),
        ("@CLAIMED@", CLAIMED),
    ):
        text = text.replace(marker, str(value))
    return text


MIGRATIONS: tuple[str, ...] = (
    # 1: players, sessions, answers, and the questions as they were asked.
    f"""
    CREATE TABLE players (
        id BIGSERIAL PRIMARY KEY,
        name {TEXT_C} NOT NULL UNIQUE,
        created_at {TEXT_C} NOT NULL
    );
    CREATE TABLE question_versions (
        hash {TEXT_C} PRIMARY KEY,
        question_id {TEXT_C} NOT NULL,
        record TEXT NOT NULL,
        seq BIGSERIAL NOT NULL
    );
    CREATE TABLE sessions (
        id BIGSERIAL PRIMARY KEY,
        player_id BIGINT NOT NULL REFERENCES players(id),
        mode {TEXT_C} NOT NULL,
        plan TEXT NOT NULL,
        started_at {TEXT_C} NOT NULL,
        finished_at {TEXT_C},
        day {TEXT_C} NOT NULL,
        status {TEXT_C} NOT NULL DEFAULT 'unfinished' CHECK (status IN ('unfinished', 'finished')),
        dropped INTEGER NOT NULL DEFAULT 0,
        correct INTEGER NOT NULL DEFAULT 0,
        total INTEGER NOT NULL DEFAULT 0,
        score INTEGER NOT NULL DEFAULT 0,
        points INTEGER NOT NULL DEFAULT 0,
        best_streak INTEGER NOT NULL DEFAULT 0,
        elapsed DOUBLE PRECISION NOT NULL DEFAULT 0,
        passed INTEGER,
        won INTEGER
    );
    CREATE INDEX sessions_by_player ON sessions(player_id, started_at);
    CREATE INDEX sessions_by_day ON sessions(player_id, day, mode);
    CREATE TABLE answers (
        id BIGSERIAL PRIMARY KEY,
        session_id BIGINT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        player_id BIGINT NOT NULL REFERENCES players(id),
        position INTEGER NOT NULL,
        question_id {TEXT_C} NOT NULL,
        version {TEXT_C} NOT NULL REFERENCES question_versions(hash),
        prompt TEXT NOT NULL,
        shown_options TEXT NOT NULL,
        given TEXT NOT NULL,
        is_correct INTEGER NOT NULL,
        seconds DOUBLE PRECISION NOT NULL,
        score INTEGER NOT NULL DEFAULT 0,
        answered_at {TEXT_C} NOT NULL,
        day {TEXT_C} NOT NULL,
        UNIQUE (session_id, position)
    );
    CREATE INDEX answers_by_player_question ON answers(player_id, question_id, id);
    CREATE INDEX answers_by_player_day ON answers(player_id, day);
    CREATE INDEX answers_by_question ON answers(question_id);
    """,
    # 2: running totals and each player's first attempt at each question, backfilled.
    f"""
    ALTER TABLE question_versions ADD COLUMN section {TEXT_C} NOT NULL DEFAULT '';
    ALTER TABLE question_versions ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
    UPDATE question_versions SET
        section = COALESCE(record::json ->> 'section', ''),
        tags = COALESCE((record::json -> 'tags')::text, '[]');
    CREATE TABLE day_totals (
        player_id BIGINT NOT NULL REFERENCES players(id),
        day {TEXT_C} NOT NULL,
        answers INTEGER NOT NULL DEFAULT 0,
        correct INTEGER NOT NULL DEFAULT 0,
        seconds DOUBLE PRECISION NOT NULL DEFAULT 0,
        points INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (player_id, day)
    );
    CREATE TABLE version_totals (
        player_id BIGINT NOT NULL REFERENCES players(id),
        version {TEXT_C} NOT NULL REFERENCES question_versions(hash),
        answers INTEGER NOT NULL DEFAULT 0,
        correct INTEGER NOT NULL DEFAULT 0,
        seconds DOUBLE PRECISION NOT NULL DEFAULT 0,
        PRIMARY KEY (player_id, version)
    );
    CREATE TABLE first_attempts (
        player_id BIGINT NOT NULL REFERENCES players(id),
        question_id {TEXT_C} NOT NULL,
        answer_id BIGINT NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
        PRIMARY KEY (player_id, question_id)
    );
    INSERT INTO day_totals(player_id, day, answers, correct, seconds)
        SELECT player_id, day, COUNT(*), SUM(is_correct), SUM(seconds)
        FROM answers GROUP BY player_id, day;
    INSERT INTO day_totals(player_id, day)
        SELECT DISTINCT player_id, day FROM sessions WHERE points > 0
        ON CONFLICT DO NOTHING;
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
    f"""
    CREATE TABLE cards (
        player_id BIGINT NOT NULL REFERENCES players(id),
        question_id {TEXT_C} NOT NULL,
        card TEXT NOT NULL,
        due {TEXT_C} NOT NULL,
        state INTEGER NOT NULL,
        first_day {TEXT_C} NOT NULL,
        PRIMARY KEY (player_id, question_id)
    );
    CREATE INDEX cards_due ON cards(player_id, due);
    CREATE TABLE reviews (
        id BIGSERIAL PRIMARY KEY,
        player_id BIGINT NOT NULL REFERENCES players(id),
        question_id {TEXT_C} NOT NULL,
        rating INTEGER NOT NULL,
        was_learned INTEGER NOT NULL,
        reviewed_at {TEXT_C} NOT NULL
    );
    CREATE INDEX reviews_by_player ON reviews(player_id, reviewed_at);
    """,
    # 4: team contests: each event (answer, foul, correction) as it happens, and the result.
    f"""
    CREATE TABLE contest_events (
        id BIGSERIAL PRIMARY KEY,
        session_id BIGINT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        kind {TEXT_C} NOT NULL,
        team TEXT,
        question_id {TEXT_C},
        prompt TEXT,
        points INTEGER NOT NULL,
        is_correct INTEGER,
        reason TEXT NOT NULL,
        at {TEXT_C} NOT NULL
    );
    CREATE INDEX contest_events_by_session ON contest_events(session_id, id);
    CREATE TABLE contest_results (
        session_id BIGINT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        plan TEXT NOT NULL,
        standings TEXT NOT NULL
    );
    """,
    # 5: a contest is its own kind of session, not a mode of play.
    f"""
    ALTER TABLE sessions ADD COLUMN kind {TEXT_C} NOT NULL DEFAULT 'run'
        CHECK (kind IN ('run', 'contest'));
    UPDATE sessions SET kind = 'contest', mode = '' WHERE mode = 'contest';
    DROP INDEX sessions_resumable;
    CREATE INDEX sessions_resumable ON sessions(player_id, started_at)
        WHERE status = 'unfinished' AND dropped = 0 AND kind = 'run';
    """,
    # 6: the roster: units as a tree of paths, members, their SSH keys, and the running totals
    #    of the report by unit (see quiz.store.actives and quiz.store.org_figures).
    f"""
    CREATE TABLE units (
        id BIGSERIAL PRIMARY KEY,
        path {TEXT_C} NOT NULL UNIQUE,
        parent_id BIGINT REFERENCES units(id)
    );
    CREATE INDEX units_by_parent ON units(parent_id);
    CREATE TABLE members (
        player_id BIGINT PRIMARY KEY REFERENCES players(id),
        unit_id BIGINT NOT NULL REFERENCES units(id),
        login {TEXT_C} UNIQUE,
        passcode_hash TEXT
    );
    CREATE INDEX members_by_unit ON members(unit_id);
    CREATE TABLE member_keys (
        player_id BIGINT NOT NULL REFERENCES members(player_id) ON DELETE CASCADE,
        public_key TEXT NOT NULL,
        added_at {TEXT_C} NOT NULL,
        PRIMARY KEY (player_id, public_key)
    );
    CREATE TABLE unit_day_totals (
        unit_id BIGINT NOT NULL,
        day {TEXT_C} NOT NULL,
        answers INTEGER NOT NULL DEFAULT 0,
        correct INTEGER NOT NULL DEFAULT 0,
        points INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (unit_id, day)
    );
    CREATE TABLE unit_day_actives (
        unit_id BIGINT NOT NULL,
        day {TEXT_C} NOT NULL,
        prev_day {TEXT_C} NOT NULL,
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
    #    (It also made the first server-side functions; they live in sql/functions.sql now,
    #    loaded by migration 12.)
    f"""
    CREATE TABLE answer_keys (key {TEXT_C} PRIMARY KEY);
    ALTER TABLE sessions ADD COLUMN client_key {TEXT_C};
    CREATE UNIQUE INDEX sessions_by_key ON sessions(client_key);
    """,
    # 8: each player's best score and streak per mode, kept as runs finish; an answer's update
    #    of its session then touches no indexed column, so it is a HOT update (room left on
    #    each page for it), as are those of the running totals.
    f"""
    CREATE TABLE mode_bests (
        player_id BIGINT NOT NULL REFERENCES players(id),
        mode {TEXT_C} NOT NULL,
        score INTEGER NOT NULL,
        streak INTEGER NOT NULL,
        PRIMARY KEY (player_id, mode)
    );
    INSERT INTO mode_bests(player_id, mode, score, streak)
        SELECT player_id, mode, MAX(score), MAX(best_streak) FROM sessions
        WHERE status = 'finished' AND kind = 'run' GROUP BY player_id, mode;
    DROP INDEX sessions_bests;
    DROP INDEX sessions_streaks;
    ALTER TABLE sessions SET (fillfactor = 80);
    ALTER TABLE day_totals SET (fillfactor = 80);
    ALTER TABLE version_totals SET (fillfactor = 80);
    """,
    # 9: live rooms (quiz.rooms), as on SQLite: rooms, the questions they ask, seats, answers
    #    (once each: the primary key) and the matching queue. IF NOT EXISTS: before this version
    #    the rooms made these very tables themselves, so they may be there already, rooms and
    #    all. State changes are announced on the `quiz_rooms` channel by pg_notify inside the
    #    transaction that makes them (quiz.store.rooms): no trigger, nothing in the schema.
    room_tables("BIGSERIAL PRIMARY KEY"),
    # 10: the running totals per unit and day split in a few slots (by player, player_id % 8:
    #     quiz.store.actives.SLOTS), so that players of one unit answering at once do not all
    #     wait for one row lock, held until the commit; readers sum the slots. Existing rows go
    #     to slot 0. (The functions then written for the slots are in sql/functions.sql.)
    """
    ALTER TABLE unit_day_totals ADD COLUMN slot SMALLINT NOT NULL DEFAULT 0;
    ALTER TABLE unit_day_totals DROP CONSTRAINT unit_day_totals_pkey,
        ADD PRIMARY KEY (unit_id, day, slot);
    ALTER TABLE unit_day_actives ADD COLUMN slot SMALLINT NOT NULL DEFAULT 0;
    ALTER TABLE unit_day_actives DROP CONSTRAINT unit_day_actives_pkey,
        ADD PRIMARY KEY (unit_id, day, prev_day, slot);
    """,
    # 11: each contest event carries its client-made key, unique in its contest, so an event
    #     sent again after a lost connection is not logged twice; events logged before get
    #     'legacy-<id>'.
    f"""
    ALTER TABLE contest_events ADD COLUMN client_key {TEXT_C};
    UPDATE contest_events SET client_key = 'legacy-' || id;
    ALTER TABLE contest_events ALTER COLUMN client_key SET NOT NULL;
    CREATE UNIQUE INDEX contest_events_by_key ON contest_events(session_id, client_key);
    """,
    # 12: the server-side functions, from sql/functions.sql (every earlier signature dropped
    #     first: quiz_record_answer's parameters are now named as AnswerRow's fields).
    """
    DROP FUNCTION IF EXISTS quiz_record_answer(TEXT, BIGINT, BIGINT, INTEGER, TEXT, TEXT, TEXT,
        TEXT, TEXT, TEXT, TEXT, TEXT, INTEGER, DOUBLE PRECISION, INTEGER, TEXT, TEXT, INTEGER,
        INTEGER, INTEGER, INTEGER, DOUBLE PRECISION);
    DROP FUNCTION IF EXISTS quiz_bump_totals(BIGINT, TEXT, TEXT, INTEGER, INTEGER,
        DOUBLE PRECISION);
    DROP FUNCTION IF EXISTS quiz_day_changed(BIGINT, TEXT, INTEGER);
    DROP FUNCTION IF EXISTS quiz_bump_active(BIGINT, TEXT, TEXT, INTEGER);
    DROP FUNCTION IF EXISTS quiz_bump_active(BIGINT, TEXT, TEXT, INTEGER, INTEGER);
    DROP FUNCTION IF EXISTS quiz_unit_of(BIGINT);
    """
    + server_functions(),
    # 13: when a room's host last checked in, as on SQLite.
    "ALTER TABLE rooms ADD COLUMN host_seen DOUBLE PRECISION;",
    # 14: who may do what (sql/authority.sql): the hosts' grants, the SECURITY DEFINER
    #     functions every write of play goes through, row-level security. The roles and
    #     their grants are quiz.store.postgres.roles' (`quiz org roles`).
    server_functions("authority.sql"),
    # 15: rooms know who acts, as on SQLite (quiz.store.room_schema), and sql/rooms.sql: the
    #     function that reads a room's questions as its participants may see them, the rooms'
    #     authority function made again for the renamed key, row-level security on the
    #     guesses.
    room_authority("postgresql") + server_functions("rooms.sql"),
    # 16 (papers): assigned papers, as on SQLite,
    #     and their writes as server-side functions (sql/papers.sql), so who may publish or
    #     start an attempt is decided in the database. And players.last_day, as on SQLite,
    #     kept by quiz_day_changed (sql/last_day.sql replaces functions.sql's).
    f"""
    CREATE TABLE papers (
        id BIGSERIAL PRIMARY KEY,
        title TEXT NOT NULL,
        opens {TEXT_C} NOT NULL,
        closes {TEXT_C} NOT NULL,
        minutes INTEGER,
        attempts INTEGER NOT NULL,
        pass_mark DOUBLE PRECISION,
        questions INTEGER NOT NULL,
        created_at {TEXT_C} NOT NULL,
        created_by TEXT NOT NULL
    );
    CREATE INDEX papers_by_closing ON papers(closes);
    CREATE TABLE paper_units (
        paper_id BIGINT NOT NULL REFERENCES papers(id),
        unit_id BIGINT NOT NULL REFERENCES units(id),
        PRIMARY KEY (paper_id, unit_id)
    );
    CREATE TABLE paper_questions (
        paper_id BIGINT NOT NULL REFERENCES papers(id),
        position INTEGER NOT NULL,
        question_id {TEXT_C} NOT NULL,
        version {TEXT_C} NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (paper_id, position)
    );
    CREATE TABLE paper_attempts (
        paper_id BIGINT NOT NULL REFERENCES papers(id),
        player_id BIGINT NOT NULL REFERENCES players(id),
        attempt INTEGER NOT NULL,
        session_id BIGINT NOT NULL UNIQUE REFERENCES sessions(id),
        started_at {TEXT_C} NOT NULL,
        deadline {TEXT_C} NOT NULL,
        PRIMARY KEY (paper_id, player_id, attempt)
    );
    ALTER TABLE players ADD COLUMN last_day {TEXT_C};
    UPDATE players SET last_day = (SELECT MAX(d.day) FROM day_totals d
        WHERE d.player_id = players.id AND d.answers > 0);
    """
    + server_functions("papers.sql")
    + server_functions("last_day.sql"),
    # 17 (rooms2): each room question's right answer as a key (quiz.rooms.answer_key), read
    #     only by sql/room_answers.sql's SECURITY DEFINER function, which judges and records a
    #     room answer on the server: a member reads no room question's record, nor writes an
    #     answer or a score, but through it (quiz.store.postgres.roles).
    RIGHT_KEYS
    + server_functions("room_moves.sql")
    + server_functions("room_answers.sql")
    + server_functions("match_queue.sql"),
    # 18: room answers side by side, under a share lock of the room's row (sql/room_answers.sql
    #     again); whether everyone has answered asked after each answer's commit
    #     (sql/room_answer_share.sql).
    server_functions("room_answers.sql") + server_functions("room_answer_share.sql"),
)
