"""The parts of `quiz serve` that need no network: addresses, capacity, rate limits, names,
the host key, the session log, and what a served app refuses to do."""

from __future__ import annotations

import logging
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz.serve.auth import Authenticator, player_name
from quiz.serve.config import (
    MB,
    Address,
    AddressError,
    default_max_anonymous,
    default_max_sessions,
    parse_address,
)
from quiz.serve.hostkey import HostKeyError, load_host_key
from quiz.serve.limits import (
    IDLE_SECONDS,
    LoggingIn,
    Pending,
    RateLimiter,
    SessionTable,
    Throttle,
    shown,
)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("127.0.0.1:2222", Address("127.0.0.1", 2222)),
        (":8000", Address("0.0.0.0", 8000)),
        ("[::1]:22", Address("::1", 22)),
        ("quiz.example.org:0", Address("quiz.example.org", 0)),
    ],
)
def test_addresses(text: str, address: Address) -> None:
    assert parse_address(text) == address


@pytest.mark.parametrize("text", ["2222", "host:", "host:port", "host:70000", ""])
def test_bad_addresses(text: str) -> None:
    with pytest.raises(AddressError):
        parse_address(text)


def test_default_capacity_is_the_smaller_of_memory_and_cores() -> None:
    # 1.5 GB for members at 24 MB (the measured PSS) and a quarter as many not logged in yet
    assert default_max_sessions(memory=2048 * MB, cores=2) == 51
    assert default_max_anonymous(51) == 12
    assert default_max_anonymous(2) == 4
    assert default_max_sessions(memory=64 * 1024 * MB, cores=2) == 100  # 50 per core
    assert default_max_sessions(memory=10 * MB, cores=1) == 1


def test_rate_limit_per_address() -> None:
    now = [0.0]
    limiter = RateLimiter(allowed=3, window=60, clock=lambda: now[0])
    for _ in range(3):
        assert limiter.wait_seconds("10.0.0.1") == 0
        limiter.failed("10.0.0.1")
    assert limiter.wait_seconds("10.0.0.1") == 60
    assert limiter.wait_seconds("10.0.0.2") == 0  # another address is not slowed
    now[0] = 30.0
    assert limiter.wait_seconds("10.0.0.1") == 30
    now[0] = 60.5
    assert limiter.wait_seconds("10.0.0.1") == 0


@pytest.mark.parametrize(
    ("text", "name"),
    [("  王一 ", "王一"), ("alice", "alice"), ("", None), ("a\x1b[31mb", None),
     ("x" * 33, None), ("a\u202eb", None)],
)  # fmt: skip
def test_open_mode_names(text: str, name: str | None) -> None:
    assert player_name(text) == name


async def test_open_mode_takes_any_valid_name_and_roster_mode_needs_a_roster() -> None:
    assert (await Authenticator(True).check_passcode("web", "王一", "", "a")).identity
    refused = await Authenticator(False).check_passcode("web", "王一", "x", "a")
    assert refused.identity is None


def test_log_shows_untrusted_names_escaped() -> None:
    assert shown("王一") == "王一"
    assert shown("evil\n2026-01-01 INFO forged") == "evil\u240a2026-01-01 INFO forged"
    assert shown("\x1b[2J") == "\u241b[2J"


def test_session_table_caps_and_logs(caplog: pytest.LogCaptureFixture) -> None:
    now = [100.0]
    table = SessionTable(capacity=1, clock=lambda: now[0])
    with caplog.at_level(logging.INFO, logger="quiz.serve"):
        first = table.open("ssh", "10.0.0.1:5000", "王一", "wang1")
        assert first is not None
        assert table.open("ssh", "10.0.0.2:5000", "bob") is None
        now[0] += 125
        table.close(first, 0)
    assert "ssh session 1: 王一 (login wang1) from 10.0.0.1:5000 started (1/1)" in caplog.text
    assert "ssh from 10.0.0.2:5000 refused: server full (1 sessions)" in caplog.text
    assert "ended after 0:02:05 (exit 0)" in caplog.text
    assert table.open("web", "10.0.0.2") is not None


