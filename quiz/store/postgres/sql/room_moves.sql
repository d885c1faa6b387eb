-- Every write of a live room as a server-side function (schema 17), so that a member, who has
-- no INSERT, UPDATE or DELETE on any room table (quiz.store.postgres.roles), moves a room only
-- as its rules allow: opening, finding by PIN (a miss counted against oneself), joining, the
-- host's moves with the host's token (start, advance or skip, kick, close, check in), and
-- ending a question whose time is up, which anyone in the room may do.
--
-- Each is quiz.store.rooms.Rooms' method of the same name on SQLite, step for step (the store
-- tests run both backends); it returns a status the method turns into its RoomError
-- ('missing': room.not_found, 'not_host', 'ended', 'name_taken', 'kicked', 'taken': the PIN
-- is live again, try another). Writing under another player's name is refused with SQLSTATE
-- 42501, as row-level security refused it before. Tokens are compared as their SHA-256
-- (quiz.store.rooms.token_hash). Every change players see bumps the room's version once and is
-- announced on @NOTIFY_CHANNEL@.
--
-- The helpers ending in `_` are called only by these functions (with their owner's rights):
-- granted to nobody.
--
-- Loaded by migration 17 (quiz.store.postgres.schema), before sql/room_answers.sql.

CREATE OR REPLACE FUNCTION quiz_room_hash_(p_token TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE SET search_path FROM CURRENT AS $body$
    SELECT encode(sha256(convert_to(p_token, 'UTF8')), 'hex')
$body$;

CREATE OR REPLACE FUNCTION quiz_room_now_() RETURNS DOUBLE PRECISION
LANGUAGE sql VOLATILE SET search_path FROM CURRENT AS $body$
    SELECT extract(epoch from clock_timestamp())::DOUBLE PRECISION
$body$;

CREATE OR REPLACE FUNCTION quiz_room_refuse_() RETURNS VOID
LANGUAGE plpgsql SET search_path FROM CURRENT AS $body$
BEGIN
    RAISE EXCEPTION 'a room is written only as the player this login acts for'
        USING ERRCODE = '42501';
END
$body$;

-- The new version, with whatever else changed, announced.
CREATE OR REPLACE FUNCTION quiz_room_bump_(p_room TEXT, p_version INTEGER) RETURNS VOID
LANGUAGE plpgsql SET search_path FROM CURRENT AS $body$
BEGIN
    UPDATE rooms SET version = p_version + 1, updated_at = quiz_room_now_() WHERE room = p_room;
    PERFORM pg_notify('@NOTIFY_CHANNEL@', p_room || ':' || (p_version + 1));
END
$body$;

CREATE OR REPLACE FUNCTION quiz_room_open_question_(
    p_room TEXT, p_position INTEGER, p_seconds INTEGER, p_version INTEGER) RETURNS VOID
LANGUAGE plpgsql SET search_path FROM CURRENT AS $body$
BEGIN
    UPDATE rooms SET phase = 'question', position = p_position,
                     deadline = quiz_room_now_() + p_seconds::DOUBLE PRECISION,
                     reveal_until = NULL
        WHERE room = p_room;
    PERFORM quiz_room_bump_(p_room, p_version);
END
$body$;

-- Whoever did not answer loses their streak, as a wrong answer would.
CREATE OR REPLACE FUNCTION quiz_room_reveal_(
    p_room TEXT, p_version INTEGER, p_now DOUBLE PRECISION) RETURNS VOID
LANGUAGE plpgsql SET search_path FROM CURRENT AS $body$
BEGIN
    UPDATE room_seats x SET streak = 0 WHERE x.room = p_room AND NOT EXISTS (
        SELECT 1 FROM room_answers y WHERE y.room = x.room AND y.name = x.name
        AND y.position = (SELECT r.position FROM rooms r WHERE r.room = p_room));
    UPDATE rooms SET phase = 'reveal', reveal_until = p_now + @MATCH_REVEAL_SECONDS@
        WHERE room = p_room;
    PERFORM quiz_room_bump_(p_room, p_version);
END
$body$;

CREATE OR REPLACE FUNCTION quiz_room_close_if_all_answered_(p_room TEXT) RETURNS VOID
LANGUAGE plpgsql SET search_path FROM CURRENT AS $body$
DECLARE
    r rooms%ROWTYPE;
    waiting INTEGER;
    seated INTEGER;
BEGIN
    SELECT * INTO r FROM rooms WHERE room = p_room;
    IF r.phase <> 'question' THEN
        RETURN;
    END IF;
    SELECT count(*) INTO waiting FROM room_seats x WHERE x.room = p_room AND x.kicked = 0
        AND NOT EXISTS (SELECT 1 FROM room_answers y WHERE y.room = x.room AND y.name = x.name
                        AND y.position = r.position);
    SELECT count(*) INTO seated FROM room_seats x WHERE x.room = p_room AND x.kicked = 0;
    IF seated > 0 AND waiting = 0 THEN
        PERFORM quiz_room_reveal_(p_room, r.version, quiz_room_now_());
    END IF;
END
$body$;

-- The room locked for a host's move: 'missing', 'not_host' or '' (go on).
CREATE OR REPLACE FUNCTION quiz_room_host_check_(p_room TEXT, p_host_token TEXT)
RETURNS TEXT LANGUAGE sql SET search_path FROM CURRENT AS $body$
    SELECT COALESCE((SELECT CASE WHEN r.host_token_hash IS NOT NULL
                                  AND r.host_token_hash = quiz_room_hash_(p_host_token)
                                 THEN '' ELSE 'not_host' END
                     FROM rooms r WHERE r.room = p_room FOR NO KEY UPDATE), 'missing')
$body$;

CREATE OR REPLACE FUNCTION quiz_room_open(
    p_room TEXT, p_pin TEXT, p_kind TEXT, p_host TEXT, p_seconds INTEGER, p_host_token TEXT,
    p_records TEXT[], p_shown TEXT[], p_keys TEXT[], p_seat_names TEXT[], p_seat_hashes TEXT[])
RETURNS TEXT LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $body$
DECLARE
    now_s DOUBLE PRECISION := quiz_room_now_();
BEGIN
    -- a room of one's own, empty; or a matched race, seated from the queue (no host)
    IF NOT (quiz_may_name(p_host) AND cardinality(p_seat_names) = 0 OR p_kind = 'match') THEN
        PERFORM quiz_room_refuse_();
    END IF;
    IF EXISTS (SELECT 1 FROM rooms WHERE pin = p_pin
               AND phase IN ('lobby', 'question', 'reveal')) THEN
        RETURN 'taken';
    END IF;
    BEGIN
        INSERT INTO rooms(room, pin, kind, host, phase, version, position, count, seconds,
                          created_at, updated_at, host_seen, host_token_hash)
            VALUES (p_room, p_pin, p_kind, p_host, 'lobby', 1, -1, cardinality(p_records),
                    p_seconds, now_s, now_s, CASE WHEN p_kind = 'room' THEN now_s END,
                    quiz_room_hash_(p_host_token));
    EXCEPTION WHEN unique_violation THEN
        RETURN 'taken';  -- another room took the PIN meanwhile
    END;
    INSERT INTO room_questions(room, position, record, shown, right_key)
        SELECT p_room, i - 1, p_records[i], p_shown[i], p_keys[i]
        FROM generate_subscripts(p_records, 1) i;
    INSERT INTO room_seats(room, name, seat, joined_at, token_hash)
        SELECT p_room, p_seat_names[i], i, now_s, p_seat_hashes[i]
        FROM generate_subscripts(p_seat_names, 1) i;
    PERFORM pg_notify('@NOTIFY_CHANNEL@', p_room || ':1');
    RETURN 'ok';
END
$body$;

-- The live room this PIN names, or why not: 'wait' (too many misses: `seconds` to wait) or
-- 'missing' (the miss counted against `p_who`).
CREATE OR REPLACE FUNCTION quiz_room_find(p_pin TEXT, p_who TEXT)
RETURNS TABLE (status TEXT, room TEXT, seconds INTEGER)
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $body$
DECLARE
    now_s DOUBLE PRECISION := quiz_room_now_();
    misses INTEGER;
    oldest DOUBLE PRECISION;
    found_room TEXT;
BEGIN
    IF NOT quiz_may_name(p_who) THEN  -- PINs are tried, and misses counted, only as oneself
        PERFORM quiz_room_refuse_();
    END IF;
    SELECT count(*), min(g.at) INTO misses, oldest FROM room_guesses g
        WHERE g.who = p_who AND g.at > now_s - @GUESS_WINDOW_SECONDS@;
    IF misses >= @GUESS_LIMIT@ THEN
        RETURN QUERY SELECT 'wait', NULL::TEXT,
            greatest(1, ceil(oldest + @GUESS_WINDOW_SECONDS@ - now_s))::INTEGER;
        RETURN;
    END IF;
    SELECT r.room INTO found_room FROM rooms r
        WHERE r.pin = p_pin AND r.phase IN ('lobby', 'question', 'reveal');
    IF found_room IS NOT NULL THEN
        RETURN QUERY SELECT 'ok', found_room, NULL::INTEGER;
        RETURN;
    END IF;
    INSERT INTO room_guesses(who, at) VALUES (p_who, now_s);
    RETURN QUERY SELECT 'missing', NULL::TEXT, NULL::INTEGER;
END
$body$;

CREATE OR REPLACE FUNCTION quiz_room_join(p_room TEXT, p_name TEXT, p_token TEXT)
RETURNS TEXT LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $body$
DECLARE
    r rooms%ROWTYPE;
    s room_seats%ROWTYPE;
    number INTEGER;
BEGIN
    SELECT * INTO r FROM rooms WHERE rooms.room = p_room FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RETURN 'missing';
    END IF;
    IF r.phase IN ('finished', 'closed') THEN
        RETURN 'ended';
    END IF;
    SELECT * INTO s FROM room_seats WHERE room_seats.room = p_room AND name = p_name;
    IF FOUND AND (s.token_hash IS NULL OR s.token_hash <> quiz_room_hash_(p_token)) THEN
        RETURN CASE WHEN r.kind = 'match' THEN 'missing' ELSE 'name_taken' END;
    END IF;
    IF FOUND AND s.kicked <> 0 THEN
        RETURN 'kicked';
    END IF;
    IF FOUND THEN
        RETURN 'ok';  -- one's seat back: same score, same question
    END IF;
    IF r.kind = 'match' THEN
        RETURN 'missing';
    END IF;
    IF NOT quiz_may_name(p_name) THEN
        PERFORM quiz_room_refuse_();
    END IF;
    SELECT count(*) + 1 INTO number FROM room_seats WHERE room_seats.room = p_room;
    INSERT INTO room_seats(room, name, seat, joined_at, token_hash)
        VALUES (p_room, p_name, number, quiz_room_now_(), quiz_room_hash_(p_token));
    PERFORM quiz_room_bump_(p_room, r.version);
    RETURN 'ok';
END
$body$;

CREATE OR REPLACE FUNCTION quiz_room_kick(p_room TEXT, p_name TEXT, p_host_token TEXT)
RETURNS TEXT LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $body$
DECLARE
    checked TEXT := quiz_room_host_check_(p_room, p_host_token);
BEGIN
    IF checked <> '' THEN
        RETURN checked;
    END IF;
    UPDATE room_seats SET kicked = 1 WHERE room = p_room AND name = p_name AND kicked = 0;
    PERFORM quiz_room_bump_(p_room, (SELECT version FROM rooms WHERE room = p_room));
    PERFORM quiz_room_close_if_all_answered_(p_room);
    RETURN 'ok';
END
$body$;

CREATE OR REPLACE FUNCTION quiz_room_start(p_room TEXT, p_host_token TEXT)
RETURNS TEXT LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $body$
DECLARE
    checked TEXT := quiz_room_host_check_(p_room, p_host_token);
    r rooms%ROWTYPE;
BEGIN
    IF checked <> '' THEN
        RETURN checked;
    END IF;
    SELECT * INTO r FROM rooms WHERE room = p_room;
    IF r.phase = 'lobby' THEN
        PERFORM quiz_room_open_question_(p_room, 0, r.seconds, r.version);
    END IF;
    RETURN 'ok';
END
$body$;

-- One step on if it is due, or at once with the host's token: 'moved' or 'stayed'.
CREATE OR REPLACE FUNCTION quiz_room_advance(
    p_room TEXT, p_expected INTEGER, p_host_token TEXT)
RETURNS TEXT LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $body$
DECLARE
    r rooms%ROWTYPE;
    now_s DOUBLE PRECISION;
    force BOOLEAN := p_host_token IS NOT NULL;
BEGIN
    SELECT * INTO r FROM rooms WHERE room = p_room FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RETURN 'missing';
    END IF;
    IF force AND (r.host_token_hash IS NULL
                  OR r.host_token_hash <> quiz_room_hash_(p_host_token)) THEN
        RETURN 'not_host';
    END IF;
    IF p_expected IS NOT NULL AND r.version <> p_expected THEN
        RETURN 'stayed';
    END IF;
    now_s := quiz_room_now_();
    IF r.phase = 'question' THEN
        IF NOT force AND (r.deadline IS NULL OR now_s <= r.deadline) THEN
            RETURN 'stayed';
        END IF;
        PERFORM quiz_room_reveal_(p_room, r.version, now_s);
        RETURN 'moved';
    END IF;
    IF r.phase = 'reveal' THEN
        IF NOT force AND (r.reveal_until IS NULL OR now_s <= r.reveal_until) THEN
            RETURN 'stayed';
        END IF;
        IF r.position + 1 >= r.count THEN
            UPDATE rooms SET phase = 'finished' WHERE room = p_room;
            PERFORM quiz_room_bump_(p_room, r.version);
        ELSE
            PERFORM quiz_room_open_question_(p_room, r.position + 1, r.seconds, r.version);
        END IF;
        RETURN 'moved';
    END IF;
    RETURN 'stayed';
END
$body$;

-- The host's process is there: no new version, no notification.
CREATE OR REPLACE FUNCTION quiz_room_check_in(p_room TEXT, p_host_token TEXT)
RETURNS TEXT LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $body$
DECLARE
    checked TEXT;
BEGIN
    -- not locked: a check-in waits for no move
    SELECT COALESCE((SELECT CASE WHEN r.host_token_hash IS NOT NULL
                                  AND r.host_token_hash = quiz_room_hash_(p_host_token)
                                 THEN '' ELSE 'not_host' END
                     FROM rooms r WHERE r.room = p_room), 'missing') INTO checked;
    IF checked <> '' THEN
        RETURN checked;
    END IF;
    UPDATE rooms SET host_seen = quiz_room_now_() WHERE room = p_room;
    RETURN 'ok';
END
$body$;

CREATE OR REPLACE FUNCTION quiz_room_close(p_room TEXT, p_host_token TEXT)
RETURNS TEXT LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $body$
DECLARE
    checked TEXT := quiz_room_host_check_(p_room, p_host_token);
    r rooms%ROWTYPE;
BEGIN
    IF checked <> '' THEN
        RETURN checked;
    END IF;
    SELECT * INTO r FROM rooms WHERE room = p_room;
    IF r.phase NOT IN ('finished', 'closed') THEN
        UPDATE rooms SET phase = 'closed' WHERE room = p_room;
        PERFORM quiz_room_bump_(p_room, r.version);
    END IF;
    RETURN 'ok';
END
$body$;

DO $revoke$
DECLARE
    f REGPROCEDURE;
BEGIN
    FOR f IN SELECT p.oid FROM pg_proc p
             WHERE p.pronamespace = current_schema()::regnamespace
               AND p.proname LIKE 'quiz\_room\_%' LOOP
        EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
    END LOOP;
END
$revoke$;
