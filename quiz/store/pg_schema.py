"""The PostgreSQL schema: the same versioned migrations as SQLite's (`quiz.store.db`), written
for PostgreSQL, one for one. The version lives in the `quiz_schema` table.

Column types keep the values the SQLite store reads: times as ISO text, flags as 0/1
integers. Text compares byte-wise (COLLATE "C"), as in SQLite, so days and times sort as text.
"""

from __future__ import annotations

from quiz.store.room_schema import room_tables

VERSION_TABLE = "quiz_schema"
MIGRATION_LOCK = 7_177_2021
"""Advisory lock taken while migrating: two processes starting at once migrate one by one."""

T = 'TEXT COLLATE "C"'

MIGRATIONS: tuple[str, ...] = (
    # 1: players, sessions, answers, and the questions as they were asked.
    f"""
    CREATE TABLE players (
        id BIGSERIAL PRIMARY KEY,
        name {T} NOT NULL UNIQUE,
        created_at {T} NOT NULL
    );
    CREATE TABLE question_versions (
        hash {T} PRIMARY KEY,
        question_id {T} NOT NULL,
        record TEXT NOT NULL,
        seq BIGSERIAL NOT NULL
    );
    CREATE TABLE sessions (
        id BIGSERIAL PRIMARY KEY,
        player_id BIGINT NOT NULL REFERENCES players(id),
        mode {T} NOT NULL,
        plan TEXT NOT NULL,
        started_at {T} NOT NULL,
        finished_at {T},
        day {T} NOT NULL,
        status {T} NOT NULL DEFAULT 'unfinished' CHECK (status IN ('unfinished', 'finished')),
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
        question_id {T} NOT NULL,
        version {T} NOT NULL REFERENCES question_versions(hash),
        prompt TEXT NOT NULL,
        shown_options TEXT NOT NULL,
        given TEXT NOT NULL,
        is_correct INTEGER NOT NULL,
        seconds DOUBLE PRECISION NOT NULL,
        score INTEGER NOT NULL DEFAULT 0,
        answered_at {T} NOT NULL,
        day {T} NOT NULL,
        UNIQUE (session_id, position)
    );
    CREATE INDEX answers_by_player_question ON answers(player_id, question_id, id);
    CREATE INDEX answers_by_player_day ON answers(player_id, day);
    CREATE INDEX answers_by_question ON answers(question_id);
    """,
    # 2: running totals and each player's first attempt at each question, backfilled.
    f"""
    ALTER TABLE question_versions ADD COLUMN section {T} NOT NULL DEFAULT '';
    ALTER TABLE question_versions ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
    UPDATE question_versions SET
        section = COALESCE(record::json ->> 'section', ''),
        tags = COALESCE((record::json -> 'tags')::text, '[]');
    CREATE TABLE day_totals (
        player_id BIGINT NOT NULL REFERENCES players(id),
        day {T} NOT NULL,
        answers INTEGER NOT NULL DEFAULT 0,
        correct INTEGER NOT NULL DEFAULT 0,
        seconds DOUBLE PRECISION NOT NULL DEFAULT 0,
        points INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (player_id, day)
    );
    CREATE TABLE version_totals (
        player_id BIGINT NOT NULL REFERENCES players(id),
        version {T} NOT NULL REFERENCES question_versions(hash),
        answers INTEGER NOT NULL DEFAULT 0,
        correct INTEGER NOT NULL DEFAULT 0,
        seconds DOUBLE PRECISION NOT NULL DEFAULT 0,
        PRIMARY KEY (player_id, version)
    );
    CREATE TABLE first_attempts (
        player_id BIGINT NOT NULL REFERENCES players(id),
        question_id {T} NOT NULL,
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
        question_id {T} NOT NULL,
        card TEXT NOT NULL,
        due {T} NOT NULL,
        state INTEGER NOT NULL,
        first_day {T} NOT NULL,
        PRIMARY KEY (player_id, question_id)
    );
    CREATE INDEX cards_due ON cards(player_id, due);
    CREATE TABLE reviews (
        id BIGSERIAL PRIMARY KEY,
        player_id BIGINT NOT NULL REFERENCES players(id),
        question_id {T} NOT NULL,
        rating INTEGER NOT NULL,
        was_learned INTEGER NOT NULL,
        reviewed_at {T} NOT NULL
    );
    CREATE INDEX reviews_by_player ON reviews(player_id, reviewed_at);
    """,
    # 4: team contests: each event (answer, foul, correction) as it happens, and the result.
    f"""
    CREATE TABLE contest_events (
        id BIGSERIAL PRIMARY KEY,
        session_id BIGINT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        kind {T} NOT NULL,
        team TEXT,
        question_id {T},
        prompt TEXT,
        points INTEGER NOT NULL,
        is_correct INTEGER,
        reason TEXT NOT NULL,
        at {T} NOT NULL
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
    ALTER TABLE sessions ADD COLUMN kind {T} NOT NULL DEFAULT 'run'
        CHECK (kind IN ('run', 'contest'));
    UPDATE sessions SET kind = 'contest', mode = '' WHERE mode = 'contest';
    DROP INDEX sessions_resumable;
    CREATE INDEX sessions_resumable ON sessions(player_id, started_at)
        WHERE status = 'unfinished' AND dropped = 0 AND kind = 'run';
    """,
    # 6: the roster: units as a tree of paths, members, their SSH keys, and the running totals
    #    of the report by unit (see quiz.store.actives and quiz.store.orgreport).
    f"""
    CREATE TABLE units (
        id BIGSERIAL PRIMARY KEY,
        path {T} NOT NULL UNIQUE,
        parent_id BIGINT REFERENCES units(id)
    );
    CREATE INDEX units_by_parent ON units(parent_id);
    CREATE TABLE members (
        player_id BIGINT PRIMARY KEY REFERENCES players(id),
        unit_id BIGINT NOT NULL REFERENCES units(id),
        login {T} UNIQUE,
        passcode_hash TEXT
    );
    CREATE INDEX members_by_unit ON members(unit_id);
    CREATE TABLE member_keys (
        player_id BIGINT NOT NULL REFERENCES members(player_id) ON DELETE CASCADE,
        public_key TEXT NOT NULL,
        added_at {T} NOT NULL,
        PRIMARY KEY (player_id, public_key)
    );
    CREATE TABLE unit_day_totals (
        unit_id BIGINT NOT NULL,
        day {T} NOT NULL,
        answers INTEGER NOT NULL DEFAULT 0,
        correct INTEGER NOT NULL DEFAULT 0,
        points INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (unit_id, day)
    );
    CREATE TABLE unit_day_actives (
        unit_id BIGINT NOT NULL,
        day {T} NOT NULL,
        prev_day {T} NOT NULL,
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
    # 7: client-made keys, so that a write made again after a lost connection is not doubled;
    #    and recording an answer as one call: what rollups.record_answer does in statements
    #    (the answer, its running totals, its unit's, who was active), in one round trip and one
    #    commit, which lets many players answer at once. The store tests run the same cases on
    #    both backends, so the two ways stay one behaviour.
    f"""
    CREATE TABLE answer_keys (key {T} PRIMARY KEY);
    ALTER TABLE sessions ADD COLUMN client_key {T};
    CREATE UNIQUE INDEX sessions_by_key ON sessions(client_key);
    CREATE FUNCTION quiz_unit_of(p_player BIGINT) RETURNS BIGINT LANGUAGE sql STABLE AS $body$
        SELECT COALESCE((SELECT unit_id FROM members WHERE player_id = p_player), 0)
    $body$;
    CREATE FUNCTION quiz_bump_active(p_unit BIGINT, p_day TEXT, p_prev TEXT, p_by INTEGER)
    RETURNS VOID LANGUAGE sql AS $body$
        INSERT INTO unit_day_actives AS u (unit_id, day, prev_day, players)
            VALUES (p_unit, p_day, p_prev, p_by)
            ON CONFLICT (unit_id, day, prev_day) DO UPDATE SET players = u.players + p_by
    $body$;
    -- actives.day_changed: the player's day got its first answer (1) or lost its last (-1).
    CREATE FUNCTION quiz_day_changed(p_player BIGINT, p_day TEXT, p_sign INTEGER)
    RETURNS VOID LANGUAGE plpgsql AS $body$
    DECLARE
        unit BIGINT := quiz_unit_of(p_player);
        before TEXT;
        after TEXT;
    BEGIN
        SELECT MAX(day) INTO before FROM day_totals
            WHERE player_id = p_player AND day < p_day AND answers > 0;
        SELECT MIN(day) INTO after FROM day_totals
            WHERE player_id = p_player AND day > p_day AND answers > 0;
        PERFORM quiz_bump_active(unit, p_day, COALESCE(before, ''), p_sign);
        IF after IS NOT NULL THEN
            PERFORM quiz_bump_active(unit, after, COALESCE(before, ''), -p_sign);
            PERFORM quiz_bump_active(unit, after, p_day, p_sign);
        END IF;
    END
    $body$;
    -- rollups._bump_totals: one answer in (1) or out (-1) of the player's and the unit's totals.
    CREATE FUNCTION quiz_bump_totals(p_player BIGINT, p_day TEXT, p_version TEXT,
        p_sign INTEGER, p_correct INTEGER, p_seconds DOUBLE PRECISION)
    RETURNS VOID LANGUAGE plpgsql AS $body$
    DECLARE
        answered INTEGER;
    BEGIN
        INSERT INTO day_totals AS d (player_id, day, answers, correct, seconds)
            VALUES (p_player, p_day, p_sign, p_sign * p_correct, p_sign * p_seconds)
            ON CONFLICT (player_id, day) DO UPDATE SET answers = d.answers + p_sign,
                correct = d.correct + p_sign * p_correct,
                seconds = d.seconds + p_sign * p_seconds
            RETURNING d.answers INTO answered;
        IF answered = (CASE WHEN p_sign > 0 THEN 1 ELSE 0 END) THEN
            PERFORM quiz_day_changed(p_player, p_day, p_sign);
        END IF;
        INSERT INTO version_totals AS v (player_id, version, answers, correct, seconds)
            VALUES (p_player, p_version, p_sign, p_sign * p_correct, p_sign * p_seconds)
            ON CONFLICT (player_id, version) DO UPDATE SET answers = v.answers + p_sign,
                correct = v.correct + p_sign * p_correct,
                seconds = v.seconds + p_sign * p_seconds;
        INSERT INTO unit_day_totals AS u (unit_id, day, answers, correct, points)
            VALUES (quiz_unit_of(p_player), p_day, p_sign, p_sign * p_correct, 0)
            ON CONFLICT (unit_id, day) DO UPDATE SET answers = u.answers + p_sign,
                correct = u.correct + p_sign * p_correct;
    END
    $body$;
    CREATE FUNCTION quiz_record_answer(
        p_key TEXT, p_session BIGINT, p_player BIGINT, p_position INTEGER, p_question TEXT,
        p_version TEXT, p_record TEXT, p_section TEXT, p_tags TEXT, p_prompt TEXT,
        p_shown TEXT, p_given TEXT, p_correct INTEGER, p_seconds DOUBLE PRECISION,
        p_score INTEGER, p_at TEXT, p_day TEXT, t_correct INTEGER, t_total INTEGER,
        t_score INTEGER, t_streak INTEGER, t_elapsed DOUBLE PRECISION
    ) RETURNS BOOLEAN LANGUAGE plpgsql AS $body$
    DECLARE
        prev RECORD;
        stored BIGINT;
    BEGIN
        IF p_key IS NOT NULL THEN
            INSERT INTO answer_keys(key) VALUES (p_key) ON CONFLICT DO NOTHING;
            IF NOT FOUND THEN
                RETURN FALSE;  -- stored already: the same answer sent again
            END IF;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM question_versions WHERE hash = p_version) THEN
            INSERT INTO question_versions(hash, question_id, record, section, tags)
                VALUES (p_version, p_question, p_record, p_section, p_tags)
                ON CONFLICT DO NOTHING;
        END IF;
        SELECT a.player_id, a.day, a.version, a.is_correct, a.seconds INTO prev FROM answers a
            WHERE a.session_id = p_session AND a.position = p_position;
        IF FOUND THEN  -- an exam answer changed: the one it replaces leaves the totals
            PERFORM quiz_bump_totals(prev.player_id, prev.day, prev.version, -1,
                                     prev.is_correct, prev.seconds);
        END IF;
        INSERT INTO answers AS a (session_id, player_id, position, question_id, version, prompt,
                shown_options, given, is_correct, seconds, score, answered_at, day)
            VALUES (p_session, p_player, p_position, p_question, p_version, p_prompt, p_shown,
                p_given, p_correct, p_seconds, p_score, p_at, p_day)
            ON CONFLICT (session_id, position) DO UPDATE SET given = excluded.given,
                is_correct = excluded.is_correct, seconds = excluded.seconds,
                score = excluded.score, answered_at = excluded.answered_at, day = excluded.day
            RETURNING a.id INTO stored;
        PERFORM quiz_bump_totals(p_player, p_day, p_version, 1, p_correct, p_seconds);
        INSERT INTO first_attempts(player_id, question_id, answer_id)
            VALUES (p_player, p_question, stored) ON CONFLICT DO NOTHING;
        UPDATE sessions SET correct = t_correct, total = t_total, score = t_score,
            best_streak = t_streak, elapsed = t_elapsed WHERE id = p_session;
        RETURN TRUE;
    END
    $body$;
    """,
    # 8: each player's best score and streak per mode, kept as runs finish; an answer's update
    #    of its session then touches no indexed column, so it is a HOT update (room left on
    #    each page for it), as are those of the running totals.
    f"""
    CREATE TABLE mode_bests (
        player_id BIGINT NOT NULL REFERENCES players(id),
        mode {T} NOT NULL,
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
    #    transaction that makes them (quiz.rooms.sql): no trigger, nothing in the schema.
    room_tables("BIGSERIAL PRIMARY KEY"),
    # 10: the running totals per unit and day split in a few slots (by player, player_id % 8:
    #     quiz.store.actives.SLOTS), so that players of one unit answering at once do not all
    #     wait for one row lock, held until the commit; readers sum the slots. Existing rows go
    #     to slot 0. The functions of version 7 write their unit's rows in the player's slot.
    """
    ALTER TABLE unit_day_totals ADD COLUMN slot SMALLINT NOT NULL DEFAULT 0;
    ALTER TABLE unit_day_totals DROP CONSTRAINT unit_day_totals_pkey,
        ADD PRIMARY KEY (unit_id, day, slot);
    ALTER TABLE unit_day_actives ADD COLUMN slot SMALLINT NOT NULL DEFAULT 0;
    ALTER TABLE unit_day_actives DROP CONSTRAINT unit_day_actives_pkey,
        ADD PRIMARY KEY (unit_id, day, prev_day, slot);
    DROP FUNCTION quiz_day_changed(BIGINT, TEXT, INTEGER);
    DROP FUNCTION quiz_bump_active(BIGINT, TEXT, TEXT, INTEGER);
    CREATE FUNCTION quiz_bump_active(p_unit BIGINT, p_day TEXT, p_prev TEXT, p_slot INTEGER,
        p_by INTEGER)
    RETURNS VOID LANGUAGE sql AS $body$
        INSERT INTO unit_day_actives AS u (unit_id, day, prev_day, slot, players)
            VALUES (p_unit, p_day, p_prev, p_slot, p_by)
            ON CONFLICT (unit_id, day, prev_day, slot) DO UPDATE SET players = u.players + p_by
    $body$;
    CREATE FUNCTION quiz_day_changed(p_player BIGINT, p_day TEXT, p_sign INTEGER)
    RETURNS VOID LANGUAGE plpgsql AS $body$
    DECLARE
        unit BIGINT := quiz_unit_of(p_player);
        slot INTEGER := p_player % 8;
        before TEXT;
        after TEXT;
    BEGIN
        SELECT MAX(day) INTO before FROM day_totals
            WHERE player_id = p_player AND day < p_day AND answers > 0;
        SELECT MIN(day) INTO after FROM day_totals
            WHERE player_id = p_player AND day > p_day AND answers > 0;
        PERFORM quiz_bump_active(unit, p_day, COALESCE(before, ''), slot, p_sign);
        IF after IS NOT NULL THEN
            PERFORM quiz_bump_active(unit, after, COALESCE(before, ''), slot, -p_sign);
            PERFORM quiz_bump_active(unit, after, p_day, slot, p_sign);
        END IF;
    END
    $body$;
    CREATE OR REPLACE FUNCTION quiz_bump_totals(p_player BIGINT, p_day TEXT, p_version TEXT,
        p_sign INTEGER, p_correct INTEGER, p_seconds DOUBLE PRECISION)
    RETURNS VOID LANGUAGE plpgsql AS $body$
    DECLARE
        answered INTEGER;
    BEGIN
        INSERT INTO day_totals AS d (player_id, day, answers, correct, seconds)
            VALUES (p_player, p_day, p_sign, p_sign * p_correct, p_sign * p_seconds)
            ON CONFLICT (player_id, day) DO UPDATE SET answers = d.answers + p_sign,
                correct = d.correct + p_sign * p_correct,
                seconds = d.seconds + p_sign * p_seconds
            RETURNING d.answers INTO answered;
        IF answered = (CASE WHEN p_sign > 0 THEN 1 ELSE 0 END) THEN
            PERFORM quiz_day_changed(p_player, p_day, p_sign);
        END IF;
        INSERT INTO version_totals AS v (player_id, version, answers, correct, seconds)
            VALUES (p_player, p_version, p_sign, p_sign * p_correct, p_sign * p_seconds)
            ON CONFLICT (player_id, version) DO UPDATE SET answers = v.answers + p_sign,
                correct = v.correct + p_sign * p_correct,
                seconds = v.seconds + p_sign * p_seconds;
        INSERT INTO unit_day_totals AS u (unit_id, day, slot, answers, correct, points)
            VALUES (quiz_unit_of(p_player), p_day, p_player % 8, p_sign, p_sign * p_correct, 0)
            ON CONFLICT (unit_id, day, slot) DO UPDATE SET answers = u.answers + p_sign,
                correct = u.correct + p_sign * p_correct;
    END
    $body$;
    """,
    # 11: each contest event carries its client-made key, unique in its contest, so an event
    #     sent again after a lost connection is not logged twice; events logged before get
    #     'legacy-<id>'.
    f"""
    ALTER TABLE contest_events ADD COLUMN client_key {T};
    UPDATE contest_events SET client_key = 'legacy-' || id;
    ALTER TABLE contest_events ALTER COLUMN client_key SET NOT NULL;
    CREATE UNIQUE INDEX contest_events_by_key ON contest_events(session_id, client_key);
    """,
)
