"""`quiz serve` with the roster: members log in with their passcode (SSH password or the
browser's login screen) or an SSH key added with `quiz org key add`; wrong passcodes are
refused, rate-limited per address, and never logged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from quiz.org.sshlib import asyncssh
from tests.serve_support import (
    PASSCODE,
    ROSTER,
    Server,
    SSHPlayer,
    daily_runs,
    judge_bank,
    start_server,
)


def quiz(server: Server, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "quiz", *args], env=server.env,
                          capture_output=True, text=True, check=True)  # fmt: skip


@pytest.fixture
def server(tmp_path: Path):
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    started = start_server(tmp_path, "--ssh", "127.0.0.1:0", bank=judge_bank(tmp_path / "bank"))
    quiz(started, "org", "import", str(roster))
    yield started
    started.stop()


async def refused(server: Server, login: str, password: str | None = None, **options) -> None:
    with pytest.raises(asyncssh.PermissionDenied):
        await SSHPlayer.connect(server.ssh_port, login, password, **options)


async def test_a_member_plays_under_their_name_with_their_passcode(server: Server) -> None:
    player = await SSHPlayer.connect(server.ssh_port, "wang1", PASSCODE)
    assert "王一 · today 0/26 points" in await player.home()
    await player.play_daily(5)
    await player.finished_run()
    await player.close()
    server.wait_for_log("ended after")
    [run] = daily_runs(server.history(), "王一")
    assert (run["status"], run["total"]) == ("finished", 5)
    assert "王一 (login wang1) from 127.0.0.1" in server.log


async def test_wrong_passcodes_unknown_logins_and_members_without_one_are_refused(
    server: Server,
) -> None:
    await refused(server, "wang1", "7-times-study")
    await refused(server, "nobody", PASSCODE)
    await refused(server, "li2", "")
    await refused(server, "li2", "anything")
    assert server.log.count("refused: unknown login or wrong passcode") == 4
    assert "7-times-study" not in server.log
    assert PASSCODE not in server.log


async def test_failed_logins_are_rate_limited_per_address(server: Server) -> None:
    from quiz.serve.limits import FAILURES_ALLOWED

    for _ in range(FAILURES_ALLOWED):
        await refused(server, "wang1", "guess")
    await refused(server, "wang1", PASSCODE)  # even the right one, for now
    assert "too many failures" in server.log


async def test_a_key_added_with_quiz_org_key_add_logs_in(server: Server, tmp_path: Path) -> None:
    key = asyncssh.generate_private_key("ssh-ed25519")
    public = tmp_path / "wang1.pub"
    public.write_bytes(key.export_public_key())
    quiz(server, "org", "key", "add", "wang1", str(public))
    player = await SSHPlayer.connect(server.ssh_port, "wang1", client_keys=[key],
                                     preferred_auth=("publickey",))  # fmt: skip
    assert "王一 · today" in await player.home()
    await player.close()
    other = asyncssh.generate_private_key("ssh-ed25519")
    await refused(server, "wang1", client_keys=[other], preferred_auth=("publickey",))
    await refused(server, "li2", client_keys=[key], preferred_auth=("publickey",))


async def test_open_mode_ignores_the_roster(tmp_path: Path) -> None:
    server = start_server(tmp_path, "--open", "--ssh", "127.0.0.1:0",
                          bank=judge_bank(tmp_path / "bank"))  # fmt: skip
    try:
        player = await SSHPlayer.connect(server.ssh_port, "wang1")
        assert "wang1 · today" in await player.home()
        await player.close()
    finally:
        server.stop()
