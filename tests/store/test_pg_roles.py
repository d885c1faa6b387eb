"""PostgreSQL enforces who may do what (issue 24): a campaign's database set up with `quiz org
roles`, then used as a member, a host and an organiser would, through psycopg's plain SQL and
through the store. Each refusal is PostgreSQL's (SQLSTATE 42501), not the client's.

This server trusts local connections (it checks no password): logging in as someone is just
naming them here; test_pg_scram.py runs its own cluster with scram-sha-256 for the passwords.
Each test gets a database of its own (the roles are named after it), dropped with its roles.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from click.testing import CliRunner, Result
from psycopg import sql

from quiz.cli.main import cli
from quiz.engine.modes import Mode
from quiz.engine.session import Phase
from quiz.store.errors import StoreError
from quiz.store.opening import open_store
from quiz.store.postgres.roles import drop_campaign_roles
from quiz.system.clock import FixedClock
from quiz.system.locations import as_login
from quiz.usecases.play import Run
from tests.factories import START, bank, right
from tests.store_backends import with_database

UNIT = "武汉大学/计算机学院"
KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"


def quiz(*args: str) -> Result:
    return CliRunner().invoke(cli, ["--lang", "en", *args])


@dataclass
class Campaign:
    owner: str
    """The owner's URL (the server's superuser here)."""
    database: str
    tag: str
    """Makes this test's logins its own."""
    folder: Path

    def login(self, name: str) -> str:
        return f"{name}-{self.tag}"

    def url(self, login: str) -> str:
        return as_login(self.owner, login)

    def sql(self, login: str, statement: str, params: tuple[object, ...] = ()) -> list[Any]:
        with psycopg.connect(self.url(login), autocommit=True) as conn:
            cursor = conn.execute(statement, params)
            return cursor.fetchall() if cursor.description else []

    def refused(self, login: str, statement: str, params: tuple[object, ...] = ()) -> None:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            self.sql(login, statement, params)

    def owner_sql(self, statement: str, params: tuple[object, ...] = ()) -> list[Any]:
        with psycopg.connect(self.owner, autocommit=True) as conn:
            cursor = conn.execute(statement, params)
            return cursor.fetchall() if cursor.description else []

    def new_login(self, kind: str, name: str) -> str:
        """A login role in one of the groups, made as a DBA would for a host or an organiser."""
        login = self.login(name)
        group = f"quiz_{self.database}_{kind}"
        self.owner_sql(sql.SQL("CREATE ROLE {} LOGIN IN ROLE {}").format(
            sql.Identifier(login), sql.Identifier(group)).as_string(None))  # fmt: skip
        return login

    def player(self, name: str) -> int:
        return int(self.owner_sql("SELECT id FROM players WHERE name = %s", (name,))[0][0])


@pytest.fixture
def campaign(pg_server: str, tmp_path: Path) -> Iterator[Campaign]:
    admin = psycopg.connect(pg_server, autocommit=True, connect_timeout=3)
    database = f"qr_{secrets.token_hex(4)}"
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    tag = secrets.token_hex(3)
    owner = with_database(pg_server, database)
    roster = tmp_path / "roster.csv"
    roster.write_text(f"王一,{UNIT},wang-{tag},pass-wang\n李二,{UNIT},li-{tag},pass-li\n", "utf-8")
    try:
        assert quiz("org", "import", str(roster), "--db", owner).exit_code == 0
        done = quiz("org", "roles", "--db", owner)
        assert done.exit_code == 0, done.output
        assert "database logins: 2 created, 0 updated" in done.stdout
        yield Campaign(owner, database, tag, tmp_path)
    finally:
        admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(database)))
        drop_campaign_roles(admin, database)
        admin.close()


def play_a_run(url: str, user: str) -> int:
    """A daily run played to its end through the store opened with `url`; its session id."""
    store = open_store(url)
    try:
        run = Run.start(store, user, bank(), Mode.DAILY, FixedClock(START), seed=1)
        assert run.session_id is not None
        while run.session.phase is not Phase.FINISHED:
            run.submit(right(run.session.current), 2.0)
            if run.session.phase is Phase.FEEDBACK:
                run.proceed()
        outcome = run.finish()
        assert outcome.saved and not run.save_failed
        return run.session_id
    finally:
        store.close()


# -- set-up ------------------------------------------------------------------------------------


