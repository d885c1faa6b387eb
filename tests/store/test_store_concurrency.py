"""One player in several processes at once, on every backend: every answer stored once, and
the daily caps never exceeded however the finishing runs interleave (real processes)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from quiz.engine.modes import RULES, Mode
from quiz.store.opening import open_store
from tests.conftest import REPO
from tests.factories import START

PLAYER = textwrap.dedent(
    """
    import sys
    from datetime import datetime
    from quiz.system.clock import FixedClock
    from quiz.engine.modes import Mode
    from quiz.usecases.play import Run
    from quiz.store.opening import open_store
    from tests.factories import bank, right, wrong

    store = open_store(sys.argv[1], connections=1)
    clock = FixedClock(datetime.fromisoformat(sys.argv[2]))
    answered = 0
    for round_ in range(int(sys.argv[3])):
        for mode in (Mode.DAILY, Mode.CHALLENGE):
            run = Run.start(store, "同一人", bank(), mode, clock, seed=round_)
            for index in range(6):  # the challenge ends on its sixth answer (wrong)
                run.submit(right(run.session.current) if index < 5 else
                           wrong(run.session.current), 1.0)
                answered += 1
                if run.session.phase.value == "finished":
                    break
                run.session.proceed()
                if run.session.phase.value == "finished":
                    break
            run.finish()
    print(answered, flush=True)
    """
)


def test_one_player_in_four_processes_keeps_every_answer_and_every_cap(
    store_location: str,
) -> None:
    open_store(store_location).close()  # created once, before the players race to it
    players = [
        subprocess.Popen(
            [sys.executable, "-c", PLAYER, store_location, START.isoformat(), "3"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        for _ in range(4)
    ]
    answered = 0
    for player in players:
        out, err = player.communicate(timeout=300)
        assert player.returncode == 0, err
        answered += int(out.split()[-1])
    store = open_store(store_location)
    sessions = store.sessions("同一人")
    assert len(sessions) == 4 * 3 * 2 and all(s.finished for s in sessions)
    assert sum(len(store.answers(s.id)) for s in sessions) == answered  # none lost or doubled
    assert sum(d.answers for d in store.day_totals("同一人")) == answered
    tally = store.day_tally("同一人", START.date())
    assert tally.points[Mode.DAILY] == RULES[Mode.DAILY].daily_cap  # the first daily run only
    assert sum(1 for s in sessions if s.mode is Mode.DAILY and s.points) == 1
    assert tally.points[Mode.CHALLENGE] == RULES[Mode.CHALLENGE].daily_cap  # two of twelve
    store.close()
