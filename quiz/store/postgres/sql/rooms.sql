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
-- Any role may call it: it hands only what every participant sees anyway.
--
-- Loaded by migration 14 (quiz.store.postgres.schema.room_functions).

CREATE OR REPLACE FUNCTION quiz_room_questions(p_room TEXT)
RETURNS TABLE (pos INTEGER, record TEXT)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $body$
    SELECT q.position,
           CASE WHEN q.position < r.position OR r.phase IN ('reveal', 'finished', 'closed')
                THEN q.record ELSE q.shown END
    FROM rooms r JOIN room_questions q ON q.room = r.room
    WHERE r.room = p_room AND (q.position <= r.position OR r.phase IN ('finished', 'closed'))
$body$;