def test_sessions_not_logged_in_have_a_quota_of_their_own(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Strangers who never log in fill their own places, never a member's; a login moves a
    session to a member's place when one is free."""
    table = SessionTable(capacity=1, anonymous_capacity=2)
    with caplog.at_level(logging.INFO, logger="quiz.serve"):
        strangers = [table.open("web", f"10.0.0.{n}") for n in (1, 2)]
        assert None not in strangers and table.anonymous_full and not table.full
        assert table.open("web", "10.0.0.3") is None  # no third stranger
        member = table.open("ssh", "10.0.0.4:5000", "王一", "wang1")  # a member still gets in
        assert member is not None and table.full
        first = strangers[0]
        assert first is not None
        assert not table.identified(first, "张三", "zhang3")  # no member's place left
        assert first.player is None
        table.close(member)
        assert table.identified(first, "张三", "zhang3")
        assert (table.members, table.anonymous) == (1, 1)
    assert "refused: 2 sessions not logged in yet" in caplog.text
    assert "web session 1: 张三 from 10.0.0.1 refused: server full" in caplog.text
    assert "web session 1: 张三 (login zhang3) logged in from 10.0.0.1 (1/1, 1/2 not" in caplog.text


def test_the_idlest_stranger_makes_room_and_one_typing_is_kept(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Every stranger's place held: the newcomer takes the place of the one silent longest
    (IDLE_SECONDS at least), which is told to go; one that types lately is passed over; when
    every one has typed lately, the newcomer is refused."""
    now = [0.0]
    table = SessionTable(capacity=1, anonymous_capacity=3, clock=lambda: now[0])
    evicted: list[int] = []
    held = []
    for n in range(3):
        session = table.open("web", f"10.0.0.{n}")
        assert session is not None
        session.evict = lambda number=session.number: evicted.append(number)
        held.append(session)
        now[0] += 1
    now[0] = IDLE_SECONDS + 1.2  # session 1 (0 s) and 2 (1 s) idle; 3 (2 s) not yet
    table.typed(held[0])  # session 1 types: session 2 is now the idlest
    with caplog.at_level(logging.INFO, logger="quiz.serve"):
        newcomer = table.open("web", "10.0.0.9")
        assert newcomer is not None and evicted == [2]
        assert table.anonymous == 3 and held[1].number in table.leaving
        assert not table.identified(held[1], "王一", "wang1")  # ending: no member's place
        assert table.open("web", "10.0.0.8") is None  # the others typed or started lately
        table.close(held[1])  # the evicted session ends: its end is logged, no place freed
        assert table.anonymous == 3 and not table.leaving
        now[0] += IDLE_SECONDS + 1  # all silent: newcomers make room while those closed end
        for n in range(3):
            assert table.open("web", f"10.0.1.{n}") is not None
        assert len(table.leaving) == 3
        now[0] += IDLE_SECONDS + 1  # the newcomers are silent too
        assert table.open("web", "10.0.1.9") is None  # until those closed have ended
        assert "refused: 3 sessions closed to make room still ending" in caplog.text
    assert "web session 2 from 10.0.0.1: silent for 5 s while every stranger's place" in caplog.text
    assert "web from 10.0.0.8 refused: 3 sessions not logged in yet" in caplog.text
    assert "web session 2: (not logged in) from 10.0.0.1 ended after" in caplog.text


def test_one_address_holds_at_most_half_the_strangers_places(
    caplog: pytest.LogCaptureFixture,
) -> None:
    now = [0.0]
    table = SessionTable(capacity=1, anonymous_capacity=4, clock=lambda: now[0])
    assert table.per_address == 2
    ours = [table.open("web", "10.0.0.1") for _ in range(2)]
    assert None not in ours
    with caplog.at_level(logging.INFO, logger="quiz.serve"):
        assert table.open("web", "10.0.0.1") is None  # its share is held, and lately
        assert table.open("web", "10.0.0.2") is not None  # other addresses still get in
        now[0] += IDLE_SECONDS
        evicted: list[str] = []
        for session in ours:
            assert session is not None
            session.evict = lambda: evicted.append("ours")
        assert table.open("web", "10.0.0.1") is not None  # one of its own made room
        assert evicted == ["ours"] and table.anonymous == 3
    assert "web from 10.0.0.1 refused: 2 sessions not logged in from this address" in caplog.text


def test_ssh_logins_in_progress_make_room_from_the_silent_ones(
    caplog: pytest.LogCaptureFixture,
) -> None:
    now = [0.0]
    logging_in = LoggingIn(per_address=2, total=3, clock=lambda: now[0])
    closed: list[str] = []

    def pending(address: str, port: int) -> Pending:
        peer = f"{address}:{port}"
        return Pending(address, peer, now[0], lambda: closed.append(peer))

    held = [pending("10.0.0.1", 1), pending("10.0.0.1", 2), pending("10.0.0.2", 1)]
    assert all(logging_in.admit(one) for one in held)
    with caplog.at_level(logging.INFO, logger="quiz.serve"):
        assert not logging_in.admit(pending("10.0.0.3", 1))  # all started lately
        now[0] = IDLE_SECONDS + 1
        logging_in.heard(held[0])  # took an authentication step
        assert logging_in.admit(pending("10.0.0.1", 3))  # its own silent one goes
        assert closed == ["10.0.0.1:2"] and logging_in.count("10.0.0.1") == 2
        assert logging_in.admit(pending("10.0.0.3", 2))  # the silent one of all goes
        assert closed == ["10.0.0.1:2", "10.0.0.2:1"]  # the second line is within a second
        assert not logging_in.admit(pending("10.0.0.4", 1))  # every one took a step lately
    assert "ssh from 10.0.0.3:1 refused: 3 logins already in progress in all" in caplog.text
    lines = [line for line in caplog.text.splitlines() if "closed to make room" in line]
    assert len(lines) == 1 and "ssh from 10.0.0.1:2, not logged in: silent for 6 s" in lines[0]


def test_a_throttle_holds_its_rate_and_lets_a_second_s_burst_through() -> None:
    now = [0.0]
    throttle = Throttle(1000, clock=lambda: now[0])
    assert throttle.delay(1000) == 0  # a second's worth at once
    assert throttle.delay(500) == 0.5  # then the rate
    now[0] += 0.5
    assert throttle.delay(0) == 0
    assert throttle.delay(2000) == 2.0
    now[0] += 3.0  # refilled, never past a second's worth
    assert throttle.available() == 1000
    throttle.take(600)
    assert throttle.available() == 400
    assert throttle.wait_for(1000) == 0.6


def test_host_key_is_generated_0600_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "data" / "ssh_host_ed25519_key"
    key, created = load_host_key(path)
    assert created
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again, created = load_host_key(path)
    assert not created
    assert again.get_fingerprint() == key.get_fingerprint()


def test_a_host_key_others_can_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "key"
    load_host_key(path)
    path.chmod(0o644)
    with pytest.raises(HostKeyError) as caught:
        load_host_key(path)
    assert caught.value.code == "serve.key_open"


def test_serve_needs_a_transport_and_valid_addresses() -> None:
    from quiz.cli.main import cli

    runner = CliRunner()
    result = runner.invoke(cli, ["serve"])
    assert result.exit_code == 2
    assert "--ssh HOST:PORT" in result.output
    result = runner.invoke(cli, ["serve", "--ssh", "nowhere"])
    assert result.exit_code == 2
    assert "nowhere is not HOST:PORT" in result.output


def test_serve_refuses_a_host_key_others_can_read(tmp_path: Path) -> None:
    from quiz.cli.main import cli

    key = tmp_path / "key"
    load_host_key(key)
    key.chmod(0o640)
    result = CliRunner().invoke(cli, ["serve", "--ssh", "127.0.0.1:0", "--host-key", str(key)])
    assert result.exit_code == 1
    assert "chmod 600" in result.output


def test_the_fork_server_preloads_modules_that_exist() -> None:
    import importlib

    from quiz.serve.spawn import LAST, POSTGRES, PRELOAD

    for name in [*PRELOAD, *POSTGRES, LAST]:  # the fork server skips a missing one silently
        importlib.import_module(name)


def test_the_fork_server_freezes_what_it_preloaded() -> None:
    """Sessions share the preloaded heap only if their garbage collections leave it alone."""
    code = (
        "import gc, importlib; from quiz.serve.spawn import PRELOAD, LAST\n"
        "[importlib.import_module(n) for n in PRELOAD]\n"
        "before = gc.get_freeze_count(); importlib.import_module(LAST)\n"
        "print(before, gc.get_freeze_count())"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after = map(int, done.stdout.split())
    assert before == 0 and after > 10_000


@pytest.mark.parametrize(
    ("requested", "term"),
    [("xterm-256color", "xterm-256color"), ("screen.xterm", "screen.xterm"), ("", "xterm-256color"),
     ("x\nTERM=evil", "xterm-256color"), ("-rf", "xterm-256color"), ("a" * 65, "xterm-256color")],
)  # fmt: skip
def test_the_client_terminal_type_is_taken_when_it_looks_like_one(requested: str, term: str):
    from quiz.serve.ssh import term_name

    assert term_name(requested) == term


@pytest.mark.parametrize(
    ("remote", "header", "client"),
    [
        ("10.0.0.1", "203.0.113.7", "203.0.113.7"),  # the trusted proxy names its client
        ("10.0.0.1", "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # the left may be forged
        ("10.0.0.1", "203.0.113.7, 10.0.0.2", "203.0.113.7"),  # a second trusted proxy
        ("10.0.0.1", "not-an-address", "10.0.0.1"),
        ("10.0.0.1", None, "10.0.0.1"),
        ("192.0.2.9", "203.0.113.7", "192.0.2.9"),  # not a trusted proxy: the header ignored
        ("10.0.0.1", " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_x_forwarded_for_is_read_only_from_a_trusted_proxy(
    remote: str, header: str | None, client: str
) -> None:
    from quiz.serve.proxy import forwarded_client

    assert forwarded_client(remote, header, ("10.0.0.1", "10.0.0.2")) == client


def test_proxy_protocol_headers_are_parsed_or_refused() -> None:
    from quiz.serve.proxy import ProxyHeaderError, parse_proxy_line

    assert parse_proxy_line(b"PROXY TCP4 203.0.113.7 10.0.0.1 40000 2222") == ("203.0.113.7",
                                                                               40000)  # fmt: skip
    assert parse_proxy_line(b"PROXY TCP6 2001:db8::1 ::1 5 22") == ("2001:db8::1", 5)
    assert parse_proxy_line(b"PROXY UNKNOWN") is None
    for bad in (b"PROXY TCP4 evil 10.0.0.1 1 2", b"PROXY TCP4 1.2.3.4 5.6.7.8 99999 1",
                b"PROXY TCP4 1.2.3.4", b"HELLO"):  # fmt: skip
        with pytest.raises(ProxyHeaderError):
            parse_proxy_line(bad)


def test_a_trusted_proxy_must_be_an_address() -> None:
    from quiz.cli.main import cli

    result = CliRunner().invoke(cli, ["serve", "--ssh", "127.0.0.1:0", "--trusted-proxy", "lb"])
    assert result.exit_code == 2
    assert "lb is not an IP address" in result.output
