"""A member's papers over SSH (issue 29): a real `quiz serve`, a paper published with the
command line, the member logs in with a real SSH client, finds it on home (待完成的试卷) with
its closing time, and takes it from there; the attempt is booked under their name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.serve_support import PASSCODE, ROSTER, Server, SSHPlayer, judge_bank, start_server
from tests.store_backends import query


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


async def test_a_member_takes_a_paper_from_home_over_ssh(server: Server) -> None:
    published = quiz(server, "paper", "publish", "--title", "第一周测验", "--ids",
                     "t-001,t-002,t-003", "--units", "武汉大学/计算机学院", "--opens",
                     "2026-11-27T08:00+08:00", "--closes", "2026-11-29T18:00+08:00",
                     "--minutes", "10")  # fmt: skip
    paper = int(published.stdout)
    player = await SSHPlayer.connect(server.ssh_port, "wang1", PASSCODE)
    await player.home()
    await player.expect("attempt(s) left")  # the summary is read after home is drawn
    assert "Papers to take" in player.screen.text
    assert "第一周测验" in player.screen.text and "closes 11-29 18:00" in player.screen.text
    await player.press("p", "\r")
    await player.expect("question 1/3")
    await player.close()
    rows = query(server.env["QUIZ_DB"], "SELECT p.name, a.attempt FROM paper_attempts a "
                 "JOIN players p ON p.id = a.player_id WHERE a.paper_id = ?", (paper,))  # fmt: skip
    assert rows == [("王一", 1)]
