"""No crash, no lost answer, a clear error for every bad input."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.bank.loader import load_bank
from quiz.cli.main import cli
from quiz.store.opening import open_store
from tests.conftest import BANK, REPO

FUZZ = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
YAMLISH = st.lists(
    st.sampled_from(
        [*"abc:-_ []{}&*!|>'\"#\n\t0123456789中文题“”、，", "id: ", "type: ", "questions:\n",
         "section: x\n", "  - ", "answer: ", "options: [", "true", "____"]
    ),
    max_size=80,
).map("".join)  # fmt: skip


@FUZZ
@given(text=YAMLISH)
def test_fuzz_loader_text(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "f.yaml").write_text(text, encoding="utf-8")
    bank = load_bank([folder])  # never raises
    for error in bank.errors:
        assert error.file.endswith("f.yaml") and error.line >= 0 and error.message


@FUZZ
@given(data=st.binary(max_size=400))
def test_fuzz_loader_bytes(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "f.yaml").write_bytes(data)
    bank = load_bank([folder])
    assert all(e.message for e in bank.errors)


@FUZZ
@given(mutation=st.tuples(st.integers(0, 10_000), st.integers(0, 40), st.text(max_size=8)))
def test_fuzz_real_bank_file_mutations(
    tmp_path_factory: pytest.TempPathFactory, mutation: tuple[int, int, str]
) -> None:
    """Real files with a stretch cut out and something pasted in: errors, never a crash."""
    start, length, paste = mutation
    text = (BANK / "01-yiling.yaml").read_text(encoding="utf-8")
    start %= len(text)
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "questions").mkdir()
    (folder / "seeds").symlink_to(REPO / "seeds")
    (folder / "questions" / "f.yaml").write_text(text[:start] + paste + text[start + length :])
    bank = load_bank([folder / "questions"])
    assert all(e.message for e in bank.errors)


PLAYER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from quiz.bank.loader import load_bank
    from quiz.system.clock import SystemClock
    from quiz.engine.modes import Mode
    from quiz.usecases.play import Recorder, Run
    from quiz.store.opening import open_store

    store = open_store(sys.argv[1])
    recorder = Recorder()
    bank = load_bank([Path(sys.argv[2])]).questions
    user = sys.argv[3]
    for round_ in range(int(sys.argv[4])):
        run = Run.start(store, user, bank, Mode.EXAM, SystemClock(), count=10, recorder=recorder)
        for position in range(10):
            run.session.go_to(position)
            run.submit(run.session.current.answer, 1.0)
            recorder.drain()
            print(run.session_id, position, flush=True)
        run.finish()
    """
)


def start_player(db: str, user: str, rounds: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", PLAYER, db, str(BANK), user, str(rounds)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("after", [1, 7, 23, 61])
def test_killing_at_random_points_loses_no_committed_answer(
    store_location: str, after: int
) -> None:
    """Kill the player once it has committed `after` answers, plus a random moment more."""
    db = store_location
    player = start_player(db, "小王", rounds=1000)
    assert player.stdout is not None
    committed = []
    for line in player.stdout:
        committed.append(tuple(map(int, line.split())))
        if len(committed) >= after:
            break
    time.sleep(random.Random(after).uniform(0, 0.05))
    os.kill(player.pid, signal.SIGKILL)
    rest, _ = player.communicate()
    # A line cut short by the kill (no newline yet) was never a promise: only whole lines count.
    whole = rest.split("\n")[:-1]
    committed += [tuple(map(int, line.split())) for line in whole if len(line.split()) == 2]
    if not db.startswith("postgresql://"):
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    store = open_store(db)  # still opens as a quiz database
    stored = {(s.id, a.position) for s in store.sessions() for a in store.answers(s.id)}
    store.close()
    assert len(committed) >= after and set(committed) <= stored


def test_two_processes_on_one_database_are_both_recorded(store_location: str) -> None:
    db = store_location
    open_store(db).close()
    players = [start_player(db, name, rounds=8) for name in ("小王", "小李")]
    for player in players:
        _, err = player.communicate(timeout=120)
        assert player.returncode == 0, err
    store = open_store(db)
    try:  # closed: a PostgreSQL pool left to the collector may be finalised in its own thread
        for name in ("小王", "小李"):
            sessions = store.sessions(name)
            assert len(sessions) == 8 and all(s.status == "finished" for s in sessions)
            assert sum(len(store.answers(s.id)) for s in sessions) == 80
    finally:
        store.close()


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QUIZ_LANG": "en", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "quiz", *args], capture_output=True, text=True, env=environment,
        timeout=60,
    )  # fmt: skip


