"""Corrupt is not the same as unavailable (issue 12): only a file that is not SQLite, another
program's, or damaged is bad; locked, read-only and full mean "cannot save now". A fault never
kills a run. Real processes hold the locks; a small tmpfs is the full or read-only disk."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz.cli.main import cli
from quiz.engine.modes import Mode
from quiz.store.errors import StoreError
from quiz.store.opening import open_store
from quiz.store.sqlite.schema import probe
from quiz.usecases.play import Run
from tests.conftest import REPO
from tests.factories import bank, clock, right

HEADLESS = {
    "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver",
    "TEXTUAL_PRESS": "ctrl+q",
}


def run_quiz(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "quiz", *args], capture_output=True, text=True, env=environment,
        timeout=120,
    )  # fmt: skip


def played_db(path: Path, runs: int = 3) -> Path:
    store = open_store(path)
    for seed in range(runs):
        run = Run.start(store, "tester", bank(), Mode.DAILY, clock(), seed=seed)
        for _ in range(5):
            run.submit(right(run.session.current), 2.0)
            run.session.proceed()
        run.finish()
    store.close()
    return path


LOCKER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive":  # nobody may even read
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
    conn.execute("BEGIN EXCLUSIVE")
else:  # a writer that never commits: nobody else may write
    conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(120)
"""


@pytest.fixture
def locked_db(tmp_path: Path) -> Iterator[Path]:
    """A healthy quiz database that another process holds locked."""
    db = played_db(tmp_path / "quiz.db")
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(db), "exclusive"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        yield db
    finally:
        locker.kill()
        locker.wait()


def test_a_locked_database_is_busy_not_bad(locked_db: Path) -> None:
    before = locked_db.read_bytes()
    problem = probe(locked_db)
    assert problem is not None and problem.code == "store.busy" and not problem.bad
    tui = run_quiz("--db", str(locked_db), "--move-bad-db", env=HEADLESS)
    assert tui.returncode == 0, tui.stderr  # played unsaved: nothing moved, nothing refused
    report = run_quiz("history", "--db", str(locked_db))
    assert report.returncode == 1 and "in use by another program" in report.stderr
    assert "Traceback" not in report.stderr and "not an SQLite" not in report.stderr
    assert not [p.name for p in locked_db.parent.iterdir() if ".bad-" in p.name]
    assert locked_db.read_bytes() == before


