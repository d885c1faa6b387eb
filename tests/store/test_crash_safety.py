"""Killing the process mid-run loses no committed answer (on every store backend)."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

from quiz.store.opening import open_store

SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from quiz.bank.loader import load_bank
    from quiz.system.clock import SystemClock
    from quiz.engine.modes import Mode
    from quiz.usecases.play import Recorder, Run
    from quiz.store.opening import open_store

    store = open_store(sys.argv[1])
    recorder = Recorder()
    bank = load_bank([Path(sys.argv[2])]).questions
    run = Run.start(store, "小王", bank, Mode.DAILY, SystemClock(), seed=1, recorder=recorder)
    for _ in range(2):
        question = run.session.current
        run.submit(question.answer, 2.0)
        run.session.proceed()
    recorder.drain()  # the UI shows feedback only after this point in real time
    print("answered", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_kill_minus_nine_after_two_answers_keeps_them(store_location: str) -> None:
    from tests.conftest import BANK

    db = store_location
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, db, str(BANK)], capture_output=True, text=True
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert "answered" in result.stdout
    store = open_store(db)
    [row] = store.sessions("小王")
    assert row.status == "unfinished"
    assert [a.correct for a in store.answers(row.id)] == [True, True]
    assert store.resumable("小王")[0].id == row.id
    store.close()
