"""Consistency (issue 12): an answer and its review in one transaction; the daily cap checked
and booked inside the write transaction, on the day the run started; keys applied in order
however fast they arrive; repeated JSON keys reported; CSV cells never spreadsheet formulas.
Concurrency is tested with real processes."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner
from textual import events

from quiz.bank.formats import read_csv, read_xxqg, write_csv
from quiz.bank.loader import load_bank
from quiz.cli.main import cli
from quiz.engine.modes import Mode
from quiz.store.opening import open_store
from quiz.store.protocol import Store
from quiz.system.clock import FixedClock
from quiz.usecases.play import Run
from tests.conftest import REPO, BankWriter
from tests.factories import START, bank, question, right

ENV = {**os.environ, "PYTHONPATH": str(REPO)}

# -- one transaction for an answer and its review -----------------------------------------------

STUDENT = textwrap.dedent(
    """
    import sys
    from datetime import timedelta
    from pathlib import Path
    from quiz.system.clock import FixedClock
    from quiz.engine.modes import Mode
    from quiz.engine.selection import NothingToAsk
    from quiz.usecases.play import Run
    from quiz.store.opening import open_store
    from tests.factories import START, bank, right

    store = open_store(Path(sys.argv[1]))
    questions = bank(40)
    day = int(sys.argv[2])
    while True:  # a new day each round: new cards and due reviews for the study mode
        clock = FixedClock(START + timedelta(days=day))
        try:
            run = Run.start(store, "小王", questions, Mode.STUDY, clock)
        except NothingToAsk:  # nothing due that day
            day += 1
            continue
        while run.session.phase.value != "finished":
            run.submit(right(run.session.current), 3.0)
            print("answered", flush=True)
            run.session.proceed()
        run.finish()
        day += 1
    """
)


def test_kill_minus_nine_during_study_never_leaves_an_answer_without_its_review(
    tmp_path: Path,
) -> None:
    db = tmp_path / "quiz.db"
    open_store(db).close()
    chance = random.Random(12)
    for kill in range(12):
        student = subprocess.Popen(
            [sys.executable, "-c", STUDENT, str(db), str(kill * 50)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV, cwd=REPO,
        )  # fmt: skip
        assert student.stdout is not None
        for _ in range(chance.randint(1, 6)):  # some answers committed first
            assert student.stdout.readline() == "answered\n", student.stderr
        time.sleep(chance.uniform(0, 0.02))  # then anywhere in the next write
        os.kill(student.pid, signal.SIGKILL)
        student.communicate()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    answers = conn.execute(
        "SELECT COUNT(*) FROM answers a JOIN sessions s ON s.id = a.session_id "
        "WHERE s.mode = 'study'"
    ).fetchone()[0]
    reviews = conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0]
    assert answers >= 12 and answers == reviews


# -- the daily cap, inside the write transaction ------------------------------------------------

FINISHER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from quiz.engine.modes import Mode
    from quiz.usecases.play import Run
    from quiz.store.opening import open_store
    from tests.factories import bank, clock, right

    store = open_store(Path(sys.argv[1]))
    run = Run.start(store, "小王", bank(), Mode.DAILY, clock(), seed=int(sys.argv[3]))
    for _ in range(5):
        run.submit(right(run.session.current), 1.0)
        run.session.proceed()
    print("ready", flush=True)
    go = Path(sys.argv[2])
    while not go.exists():
        time.sleep(0.0005)
    print(run.finish().points, flush=True)
    """
)


def start_finisher(db: Path, go: Path, seed: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", FINISHER, str(db), str(go), str(seed)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV, cwd=REPO,
    )  # fmt: skip


def test_five_processes_finishing_a_daily_run_at_once_book_the_day_once(tmp_path: Path) -> None:
    for trial in range(3):
        db = tmp_path / f"quiz-{trial}.db"
        open_store(db).close()
        go = tmp_path / f"go-{trial}"
        players = [start_finisher(db, go, seed) for seed in range(5)]
        for player in players:
            assert player.stdout is not None and player.stdout.readline() == "ready\n"
        go.touch()
        points = [int(player.communicate()[0]) for player in players]
        assert sorted(points) == [0, 0, 0, 0, 5], points
        store = open_store(db)
        assert store.day_tally("小王", START.date()).points == {Mode.DAILY: 5}
        points_booked = sqlite3.connect(db).execute("SELECT SUM(points) FROM day_totals")
        assert points_booked.fetchone()[0] == 5
        store.close()


def play_daily(store: Store, clock: FixedClock, seed: int, *, finish_after: float = 0) -> int:
    run = Run.start(store, "小王", bank(), Mode.DAILY, clock, seed=seed)
    for _ in range(5):
        run.submit(right(run.session.current), 1.0)
        run.session.proceed()
    clock.advance(finish_after)
    return run.finish().points