def test_roles_are_named_after_the_database_and_set_up_again_changes_nothing(
    campaign: Campaign,
) -> None:
    groups = {r[0]: r[1] for r in campaign.owner_sql(
        "SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname LIKE %s",
        (f"quiz_{campaign.database}_%",),
    )}  # fmt: skip
    assert groups == {f"quiz_{campaign.database}_{kind}": False
                      for kind in ("organiser", "host", "member")}  # fmt: skip
    again = quiz("org", "roles", "--db", campaign.owner)
    assert again.exit_code == 0 and "database logins" not in again.stdout
    member_of = campaign.owner_sql(
        "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member"
        " JOIN pg_roles g ON g.oid = m.roleid WHERE r.rolname = %s", (campaign.login("wang"),)
    )  # fmt: skip
    assert member_of == [(f"quiz_{campaign.database}_member",)]


def test_no_function_is_executable_by_public_and_each_pins_its_search_path(
    campaign: Campaign,
) -> None:
    rows = campaign.owner_sql(
        "SELECT p.proname, p.prosecdef, p.proconfig, has_function_privilege('public', p.oid,"
        " 'EXECUTE') FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace"
        " AND p.proname LIKE 'quiz%%'"
    )
    assert len(rows) > 20
    for name, _definer, config, public in rows:
        assert not public, name
        assert config and any(c.startswith("search_path=") for c in config), name
    definers = {name for name, definer, _c, _p in rows if definer}
    assert {"quiz_answer", "quiz_start_session", "quiz_finish_close", "quiz_host_login"} <= definers


# -- a member ----------------------------------------------------------------------------------


def test_a_member_plays_studies_and_reads_only_their_own(campaign: Campaign) -> None:
    wang, li = campaign.login("wang"), campaign.login("li")
    mine = play_a_run(campaign.url(wang), "王一")
    theirs = play_a_run(campaign.url(li), "李二")
    store = open_store(campaign.url(wang))
    try:
        assert [s.id for s in store.sessions("王一")] == [mine]
        assert store.sessions("李二") == []  # row-level security: not theirs to read
        assert store.answers(theirs) == [] and len(store.answers(mine)) > 0
        [day] = store.day_totals("王一")
        assert day.answers > 0
        question = bank()[0]
        due = store.record_review("王一", question, True, 3.0, START)
        assert due > START and store.due_ids("王一", due) == [question.id]
    finally:
        store.close()
    seen = campaign.sql(wang, "SELECT DISTINCT player_id FROM answers")
    assert seen == [(campaign.player("王一"),)]


def test_plain_sql_as_a_member_is_refused(campaign: Campaign) -> None:
    wang = campaign.login("wang")
    theirs = play_a_run(campaign.url(campaign.login("li")), "李二")
    li_id = campaign.player("李二")
    campaign.refused(wang, "UPDATE answers SET is_correct = 1 WHERE session_id = %s", (theirs,))
    campaign.refused(wang, "UPDATE sessions SET score = 0 WHERE id = %s", (theirs,))
    campaign.refused(wang, "DELETE FROM answers")
    campaign.refused(wang, "SELECT passcode_hash FROM members")
    campaign.refused(wang, "SELECT * FROM members")
    campaign.refused(wang, "SELECT public_key FROM member_keys")
    campaign.refused(wang, "INSERT INTO member_keys(player_id, public_key, added_at)"
                           " VALUES (%s, 'ssh-ed25519 AAAA', '2026')", (li_id,))  # fmt: skip
    campaign.refused(wang, "UPDATE members SET passcode_hash = 'x'")
    campaign.refused(wang, "UPDATE unit_day_totals SET answers = answers + 9999")
    campaign.refused(wang, "INSERT INTO unit_day_totals(unit_id, day, slot, answers, correct,"
                           " points) VALUES (1, '2026-01-01', 0, 9999, 0, 0)")  # fmt: skip
    campaign.refused(wang, "UPDATE day_totals SET points = 9999")
    campaign.refused(wang, "UPDATE players SET points = 9999")
    campaign.refused(wang, "DELETE FROM rooms")
    campaign.refused(wang, "SELECT * FROM host_grants")
    # Functions: as another member, or the ones under the store's
    campaign.refused(wang, "SELECT quiz_start_session(%s, 'run', 'daily', '{}', '2026', '2026',"
                           " NULL)", (li_id,))  # fmt: skip
    campaign.refused(wang, "SELECT quiz_drop_session(%s)", (theirs,))
    campaign.refused(wang, "SELECT * FROM quiz_finish_open(%s, false, 0, 0)", (theirs,))
    campaign.refused(wang, "SELECT quiz_new_player('冒名', '2026')")
    campaign.refused(wang, "SELECT quiz_record_answer(NULL, %s, %s, 99, 'q', 'v', '{}', '',"
                           " '[]', 'p', '[]', '[]', 1, 1.0, 1, 'a', 'd', 1, 1, 1, 1, 1.0)",
                     (theirs, li_id))  # fmt: skip
    campaign.refused(wang, "SELECT quiz_set_passcodes(ARRAY[%s]::bigint[], ARRAY['x'])",
                     (li_id,))  # fmt: skip
    campaign.refused(wang, "SELECT quiz_host_login(%s, 'x'::bytea)", (campaign.login("li"),))
    # and none of it happened
    assert campaign.owner_sql("SELECT count(*) FROM players WHERE name = '冒名'") == [(0,)]
    assert campaign.owner_sql("SELECT count(*) FROM member_keys") == [(0,)]


