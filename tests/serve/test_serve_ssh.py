"""`quiz serve --ssh`, with a real server process and real SSH clients (asyncssh)."""

from __future__ import annotations

import asyncio
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from quiz.org.sshlib import asyncssh
from tests.serve_support import SSHPlayer, daily_runs, judge_bank, start_server


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    return judge_bank(tmp_path / "bank")


async def test_open_mode_plays_a_daily_run_under_the_ssh_name(tmp_path: Path, bank: Path):
    server = start_server(tmp_path, "--open", "--ssh", "127.0.0.1:0", bank=bank)
    try:
        assert "OPEN MODE" in server.log
        player = await SSHPlayer.connect(server.ssh_port, "alice")
        home = await player.home()
        assert "alice · today 0/26 points" in home
        await player.play_daily(5)
        await player.finished_run()
        await player.press("\x11")  # Ctrl+Q
        status = await player.process.wait()
        assert status.exit_status == 0
        await player.close()
        server.wait_for_log("ended after")
    finally:
        assert server.stop() == 0
    [run] = daily_runs(server.history(), "alice")
    assert (run["status"], run["total"], run["correct"]) == ("finished", 5, 5)
    assert "ssh session 1: alice from 127.0.0.1:" in server.log


async def test_the_name_comes_from_the_server_not_the_client_environment(tmp_path: Path,
                                                                         bank: Path):  # fmt: skip
    server = start_server(tmp_path, "--open", "--ssh", "127.0.0.1:0", bank=bank)
    try:
        player = await SSHPlayer.connect(server.ssh_port, "bob", env={"QUIZ_USER": "mallory"})
        assert "bob · today" in await player.home()
        assert "mallory" not in player.screen.text
        await player.close()
    finally:
        server.stop()


async def test_server_full_refuses_the_next_player_with_a_message(tmp_path: Path, bank: Path):
    server = start_server(tmp_path, "--open", "--ssh", "127.0.0.1:0", "--max-sessions", "1",
                          bank=bank)  # fmt: skip
    try:
        first = await SSHPlayer.connect(server.ssh_port, "one")
        await first.home()
        second = await SSHPlayer.connect(server.ssh_port, "two")
        status = await asyncio.wait_for(second.process.wait(), 60)
        assert status.exit_status == 1
        assert "Server full, try again in a minute." in status.stdout.decode()
        await second.close()
        assert "refused: server full" in server.log
        await first.close()
    finally:
        server.stop()


async def test_resizes_reach_the_session(tmp_path: Path, bank: Path):
    server = start_server(tmp_path, "--open", "--ssh", "127.0.0.1:0", bank=bank)
    try:
        player = await SSHPlayer.connect(server.ssh_port, "carol")
        await player.home()
        player.screen.set_mark()
        player.process.change_terminal_size(50, 15)
        await player.expect("too small")
        player.screen.set_mark()
        player.process.change_terminal_size(100, 30)
        await player.expect("questions in the bank")
        await player.close()
    finally:
        server.stop()


async def test_no_commands_and_no_session_without_a_terminal(tmp_path: Path, bank: Path):
    server = start_server(tmp_path, "--open", "--ssh", "127.0.0.1:0", bank=bank)
    try:
        async with asyncssh.connect("127.0.0.1", server.ssh_port, username="dave",
                                    known_hosts=None, client_keys=None, agent_path=None,
                                    config=None) as conn:  # fmt: skip
            with pytest.raises(asyncssh.ChannelOpenError):
                await conn.run("cat /etc/passwd", check=False)
            no_pty = await conn.run(check=False)  # a shell without a terminal
            assert no_pty.exit_status == 2
            assert "ssh -t" in str(no_pty.stdout)
    finally:
        server.stop()


PLAYER_SCRIPT = """
import asyncio, sys
from tests.serve_support import SSHPlayer

async def main():
    player = await SSHPlayer.connect(int(sys.argv[1]), sys.argv[2])
    await player.home()
    await player.press("\\r")
    for n in (1, 2):
        await player.expect(f"question {n}/5")
        await player.press("a", "\\r")
        await player.expect("Right answer: ")
        await player.press("\\r")
    await player.expect("question 3/5")
    print("answered", flush=True)
    await asyncio.sleep(3600)

asyncio.run(main())
"""


