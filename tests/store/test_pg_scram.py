"""A member's database login is checked by PostgreSQL with SCRAM-SHA-256 (issue 24): the
password is the roster passcode, whose verifier `quiz org import` computed (the passcode never
reached the server). The shared test server trusts local connections, so this test starts a
cluster of its own with scram-sha-256 for TCP (initdb and pg_ctl, as an unprivileged user when
run as root), on a free port, stopped and removed at the end. Skips, saying why, without them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from quiz.cli.main import cli
from quiz.engine.modes import Mode
from quiz.store.opening import open_store
from quiz.system.clock import FixedClock
from quiz.usecases.play import Run
from tests.factories import START, bank, right

UNIT = "武汉大学/计算机学院"
BOUND = 60  # seconds any one step of the cluster may take


def pg_bin(name: str) -> str | None:
    """The program on PATH, else Debian's newest (/usr/lib/postgresql/<version>/bin)."""
    installed = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return shutil.which(name) or (str(installed[-1]) if installed else None)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def scram_cluster() -> Iterator[tuple[str, int]]:
    """(socket folder, port) of a fresh cluster: trust over its Unix socket (the owner, who
    sets it up), scram-sha-256 over TCP (everyone else)."""
    initdb, pg_ctl = pg_bin("initdb"), pg_bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        pytest.skip("initdb/pg_ctl not found (apt install postgresql)")
    as_user: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="quiz-scram-"))
    if os.geteuid() == 0:  # initdb refuses root: run the cluster as nobody
        runuser = shutil.which("runuser")
        if runuser is None:
            shutil.rmtree(folder)
            pytest.skip("running as root without runuser: cannot start an own cluster")
        as_user = [runuser, "-u", "nobody", "--"]
        shutil.chown(folder, "nobody")
    data, port = folder / "data", free_port()
    try:
        subprocess.run([*as_user, initdb, "-D", str(data), "-U", "postgres", "-E", "UTF8",
                        "--auth-local=trust", "--auth-host=scram-sha-256"],
                       check=True, capture_output=True, timeout=BOUND)  # fmt: skip
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-w", "-t", str(BOUND), "-l",
                        str(folder / "log"), "-o",
                        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off",
                        "start"], check=True, capture_output=True, timeout=BOUND)  # fmt: skip
    except (subprocess.SubprocessError, OSError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"could not start an own PostgreSQL cluster: {exc}")
    try:
        yield str(folder), port
    finally:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
                           capture_output=True, timeout=BOUND)  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


def test_a_member_logs_in_with_their_passcode_and_a_wrong_one_is_refused(
    scram_cluster: tuple[str, int], tmp_path: Path
) -> None:
    sockets, port = scram_cluster
    with psycopg.connect(host=sockets, port=port, user="postgres", dbname="postgres",
                         autocommit=True) as admin:  # fmt: skip
        admin.execute("CREATE DATABASE campaign")
    owner = f"postgresql://postgres@/campaign?host={sockets}&port={port}"
    roster = tmp_path / "roster.csv"
    # 李二's passcode is typed in full-width digits: PostgreSQL's client prepares a password
    # with SASLprep (NFKC), and so does the verifier quiz computed.
    roster.write_text(f"王一,{UNIT},wang1,pass-wang\n李二,{UNIT},li2,学习强国２０２６\n", "utf-8")
    runner = CliRunner()
    imported = runner.invoke(cli, ["--lang", "en", "org", "import", str(roster), "--db", owner])
    assert imported.exit_code == 0, imported.output
    roles = runner.invoke(cli, ["--lang", "en", "org", "roles", "--db", owner])
    assert roles.exit_code == 0 and "2 created" in roles.stdout, roles.output

    def member(login: str, passcode: str) -> str:
        return f"postgresql://{login}:{passcode}@127.0.0.1:{port}/campaign"

    with psycopg.connect(member("wang1", "pass-wang"), connect_timeout=5) as conn:
        assert conn.execute("SELECT session_user").fetchone() == ("wang1",)
    with psycopg.connect(member("li2", "学习强国２０２６"), connect_timeout=5) as conn:
        assert conn.execute("SELECT session_user").fetchone() == ("li2",)
    for login, wrong in (("wang1", "pass-li"), ("li2", "pass-wang"), ("li2", "学习强国2025")):
        with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
            psycopg.connect(member(login, wrong), connect_timeout=5).close()
    # The member plays through the store with their own URL.
    store = open_store(member("wang1", "pass-wang"))
    try:
        run = Run.start(store, "王一", bank(), Mode.DAILY, FixedClock(START), seed=1)
        run.submit(right(run.session.current), 2.0)
        assert run.session_id is not None and len(store.answers(run.session_id)) == 1
    finally:
        store.close()
    # A changed passcode changes the login's; the old one stops working.
    roster.write_text(f"王一,{UNIT},wang1,new-pass\n", "utf-8")
    again = runner.invoke(cli, ["--lang", "en", "org", "import", str(roster), "--db", owner])
    assert again.exit_code == 0 and "0 created, 1 updated" in again.stdout, again.output
    psycopg.connect(member("wang1", "new-pass"), connect_timeout=5).close()
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(member("wang1", "pass-wang"), connect_timeout=5).close()