def test_a_member_cannot_answer_in_another_members_session(campaign: Campaign) -> None:
    """Even naming themselves as the player: the session's owner is checked."""
    wang = campaign.login("wang")
    theirs = play_a_run(campaign.url(campaign.login("li")), "李二")
    campaign.owner_sql("UPDATE sessions SET status = 'unfinished' WHERE id = %s", (theirs,))
    own_id = campaign.player("王一")
    for player in (own_id, campaign.player("李二")):
        campaign.refused(wang, "SELECT quiz_answer(NULL, %s, %s, 99, 'q', 'v', '{}', '', '[]',"
                               " 'p', '[]', '[]', 1, 1.0, 1, 'a', 'd', 1, 1, 1, 1, 1.0, true)",
                         (theirs, player))  # fmt: skip


def test_a_member_running_an_organisers_command_is_told_what_it_needs(
    campaign: Campaign,
) -> None:
    roster = campaign.folder / "more.csv"
    roster.write_text(f"王一,另一单位,{campaign.login('wang')}\n赵四,{UNIT}\n", "utf-8")
    before = campaign.owner_sql("SELECT player_id, unit_id, login FROM members ORDER BY 1")
    result = quiz("org", "import", str(roster), "--db", campaign.url(campaign.login("wang")))
    assert result.exit_code == 1
    assert "may not do that" in result.stderr and "organiser's login" in result.stderr
    assert "Traceback" not in result.output
    assert campaign.owner_sql("SELECT player_id, unit_id, login FROM members ORDER BY 1") == before
    assert campaign.owner_sql("SELECT count(*) FROM units WHERE path = '另一单位'") == [(0,)]


def test_a_store_behind_is_not_migrated_by_a_member(campaign: Campaign) -> None:
    campaign.owner_sql("UPDATE quiz_schema SET version = 13")
    try:
        with pytest.raises(StoreError) as caught:
            open_store(campaign.url(campaign.login("wang")), connections=1)
        assert caught.value.code == "store.pg_behind"
        assert "owner" in caught.value.message
    finally:
        campaign.owner_sql("UPDATE quiz_schema SET version = 14")


