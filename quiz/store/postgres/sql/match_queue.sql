-- The matched races' queue (quiz.store.matching) as server-side functions (schema 17): a
-- member writes no room table, the queue included; each is Matchmaker's method of the same
-- name on SQLite, step for step. A ticket is queued, matched from and given up only by whoever
-- may act for its player (quiz_may_name; SQLSTATE 42501 otherwise).
--
-- Loaded by migration 17 (quiz.store.postgres.schema), after sql/room_moves.sql.

CREATE OR REPLACE FUNCTION quiz_queue_enqueue(p_name TEXT, p_size INTEGER, p_token_hash TEXT)
RETURNS BIGINT LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $body$
DECLARE
    ticket BIGINT;
BEGIN
    IF NOT quiz_may_name(p_name) THEN
        PERFORM quiz_room_refuse_();
    END IF;
    -- one ticket per player: an older one (another window) steps aside
    UPDATE match_queue SET gave_up = 1 WHERE name = p_name AND room IS NULL;
    INSERT INTO match_queue(name, size, enqueued_at, token_hash)
        VALUES (p_name, p_size, quiz_room_now_(), p_token_hash) RETURNING id INTO ticket;
    RETURN ticket;
END
$body$;

-- The ticket's room if it is in one (`room`), or else the oldest `p_size` tickets claimed for
-- a match this ticket completes (their ids, names and seat hashes), or nothing.
CREATE OR REPLACE FUNCTION quiz_queue_claim(p_ticket BIGINT, p_size INTEGER,
                                            p_stale DOUBLE PRECISION)
RETURNS TABLE (room TEXT, id BIGINT, name TEXT, token_hash TEXT)
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $body$
DECLARE
    mine match_queue%ROWTYPE;
    ids BIGINT[];
BEGIN
    LOCK TABLE match_queue IN SHARE ROW EXCLUSIVE MODE;  -- one matcher at a time
    SELECT * INTO mine FROM match_queue q WHERE q.id = p_ticket;
    IF FOUND AND NOT quiz_may_name(mine.name) THEN
        PERFORM quiz_room_refuse_();
    END IF;
    IF FOUND AND mine.room IS NOT NULL THEN
        RETURN QUERY SELECT mine.room, NULL::BIGINT, NULL::TEXT, NULL::TEXT;
        RETURN;
    END IF;
    SELECT array_agg(o.id ORDER BY o.id) INTO ids FROM (
        SELECT q.id FROM match_queue q WHERE q.size = p_size AND q.room IS NULL
            AND q.gave_up = 0 AND q.enqueued_at > quiz_room_now_() - p_stale
            ORDER BY q.id LIMIT p_size) o;
    IF coalesce(cardinality(ids), 0) < p_size OR NOT p_ticket = ANY(ids) THEN
        RETURN;
    END IF;
    UPDATE match_queue q SET room = '@CLAIMED@' || p_ticket WHERE q.id = ANY(ids);
    RETURN QUERY SELECT NULL::TEXT, q.id, q.name, q.token_hash FROM match_queue q
        WHERE q.id = ANY(ids) ORDER BY q.id;
END
$body$;

-- The tickets this ticket claimed go into the match room opened for them.
CREATE OR REPLACE FUNCTION quiz_queue_place(p_ticket BIGINT, p_room TEXT)
RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $body$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM match_queue q WHERE q.id = p_ticket
                   AND quiz_may_name(q.name)) THEN
        PERFORM quiz_room_refuse_();
    END IF;
    UPDATE match_queue q SET room = p_room
        WHERE q.room = '@CLAIMED@' || p_ticket
          AND EXISTS (SELECT 1 FROM rooms r WHERE r.room = p_room AND r.kind = 'match');
END
$body$;

-- Leave the queue; the ticket's room instead if a match was made meanwhile.
CREATE OR REPLACE FUNCTION quiz_queue_give_up(p_ticket BIGINT)
RETURNS TEXT LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $body$
DECLARE
    mine match_queue%ROWTYPE;
BEGIN
    SELECT * INTO mine FROM match_queue q WHERE q.id = p_ticket;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF NOT quiz_may_name(mine.name) THEN
        PERFORM quiz_room_refuse_();
    END IF;
    UPDATE match_queue q SET gave_up = 1 WHERE q.id = p_ticket AND q.room IS NULL;
    RETURN mine.room;
END
$body$;

REVOKE EXECUTE ON FUNCTION quiz_queue_enqueue(TEXT, INTEGER, TEXT) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION quiz_queue_claim(BIGINT, INTEGER, DOUBLE PRECISION) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION quiz_queue_place(BIGINT, TEXT) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION quiz_queue_give_up(BIGINT) FROM PUBLIC;
