-- The server-side functions of the PostgreSQL store: recording an answer in one round trip
-- and one commit (what quiz.store.rollups.record_answer does in statements on SQLite: the
-- answer, its running totals, its unit's, who was active). The store tests run the same
-- recording rules on both backends (tests/store/test_answer_rules.py), so the two stay one
-- behaviour.
--
-- Loaded by a migration (quiz.store.postgres.schema): a change here needs a new migration
-- that loads this file again. @SLOTS@ is quiz.store.actives.SLOTS, put in when it is loaded.
-- quiz_record_answer's parameters are AnswerRow's fields with a `p_` prefix, and it is called
-- with named arguments made from them, so the two cannot drift apart by position.

-- The unit a player belongs to (0: none).
CREATE FUNCTION quiz_unit_of(p_player BIGINT) RETURNS BIGINT LANGUAGE sql STABLE AS $body$
    SELECT COALESCE((SELECT unit_id FROM members WHERE player_id = p_player), 0)
$body$;

CREATE FUNCTION quiz_bump_active(p_unit BIGINT, p_day TEXT, p_prev TEXT, p_slot INTEGER,
    p_by INTEGER)
RETURNS VOID LANGUAGE sql AS $body$
    INSERT INTO unit_day_actives AS u (unit_id, day, prev_day, slot, players)
        VALUES (p_unit, p_day, p_prev, p_slot, p_by)
        ON CONFLICT (unit_id, day, prev_day, slot) DO UPDATE SET players = u.players + p_by
$body$;

-- actives.day_changed: the player's day got its first answer (1) or lost its last (-1).
-- (Replaced by migration 16's sql/last_day.sql, which also keeps players.last_day.)
CREATE FUNCTION quiz_day_changed(p_player BIGINT, p_day TEXT, p_sign INTEGER)
RETURNS VOID LANGUAGE plpgsql AS $body$
DECLARE
    unit BIGINT := quiz_unit_of(p_player);
    slot INTEGER := p_player % @SLOTS@;
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
    INSERT INTO unit_day_totals AS u (unit_id, day, slot, answers, correct, points)
        VALUES (quiz_unit_of(p_player), p_day, p_player % @SLOTS@, p_sign, p_sign * p_correct, 0)
        ON CONFLICT (unit_id, day, slot) DO UPDATE SET answers = u.answers + p_sign,
            correct = u.correct + p_sign * p_correct;
END
$body$;

-- rollups.record_answer: false when the answer's key shows it was stored before, or when its
-- session is handed in already (final). The store records a sealed run's answers with
-- rollups' statements instead (counted only when handed in: rollups.count_session).
CREATE FUNCTION quiz_record_answer(
    p_key TEXT, p_session BIGINT, p_player BIGINT, p_position INTEGER, p_question TEXT,
    p_version TEXT, p_record TEXT, p_section TEXT, p_tags TEXT, p_prompt TEXT,
    p_shown TEXT, p_given TEXT, p_correct INTEGER, p_seconds DOUBLE PRECISION,
    p_score INTEGER, p_at TEXT, p_day TEXT, p_total_correct INTEGER, p_total INTEGER,
    p_total_score INTEGER, p_best_streak INTEGER, p_elapsed DOUBLE PRECISION
) RETURNS BOOLEAN LANGUAGE plpgsql AS $body$
DECLARE
    prev RECORD;
    stored BIGINT;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM sessions WHERE id = p_session AND status = 'unfinished') THEN
        RETURN FALSE;  -- handed in already: final
    END IF;
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
    UPDATE sessions SET correct = p_total_correct, total = p_total, score = p_total_score,
        best_streak = p_best_streak, elapsed = p_elapsed WHERE id = p_session;
    RETURN TRUE;
END
$body$;