def test_members_play_a_live_room_as_themselves_only(campaign: Campaign) -> None:
    """The rooms' own tokens aside (tests/rooms/test_room_authority.py), PostgreSQL refuses a
    seat, an answer or a room under another member's name, whatever token is given."""
    from quiz.rooms.model import AnswerStatus, RoomSettings
    from quiz.store.opening import open_rooms

    wang, li = campaign.login("wang"), campaign.login("li")
    hosting, joining = open_rooms(campaign.url(wang)), open_rooms(campaign.url(li))
    try:
        room = hosting.open("王一", RoomSettings(questions=2, seconds=20), bank()[:2], "host-t")
        joining.join(room, "李二", "li-t")
        hosting.join(room, "王一", "wang-t")  # the host plays too
        hosting.start(room, "host-t")
        [question] = joining.shown_questions(room)
        joining.answer(room, "李二", 0, right(question), "k-li", "li-t")
        assert joining.my_answer(room, "李二", 0) is not None
        with pytest.raises(StoreError):  # a seat, an answer or a room under another's name
            joining.join(room, "赵四", "zhao-t")
        # issue 24's case 3: an answer for someone seated, even with their token, is refused by
        # quiz_room_answer (schema 17: a member's answers go through it alone)
        fake = joining.answer(room, "王一", 0, right(question), "k-fake", "wang-t")
        assert fake.status is AnswerStatus.REFUSED
        assert hosting.my_answer(room, "王一", 0) is None
        with pytest.raises(StoreError):
            joining.open("王一", RoomSettings(questions=1, seconds=20), bank()[:1], "x")
    finally:
        hosting.db.close()
        joining.db.close()
    campaign.refused(li, "DELETE FROM rooms WHERE room = %s", (room,))
    campaign.refused(li, "DELETE FROM room_answers WHERE room = %s", (room,))
    campaign.refused(li, "UPDATE room_answers SET points = 9999 WHERE room = %s", (room,))
    campaign.refused(li, "INSERT INTO room_seats(room, name, seat, joined_at) VALUES"
                         " (%s, '王一', 9, 0)", (room,))  # fmt: skip
    assert campaign.owner_sql("SELECT name FROM room_answers WHERE room = %s", (room,)) == [
        ("李二",)
    ]


# -- a host ------------------------------------------------------------------------------------


def test_a_host_records_only_for_a_member_it_has_authenticated(campaign: Campaign) -> None:
    host = campaign.new_login("host", "host")
    wang_id, li_id = campaign.player("王一"), campaign.player("李二")
    start = ("SELECT quiz_start_session(%s, 'run', 'daily', '{}', '2026-01-01', '2026-01-01',"
             " NULL)")  # fmt: skip
    campaign.refused(host, start, (wang_id,))  # nobody has logged in through it yet
    store = open_store(campaign.url(host), connections=1)
    try:
        assert not store.check_login(campaign.login("wang"), "wrong-pass")
        campaign.refused(host, start, (wang_id,))
        assert store.check_login(campaign.login("wang"), "pass-wang")
    finally:
        store.close()
    assert campaign.sql(host, start, (wang_id,))  # now it may, for 王一 only
    campaign.refused(host, start, (li_id,))
    session = play_a_run(campaign.url(host), "王一")  # the whole run, as quiz serve plays it
    store = open_store(campaign.url(host), connections=1)
    try:
        plan = Run.start(None, "李二", bank(), Mode.DAILY, FixedClock(START), seed=1).session.plan
        with pytest.raises(StoreError) as caught:
            store.start_session("李二", plan, START)
        assert caught.value.code == "store.forbidden"
    finally:
        store.close()
    assert campaign.owner_sql("SELECT count(*) FROM sessions WHERE player_id = %s",
                              (li_id,)) == [(0,)]  # fmt: skip
    # The roster, keys and hashes stay out of its reach; stored answers stay as they are.
    campaign.refused(host, "UPDATE members SET passcode_hash = 'x'")
    campaign.refused(host, "INSERT INTO members(player_id, unit_id) VALUES (%s, 1)", (li_id,))
    campaign.refused(host, "UPDATE members SET unit_id = 1")
    campaign.refused(host, "SELECT passcode_hash FROM members")
    campaign.refused(host, "INSERT INTO member_keys(player_id, public_key, added_at)"
                           " VALUES (%s, 'ssh-ed25519 AAAA', '2026')", (li_id,))  # fmt: skip
    campaign.refused(host, "UPDATE answers SET is_correct = 0 WHERE session_id = %s", (session,))
    campaign.refused(host, "DELETE FROM answers WHERE session_id = %s", (session,))
    campaign.refused(host, "UPDATE unit_day_totals SET answers = 9999")


def test_a_host_checks_a_key_login_through_the_database(campaign: Campaign) -> None:
    host = campaign.new_login("host", "host")
    line = KEY
    campaign.owner_sql("INSERT INTO member_keys(player_id, public_key, added_at) VALUES"
                       " (%s, %s, '2026')", (campaign.player("王一"), line))  # fmt: skip
    store = open_store(campaign.url(host), connections=1)
    try:
        assert store.member_keys(campaign.login("wang")) == [line]  # through quiz_member_keys
        assert not store.check_login_key(campaign.login("li"), line)
        assert store.check_login_key(campaign.login("wang"), line)
    finally:
        store.close()
    assert campaign.owner_sql("SELECT player_id FROM host_grants") == [(campaign.player("王一"),)]


