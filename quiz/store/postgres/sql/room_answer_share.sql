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
-- Loaded by migration 18 (quiz.store.postgres.schema), after sql/room_answers.sql, loaded again
-- for its quiz_room_answer with the new locks (the same steps, the same statuses, no reveal).

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
