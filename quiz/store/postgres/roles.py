"""The group roles of a shared PostgreSQL database and what each may do (schema 14; the
functions they call and the row-level security are in sql/authority.sql).

`set_up_roles` is `quiz org roles --db OWNER_URL`: run by the tables' owner (who needs
CREATEROLE), it creates the NOLOGIN group roles quiz_<database>_organiser, _host and _member
where missing, gives each exactly the grants below (everything else revoked first, so running
it again after an upgrade puts the grants right), and makes the members' database logins. A
migration run by the owner applies the grants again when the groups exist, so a new table is
granted as GRANTS says the moment it is made.

A new table or function is granted here or to no one: add it to GRANTS (docs/trust-model.md,
"Adding a table").
"""

from __future__ import annotations

from typing import Any, NamedTuple

import psycopg
from psycopg import sql

KINDS = ("organiser", "host", "member")

PLAY = ("players", "question_versions", "sessions", "answers", "day_totals", "version_totals",
        "first_attempts", "cards", "reviews", "mode_bests", "contest_events", "contest_results",
        "units", "member_list", "quiz_schema")  # fmt: skip
"""What every kind of user reads (row-level security shows a member only their own sessions,
answers, totals by question, first attempts, cards and reviews)."""
REPORTS = ("unit_day_totals", "unit_day_actives")
"""The participation report's running totals: organisers and hosts (a member's own figures
are in day_totals)."""
ROOMS = ("rooms", "room_questions", "room_seats", "room_answers", "match_queue", "room_guesses")
MEMBER_ROOMS = tuple(t for t in ROOMS if t not in ("room_questions", "room_answers"))
"""A member reads a room's questions only through quiz_room_questions (what its participants
may see now: no answer before it is revealed), never the table, and of room_answers only
ROOM_ANSWER_COLUMNS: what others gave, and whether it was right, through quiz_room_answers
once the question is no longer open (schema 17)."""
ROOM_ANSWER_COLUMNS = "room, position, name, seconds, answered_at"
ROOM_FUNCTIONS = (
    "quiz_room_answer(text, text, integer, text, text, text, text)",
    "quiz_room_reveal_if_all_answered(text, integer)",
    "quiz_room_answers(text)",
    "quiz_room_open(text, text, text, text, integer, text, text[], text[], text[], text[], text[])",
    "quiz_room_find(text, text)",
    "quiz_room_join(text, text, text)",
    "quiz_room_kick(text, text, text)",
    "quiz_room_start(text, text)",
    "quiz_room_advance(text, integer, text)",
    "quiz_room_check_in(text, text)",
    "quiz_room_close(text, text)",
    "quiz_queue_enqueue(text, integer, text)",
    "quiz_queue_claim(bigint, integer, double precision)",
    "quiz_queue_place(bigint, text)",
    "quiz_queue_give_up(bigint)",
)
"""Every write of a live room on PostgreSQL (schema 17: sql/room_moves.sql,
sql/room_answers.sql, sql/match_queue.sql), called by every kind of user who hosts or plays
one. Nobody but the owner writes a room table with plain statements: the functions check the
caller (quiz_may_name) and the seat's or host's token, so a room, its seats, answers, scores
and the match queue move only as their rules allow."""
PAPERS = ("papers", "paper_units", "paper_questions", "paper_attempts")
"""Assigned papers (schema 16): everyone reads them (a member their own open papers; row-level
security shows a member only their own attempts); written only by the functions of
sql/papers.sql."""
MEMBER_COLUMNS = "player_id, unit_id, login"
"""members without passcode_hash."""

ROLE_FUNCTIONS = ("quiz_caller()", "quiz_me()", "quiz_sees_all()", "quiz_host_has(bigint)",
                  "quiz_may_name(text)", "quiz_in_room(text)",
                  "quiz_room_questions(text)")  # fmt: skip
