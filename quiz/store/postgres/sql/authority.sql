-- Who may do what on a shared PostgreSQL database (schema 14; docs/trust-model.md).
--
-- Four kinds of user, each a NOLOGIN group role named after the database
-- (quiz_<database>_organiser, _host, _member: quiz_group()), so two campaigns share a server:
--   owner      owns the tables: migrations only (and everything, as PostgreSQL's owner);
--   organiser  the roster, keys, every report and every room's results; no hash or key by a
--              plain read (column grants; quiz_member_keys for the keys);
--   host       `quiz serve`: reads what a session shows, writes only through the functions
--              below, and only for a member it has authenticated (quiz_host_login checks the
--              passcode's SCRAM proof, or quiz_host_login_key the SSH key, and records a grant
--              for that host login and member, for a day);
--   member     a roster login (password = passcode, SCRAM): no INSERT/UPDATE/DELETE on any
--              table of play, writes only through the functions below and only as
--              themselves; row-level security shows them their own sessions, answers, cards.
-- The grants themselves are made by quiz.store.postgres.roles (`quiz org roles`), which
-- also creates the group roles; this file makes what does not depend on them existing.
--
-- Every function here is SECURITY DEFINER (it runs as the owner), and its search_path is
-- pinned to the schema it lives in at the end of the migration that loads this file; PUBLIC
-- may execute none of them. Identity is session_user (the login that connected): SET ROLE
-- cannot change it.

CREATE TABLE host_grants (
    host_role TEXT NOT NULL,
    player_id BIGINT NOT NULL REFERENCES players(id),
    expires_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (host_role, player_id)
);

-- The roster without its secrets, for whoever may not read passcode hashes (a view runs with
-- its owner's rights: the column grants of members keep passcode_hash from everyone else).
CREATE VIEW member_list AS SELECT player_id, unit_id, login,
    CASE WHEN passcode_hash IS NULL THEN 0 ELSE 1 END AS has_passcode FROM members;

-- The group role of one kind of user for this database (at most 63 bytes, PostgreSQL's limit).
CREATE FUNCTION quiz_group(p_kind TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $body$
    SELECT left('quiz_' || regexp_replace(lower(current_database()), '[^a-z0-9_]', '_', 'g'),
                62 - length(p_kind)) || '_' || p_kind
$body$;

-- What kind of user is connected: owner (the tables' owner, or a superuser), organiser,
-- host, member or none.
CREATE FUNCTION quiz_caller() RETURNS TEXT LANGUAGE plpgsql STABLE SECURITY DEFINER AS $body$
DECLARE
    kind TEXT;
    grp REGROLE;
BEGIN
    IF pg_has_role(session_user, (SELECT relowner FROM pg_class
                                  WHERE oid = 'quiz_schema'::regclass), 'USAGE') THEN
        RETURN 'owner';
    END IF;
    FOREACH kind IN ARRAY ARRAY['organiser', 'host', 'member'] LOOP
        grp := to_regrole(quiz_group(kind));  -- the catalog's cache, not a scan of every role
        IF grp IS NOT NULL AND pg_has_role(session_user, grp, 'MEMBER') THEN
            RETURN kind;
        END IF;
    END LOOP;
    RETURN 'none';
END
$body$;

-- The player a member's connection acts for (by their login); NULL for anyone else.
CREATE FUNCTION quiz_me() RETURNS BIGINT LANGUAGE sql STABLE SECURITY DEFINER AS $body$
    SELECT player_id FROM members
        WHERE login = session_user::TEXT COLLATE "C" AND quiz_caller() = 'member'
$body$;

-- Whether this host login has authenticated this player (a live grant of quiz_host_login).
CREATE FUNCTION quiz_host_has(p_player BIGINT) RETURNS BOOLEAN LANGUAGE sql STABLE
SECURITY DEFINER AS $body$
    SELECT quiz_caller() = 'host' AND EXISTS (
        SELECT 1 FROM host_grants WHERE host_role = session_user::TEXT
            AND player_id = p_player AND expires_at > now())
$body$;

-- Row-level security's test: the owner, an organiser and a host see every row; a member sees
-- the rows of their own player.
CREATE FUNCTION quiz_sees_all() RETURNS BOOLEAN LANGUAGE sql STABLE SECURITY DEFINER AS $body$
    SELECT quiz_caller() IN ('owner', 'organiser', 'host')
$body$;

-- Raises insufficient_privilege unless the caller may write as this player: the owner and an
-- organiser may; a member and a host only as the player they act for (quiz_me).
CREATE FUNCTION quiz_acting(p_player BIGINT) RETURNS VOID LANGUAGE plpgsql STABLE
SECURITY DEFINER AS $body$
BEGIN
    IF quiz_caller() IN ('owner', 'organiser') THEN
        RETURN;
    END IF;
    IF p_player IS NOT NULL AND (p_player = quiz_me() OR quiz_host_has(p_player)) THEN
        RETURN;
    END IF;
    RAISE EXCEPTION 'quiz: % may not act for player %', session_user, p_player
        USING ERRCODE = 'insufficient_privilege';
END
$body$;

-- Whether the caller may act under this player name (live rooms and the match queue name players).
CREATE FUNCTION quiz_may_name(p_name TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE
SECURITY DEFINER AS $body$
    SELECT quiz_caller() IN ('owner', 'organiser')
        OR EXISTS (SELECT 1 FROM players p WHERE p.name = p_name COLLATE "C"
                   AND (p.id = quiz_me() OR quiz_host_has(p.id)))
$body$;

-- Whether the caller is in this room (its host, or a seat).
CREATE FUNCTION quiz_in_room(p_pin TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE
SECURITY DEFINER AS $body$
    SELECT quiz_caller() IN ('owner', 'organiser')
        OR EXISTS (SELECT 1 FROM rooms r WHERE r.pin = p_pin AND quiz_may_name(r.host))
        OR EXISTS (SELECT 1 FROM room_seats s WHERE s.pin = p_pin AND quiz_may_name(s.name))
$body$;

-- A host's login of a member: the client key of SCRAM-SHA-256 (RFC 5802: HMAC(salted
-- passcode, "Client Key")) must hash to the member's stored key, so a host proves it was
-- given the passcode without the database ever seeing it. True records a grant: this host
-- login may act for that member for a day (quiz_host_has).
CREATE FUNCTION quiz_login_salt(p_login TEXT) RETURNS TEXT LANGUAGE sql STABLE
SECURITY DEFINER AS $body$
    -- 'SCRAM-SHA-256$<iterations>:<salt>' (an unknown login gets a made-up one, so a reply
    -- does not say which logins exist).
    SELECT COALESCE(
        (SELECT split_part(passcode_hash, '$', 1) || '$' || split_part(passcode_hash, '$', 2)
         FROM members WHERE login = p_login COLLATE "C" AND passcode_hash LIKE 'SCRAM-SHA-256$%'),
        'SCRAM-SHA-256$4096:' || encode(substr(sha256(convert_to('quiz:' || p_login, 'UTF8')),
                                               1, 16), 'base64'))
$body$;

CREATE FUNCTION quiz_grant(p_player BIGINT) RETURNS BOOLEAN LANGUAGE plpgsql VOLATILE
SECURITY DEFINER AS $body$
BEGIN
    IF quiz_caller() <> 'host' THEN
        RETURN TRUE;  -- the owner and an organiser act for anyone already
    END IF;
    DELETE FROM host_grants WHERE expires_at < now();
    INSERT INTO host_grants(host_role, player_id, expires_at)
        VALUES (session_user::TEXT, p_player, now() + interval '1 day')
        ON CONFLICT (host_role, player_id) DO UPDATE SET expires_at = excluded.expires_at;
    RETURN TRUE;
END
$body$;

CREATE FUNCTION quiz_host_login(p_login TEXT, p_client_key BYTEA) RETURNS BOOLEAN
LANGUAGE plpgsql VOLATILE SECURITY DEFINER AS $body$
DECLARE
    stored TEXT;
    player BIGINT;
BEGIN
    SELECT split_part(split_part(passcode_hash, '$', 3), ':', 1), player_id
        INTO stored, player
        FROM members WHERE login = p_login COLLATE "C" AND passcode_hash LIKE 'SCRAM-SHA-256$%';
    IF player IS NULL OR p_client_key IS NULL
       OR encode(sha256(p_client_key), 'base64') <> stored THEN
        RETURN FALSE;
    END IF;
    RETURN quiz_grant(player);
END
$body$;

-- A host's login of a member by SSH key: asyncssh has checked the client holds the private
-- key of `p_key`; the database checks the key is the member's.
CREATE FUNCTION quiz_host_login_key(p_login TEXT, p_key TEXT) RETURNS BOOLEAN
LANGUAGE plpgsql VOLATILE SECURITY DEFINER AS $body$
DECLARE
    player BIGINT;
BEGIN
    SELECT m.player_id INTO player FROM members m JOIN member_keys k ON k.player_id = m.player_id
        WHERE m.login = p_login COLLATE "C" AND k.public_key = p_key;
    IF player IS NULL THEN
        RETURN FALSE;
    END IF;
    RETURN quiz_grant(player);
END
$body$;

-- A member's keys, for an organiser (`org key add` reports a key added twice) and a host (the
-- SSH login): never by a plain read of member_keys.
CREATE FUNCTION quiz_member_keys(p_login TEXT) RETURNS SETOF TEXT LANGUAGE sql STABLE
SECURITY DEFINER AS $body$
    SELECT k.public_key FROM member_keys k JOIN members m ON m.player_id = k.player_id
        WHERE m.login = p_login COLLATE "C" ORDER BY k.added_at, k.public_key
$body$;

-- A key added by an organiser (`quiz org key add`), who may not read the keys: true when the
-- member had not had it; NULL when no member has the login.
CREATE FUNCTION quiz_add_member_key(p_login TEXT, p_key TEXT, p_at TEXT) RETURNS BOOLEAN
LANGUAGE plpgsql VOLATILE SECURITY DEFINER AS $body$
DECLARE
    player BIGINT;
BEGIN
    PERFORM quiz_acting(NULL);
    SELECT player_id INTO player FROM members WHERE login = p_login COLLATE "C";
    IF player IS NULL THEN
        RETURN NULL;
    END IF;
    INSERT INTO member_keys(player_id, public_key, added_at) VALUES (player, p_key, p_at)
        ON CONFLICT (player_id, public_key) DO NOTHING;
    RETURN FOUND;
END
$body$;

-- The salts of the stored passcodes ('SCRAM-SHA-256$<iterations>:<salt>'), by player name: a
-- roster import hashes an unchanged passcode to the very hash stored, without reading it.
CREATE FUNCTION quiz_passcode_salts(p_names TEXT[]) RETURNS TABLE (name TEXT, salt TEXT)
LANGUAGE sql STABLE SECURITY DEFINER AS $body$
    SELECT p.name::TEXT, split_part(m.passcode_hash, '$', 1) || '$'
                         || split_part(m.passcode_hash, '$', 2)
        FROM members m JOIN players p ON p.id = m.player_id
        WHERE p.name = ANY(p_names COLLATE "C") AND m.passcode_hash LIKE 'SCRAM-SHA-256$%'
$body$;

-- Passcode hashes written by an organiser's import (who may not read them): only those that
-- differ are written; returns the players whose hash changed.
CREATE FUNCTION quiz_set_passcodes(p_players BIGINT[], p_hashes TEXT[]) RETURNS SETOF BIGINT
LANGUAGE plpgsql VOLATILE SECURITY DEFINER AS $body$
BEGIN
    PERFORM quiz_acting(NULL);
    RETURN QUERY UPDATE members m SET passcode_hash = u.hash
        FROM unnest(p_players, p_hashes) AS u(player, hash)
        WHERE m.player_id = u.player AND m.passcode_hash IS DISTINCT FROM u.hash
        RETURNING m.player_id;
END
$body$;

-- Members' database logins kept in step with the roster (`quiz org import`), once the member
-- group exists (`quiz org roles`): a login role in the member group, its password the
-- member's SCRAM verifier, for each member with a login and a passcode (made when missing,
-- its password set again when the passcode changed, `p_changed`); member-group roles that no
-- member logs in with any more are disabled (NOLOGIN). A role of that name that is not in the
-- member group is someone else's: reported ('taken'), never touched. Returns what changed.
-- The owner needs CREATEROLE (it made the group roles).
CREATE FUNCTION quiz_sync_logins(p_changed BIGINT[])
RETURNS TABLE (login TEXT, outcome TEXT) LANGUAGE plpgsql VOLATILE SECURITY DEFINER AS $body$
DECLARE
    grp OID := to_regrole(quiz_group('member'));
    m RECORD;
    r RECORD;
BEGIN
    PERFORM quiz_acting(NULL);
    IF grp IS NULL THEN
        RETURN;  -- no roles set up: the database is used with one login
    END IF;
    FOR m IN SELECT x.player_id, x.login AS name, x.passcode_hash AS hash FROM members x
             WHERE x.login IS NOT NULL AND x.passcode_hash LIKE 'SCRAM-SHA-256$%' LOOP
        SELECT ro.rolcanlogin AS can,
               EXISTS (SELECT 1 FROM pg_auth_members am
                       WHERE am.member = ro.oid AND am.roleid = grp) AS ours
            INTO r FROM pg_roles ro WHERE ro.rolname = m.name::NAME;  -- NAME: its index
        login := m.name;
        IF NOT FOUND THEN
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', m.name, m.hash,
                           quiz_group('member'));
            outcome := 'created';
            RETURN NEXT;
        ELSIF NOT r.ours THEN
            outcome := 'taken';
            RETURN NEXT;
        ELSIF m.player_id = ANY(p_changed) OR NOT r.can THEN
            EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', m.name, m.hash);
            outcome := 'updated';
            RETURN NEXT;
        END IF;
    END LOOP;
    FOR r IN SELECT ro.rolname FROM pg_roles ro JOIN pg_auth_members am ON am.member = ro.oid
             WHERE am.roleid = grp AND ro.rolcanlogin
               AND NOT EXISTS (SELECT 1 FROM members x
                               WHERE x.login = ro.rolname::TEXT COLLATE "C"  -- its index
                                 AND x.passcode_hash LIKE 'SCRAM-SHA-256$%') LOOP
        EXECUTE format('ALTER ROLE %I NOLOGIN', r.rolname);
        login := r.rolname;
        outcome := 'disabled';
        RETURN NEXT;
    END LOOP;
END
$body$;

-- -- Play: the store's writes on PostgreSQL (quiz.store.store), each checking quiz_acting. ----

CREATE FUNCTION quiz_new_player(p_name TEXT, p_at TEXT) RETURNS BIGINT LANGUAGE plpgsql
VOLATILE SECURITY DEFINER AS $body$
DECLARE
    pid BIGINT;
BEGIN
    SELECT id INTO pid FROM players WHERE name = p_name COLLATE "C";
    IF pid IS NULL THEN
        PERFORM quiz_acting(NULL);  -- only the owner and an organiser make new players
        INSERT INTO players(name, created_at) VALUES (p_name, p_at) ON CONFLICT DO NOTHING;
        SELECT id INTO pid FROM players WHERE name = p_name COLLATE "C";
    END IF;
    RETURN pid;
END
$body$;

CREATE FUNCTION quiz_start_session(p_player BIGINT, p_kind TEXT, p_mode TEXT, p_plan TEXT,
    p_at TEXT, p_day TEXT, p_key TEXT) RETURNS BIGINT LANGUAGE plpgsql VOLATILE
SECURITY DEFINER AS $body$
DECLARE
    sid BIGINT;
BEGIN
    PERFORM quiz_acting(p_player);
    INSERT INTO sessions(player_id, kind, mode, plan, started_at, day, client_key)
        VALUES (p_player, p_kind, p_mode, p_plan, p_at, p_day, p_key)
        ON CONFLICT (client_key) DO NOTHING RETURNING id INTO sid;
    IF sid IS NULL THEN  -- made already, by this same call whose reply was lost
        SELECT id INTO sid FROM sessions WHERE client_key = p_key AND player_id = p_player;
        IF sid IS NULL THEN
            RAISE EXCEPTION 'quiz: that key is another player''s session'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    RETURN sid;
END
$body$;

-- The session's owner, checked against the caller (raises when it is another's).
CREATE FUNCTION quiz_session_owner(p_session BIGINT) RETURNS BIGINT LANGUAGE plpgsql STABLE
SECURITY DEFINER AS $body$
DECLARE
    owner BIGINT;
BEGIN
    SELECT player_id INTO owner FROM sessions WHERE id = p_session;
    PERFORM quiz_acting(owner);
    RETURN owner;
END
$body$;

-- An answer: quiz_record_answer's parameters, and whether it counts in the totals now (a
-- sealed run's answers are counted when it is handed in: quiz_finish_open).
CREATE FUNCTION quiz_answer(
    p_key TEXT, p_session BIGINT, p_player BIGINT, p_position INTEGER, p_question TEXT,
    p_version TEXT, p_record TEXT, p_section TEXT, p_tags TEXT, p_prompt TEXT,
    p_shown TEXT, p_given TEXT, p_correct INTEGER, p_seconds DOUBLE PRECISION,
    p_score INTEGER, p_at TEXT, p_day TEXT, p_total_correct INTEGER, p_total INTEGER,
    p_total_score INTEGER, p_best_streak INTEGER, p_elapsed DOUBLE PRECISION,
    p_counted BOOLEAN
) RETURNS BOOLEAN LANGUAGE plpgsql VOLATILE SECURITY DEFINER AS $body$
BEGIN
    IF quiz_session_owner(p_session) IS DISTINCT FROM p_player THEN
        RAISE EXCEPTION 'quiz: session % is not player %''s', p_session, p_player
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_counted THEN
        RETURN quiz_record_answer(p_key => p_key, p_session => p_session,
            p_player => p_player, p_position => p_position, p_question => p_question,
            p_version => p_version, p_record => p_record, p_section => p_section,
            p_tags => p_tags, p_prompt => p_prompt, p_shown => p_shown, p_given => p_given,
            p_correct => p_correct, p_seconds => p_seconds, p_score => p_score, p_at => p_at,
            p_day => p_day, p_total_correct => p_total_correct, p_total => p_total,
            p_total_score => p_total_score, p_best_streak => p_best_streak,
            p_elapsed => p_elapsed);
    END IF;
    -- rollups.record_answer(counted=False): the answer and its session, no totals.
    IF NOT EXISTS (SELECT 1 FROM sessions WHERE id = p_session AND status = 'unfinished') THEN
        RETURN FALSE;
    END IF;
    IF p_key IS NOT NULL THEN
        INSERT INTO answer_keys(key) VALUES (p_key) ON CONFLICT DO NOTHING;
        IF NOT FOUND THEN
            RETURN FALSE;
        END IF;
    END IF;
    INSERT INTO question_versions(hash, question_id, record, section, tags)
        VALUES (p_version, p_question, p_record, p_section, p_tags) ON CONFLICT DO NOTHING;
    INSERT INTO answers AS a (session_id, player_id, position, question_id, version, prompt,
            shown_options, given, is_correct, seconds, score, answered_at, day)
        VALUES (p_session, p_player, p_position, p_question, p_version, p_prompt, p_shown,
            p_given, p_correct, p_seconds, p_score, p_at, p_day)
        ON CONFLICT (session_id, position) DO UPDATE SET given = excluded.given,
            is_correct = excluded.is_correct, seconds = excluded.seconds,
            score = excluded.score, answered_at = excluded.answered_at, day = excluded.day;
    UPDATE sessions SET correct = p_total_correct, total = p_total, score = p_total_score,
        best_streak = p_best_streak, elapsed = p_elapsed WHERE id = p_session;
    RETURN TRUE;
END
$body$;

-- A study review: the card as the store computed it (FSRS, quiz.engine) and the review.
CREATE FUNCTION quiz_review(p_player BIGINT, p_question TEXT, p_card TEXT, p_due TEXT,
    p_state INTEGER, p_first_day TEXT, p_rating INTEGER, p_was_learned INTEGER, p_at TEXT)
RETURNS VOID LANGUAGE plpgsql VOLATILE SECURITY DEFINER AS $body$
BEGIN
    PERFORM quiz_acting(p_player);
    INSERT INTO cards(player_id, question_id, card, due, state, first_day)
        VALUES (p_player, p_question, p_card, p_due, p_state, p_first_day)
        ON CONFLICT (player_id, question_id) DO UPDATE SET
            card = excluded.card, due = excluded.due, state = excluded.state;
    INSERT INTO reviews(player_id, question_id, rating, was_learned, reviewed_at)
        VALUES (p_player, p_question, p_rating, p_was_learned, p_at);
END
$body$;

-- Finishing a run, first half (store.finish_session): the player locked, and for a run not
-- finished yet, a sealed run's answers counted and the bests kept. Returns the session's
-- owner, day, status, booked points and mode as they were.
CREATE FUNCTION quiz_finish_open(p_session BIGINT, p_sealed BOOLEAN, p_score INTEGER,
    p_streak INTEGER)
RETURNS TABLE (owner BIGINT, day TEXT, status TEXT, booked INTEGER, mode TEXT)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER AS $body$
DECLARE
    pid BIGINT := quiz_session_owner(p_session);
    a RECORD;
BEGIN
    PERFORM id FROM players WHERE id = pid FOR UPDATE;
    SELECT s.day, s.status, s.points, s.mode INTO day, status, booked, mode
        FROM sessions s WHERE s.id = p_session;
    owner := pid;
    IF status <> 'finished' THEN
        IF p_sealed THEN  -- rollups.count_session
            FOR a IN SELECT x.id, x.question_id, x.day, x.version, x.is_correct, x.seconds
                     FROM answers x WHERE x.session_id = p_session ORDER BY x.position LOOP
                PERFORM quiz_bump_totals(pid, a.day, a.version, 1, a.is_correct, a.seconds);
                INSERT INTO first_attempts(player_id, question_id, answer_id)
                    VALUES (pid, a.question_id, a.id) ON CONFLICT DO NOTHING;
            END LOOP;
        END IF;
        INSERT INTO mode_bests AS b (player_id, mode, score, streak)
            VALUES (pid, mode, p_score, p_streak)
            ON CONFLICT ON CONSTRAINT mode_bests_pkey DO UPDATE SET
                score = GREATEST(b.score, excluded.score),
                streak = GREATEST(b.streak, excluded.streak);
    END IF;
    RETURN NEXT;
END
$body$;

-- Second half: the points booked (once) and the session finished. Returns the points earned.
CREATE FUNCTION quiz_finish_close(p_session BIGINT, p_at TEXT, p_correct INTEGER,
    p_total INTEGER, p_score INTEGER, p_points INTEGER, p_best_streak INTEGER,
    p_elapsed DOUBLE PRECISION, p_passed INTEGER, p_won INTEGER)
RETURNS INTEGER LANGUAGE plpgsql VOLATILE SECURITY DEFINER AS $body$
DECLARE
    pid BIGINT := quiz_session_owner(p_session);
    s RECORD;
    earned INTEGER := p_points;
BEGIN
    SELECT x.day, x.status, x.points INTO s FROM sessions x WHERE x.id = p_session FOR UPDATE;
    IF s.status = 'finished' THEN
        earned := s.points;
    ELSIF earned <> 0 THEN  -- rollups.add_points
        INSERT INTO day_totals AS d (player_id, day, points) VALUES (pid, s.day, earned)
            ON CONFLICT (player_id, day) DO UPDATE SET points = d.points + excluded.points;
        INSERT INTO unit_day_totals AS u (unit_id, day, slot, answers, correct, points)
            VALUES (quiz_unit_of(pid), s.day, pid % @SLOTS@, 0, 0, earned)
            ON CONFLICT (unit_id, day, slot) DO UPDATE SET points = u.points + excluded.points;
        UPDATE players SET points = points + earned WHERE id = pid;
    END IF;
    UPDATE sessions SET status = 'finished', finished_at = p_at, correct = p_correct,
        total = p_total, score = p_score, points = earned, best_streak = p_best_streak,
        elapsed = p_elapsed, passed = p_passed, won = p_won
        WHERE id = p_session;
    RETURN earned;
END
$body$;

CREATE FUNCTION quiz_drop_session(p_session BIGINT) RETURNS VOID LANGUAGE plpgsql VOLATILE
SECURITY DEFINER AS $body$
BEGIN
    PERFORM quiz_session_owner(p_session);
    UPDATE sessions SET dropped = 1 WHERE id = p_session;
END
$body$;

-- -- Row-level security: what a member reads (and writes, in the live rooms). ---------------
-- The owner is not subject to it (it owns the tables); grants decide who has which statement
-- at all, these policies which rows. `(SELECT f())` is computed once per statement.

DO $rls$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['sessions', 'answers', 'cards', 'reviews', 'first_attempts',
                             'version_totals'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY quiz_read ON %I FOR SELECT USING ('
                       '(SELECT quiz_sees_all()) OR player_id = (SELECT quiz_me()))', t);
        EXECUTE format('CREATE POLICY quiz_organiser ON %I FOR ALL USING ('
                       '(SELECT quiz_caller()) = ''organiser'')', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['contest_events', 'contest_results'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        -- the session's own policy decides: a member sees the events of their own sessions
        EXECUTE format('CREATE POLICY quiz_read ON %I FOR SELECT USING ('
                       'EXISTS (SELECT 1 FROM sessions s WHERE s.id = session_id))', t);
        EXECUTE format('CREATE POLICY quiz_organiser ON %I FOR ALL USING ('
                       '(SELECT quiz_caller()) = ''organiser'')', t);
    END LOOP;
END
$rls$;

-- Live rooms: everyone in a room reads it; a member writes only as their seated self, a host
-- (the room's host name) its room; nobody but the owner deletes. The rooms' own checks
-- (seat and host tokens, schema 15) come on top of these.
ALTER TABLE rooms ENABLE ROW LEVEL SECURITY;
CREATE POLICY quiz_read ON rooms FOR SELECT USING (true);
CREATE POLICY quiz_open ON rooms FOR INSERT WITH CHECK (quiz_may_name(host) OR kind = 'match');
-- A room being played is moved on by whoever is in it, and joined (its version bumped, the
-- row locked) by whoever joins; an ended room stays as it is (schema 15's room functions may
-- narrow this further).
CREATE POLICY quiz_move ON rooms FOR UPDATE
    USING (phase NOT IN ('finished', 'closed') OR quiz_in_room(pin));
ALTER TABLE room_questions ENABLE ROW LEVEL SECURITY;
CREATE POLICY quiz_read ON room_questions FOR SELECT USING (true);
CREATE POLICY quiz_ask ON room_questions FOR INSERT WITH CHECK (quiz_in_room(pin));
ALTER TABLE room_seats ENABLE ROW LEVEL SECURITY;
CREATE POLICY quiz_read ON room_seats FOR SELECT USING (true);
CREATE POLICY quiz_sit ON room_seats FOR INSERT WITH CHECK (
    quiz_may_name(name)
    OR EXISTS (SELECT 1 FROM rooms r WHERE r.pin = room_seats.pin AND r.kind = 'match'));
CREATE POLICY quiz_score ON room_seats FOR UPDATE USING (quiz_in_room(pin));
ALTER TABLE room_answers ENABLE ROW LEVEL SECURITY;
CREATE POLICY quiz_read ON room_answers FOR SELECT USING (true);
CREATE POLICY quiz_answer ON room_answers FOR INSERT WITH CHECK (quiz_may_name(name));
ALTER TABLE match_queue ENABLE ROW LEVEL SECURITY;
CREATE POLICY quiz_read ON match_queue FOR SELECT USING (true);
CREATE POLICY quiz_queue ON match_queue FOR INSERT WITH CHECK (quiz_may_name(name));
CREATE POLICY quiz_match ON match_queue FOR UPDATE USING (true);

-- Pinned search_path and no EXECUTE for PUBLIC, for every function of quiz's in this schema
-- (those of sql/functions.sql too: a member may not call quiz_record_answer directly).
DO $pin$
DECLARE
    f REGPROCEDURE;
BEGIN
    FOR f IN SELECT p.oid FROM pg_proc p
             WHERE p.pronamespace = current_schema()::regnamespace
               AND p.proname LIKE 'quiz\_%' LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, current_schema());
        EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
    END LOOP;
END
$pin$;
