"""`quiz serve` connected as a host login (issue 24): the database checks each member's login
(quiz_host_login: the passcode never reaches it) and lets the host record runs only for the
members who logged in through it. A real served host, a real SSH client, a real PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.org.sshlib import asyncssh
from tests.serve_support import SSHPlayer, judge_bank, start_server
from tests.store.test_pg_roles import Campaign, campaign  # noqa: F401 (the fixture)


async def test_a_host_login_serves_members_and_records_only_theirs(
    campaign: Campaign,  # noqa: F811
    tmp_path: Path,
) -> None:
    host = campaign.new_login("host", "serve")
    server = start_server(tmp_path, "--ssh", "127.0.0.1:0", bank=judge_bank(tmp_path / "bank"),
                          extra_env={"QUIZ_DB": campaign.url(host)})  # fmt: skip
    try:
        with pytest.raises(asyncssh.PermissionDenied):
            await SSHPlayer.connect(server.ssh_port, campaign.login("wang"), "pass-li")
        player = await SSHPlayer.connect(server.ssh_port, campaign.login("wang"), "pass-wang")
        assert "王一 · today 0/26 points" in await player.home()
        await player.play_daily(5)
        await player.finished_run()
        await player.close()
        server.wait_for_log("ended after")
    finally:
        server.stop()
    runs = campaign.owner_sql(
        "SELECT p.name, s.status, s.total FROM sessions s JOIN players p ON p.id = s.player_id"
    )
    assert runs == [("王一", "finished", 5)]
    granted = campaign.owner_sql("SELECT host_role, player_id FROM host_grants")
    assert granted == [(host, campaign.player("王一"))]  # 李二 never logged in: not 李二's