async def test_a_client_killed_mid_run_keeps_its_answers(tmp_path: Path, bank: Path):
    server = start_server(tmp_path, "--open", "--ssh", "127.0.0.1:0", bank=bank)
    try:
        client = subprocess.Popen(
            [sys.executable, "-c", PLAYER_SCRIPT, str(server.ssh_port), "erin"],
            stdout=subprocess.PIPE, env=server.env, text=True,
        )  # fmt: skip
        assert client.stdout is not None
        line = await asyncio.to_thread(client.stdout.readline)
        assert line.strip() == "answered"
        client.send_signal(signal.SIGKILL)
        client.wait()
        # The session process notices that its player has gone, saves and ends.
        await asyncio.to_thread(server.wait_for_log, "erin from 127.0.0.1")
        await asyncio.to_thread(server.wait_for_log, "ended after")
        [run] = daily_runs(server.history(), "erin")
        assert (run["status"], run["total"]) == ("unfinished", 2)
        # Back in, the run is there to continue.
        player = await SSHPlayer.connect(server.ssh_port, "erin", size=(110, 48))
        await player.expect("Unfinished: Daily quiz, 2 answered")
        await player.close()
    finally:
        server.stop()


async def test_ctrl_c_on_the_server_ends_sessions_and_keeps_answers(tmp_path: Path, bank: Path):
    server = start_server(tmp_path, "--open", "--ssh", "127.0.0.1:0", bank=bank)
    players = [await SSHPlayer.connect(server.ssh_port, name) for name in ("fay", "gus")]
    for player in players:
        await player.home()
    await players[0].play_daily(1)
    await players[0].expect("question 2/5")
    assert server.stop(signal.SIGINT) == 0
    for player in players:
        status = await asyncio.wait_for(player.process.wait(), 60)
        assert status.exit_status == 0
        raw = player.screen.raw + status.stdout.decode("utf-8", "replace")
        # Said on the player's own screen, after the quiz has left it (the alternate screen),
        # so it stays there when the connection closes: not drawn into the quiz's last frame.
        said = raw.rfind("The server is stopping: your answers are saved.")
        assert said > raw.rfind("\x1b[?1049l") > 0, raw[-600:]
        await player.close()
    assert server.log.count("ended after") == 2
    [run] = daily_runs(server.history(), "fay")
    assert (run["status"], run["total"]) == ("unfinished", 1)


async def test_half_open_logins_from_one_address_are_capped(tmp_path: Path, bank: Path):
    from quiz.serve.limits import PENDING_PER_ADDRESS

    server = start_server(tmp_path, "--open", "--ssh", "127.0.0.1:0", bank=bank)
    try:
        silent = [await asyncio.open_connection("127.0.0.1", server.ssh_port)
                  for _ in range(PENDING_PER_ADDRESS)]  # fmt: skip
        # Each says nothing after connecting: a login in progress, until the login timeout.
        with pytest.raises((asyncssh.Error, OSError)):
            await SSHPlayer.connect(server.ssh_port, "flood")
        assert "logins already in progress" in server.log
        for _, writer in silent:
            writer.close()
        player = None
        for _ in range(600):  # once the server has seen them go
            try:
                player = await SSHPlayer.connect(server.ssh_port, "after")
                break
            except (asyncssh.Error, OSError):
                await asyncio.sleep(0.1)
        assert player is not None
        await player.home()
        await player.close()
    finally:
        server.stop()


async def test_the_log_starts_with_the_servers_own_lines(tmp_path: Path, bank: Path):
    """asyncssh's import warns five times that DSA is deprecated (cryptography): not a word of
    it reaches the log, which starts with the server's first line."""
    server = start_server(tmp_path, "--open", "--ssh", "127.0.0.1:0", bank=bank)
    server.stop()
    log = server.log
    assert "CryptographyDeprecationWarning" not in log
    assert "DSA is deprecated" not in log
    assert re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (INFO|WARNING) ", log), log[:500]
