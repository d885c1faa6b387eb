"""The roster: passcodes, importing a CSV (again, with moves and bad rows), logins and keys; on
every store backend (`store_location`: an SQLite file, a PostgreSQL database)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quiz.cli.main import cli
from quiz.org.passcode import client_key, hash_passcode, salt_of, verify_passcode
from quiz.store.opening import open_store
from quiz.store.roster import UnknownLogin
from tests.store_backends import at_schema, query

UNIT = "武汉大学/计算机学院/教工第一党支部"


def quiz(*args: str) -> Result:
    return CliRunner().invoke(cli, ["--lang", "en", *args])


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def members(db: Path | str) -> dict[str, dict[str, object]]:
    result = quiz("org", "list", "--db", str(db), "--json")
    assert result.exit_code == 0, result.output
    return {m["name"]: m for m in json.loads(result.stdout)["members"]}


# -- passcodes --------------------------------------------------------------------------------


def test_passcode_hash_is_salted_self_describing_and_checked() -> None:
    first, second = hash_passcode("学习强国2026"), hash_passcode("学习强国2026")
    assert first != second  # a fresh salt each time
    scheme, salted, keys = first.split("$")  # PostgreSQL's form of a SCRAM-SHA-256 verifier
    assert scheme == "SCRAM-SHA-256" and salted.startswith("4096:") and ":" in keys
    assert "学习" not in first
    assert verify_passcode("学习强国2026", first) and verify_passcode("学习强国2026", second)
    assert not verify_passcode("学习强国2025", first)
    assert not verify_passcode("", first)
    # The stored salt gives the very same hash again: an unchanged passcode writes nothing.
    assert hash_passcode("学习强国2026", salt_of(first)) == first
    assert hash_passcode("学习强国2025", salt_of(first)) != first


def test_scram_verifier_matches_rfc_7677() -> None:
    """RFC 7677's example: user, pencil, its salt and 4096 iterations give its keys (the
    client proof's pieces are checked through the StoredKey PostgreSQL keeps)."""
    salt = "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ=="
    verifier = hash_passcode("pencil", salt)
    salted = hashlib.pbkdf2_hmac("sha256", b"pencil", base64.b64decode("W22ZaJ0SNY7soEsUEjb6gQ=="),
                                 4096)  # fmt: skip
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
    assert verifier.endswith(":" + base64.b64encode(server_key).decode())
    # RFC 7677 section 3: the server's signature over its auth message, from that ServerKey.
    nonce = b"r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
    auth = (
        b"n=user,r=rOprNGfwEbeRWgbNEkqO,"
        + nonce
        + b",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,c=biws,"
        + nonce
    )
    signature = hmac.new(server_key, auth, hashlib.sha256).digest()
    assert base64.b64encode(signature) == b"6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="
    stored_key = base64.b64decode(verifier.split("$")[2].split(":")[0])
    assert hashlib.sha256(client_key("pencil", salt)).digest() == stored_key
    client_signature = hmac.new(stored_key, auth, hashlib.sha256).digest()
    proof = bytes(a ^ b for a, b in zip(client_key("pencil", salt), client_signature, strict=True))
    assert base64.b64encode(proof) == b"dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="


def test_an_old_scrypt_hash_still_verifies() -> None:
    digest = hashlib.scrypt(
        b"old-pass", salt=bytes(16), n=16384, r=8, p=1, maxmem=1 << 26, dklen=32
    )
    old = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + base64.b64encode(digest).decode()
    assert verify_passcode("old-pass", old) and not verify_passcode("new-pass", old)
    assert salt_of(old) is None  # the next import hashes it afresh, as SCRAM


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "plain-text-passcode",
        "scrypt$16384$8$1$not base64!$AAAA",
        "bcrypt$16384$8$1$AAAA$AAAA",
        "scrypt$1048576$64$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA==",  # 8 GB to check
        "scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA==",  # n not a power of 2
    ],
)
def test_malformed_or_hostile_stored_hashes_never_match(stored: str) -> None:
    assert verify_passcode("anything", stored) is False