"""Called by the row-level security policies, so by everyone (and quiz_room_questions: what
a room's participants may read of its questions, sql/rooms.sql)."""
PLAY_FUNCTIONS = (
    "quiz_new_player(text, text)",
    "quiz_start_session(bigint, text, text, text, text, text, text)",
    "quiz_session_owner(bigint)",
    "quiz_answer(text, bigint, bigint, integer, text, text, text, text, text, text, text, text,"
    " integer, double precision, integer, text, text, integer, integer, integer, integer,"
    " double precision, boolean)",
    "quiz_review(bigint, text, text, text, integer, text, integer, integer, text)",
    "quiz_finish_open(bigint, boolean, integer, integer)",
    "quiz_finish_close(bigint, text, integer, integer, integer, integer, integer,"
    " double precision, integer, integer)",
    "quiz_drop_session(bigint)",
    "quiz_start_paper_attempt(bigint, bigint, text, text, text, text, text, text)",
)
ROSTER_FUNCTIONS = ("quiz_member_keys(text)", "quiz_add_member_key(text, text, text)",
                    "quiz_passcode_salts(text[])",
                    "quiz_set_passcodes(bigint[], text[])", "quiz_sync_logins(bigint[])",
                    "quiz_group(text)",
                    "quiz_publish_paper(text, text, text, integer, integer, double precision,"
                    " text, text, text[], text[], text[], text[])")  # fmt: skip
LOGIN_FUNCTIONS = ("quiz_login_salt(text)", "quiz_host_login(text, bytea)",
                   "quiz_host_login_key(text, text)", "quiz_member_keys(text)")  # fmt: skip

GRANTS: dict[str, tuple[str, ...]] = {
    "organiser": (
        *(f"GRANT SELECT ON {t} TO {{role}}" for t in (*PLAY, *REPORTS, *ROOMS, *PAPERS)),
        f"GRANT SELECT ({MEMBER_COLUMNS}) ON members TO {{role}}",
        "GRANT SELECT (player_id, added_at) ON member_keys TO {role}",
        "GRANT INSERT, UPDATE ON units, players TO {role}",
        f"GRANT INSERT ({MEMBER_COLUMNS}, passcode_hash), UPDATE (unit_id, login)"
        " ON members TO {role}",
        "GRANT INSERT, UPDATE ON unit_day_totals, unit_day_actives TO {role}",
        # a contest hosted at the organiser's desk: its events, result and finish
        "GRANT INSERT, UPDATE ON contest_events, contest_results TO {role}",
        "GRANT UPDATE ON sessions TO {role}",
        "GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
        *(
            f"GRANT EXECUTE ON FUNCTION {f} TO {{role}}"
            for f in (*ROLE_FUNCTIONS, *PLAY_FUNCTIONS, *ROSTER_FUNCTIONS, *ROOM_FUNCTIONS)
        ),
    ),
    "host": (
        *(f"GRANT SELECT ON {t} TO {{role}}" for t in (*PLAY, *REPORTS, *ROOMS, *PAPERS)),
        f"GRANT SELECT ({MEMBER_COLUMNS}) ON members TO {{role}}",
        *(
            f"GRANT EXECUTE ON FUNCTION {f} TO {{role}}"
            for f in (*ROLE_FUNCTIONS, *PLAY_FUNCTIONS, *LOGIN_FUNCTIONS, *ROOM_FUNCTIONS)
        ),
    ),
    "member": (
        *(f"GRANT SELECT ON {t} TO {{role}}" for t in (*PLAY, *MEMBER_ROOMS, *PAPERS)),
        f"GRANT SELECT ({ROOM_ANSWER_COLUMNS}) ON room_answers TO {{role}}",
        f"GRANT SELECT ({MEMBER_COLUMNS}) ON members TO {{role}}",
        *(
            f"GRANT EXECUTE ON FUNCTION {f} TO {{role}}"
            for f in (*ROLE_FUNCTIONS, *PLAY_FUNCTIONS, *ROOM_FUNCTIONS)
        ),
    ),
}


class RolesDone(NamedTuple):
    groups: dict[str, str]
    """kind → the group role's name."""
    created: tuple[str, ...]
    """The group roles made just now."""
    logins: tuple[tuple[str, str], ...]
    """Members' database logins that changed (as quiz_sync_logins says)."""