# -- an organiser ------------------------------------------------------------------------------


def test_an_organiser_keeps_the_roster_and_reads_reports_but_never_hashes(
    campaign: Campaign,
) -> None:
    organiser = campaign.new_login("organiser", "org")
    url = campaign.url(organiser)
    play_a_run(campaign.url(campaign.login("wang")), "王一")
    roster = campaign.folder / "next.csv"
    roster.write_text(f"王一,{UNIT},{campaign.login('wang')},pass-wang\n"
                      f"李二,{UNIT},{campaign.login('li')},new-pass-li\n"
                      f"赵四,{UNIT},{campaign.login('zhao')},pass-zhao\n", "utf-8")  # fmt: skip
    result = quiz("org", "import", str(roster), "--db", url)
    assert result.exit_code == 0, result.output
    assert "1 added, 1 updated, 0 moved, 1 unchanged" in result.stdout
    assert "database logins: 1 created, 1 updated" in result.stdout
    listed = quiz("org", "list", "--json", "--db", url)
    assert listed.exit_code == 0 and "赵四" in listed.stdout
    report = quiz("org", "report", "--db", url)
    assert report.exit_code == 0, report.output
    key = campaign.folder / "wang.pub"
    key.write_text(
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n"
    )
    for _twice in (1, 2):
        added = quiz("org", "key", "add", campaign.login("wang"), str(key), "--db", url)
        assert added.exit_code == 0, added.output
    assert "0 key(s) added" in added.stdout and "1 already there" in added.stdout
    campaign.refused(organiser, "SELECT passcode_hash FROM members")
    campaign.refused(organiser, "SELECT public_key FROM member_keys")
    campaign.refused(organiser, "SELECT * FROM host_grants")
    campaign.refused(organiser, "SELECT quiz_host_login(%s, 'x'::bytea)",
                     (campaign.login("wang"),))  # fmt: skip


def test_a_removed_member_is_disabled_and_a_taken_login_is_never_taken_over(
    campaign: Campaign,
) -> None:
    other = campaign.login("other")
    campaign.owner_sql(sql.SQL("CREATE ROLE {} LOGIN").format(
        sql.Identifier(other)).as_string(None))  # fmt: skip
    try:
        roster = campaign.folder / "moved.csv"  # 李二 takes another login: the old one goes
        roster.write_text(f"李二,{UNIT},{campaign.login('li2')},pass-li\n"
                          f"钱五,{UNIT},{other},pass-qian\n", "utf-8")  # fmt: skip
        result = quiz("org", "import", str(roster), "--db", campaign.owner)
        assert result.exit_code == 0, result.output
        assert f"database login disabled (no longer on the roster): {campaign.login('li')}" in (
            result.stdout
        )
        assert f"database login {other} already exists on the server" in result.stderr
        can = dict(campaign.owner_sql(
            "SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname = ANY(%s)",
            ([campaign.login("li"), campaign.login("li2"), other],),
        ))  # fmt: skip
        assert can == {campaign.login("li"): False, campaign.login("li2"): True, other: True}
        outside = campaign.owner_sql(
            "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member"
            " WHERE r.rolname = %s", (other,)
        )  # fmt: skip
        assert outside == [(0,)]  # not put in the member group
    finally:
        campaign.owner_sql(sql.SQL("DROP ROLE {}").format(
            sql.Identifier(other)).as_string(None))  # fmt: skip


def test_reserved_logins_are_refused_at_import_with_the_reason(tmp_path: Path) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text(f"甲,{UNIT},pg_monitor,pass-1\n乙,{UNIT},quiz_x_member,pass-2\n"
                      f"丙,{UNIT},postgres,pass-3\n丁,{UNIT},ding,pass-4\n", "utf-8")  # fmt: skip
    result = quiz("org", "import", str(roster), "--db", str(tmp_path / "quiz.db"))
    assert result.exit_code == 0
    assert "r.csv:1: login “pg_monitor” is reserved for the database (pg_…" in result.stderr
    assert "r.csv:2: login “quiz_x_member” is reserved" in result.stderr
    assert "r.csv:3: login “postgres” is reserved" in result.stderr
    assert "1 added" in result.stdout
