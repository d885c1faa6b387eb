-- A room answer judged and recorded on the server (schema 17), so that a member, who may not
-- read room_questions (quiz.store.postgres.roles), never needs a question's answer before it
-- is revealed and cannot write an answer or a score but through this one call.
--
-- quiz_room_key_matches is quiz.rooms.answer_key.key_matches: the right key kept in
-- room_questions.right_key against what the player gave, both normalised by the player's
-- process (normalise_answer). tests/rooms/test_answer_key.py holds the two to each other.
--
-- quiz_room_answer is quiz.store.rooms.Rooms.answer on SQLite, step for step: the room's row
-- held for share, the seat's for update (schema 18, sql/room_answer_share.sql: a room's answers
-- run side by side, a move of the room waits for them); the seat, its token (SHA-256, as
-- quiz.store.rooms.token_hash) and the caller (quiz_may_name: a member answers only for their
-- own seat); an answer already stored handed back (same key: a retry); the phase, position and
-- deadline by the server's clock; the speed points and streak bonus of quiz.rooms.scoring
-- (round() of double precision rounds half to even, as Python's does); the seat's score. The
-- reveal once every seat has answered is asked after the commit
-- (quiz_room_reveal_if_all_answered). Status 'missing': no such room (RoomError
-- room.not_found in the caller).
--
-- SECURITY DEFINER with the pinned search_path of sql/authority.sql; EXECUTE only as
-- quiz.store.postgres.roles grants it (every kind of user).
--
-- Loaded by migration 17 (quiz.store.postgres.schema), after sql/room_moves.sql, and again by
-- migration 18, which changed quiz_room_answer's locks.

CREATE OR REPLACE FUNCTION quiz_room_key_matches(p_right TEXT, p_given TEXT)
RETURNS BOOLEAN LANGUAGE plpgsql IMMUTABLE SET search_path FROM CURRENT AS $body$
DECLARE
    k JSONB;
    g JSONB;
BEGIN
    BEGIN
        k := p_right::JSONB;
        g := p_given::JSONB;
    EXCEPTION WHEN others THEN
        RETURN false;
    END;
    IF k IS NULL OR g IS NULL OR jsonb_typeof(k) <> 'object' OR jsonb_typeof(g) <> 'array'
       OR EXISTS (SELECT 1 FROM jsonb_array_elements(g) e WHERE jsonb_typeof(e) <> 'string') THEN
        RETURN false;
    END IF;
    IF k -> 'set' IS NOT NULL THEN
        RETURN jsonb_array_length(g) = jsonb_array_length(k -> 'set')
           AND (SELECT count(DISTINCT e) FROM jsonb_array_elements(g) e) = jsonb_array_length(g)
           AND (k -> 'set') @> g;
    END IF;
    RETURN jsonb_array_length(g) = jsonb_array_length(COALESCE(k -> 'seq', '[]'::JSONB))
       AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(g) WITH ORDINALITY x(e, i)
                       WHERE NOT COALESCE((k -> 'seq' -> (x.i::INTEGER - 1))
                                          @> jsonb_build_array(x.e), false));
END
$body$;

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

REVOKE EXECUTE ON FUNCTION quiz_room_key_matches(TEXT, TEXT) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION quiz_room_answer(TEXT, TEXT, INTEGER, TEXT, TEXT, TEXT, TEXT)
    FROM PUBLIC;

-- A room's answers as its participants may read them (quiz.store.room_reading.visible_answers):
-- one's own at once; everyone's to a question once it is no longer open (revealed, or the room
-- moved on or ended); everyone's at once for the host of a room (who shows the spread while a
-- question is open, and holds the questions anyway) — not for the first player of a matched
-- race, who is named its host. A member reads only the unrevealing columns of room_answers
-- (room, position, name, seconds, answered_at: quiz.store.postgres.roles), so what another
-- player gave to the open question, and whether it was right, cannot be copied with plain SQL.
CREATE OR REPLACE FUNCTION quiz_room_answers(p_room TEXT)
RETURNS TABLE (pos INTEGER, name TEXT, given TEXT, is_correct INTEGER,
               seconds DOUBLE PRECISION, points INTEGER, streak INTEGER,
               answered_at DOUBLE PRECISION)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $body$
    SELECT a.position, a.name, a.given, a.is_correct, a.seconds, a.points, a.streak,
           a.answered_at
    FROM rooms r JOIN room_answers a ON a.room = r.room
    WHERE r.room = p_room
      AND (a.position < r.position OR r.phase IN ('reveal', 'finished', 'closed')
           OR quiz_may_name(a.name) OR (r.kind = 'room' AND quiz_may_name(r.host)))
$body$;

REVOKE EXECUTE ON FUNCTION quiz_room_answers(TEXT) FROM PUBLIC;