def test_a_run_started_before_midnight_scores_on_the_day_it_started(tmp_path: Path) -> None:
    store = open_store(tmp_path / "quiz.db")
    late = START.replace(hour=23, minute=59, second=40)
    clock = FixedClock(late)
    assert play_daily(store, clock, 1) == 5  # the day's daily set
    assert play_daily(store, clock, 2, finish_after=60) == 0  # again, finished after midnight
    day, next_day = late.date(), late.date() + timedelta(days=1)
    assert store.day_tally("小王", day).points == {Mode.DAILY: 5}
    assert store.day_tally("小王", next_day).points == {}
    assert play_daily(store, clock, 3) == 5  # the next day's own daily set still scores
    store.close()


# -- keys in order, however fast they arrive ---------------------------------------------------


async def test_keys_typed_in_one_burst_fill_the_blanks_in_order(
    tmp_path: Path, write_bank: BankWriter
) -> None:
    from quiz.system.settings import Settings
    from quiz.tui.screens.question import QuestionScreen
    from quiz.usecases.services import Services
    from tests.tui_support import make_app, settle, wait_for

    write_bank("two.yaml", "section: 测试\nquestions:\n  - id: t-1\n    type: fill\n"
               "    prompt: 市委开展____次集体学习，完成宣讲____场。\n"
               "    answer: [[\"8\"], [\"190\"]]\n")  # fmt: skip
    settings = Settings(lang="en", bank=tmp_path / "questions", db=tmp_path / "quiz.db",
                        user="小王")  # fmt: skip
    services = Services(settings, clock=FixedClock(START))
    two_blanks = next(q for q in services.library.read_bank(settings.bank).questions
                      if len(q.answer) == 2)  # fmt: skip
    app = make_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.practise([two_blanks.id])
        screen = await wait_for(pilot, QuestionScreen)
        await settle(pilot)
        burst = [("x", "x"), ("tab", "\t"), ("y", "y")]
        for key, character in burst:  # queued at once, as a terminal delivers them
            app.post_message(events.Key(key, character))
        await settle(pilot)
        assert list(screen.builder.blanks) == ["x", "y"]
        app.post_message(events.Key("shift+tab", None))
        await settle(pilot)
        assert screen.focused is not None and screen.focused.id == "blank-0"


# -- imports and exports ------------------------------------------------------------------------


def test_a_key_repeated_in_xxqg_json_is_reported_as_a_duplicate() -> None:
    text = '{"题目一|甲|乙": "甲", "题目二|丙|丁": "丙", "题目一|甲|乙": "乙"}'
    report = read_xxqg(text)
    assert [q["prompt"] for q in report.questions] == ["题目一", "题目二"]
    assert report.questions[0]["answer"] == "甲"  # the first is kept, never silently replaced
    assert report.duplicates == [
        ("record 3", "the same question as record 1 (with another answer)")
    ]


FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A9)", "'=already quoted"]


def test_csv_export_neutralises_formulas_and_import_undoes_it(tmp_path: Path) -> None:
    questions = [
        question(f"f-{i}")._replace(
            prompt=text, explanation=text, tags=(text,), options=(text, "乙"), answer=(text,)
        )
        for i, text in enumerate(FORMULAS)
    ]
    exported = write_csv(questions)
    cells = [cell for line in exported.splitlines()[1:] for cell in line.split(",")]
    assert not [c for c in cells if c.lstrip('"')[:1] in ("=", "+", "-", "@")]
    back = read_csv(exported)
    assert back.skipped == []
    assert [q["prompt"] for q in back.questions] == FORMULAS
    assert [q["tags"] for q in back.questions] == [[text] for text in FORMULAS]


def test_csv_export_of_the_bank_round_trips_through_the_cli(tmp_path: Path) -> None:
    folder = tmp_path / "questions"
    folder.mkdir()
    (folder / "f.yaml").write_text(
        "origin: test\nsection: 测试\nquestions:\n"
        '  - {id: f-1, type: judge, prompt: "=HYPERLINK(\\"http://x\\")", answer: true}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(
        cli, ["--bank", str(folder), "export", "--format", "csv", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "'=HYPERLINK" in out.read_text(encoding="utf-8")
    again = tmp_path / "again.yaml"
    result = CliRunner().invoke(cli, ["import", str(out), "--format", "csv", "-o", str(again)])
    assert result.exit_code == 0, result.output
    assert load_bank([again]).questions[0].prompt == '=HYPERLINK("http://x")'


def test_history_csv_and_contest_results_are_never_formulas(tmp_path: Path) -> None:
    from quiz.contest.standings import standings_csv
    from quiz.reports.contests import TeamStanding

    table = [TeamStanding(rank=1, team="=cmd|x", score=-10, right=0, wrong=1, fouls=0,
                          corrections=-10, tiebreak=0)]  # fmt: skip
    assert standings_csv(table).splitlines()[1] == "1,'=cmd|x,-10,0,1,0,-10,0"
    db = tmp_path / "quiz.db"
    store = open_store(db)
    Run.start(store, "@evil", bank(), Mode.DAILY, FixedClock(START), seed=1)
    store.close()
    result = CliRunner().invoke(cli, ["--db", str(db), "history", "--all-users", "--csv"])
    assert ",'@evil," in result.output
