-- Each player's last day of play kept on their row (schema 16: players.last_day), so that who has
-- not taken part in a window (quiz org absent) is read from the roster's rows, not from each
-- member's day totals. quiz_day_changed is the one place a player's day gains its first answer
-- or loses its last (as actives.day_changed on SQLite); this replaces sql/functions.sql's
-- definition, adding the last day. Its search_path is pinned again below (CREATE OR REPLACE
-- resets it), as sql/authority.sql pins every function.

CREATE OR REPLACE FUNCTION quiz_day_changed(p_player BIGINT, p_day TEXT, p_sign INTEGER)
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
    ELSE  -- no later day: this day is now the last one, or the one before it is
        UPDATE players SET last_day = CASE WHEN p_sign > 0 THEN p_day ELSE before END
            WHERE id = p_player;
    END IF;
END
$body$;

DO $pin$
BEGIN
    EXECUTE format('ALTER FUNCTION quiz_day_changed(BIGINT, TEXT, INTEGER) '
                   'SET search_path = %I, pg_temp', current_schema());
END
$pin$;
REVOKE ALL ON FUNCTION quiz_day_changed(BIGINT, TEXT, INTEGER) FROM PUBLIC;