def test_an_empty_passcode_is_not_hashed() -> None:
    with pytest.raises(ValueError):
        hash_passcode("")


# -- import -----------------------------------------------------------------------------------


def test_import_creates_units_and_members_and_reimport_changes_nothing(
    tmp_path: Path, store_location: str
) -> None:
    db = store_location
    roster = write(
        tmp_path / "roster.csv",
        f"name,unit,login,passcode\n王一,{UNIT},Wang1,secret-1\n李二,{UNIT}\n"
        "张三, 武汉大学 / 文学院 ,zhang3\n",
    )
    first = quiz("org", "import", str(roster), "--db", str(db))
    assert first.exit_code == 0, first.output
    assert "3 added, 0 updated, 0 moved, 0 unchanged; 4 new unit(s); 0 row(s) skipped" in (
        first.stdout
    )
    people = members(db)
    assert people["王一"] == {"name": "王一", "unit": UNIT, "login": "wang1", "passcode": True,
                              "keys": 0}  # fmt: skip
    assert people["张三"]["unit"] == "武汉大学/文学院"  # levels trimmed
    assert people["李二"]["login"] is None and people["李二"]["passcode"] is False
    dump = query(db, "SELECT * FROM members ORDER BY player_id")
    units = dict(query(db, "SELECT u.path, p.path FROM units u LEFT JOIN units p "
                           "ON p.id = u.parent_id"))  # fmt: skip
    assert units == {"武汉大学": None, "武汉大学/文学院": "武汉大学",
                     "武汉大学/计算机学院": "武汉大学", UNIT: "武汉大学/计算机学院"}  # fmt: skip
    [stored_hash] = query(db, "SELECT passcode_hash FROM members WHERE login = 'wang1'")
    assert "secret-1" not in stored_hash[0] and verify_passcode("secret-1", stored_hash[0])
    again = quiz("org", "import", str(roster), "--db", str(db))
    assert again.exit_code == 0, again.output
    assert "0 added, 0 updated, 0 moved, 3 unchanged; 0 new unit(s)" in again.stdout
    assert query(db, "SELECT * FROM members ORDER BY player_id") == dump  # the same hash


