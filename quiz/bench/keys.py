"""Per-key frames in a real terminal: quiz plays a daily run over single-choice questions in a
pseudo-terminal; for each key the reader counts the frames drawn (Textual's synchronized
updates) and the time from writing the key to the end of the last frame, once the screen has
been quiet for a while. No Pilot: its `pause` adds time of its own.
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Iterable

from quiz.bench.context import Context, Result, quiz_env
from quiz.bench.inputs import choice_bank
from quiz.bench.startup import CTRL_Q, TITLE, catalog_fragment
from quiz.bench.terminal import Terminal

ENTER = "\r"
BARE = "pick an option, bare Textual app (reference: a class and the text of 4 rows)"
QUIET = 0.25
"""Seconds without output after which a key's drawing is taken as done."""
KEYS = (
    ("pick an option", "a", 5.0),
    ("answer (feedback shown)", ENTER, None),
    ("next question", ENTER, 20.0),
)


def per_key(context: Context) -> Iterable[Result]:
    questions = 2 if context.smoke else max(8, 2 * context.runs)
    db = context.work / "keys.db"
    env = quiz_env(context, db, QUIZ_BANK=str(choice_bank(context)))
    argv = [
        sys.executable,
        "-m",
        "quiz",
        "play",
        "--mode",
        "daily",
        "--seed",
        "1",
        "--count",
        str(questions + 1),
    ]
    measured: dict[str, list[tuple[float, int]]] = {name: [] for name, _, _ in KEYS}
    measured[BARE] = []
    terminal = Terminal(argv, env).start()
    bare = Terminal([sys.executable, "-m", "quiz.bench.bare_keys"], env).start()
    try:
        terminal.wait_for([catalog_fragment("hint.single")])
        bare.wait_for([TITLE])
        terminal.drain(QUIET)
        bare.drain(QUIET)
        for round_ in range(questions):
            for name, keys, _ in KEYS:
                measured[name].append(terminal.press(keys, QUIET))
                if name == KEYS[0][0]:  # interleaved: the same key in the reference app
                    measured[BARE].append(bare.press("ab"[round_ % 2], QUIET))
    finally:
        terminal.stop(CTRL_Q)
        bare.stop(CTRL_Q)
        for suffix in ("", "-wal", "-shm"):
            db.with_name(db.name + suffix).unlink(missing_ok=True)
    for name, _, bound in [*KEYS, (BARE, "", None)]:
        times = [seconds for seconds, _ in measured[name]]
        frames = [count for _, count in measured[name]]
        shown = statistics.median(frames)
        yield Result(
            f"key → last frame: {name}",
            statistics.median(times) * 1000,
            "ms",
            bound,
            f"{shown:g} frame{'s' if shown != 1 else ''}",
        )
