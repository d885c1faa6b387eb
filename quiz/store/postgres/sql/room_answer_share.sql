-- Room answers side by side (schema 18). Under schema 17 every answer locked its room's row
-- for update and counted the room's unanswered seats before it committed: a room's answers ran
-- one at a time, each holding the lock through its commit's WAL flush, and a room of 1,000
-- players queued for seconds on every question (docs/benchmarks.md).
--
-- quiz_room_answer now takes the room's row FOR SHARE: answers run (and commit, sharing WAL
-- flushes) side by side, while a move of the room (a reveal, an advance, a kick, a join:
-- FOR NO KEY UPDATE) waits for the answers in flight, and answers that come after the move see
-- it. Each player's answers queue on their own seat's row (a retry sent twice is one answer).
--
-- Whether everyone has answered is asked after the answer has committed, in a call of its
-- own (quiz_room_reveal_if_all_answered): inside the answer's transaction two last answers
-- would not see each other's row, and neither would reveal. Whichever call comes after the
-- last commit sees every answer; the check counts under no lock and locks the room only when
-- everyone has answered, to reveal it once.
--
-- Loaded by migration 18 (quiz.store.postgres.schema), after sql/room_answers.sql, whose
-- quiz_room_answer it replaces: the same steps, the same statuses.

CREATE OR REPLACE FUNCTION quiz_room_answer(
    p_room TEXT, p_name TEXT, p_position INTEGER, p_answer_key TEXT, p_given TEXT,
    p_given_key TEXT, p_token TEXT)
RETURNS TABLE (status TEXT, correct BOOLEAN, points INTEGER, streak INTEGER,
               seconds DOUBLE PRECISION)
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $body$
DECLARE
    r rooms%ROWTYPE;
    s room_seats%ROWTYPE;
    a room_answers%ROWTYPE;
    now_s DOUBLE PRECISION := extract(epoch from clock_timestamp())::DOUBLE PRECISION;
    lim DOUBLE PRECISION;
    secs DOUBLE PRECISION;
    ok BOOLEAN;
    pts INTEGER := 0;
    stk INTEGER := 0;
BEGIN
    SELECT * INTO r FROM rooms WHERE room = p_room FOR SHARE;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'missing', NULL::BOOLEAN, NULL::INTEGER, NULL::INTEGER,
                            NULL::DOUBLE PRECISION;
        RETURN;
    END IF;
    SELECT * INTO s FROM room_seats WHERE room = p_room AND name = p_name FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'not_seated', NULL::BOOLEAN, NULL::INTEGER, NULL::INTEGER,
                            NULL::DOUBLE PRECISION;
        RETURN;
    END IF;
    IF s.token_hash IS NULL
       OR s.token_hash <> encode(sha256(convert_to(p_token, 'UTF8')), 'hex')
       OR NOT quiz_may_name(p_name) THEN
        RETURN QUERY SELECT 'refused', NULL::BOOLEAN, NULL::INTEGER, NULL::INTEGER,
                            NULL::DOUBLE PRECISION;
        RETURN;
    END IF;
    SELECT * INTO a FROM room_answers
        WHERE room = p_room AND position = p_position AND name = p_name;
    IF FOUND THEN
        RETURN QUERY SELECT CASE WHEN a.answer_key = p_answer_key THEN 'repeated' ELSE 'already' END,
                            a.is_correct <> 0, a.points, a.streak, a.seconds;
        RETURN;
    END IF;
    IF r.phase <> 'question' OR r.position <> p_position OR r.deadline IS NULL
       OR now_s > r.deadline THEN
        RETURN QUERY SELECT 'late', NULL::BOOLEAN, NULL::INTEGER, NULL::INTEGER,
                            NULL::DOUBLE PRECISION;
        RETURN;
    END IF;
    IF s.kicked <> 0 THEN
        RETURN QUERY SELECT 'not_seated', NULL::BOOLEAN, NULL::INTEGER, NULL::INTEGER,
                            NULL::DOUBLE PRECISION;
        RETURN;
    END IF;
    lim := r.seconds::DOUBLE PRECISION;
    secs := round(least(lim, greatest(0.0, now_s - (r.deadline - lim)))::NUMERIC, 3);
    ok := quiz_room_key_matches(
        (SELECT q.right_key FROM room_questions q WHERE q.room = p_room AND q.position = p_position),
        p_given_key);
    IF ok THEN
        stk := s.streak + 1;
        pts := round(1000.0 * (1.0 - (least(greatest(secs, 0.0), lim) / lim) / 2.0))::INTEGER
               + CASE WHEN r.kind = 'match' THEN 0 ELSE least(100 * (stk - 1), 500) END;
    END IF;
    INSERT INTO room_answers(room, position, name, answer_key, given, is_correct, seconds,
                             points, streak, answered_at)
        VALUES (p_room, p_position, p_name, p_answer_key, p_given, ok::INTEGER, secs, pts, stk,
                now_s);
    UPDATE room_seats SET score = room_seats.score + pts,
                          correct = room_seats.correct + ok::INTEGER,
                          answers = room_seats.answers + 1, streak = stk
        WHERE room = p_room AND name = p_name;
    RETURN QUERY SELECT 'recorded', ok, pts, stk, secs;
END
$body$;

-- After an answer has committed: the question `p_position` revealed if every seat still in
-- the room has answered it ('revealed'), else nothing ('open'). Anyone may ask: it reveals
-- only what the room's own rule reveals.
CREATE OR REPLACE FUNCTION quiz_room_reveal_if_all_answered(p_room TEXT, p_position INTEGER)
RETURNS TEXT LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $body$
DECLARE
    r rooms%ROWTYPE;
BEGIN
    -- the common case, under no lock: fewer answers than seats (two counts of an index each;
    -- a kicked player's answer may make them equal, and the exact check below decides)
    IF NOT EXISTS (SELECT 1 FROM rooms WHERE room = p_room AND phase = 'question'
                   AND position = p_position)
       OR (SELECT count(*) FROM room_answers WHERE room = p_room AND position = p_position)
          < (SELECT count(*) FROM room_seats WHERE room = p_room AND kicked = 0) THEN
        RETURN 'open';
    END IF;
    SELECT * INTO r FROM rooms WHERE room = p_room FOR NO KEY UPDATE;
    IF r.phase <> 'question' OR r.position <> p_position THEN
        RETURN 'open';  -- moved on meanwhile
    END IF;
    PERFORM quiz_room_close_if_all_answered_(p_room);  -- the exact check, under the lock
    RETURN CASE WHEN (SELECT phase FROM rooms WHERE room = p_room) = 'question'
                THEN 'open' ELSE 'revealed' END;
END
$body$;

REVOKE EXECUTE ON FUNCTION quiz_room_reveal_if_all_answered(TEXT, INTEGER) FROM PUBLIC;