HEADLESS = {
    "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver",
    "TEXTUAL_PRESS": "ctrl+q",
}


def test_corrupt_database_refused_untouched_then_moved_aside_on_request(tmp_path: Path) -> None:
    db = tmp_path / "quiz.db"
    db.write_bytes(b"not a database" * 100)
    result = run_cli("--db", str(db), env=HEADLESS)
    assert result.returncode == 1
    assert "not an SQLite database" in result.stderr and "--move-bad-db" in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == b"not a database" * 100
    moved = run_cli("--db", str(db), "--move-bad-db", env=HEADLESS)
    assert moved.returncode == 0, moved.stderr
    backups = list(tmp_path.glob("quiz.db.bad-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == b"not a database" * 100


def test_newer_schema_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "quiz.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = db.read_bytes()
    for args in (["--db", str(db)], ["history", "--db", str(db)], ["stats", "--db", str(db)]):
        result = run_cli(*args, env=HEADLESS)
        assert result.returncode == 1 and "newer quiz" in result.stderr
    assert db.read_bytes() == before


def test_unwritable_data_location_still_plays(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = run_cli("--db", str(blocker / "quiz.db"), env=HEADLESS)  # its folder is a file
    assert result.returncode == 0, result.stderr


async def test_failed_writes_are_reported_and_play_goes_on(tmp_path: Path) -> None:
    from quiz.engine.modes import Mode
    from quiz.tui.screens.question import QuestionScreen
    from quiz.usecases.requests import PlayRequest
    from tests.tui_support import answer, make_app, make_services, notices, wait_for

    services = make_services(tmp_path, lang="en")
    app = make_app(services, PlayRequest(Mode.DAILY, seed=1))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for(pilot, QuestionScreen)
        assert services.saving.store is not None

        def refuse(*args: object) -> None:
            raise sqlite3.OperationalError("attempt to write a readonly database")

        services.saving.store.record_answer = refuse  # type: ignore[method-assign, assignment]
        await answer(pilot)
        await pilot.press("enter")
        await answer(pilot)
        services.saving.recorder.drain()
        await pilot.pause()
        assert screen.session.position == 1 and len(screen.session.answers) == 2
        messages = notices(app)
        assert sum("cannot be saved" in m for m in messages) == 1


async def test_resizing_to_tiny_and_back_during_a_question(tmp_path: Path) -> None:
    from quiz.engine.modes import Mode
    from quiz.tui.screens.question import QuestionScreen
    from quiz.usecases.requests import PlayRequest
    from tests.tui_support import answer, make_app, make_services, settle, wait_for

    services = make_services(tmp_path, lang="en")
    app = make_app(services, PlayRequest(Mode.RACE, seed=2))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for(pilot, QuestionScreen)
        for size in ((20, 8), (5, 3), (80, 24), (20, 8), (120, 40)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            assert screen.has_class("-too-small") == (size[0] < 60 or size[1] < 18)
        await answer(pilot)
        assert screen.session.answers


def test_no_color_is_respected(tmp_path: Path) -> None:
    from quiz.tui.app import QuizApp
    from tests.tui_support import make_services

    os.environ["NO_COLOR"] = "1"
    try:
        app = QuizApp(make_services(tmp_path))
    finally:
        os.environ.pop("NO_COLOR", None)
    assert app.no_color


def test_dumb_terminal_gets_plain_text(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from rich.console import Console

    from quiz.cli import output

    db = tmp_path / "quiz.db"
    open_store(db).close()
    monkeypatch.setenv("TERM", "dumb")
    output.out.cache_clear()
    monkeypatch.setattr(output, "out", lambda: Console(force_terminal=True, highlight=False))
    assert output.plain()
    result = CliRunner().invoke(cli, ["--lang", "en", "stats", "--db", str(db)])
    assert result.exit_code == 0 and "\x1b[" not in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["play", "--mode", "karaoke"],
        ["play", "--mode", "daily", "--count", "-3"],
        ["play", "--mode", "daily", "--seed", "x"],
        ["validate", "no/such/file.yaml"],
        ["derive", "no-such-article.txt"],
        ["--lang", "fr", "validate"],
        ["history", "--limit", "0"],
        ["stats", "--nope"],
        ["no-such-command"],
    ],
)
def test_bad_flags_are_usage_errors(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "Usage:" in result.output or "Error:" in result.output
    assert "Traceback" not in result.output