@pytest.fixture
def small_mount(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "mnt"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("mounting a small tmpfs needs root (run the suite as root for disk faults)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_valid_database_on_a_read_only_mount_is_played_unsaved(small_mount: Path) -> None:
    db = played_db(small_mount / "quiz.db")
    before = db.read_bytes()
    subprocess.run(["mount", "-o", "remount,ro", str(small_mount)], check=True)
    assert probe(db) is None or not probe(db).bad  # type: ignore[union-attr]
    tui = run_quiz("--db", str(db), env=HEADLESS)
    assert tui.returncode == 0, tui.stderr
    with pytest.raises(StoreError) as caught:
        open_store(db)
    assert not caught.value.bad
    assert db.read_bytes() == before


def fill(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


def test_a_disk_that_fills_during_a_run_never_ends_it(small_mount: Path) -> None:
    from quiz.store.recorder import Recorder

    store = open_store(small_mount / "quiz.db")
    failures: list[Exception] = []
    recorder = Recorder(failures.append)
    run = Run.start(store, "tester", bank(), Mode.DAILY, clock(), seed=1, recorder=recorder)
    run.submit(right(run.session.current), 2.0)
    run.session.proceed()
    recorder.drain()
    fill(small_mount)
    for _ in range(4):
        run.submit(right(run.session.current), 2.0)
        run.session.proceed()
    outcome = run.finish()  # never raises
    assert outcome.saved is False and run.session.correct_count == 5
    assert failures and isinstance(failures[0], StoreError) and not failures[0].bad
    assert failures[0].code == "store.full"
    recorder.close()
    store.close()


async def test_the_tui_ends_a_run_on_a_full_disk_in_the_results_marked_not_saved(
    small_mount: Path,
) -> None:
    from quiz.tui.screens.question import QuestionScreen
    from quiz.tui.screens.results import ResultsScreen
    from quiz.usecases.requests import PlayRequest
    from tests.tui_support import answer, make_app, make_services, notices, wait_for

    services = make_services(small_mount, lang="en")
    app = make_app(services, PlayRequest(Mode.DAILY, seed=1))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, QuestionScreen)
        await answer(pilot)
        services.saving.recorder.drain()
        fill(small_mount)
        for _ in range(4):
            await pilot.press("enter")
            await answer(pilot)
        await pilot.press("enter")
        results = await wait_for(pilot, ResultsScreen)
        shown = str(results.query_one("#results-summary").render())
        assert "not saved" in shown
        assert any("cannot be saved" in m for m in notices(app))
        assert app.is_running


def corrupt_pages(db: Path) -> None:
    """Garbage over every page but the first (the schema): SQLite still opens the file, and
    any query that reads a table finds it damaged."""
    page = sqlite3.connect(db).execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(db.read_bytes())
    for offset in range(page, len(data)):
        data[offset] = (offset * 37) % 251
    db.write_bytes(bytes(data))


def test_a_damaged_database_is_an_honest_message_everywhere(tmp_path: Path) -> None:
    db = played_db(tmp_path / "quiz.db")
    corrupt_pages(db)
    before = db.read_bytes()
    runner = CliRunner()
    for args in (["stats"], ["stats", "--items"], ["history", "--json"], ["stats", "--json"]):
        result = runner.invoke(cli, ["--db", str(db), *args])
        assert result.exit_code == 1, (args, result.output)
        assert "damaged" in result.output and "Traceback" not in result.output
        assert not isinstance(result.exception, sqlite3.Error)
    assert db.read_bytes() == before


async def test_a_damaged_database_never_crashes_the_tui(tmp_path: Path) -> None:
    from quiz.tui.screens.home import HomeScreen
    from quiz.tui.screens.stats import StatsScreen
    from tests.tui_support import make_app, make_services, notices, settle, wait_for

    services = make_services(tmp_path, lang="en")
    played_db(tmp_path / "quiz.db")
    corrupt_pages(tmp_path / "quiz.db")
    app = make_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        await pilot.press("s")
        await wait_for(pilot, StatsScreen)
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, StatsScreen)
        assert any("damaged" in m for m in notices(app))
        await pilot.press("escape", "h")
        await settle(pilot)
        assert app.is_running


def test_move_bad_db_takes_the_wal_and_shm_along_and_never_reuses_a_name(tmp_path: Path) -> None:
    db = tmp_path / "quiz.db"
    backups: list[Path] = []
    for round_ in range(3):  # three moves within the same second
        db.write_bytes(b"not a database %d " % round_ * 100)
        Path(f"{db}-wal").write_bytes(b"committed rows %d" % round_)
        Path(f"{db}-shm").write_bytes(b"shared memory")
        moved = run_quiz("--db", str(db), "--move-bad-db", env=HEADLESS)
        assert moved.returncode == 0, moved.stderr
    names = sorted(p.name for p in tmp_path.iterdir() if ".bad-" in p.name)
    backups = [tmp_path / n for n in names if not n.endswith(("-wal", "-shm"))]
    assert len(backups) == 3
    contents = {b.read_bytes()[:16] for b in backups}
    assert contents == {b"not a database %d" % i for i in range(3)}
    for backup in backups:
        wal = Path(f"{backup}-wal")
        assert wal.exists() and Path(f"{backup}-shm").exists()
        number = backup.read_bytes()[15:16]
        assert wal.read_bytes() == b"committed rows " + number


def test_a_moved_database_keeps_its_committed_rows(tmp_path: Path) -> None:
    """A database whose last answers are only in its -wal: moved, it still opens with them."""
    from quiz.system.files import move_aside

    db = played_db(tmp_path / "quiz.db", runs=1)
    keeper = sqlite3.connect(db)  # an open connection keeps the -wal from being folded in
    keeper.execute("PRAGMA journal_mode=WAL")
    store = open_store(db)
    run = Run.start(store, "tester", bank(), Mode.CHALLENGE, clock(), seed=9)
    run.submit(right(run.session.current), 1.0)
    answers = sqlite3.connect(db).execute("SELECT COUNT(*) FROM answers").fetchone()[0]
    assert Path(f"{db}-wal").stat().st_size > 0
    backup = move_aside(db, "quiz.db.bad-x", ("-wal", "-shm"))
    copy = tmp_path / "copy.db"
    copy.write_bytes(backup.read_bytes())
    Path(f"{copy}-wal").write_bytes(Path(f"{backup}-wal").read_bytes())
    assert sqlite3.connect(copy).execute("SELECT COUNT(*) FROM answers").fetchone()[0] == answers
    store.close()
    keeper.close()


def test_nothing_is_created_in_a_file_that_was_not_recognised(tmp_path: Path) -> None:
    path = tmp_path / "quiz.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = -1")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert caught.value.code == "store.foreign_database" and caught.value.bad
    assert path.read_bytes() == before
    tables = sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    assert tables == 0


def test_a_store_locked_during_play_keeps_the_run_going(tmp_path: Path) -> None:
    """The database was fine when opened, then another process locked it: the run starts
    unsaved and finishes, never raises."""
    db = played_db(tmp_path / "quiz.db", runs=1)
    store = open_store(db)
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(db), "writer"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        run = Run.start(store, "tester", bank(), Mode.CHALLENGE, clock(), seed=1)
        assert run.store is None
        run.submit(right(run.session.current), 1.0)
        assert run.finish().saved is False
    finally:
        locker.kill()
        locker.wait()
        store.close()
