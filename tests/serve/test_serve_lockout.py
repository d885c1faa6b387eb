"""Failed logins are limited per account and per address, against a real `quiz serve` and a
real SSH client: one member's wrong passcodes lock that member for a while, never the other
members behind the same address (a NAT, the reverse proxy); and nothing typed as a login is
logged unless it is a roster login."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import asyncssh
import pytest

from quiz.serve.limits import FAILURES_ALLOWED
from tests.serve_support import PASSCODE, Server, SSHPlayer, judge_bank, start_server

OTHER = "nine-nine-study"
ROSTER = f"""name,unit,login,passcode
王一,武汉大学/计算机学院/教工第一党支部,wang1,{PASSCODE}
张三,武汉大学/计算机学院/教工第一党支部,zhang3,{OTHER}
李二,武汉大学/计算机学院/教工第一党支部,li2,
"""


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    started = start_server(tmp_path, "--ssh", "127.0.0.1:0", bank=judge_bank(tmp_path / "bank"))
    subprocess.run([sys.executable, "-m", "quiz", "org", "import", str(roster)],
                   env=started.env, capture_output=True, check=True)  # fmt: skip
    yield started
    started.stop()


async def refused(server: Server, login: str, password: str) -> None:
    with pytest.raises(asyncssh.PermissionDenied):
        await SSHPlayer.connect(server.ssh_port, login, password)


async def test_a_locked_account_does_not_lock_the_others_behind_its_address(
    server: Server, tmp_path: Path
) -> None:
    for _ in range(FAILURES_ALLOWED):
        await refused(server, "wang1", "a-guess")
    await refused(server, "wang1", PASSCODE)  # that account waits, even with the right one
    assert "too many failures" in server.log
    other = await SSHPlayer.connect(server.ssh_port, "zhang3", OTHER)  # the same address
    assert "张三 · today" in await other.home()
    await other.close()
    key = asyncssh.generate_private_key("ssh-ed25519")
    public = tmp_path / "li2.pub"
    public.write_bytes(key.export_public_key())
    subprocess.run([sys.executable, "-m", "quiz", "org", "key", "add", "li2", str(public)],
                   env=server.env, capture_output=True, check=True)  # fmt: skip
    keyed = await SSHPlayer.connect(server.ssh_port, "li2", client_keys=[key],
                                    preferred_auth=("publickey",))  # fmt: skip
    assert "李二 · today" in await keyed.home()
    await keyed.close()


async def test_a_login_that_is_not_on_the_roster_is_logged_without_its_text(
    server: Server,
) -> None:
    await refused(server, "zhoupass7", "whatever")  # a passcode typed as the login
    await refused(server, "wang1", "wrong-one")
    server.wait_for_log("an unknown login from 127.0.0.1 refused")
    assert "zhoupass7" not in server.log
    assert "login wang1 from 127.0.0.1 refused" in server.log


async def test_one_connection_opens_one_session(server: Server) -> None:
    """Eight sessions on one connection: the first plays, the others are refused at once."""
    player = await SSHPlayer.connect(server.ssh_port, "wang1", PASSCODE)
    assert "王一 · today" in await player.home()
    for _ in range(7):
        extra = await player.conn.create_process(term_type="xterm", term_size=(80, 24))
        said = await extra.stdout.read()
        await extra.wait_closed()
        assert "One SSH connection plays one session at a time." in said
        assert extra.exit_status == 1
    await player.close()
    server.wait_for_log("ended after")
    assert server.log.count("started (") == 1