def test_reimport_moves_members_and_updates_logins_and_passcodes(
    tmp_path: Path, store_location: str
) -> None:
    db = store_location
    write(tmp_path / "a.csv", f"王一,{UNIT},wang1,old-pass\n李二,{UNIT},li2\n")
    assert quiz("org", "import", str(tmp_path / "a.csv"), "--db", str(db)).exit_code == 0
    # 王一 moves; the two swap logins; 李二 gets a passcode; 赵四 is new.
    write(
        tmp_path / "b.csv",
        "王一,武汉大学/计算机学院/学生党支部,li2,new-pass\n李二,"
        f"{UNIT},wang1,pass-li\n赵四,{UNIT}\n",
    )
    result = quiz("org", "import", str(tmp_path / "b.csv"), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "1 added, 1 updated, 1 moved, 0 unchanged; 1 new unit(s)" in result.stdout
    store = open_store(db)
    wang = store.member_by_login("li2")
    li = store.member_by_login("WANG1")  # logins are matched without case
    store.close()
    assert wang is not None and (wang.name, wang.unit) == ("王一", "武汉大学/计算机学院/学生党支部")
    assert wang.has_passcode and stored(db, "li2") is not None
    assert verify_passcode("new-pass", stored(db, "li2") or "")
    assert not verify_passcode("old-pass", stored(db, "li2") or "")
    assert li is not None and li.name == "李二" and li.has_passcode
    assert verify_passcode("pass-li", stored(db, "wang1") or "")
    # Empty login and passcode columns leave what is stored.
    write(tmp_path / "c.csv", "王一,武汉大学\n")
    assert "0 added, 0 updated, 1 moved" in quiz("org", "import", str(tmp_path / "c.csv"),
                                                  "--db", str(db)).stdout  # fmt: skip
    assert members(db)["王一"] == {"name": "王一", "unit": "武汉大学", "login": "li2",
                                   "passcode": True, "keys": 0}  # fmt: skip


def test_bad_rows_are_skipped_with_their_line_numbers(tmp_path: Path, store_location: str) -> None:
    db = store_location
    write(tmp_path / "seed.csv", f"钱七,{UNIT},qian7\n")
    assert quiz("org", "import", str(tmp_path / "seed.csv"), "--db", str(db)).exit_code == 0
    roster = write(
        tmp_path / "roster.csv",
        "name,unit,login,passcode\n"
        f"王一,{UNIT},wang1\n"  # 2: fine
        "\n"  # 3: blank, ignored
        "王一,武汉大学\n"  # 4: the same name again
        "赵四,武汉大学//文学院\n"  # 5: an empty level
        f"孙六,{UNIT},wang1\n"  # 6: login already on line 2
        "周八,武汉大学,bad login\n"  # 7: not a login
        "吴九\x1b[31m,武汉大学\n"  # 8: a control character in the name
        "郑十,武汉大学\u202e学院\n"  # 9: a direction override in the unit
        "冯一,武汉大学,,abc\n"  # 10: passcode too short
        "陈二\n"  # 11: one column
        f"褚三,{UNIT},qian7\n"  # 12: login of a member not in this file
        '"卫 四",武汉大学,wei4,"pass,with,commas"\n',  # 13: fine (quoted)
    )
    result = quiz("org", "import", str(roster), "--db", str(db))
    assert result.exit_code == 0, result.output
    errors = result.stderr.splitlines()
    assert [line.split(": ", 1)[0] for line in errors] == [
        f"{roster}:{n}" for n in (4, 5, 6, 7, 8, 9, 10, 11, 12)
    ]
    assert "already on line 2" in errors[0]
    assert "empty level" in errors[1]
    assert "login “wang1” is already on line 2" in errors[2]
    assert "U+001B" in errors[4] and "\x1b" not in result.output  # shown, never obeyed
    assert "U+202E" in errors[5] and "\u202e" not in result.output
    assert "belongs to 钱七" in errors[8]
    assert "2 added, 0 updated, 0 moved, 0 unchanged; 0 new unit(s); 9 row(s) skipped" in (
        result.stdout
    )
    assert set(members(db)) == {"钱七", "王一", "卫 四"}
    names = {r[0] for r in query(db, "SELECT name FROM players")}
    assert names == {"钱七", "王一", "卫 四"}  # nothing left behind by skipped rows


def test_bad_rows_are_listed_in_line_order(tmp_path: Path, store_location: str) -> None:
    """Rows the file refuses and rows the store refuses, in one list by line."""
    db = store_location
    write(tmp_path / "seed.csv", f"钱七,{UNIT},qian7\n")
    assert quiz("org", "import", str(tmp_path / "seed.csv"), "--db", str(db)).exit_code == 0
    roster = write(
        tmp_path / "roster.csv",
        f"王一,{UNIT}\n"  # 1: fine
        f"褚三,{UNIT},qian7\n"  # 2: the store refuses it (钱七's login)
        "陈二\n"  # 3: the file refuses it (one column)
        f"卫四,{UNIT},qian7\n"  # 4: the store again
        "冯一,武汉大学,,abc\n",  # 5: the file again
    )
    result = quiz("org", "import", str(roster), "--db", str(db))
    assert result.exit_code == 0, result.output
    lines = [line.split(": ", 1)[0] for line in result.stderr.splitlines()]
    assert lines == [f"{roster}:{n}" for n in (2, 3, 4, 5)]


def test_strict_imports_nothing_when_a_row_is_bad(tmp_path: Path, store_location: str) -> None:
    db = store_location
    roster = write(tmp_path / "roster.csv", f"王一,{UNIT}\n李二,\n")
    result = quiz("org", "import", str(roster), "--db", str(db), "--strict")
    assert result.exit_code == 1
    assert f"{roster}:2: the unit is empty" in result.stderr
    assert "nothing imported" in result.stderr
    assert members(db) == {}


def test_a_broken_csv_imports_nothing(tmp_path: Path, store_location: str) -> None:
    db = store_location
    roster = write(tmp_path / "roster.csv", f'王一,{UNIT}\n李二,"{UNIT}\n')
    result = quiz("org", "import", str(roster), "--db", str(db))
    assert result.exit_code == 1
    assert "line 2 is not valid CSV" in result.stderr and "nothing imported" in result.stderr
    assert members(db) == {}


def test_a_spreadsheet_file_in_gb18030_is_read(tmp_path: Path, store_location: str) -> None:
    db = store_location
    roster = write(tmp_path / "roster.csv", f"姓名,单位\r\n王一,{UNIT}\r\n", "gb18030")
    result = quiz("org", "import", str(roster), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "read as GB18030" in result.stderr
    assert members(db)["王一"]["unit"] == UNIT


def test_list_a_unit_and_the_units_under_it(tmp_path: Path, store_location: str) -> None:
    db = store_location
    roster = write(
        tmp_path / "r.csv",
        f"王一,{UNIT}\n李二,武汉大学/计算机学院\n张三,武汉大学/计算机学院系\n赵四,华中大学\n",
    )
    assert quiz("org", "import", str(roster), "--db", str(db)).exit_code == 0
    result = quiz("org", "list", "--db", str(db), "--unit", "武汉大学/计算机学院", "--json")
    assert [m["name"] for m in json.loads(result.stdout)["members"]] == ["李二", "王一"]
    plain = quiz("org", "list", "--db", str(db), "--unit", "华中大学")
    assert plain.stdout.splitlines() == [
        "name\tunit\tlogin\tpasscode\tSSH keys",
        "赵四\t华中大学\t\t\t0",  # no login, so no key: 0, as in the JSON
    ]
    missing = quiz("org", "list", "--db", str(db), "--unit", "武汉大学/计算")
    assert missing.exit_code == 1 and "no unit “武汉大学/计算”" in missing.stderr


def test_list_without_a_database_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    result = quiz("org", "list", "--db", str(db))
    assert result.exit_code == 0 and "Nobody is on the roster" in result.stdout
    assert not db.exists()


# -- logins and keys (what `quiz serve` uses) -------------------------------------------------


def public_key(comment: str = "wang@laptop") -> str:
    from quiz.org.sshlib import asyncssh

    key = asyncssh.generate_private_key("ssh-ed25519", comment=comment)
    return key.export_public_key("openssh").decode("ascii")


def stored(db: str, login: str) -> str | None:
    """A member's stored passcode hash, read behind the store's back (as the owner)."""
    rows = query(db, "SELECT passcode_hash FROM members WHERE login = ?", (login,))
    return str(rows[0][0]) if rows and rows[0][0] is not None else None


def test_member_by_login_and_keys_on_the_store(tmp_path: Path, store_location: str) -> None:
    db = store_location
    write(tmp_path / "r.csv", f"王一,{UNIT},wang1,pass-1\n李二,{UNIT}\n")
    assert quiz("org", "import", str(tmp_path / "r.csv"), "--db", str(db)).exit_code == 0
    store = open_store(db)
    member = store.member_by_login("wang1")
    assert member is not None
    assert (member.name, member.unit, member.login) == ("王一", UNIT, "wang1")
    assert member.has_passcode and verify_passcode("pass-1", stored(db, "wang1") or "")
    assert store.check_login("wang1", "pass-1") and not store.check_login("wang1", "pass-2")
    assert not store.check_login("nobody", "pass-1")
    assert store.member_by_login("li2") is None
    assert store.member_keys("wang1") == []
    line = public_key().strip()
    store.add_member_key("wang1", line)
    store.add_member_key("wang1", line)  # kept once
    assert store.member_keys("wang1") == [line]
    with pytest.raises(UnknownLogin):
        store.add_member_key("nobody", line)
    store.close()


def keys_of(db: str, login: str) -> list[str]:
    store = open_store(db)
    try:
        return store.member_keys(login)
    finally:
        store.close()


def test_key_add_validates_the_public_key_file(tmp_path: Path, store_location: str) -> None:
    from quiz.org.sshlib import asyncssh

    db = store_location
    write(tmp_path / "r.csv", f"王一,{UNIT},wang1\n")
    assert quiz("org", "import", str(tmp_path / "r.csv"), "--db", str(db)).exit_code == 0
    pub = write(tmp_path / "id.pub", public_key())
    added = quiz("org", "key", "add", "wang1", str(pub), "--db", str(db))
    assert added.exit_code == 0, added.output
    assert "1 key(s) added for wang1 (王一); 0 already there" in added.stdout
    again = quiz("org", "key", "add", "WANG1", str(pub), "--db", str(db))
    assert "0 key(s) added for wang1 (王一); 1 already there" in again.stdout
    [stored] = keys_of(db, "wang1")
    assert stored == pub.read_text().strip()
    asyncssh.import_public_key(stored)  # what serve will read back
    # A hostile comment is dropped rather than stored.
    hostile = write(tmp_path / "evil.pub", public_key("x\x1b]0;owned\x07"))
    assert quiz("org", "key", "add", "wang1", str(hostile), "--db", str(db)).exit_code == 0
    assert all("\x1b" not in k for k in keys_of(db, "wang1"))
    private = asyncssh.generate_private_key("ssh-ed25519").export_private_key()
    cases = {
        "private": (private, "this is a private key"),
        "garbage": (b"# my key\nssh-ed25519 AAAAnot-a-key me\n", ":2: not an OpenSSH public key"),
        "empty": (b"\n# nothing\n", "no public key in the file"),
    }
    for name, (data, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        result = quiz("org", "key", "add", "wang1", str(path), "--db", str(db))
        assert result.exit_code == 1 and message in result.stderr, (name, result.output)
    unknown = quiz("org", "key", "add", "nobody", str(pub), "--db", str(db))
    assert unknown.exit_code == 1 and "no member has the login “nobody”" in unknown.stderr
    assert len(keys_of(db, "wang1")) == 2


# -- running totals per unit follow the roster ------------------------------------------------


def unit_totals(db: str) -> dict[str, tuple[int, int, int]]:
    rows = query(
        db,
        "SELECT COALESCE(u.path, '-'), SUM(t.answers), SUM(t.correct), SUM(t.points) "
        "FROM unit_day_totals t LEFT JOIN units u ON u.id = t.unit_id GROUP BY t.unit_id, u.path",
    )
    return {path: (a, c, p) for path, a, c, p in rows if (a, c, p) != (0, 0, 0)}


def test_unit_totals_are_kept_with_each_answer_and_move_with_members(
    tmp_path: Path, store_location: str
) -> None:
    from quiz.engine.modes import Mode
    from quiz.usecases.play import Run
    from tests.factories import bank, clock, right, wrong

    db = store_location

    def play(user: str, ok: int) -> None:
        store = open_store(db)
        run = Run.start(store, user, bank(), Mode.DAILY, clock(), seed=1)
        for i in range(5):
            run.submit(right(run.session.current) if i < ok else wrong(run.session.current), 2)
            run.session.proceed()
        run.finish()
        store.close()

    play("王一", ok=4)  # not on the roster yet: counted under unit 0
    assert unit_totals(db) == {"-": (5, 4, 4)}
    write(tmp_path / "a.csv", f"王一,{UNIT}\n李二,{UNIT}\n")
    assert quiz("org", "import", str(tmp_path / "a.csv"), "--db", str(db)).exit_code == 0
    assert unit_totals(db) == {UNIT: (5, 4, 4)}  # the history came along
    play("李二", ok=2)
    play("陌生人", ok=5)
    assert unit_totals(db) == {UNIT: (10, 6, 6), "-": (5, 5, 5)}
    write(tmp_path / "b.csv", "王一,武汉大学/文学院\n")
    assert quiz("org", "import", str(tmp_path / "b.csv"), "--db", str(db)).exit_code == 0
    assert unit_totals(db) == {UNIT: (5, 2, 2), "武汉大学/文学院": (5, 4, 4), "-": (5, 5, 5)}


def test_migration_counts_existing_history_as_not_on_the_roster(store_location: str) -> None:
    db = store_location
    at_schema(db, 4)
    query(db, "INSERT INTO players(id, name, created_at) VALUES (1, 'a', 'x'), (2, 'b', 'x')")
    query(
        db,
        "INSERT INTO day_totals(player_id, day, answers, correct, points) VALUES "
        "(1, '2026-11-01', 5, 3, 3), (2, '2026-11-01', 2, 2, 2), (2, '2026-11-02', 1, 0, 0)",
    )
    open_store(db).close()
    rows = query(db, "SELECT * FROM unit_day_totals ORDER BY day")  # in slot 0 (schema 10)
    assert rows == [(0, "2026-11-01", 7, 5, 5, 0), (0, "2026-11-02", 1, 0, 0, 0)]
    actives = query(db, "SELECT * FROM unit_day_actives ORDER BY day, prev_day")
    assert actives == [(0, "2026-11-01", "", 2, 0), (0, "2026-11-02", "2026-11-01", 1, 0)]
    assert query(db, "SELECT name, points FROM players ORDER BY id") == [("a", 3), ("b", 2)]


def test_many_database_logins_taken_are_counted_after_the_first_twenty(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from quiz.cli.org_commands import LISTED, _print_logins
    from quiz.i18n import set_language

    set_language("en")
    _print_logins((*((f"m{i:03d}", "taken") for i in range(LISTED + 5)), ("a", "created")))
    captured = capsys.readouterr()
    err = captured.err
    assert "database logins: 1 created, 0 updated" in captured.out
    assert err.count("already exists on the server") == LISTED and "… and 5 more" in err
    assert "m019" in err and "m020" not in err


def test_org_list_json_streams_page_by_page_as_one_document(
    tmp_path: Path, store_location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read a few members at a time (issue 25, item 12: flat memory for any roster), across
    pages that end inside a unit, and written as the JSON the whole list would have been."""
    import quiz.store.roster as roster

    db = store_location
    rows = "".join(f"成员{i:02d},单位{i % 3},m{i:02d}\n" for i in range(10))
    write(tmp_path / "r.csv", rows)
    assert quiz("org", "import", str(tmp_path / "r.csv"), "--db", str(db)).exit_code == 0
    monkeypatch.setattr(roster, "LISTED_BATCH", 3)
    result = quiz("org", "list", "--db", str(db), "--json")
    assert result.exit_code == 0, result.output
    expected = [
        {"name": f"成员{i:02d}", "unit": f"单位{i % 3}", "login": f"m{i:02d}",
         "passcode": False, "keys": 0}
        for i in sorted(range(10), key=lambda i: (f"单位{i % 3}", f"成员{i:02d}"))
    ]  # fmt: skip
    assert result.stdout == json.dumps({"members": expected}, ensure_ascii=False, indent=2) + "\n"
    none = quiz("org", "list", "--db", str(tmp_path / "none.db"), "--json")
    assert none.stdout == json.dumps({"members": []}, indent=2) + "\n"
