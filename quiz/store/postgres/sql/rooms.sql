-- What a live room's participants may read of its questions, on the server, so that a role
-- allowed only this function (a member: see the authority rules) cannot read ahead with plain
-- SQL: nothing before a question is shown; while it is open, `shown` (prompt and options, no
-- answer, explanation or source: quiz.rooms.codec); its record once its answer is revealed (the
-- reveal, the podium, a room closed early). Once the room has ended, every question, whole. quiz.store.room_reading runs the same query on
-- SQLite, where the file's permissions are the boundary.
--
-- SECURITY DEFINER: it reads room_questions with its owner's rights, whatever the caller may
-- read; `SET search_path FROM CURRENT` pins the schema it was made in, so a caller's own
-- search_path cannot put another `rooms` table in front of it.
--
-- Every kind of user may call it (quiz.store.postgres.roles.ROLE_FUNCTIONS): it hands only
-- what every participant sees anyway.
--
-- Loaded by migration 15 (quiz.store.postgres.schema), after sql/authority.sql (14), whose
-- conventions it keeps: pinned search_path, no EXECUTE for PUBLIC.

CREATE OR REPLACE FUNCTION quiz_room_questions(p_room TEXT)
RETURNS TABLE (pos INTEGER, record TEXT)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $body$
    SELECT q.position,
           CASE WHEN q.position < r.position OR r.phase IN ('reveal', 'finished', 'closed')
                THEN q.record ELSE q.shown END
    FROM rooms r JOIN room_questions q ON q.room = r.room
    WHERE r.room = p_room AND (q.position <= r.position OR r.phase IN ('finished', 'closed'))
$body$;

-- The rooms are keyed by `room` since migration 15 (their PIN is free again once they end):
-- quiz_in_room, called by the rooms' row-level security policies (which follow the renamed
-- column by themselves), reads the renamed columns. CREATE OR REPLACE keeps its grants.
CREATE OR REPLACE FUNCTION quiz_in_room(p_pin TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE
SECURITY DEFINER SET search_path FROM CURRENT AS $body$
    SELECT quiz_caller() IN ('owner', 'organiser')
        OR EXISTS (SELECT 1 FROM rooms r WHERE r.room = p_pin AND quiz_may_name(r.host))
        OR EXISTS (SELECT 1 FROM room_seats s WHERE s.room = p_pin AND quiz_may_name(s.name))
$body$;

-- A PIN that found no live room is counted against whoever typed it, and only by them: a
-- member cannot fill another's count (nor empty their own: nobody but the owner deletes).
ALTER TABLE room_guesses ENABLE ROW LEVEL SECURITY;
CREATE POLICY quiz_read ON room_guesses FOR SELECT USING (true);
CREATE POLICY quiz_guess ON room_guesses FOR INSERT WITH CHECK (quiz_may_name(who));

REVOKE EXECUTE ON FUNCTION quiz_room_questions(TEXT) FROM PUBLIC;
