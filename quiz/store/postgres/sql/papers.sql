-- Assigned papers' writes on PostgreSQL (schema 16, quiz.store.papers): publishing a paper and
-- starting an attempt, each one call, so that who may do them is decided here and by grants,
-- not by table rights. SECURITY DEFINER (they run as the tables' owner), search_path pinned
-- to this schema (as authority.sql pins its own), and PUBLIC may execute neither.
--
-- Who may: only the owner and organisers publish (quiz_caller), and an attempt is started only
-- by whoever may act for its player (quiz_acting: a member as themselves, a host for a member
-- it has authenticated): sql/authority.sql, schema 14. Grants: quiz.store.postgres.roles.
-- paper_attempts has row-level security as sessions have: a member reads their own attempts.
--
-- The store checks a start with the rules of quiz.org.papers (its messages) in the same
-- transaction first; the checks below repeat the ones that matter, for callers other than
-- quiz, and raise check_violation with the catalog key.

CREATE FUNCTION quiz_publish_paper(p_title TEXT, p_opens TEXT, p_closes TEXT,
    p_minutes INTEGER, p_attempts INTEGER, p_pass DOUBLE PRECISION, p_created_at TEXT,
    p_created_by TEXT, p_units TEXT[], p_ids TEXT[], p_versions TEXT[], p_records TEXT[])
RETURNS BIGINT LANGUAGE plpgsql VOLATILE SECURITY DEFINER
AS $body$
DECLARE
    paper BIGINT;
    missing TEXT;
BEGIN
    IF quiz_caller() NOT IN ('owner', 'organiser') THEN
        RAISE EXCEPTION 'quiz: % may not publish papers', session_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT u INTO missing FROM unnest(p_units) AS u
        WHERE NOT EXISTS (SELECT 1 FROM units WHERE path = u) LIMIT 1;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'org.no_unit' USING ERRCODE = 'check_violation', DETAIL = missing;
    END IF;
    INSERT INTO papers(title, opens, closes, minutes, attempts, pass_mark, questions,
            created_at, created_by)
        VALUES (p_title, p_opens, p_closes, p_minutes, p_attempts, p_pass,
                cardinality(p_ids), p_created_at, p_created_by)
        RETURNING id INTO paper;
    INSERT INTO paper_units(paper_id, unit_id)
        SELECT DISTINCT paper, id FROM units WHERE path = ANY (p_units);
    INSERT INTO paper_questions(paper_id, position, question_id, version, record)
        SELECT paper, n - 1, p_ids[n], p_versions[n], p_records[n]
        FROM generate_subscripts(p_ids, 1) AS n;
    RETURN paper;
END
$body$;

-- A new attempt's session, after the checks: open at p_at, the player a member of one of the
-- paper's units (or a unit under one), an attempt left. The player's row is locked first, so
-- two attempts started at once queue and the second sees the first.
CREATE FUNCTION quiz_start_paper_attempt(p_paper BIGINT, p_player BIGINT, p_mode TEXT,
    p_plan TEXT, p_at TEXT, p_day TEXT, p_key TEXT, p_deadline TEXT)
RETURNS BIGINT LANGUAGE plpgsql VOLATILE SECURITY DEFINER
AS $body$
DECLARE
    p papers%ROWTYPE;
    used INTEGER;
    sid BIGINT;
BEGIN
    PERFORM quiz_acting(p_player);
    PERFORM id FROM players WHERE id = p_player FOR UPDATE;
    SELECT * INTO p FROM papers WHERE id = p_paper;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'paper.unknown' USING ERRCODE = 'check_violation';
    END IF;
    IF p_at::timestamptz < p.opens::timestamptz OR p_at::timestamptz >= p.closes::timestamptz
    THEN
        RAISE EXCEPTION 'paper.closed' USING ERRCODE = 'check_violation';
    END IF;
    IF NOT EXISTS (
        SELECT 1 FROM members m JOIN units u ON u.id = m.unit_id
        JOIN paper_units pu ON pu.paper_id = p_paper JOIN units t ON t.id = pu.unit_id
        WHERE m.player_id = p_player
          AND (u.path = t.path OR substr(u.path, 1, length(t.path) + 1) = t.path || '/'))
    THEN
        RAISE EXCEPTION 'paper.not_for_you' USING ERRCODE = 'check_violation';
    END IF;
    SELECT COUNT(*) INTO used FROM paper_attempts
        WHERE paper_id = p_paper AND player_id = p_player;
    IF used >= p.attempts THEN
        RAISE EXCEPTION 'paper.no_attempts_left' USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO sessions(player_id, kind, mode, plan, started_at, day, client_key)
        VALUES (p_player, 'run', p_mode, p_plan, p_at, p_day, p_key)
        RETURNING id INTO sid;
    INSERT INTO paper_attempts(paper_id, player_id, attempt, session_id, started_at, deadline)
        VALUES (p_paper, p_player, used + 1, sid, p_at, p_deadline);
    RETURN sid;
END
$body$;

ALTER TABLE paper_attempts ENABLE ROW LEVEL SECURITY;
CREATE POLICY quiz_read ON paper_attempts FOR SELECT USING (
    (SELECT quiz_sees_all()) OR player_id = (SELECT quiz_me()));

REVOKE ALL ON FUNCTION quiz_publish_paper(TEXT, TEXT, TEXT, INTEGER, INTEGER,
    DOUBLE PRECISION, TEXT, TEXT, TEXT[], TEXT[], TEXT[], TEXT[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION quiz_start_paper_attempt(BIGINT, BIGINT, TEXT, TEXT, TEXT, TEXT, TEXT,
    TEXT) FROM PUBLIC;

DO $pin$
DECLARE
    f REGPROCEDURE;
BEGIN
    FOREACH f IN ARRAY ARRAY[
        'quiz_publish_paper(text, text, text, integer, integer, double precision, text, text,'
        ' text[], text[], text[], text[])'::regprocedure,
        'quiz_start_paper_attempt(bigint, bigint, text, text, text, text, text, text)'
        ::regprocedure] LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, current_schema());
    END LOOP;
END
$pin$;