class RoleProblem(Exception):
    """The roles cannot be set up; `code` is a catalog key."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def group_names(conn: psycopg.Connection[Any]) -> dict[str, str]:
    return {kind: str(conn.execute("SELECT quiz_group(%s)", (kind,)).fetchone()[0])  # type: ignore[index]
            for kind in KINDS}  # fmt: skip


def groups_exist(conn: psycopg.Connection[Any]) -> bool:
    names = list(group_names(conn).values())
    row = conn.execute("SELECT count(*) FROM pg_roles WHERE rolname = ANY(%s)", (names,)).fetchone()
    return row is not None and int(row[0]) == len(names)


def set_up_roles(conn: psycopg.Connection[Any]) -> RolesDone:
    """The group roles made where missing and granted as GRANTS says, then the members'
    logins made: one transaction (RoleProblem, nothing changed, when it cannot be done)."""
    with conn.transaction():
        groups = group_names(conn)
        created = tuple(_ensure_group(conn, name) for name in groups.values())
        apply_grants(conn, groups)
        logins = conn.execute("SELECT login, outcome FROM quiz_sync_logins('{}')").fetchall()
    return RolesDone(groups, tuple(c for c in created if c),
                     tuple((str(a), str(b)) for a, b in logins))  # fmt: skip


def _ensure_group(conn: psycopg.Connection[Any], name: str) -> str:
    row = conn.execute(
        "SELECT rolcanlogin OR rolsuper FROM pg_roles WHERE rolname = %s", (name,)
    ).fetchone()
    if row is not None:
        if row[0]:  # a login of that name is somebody's: never taken over
            raise RoleProblem("org.roles_taken", role=name)
        return ""
    allowed = conn.execute(
        "SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user"
    ).fetchone()
    if not allowed or not allowed[0]:
        raise RoleProblem("org.roles_createrole")
    conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(name)))
    return name


def apply_grants(conn: psycopg.Connection[Any], groups: dict[str, str] | None = None) -> None:
    """Every grant of GRANTS, after revoking whatever each group had in this schema."""
    groups = groups or group_names(conn)
    schema = sql.Identifier(str(conn.execute("SELECT current_schema()").fetchone()[0]))  # type: ignore[index]
    for kind, name in groups.items():
        role = sql.Identifier(name)
        for revoke in ("REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}",
                       "REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {role}",
                       "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA {schema} FROM {role}",
                       "GRANT USAGE ON SCHEMA {schema} TO {role}"):  # fmt: skip
            conn.execute(sql.SQL(revoke).format(schema=schema, role=role))
        for grant in GRANTS[kind]:
            if not _present(conn, grant):
                continue
            # the statements are this module's constants; only the names are put in
            conn.execute(sql.SQL(grant).format(schema=schema, role=role))


FUNCTION_GRANT = "GRANT EXECUTE ON FUNCTION "


def _present(conn: psycopg.Connection[Any], grant: str) -> bool:
    """Whether a function grant names a function this database has: one added to schema 14
    after a database was first migrated to it (during its development) is skipped, not an
    error that would stop every later migration."""
    if not grant.startswith(FUNCTION_GRANT):
        return True
    signature = grant[len(FUNCTION_GRANT) :].split(" TO ")[0]
    row = conn.execute("SELECT to_regprocedure(%s) IS NOT NULL", (signature,)).fetchone()
    return bool(row and row[0])


def drop_campaign_roles(admin: psycopg.Connection[Any], database: str) -> None:
    """The group roles named after `database` and every login in them, run by a superuser once
    the database is gone (roles belong to the server and outlive it: a test's or a benchmark's
    scratch campaign would leave them behind)."""
    prefix = f"quiz_{database.lower()}_"
    groups = [r[0] for r in admin.execute(
        "SELECT rolname FROM pg_roles WHERE left(rolname, length(%s)) = %s", (prefix, prefix)
    )]  # fmt: skip
    logins = [r[0] for r in admin.execute(
        "SELECT DISTINCT r.rolname FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid"
        " JOIN pg_roles g ON g.oid = m.roleid WHERE g.rolname = ANY(%s)", (groups,)
    )]  # fmt: skip
    for name in (*logins, *groups):
        admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))
