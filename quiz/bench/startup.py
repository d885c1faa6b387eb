"""Start-up as a person waits for it, in a real terminal (a pseudo-terminal read by
`quiz.bench.terminal`): from starting the process until the home screen shows the loaded bank's
question count and today's summary — not until the app is merely mounted.

Every program is run the same way, in rounds, each round in a new order: quiz (bundled bank,
and the 9,370-record bank from the cache), a bare Textual app showing one Static, a Textual
flashcard app from PyPI (flashcard-cli, when installed) and a bare curses program. Each figure
is a ratio of medians against the bare Textual app from the same rounds, so a busy machine
slows both sides alike.
"""

from __future__ import annotations

import os
import statistics
import string
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from quiz.bench.context import USER, Context, Result, quiz_env
from quiz.bench.inputs import history_db, xxqg_bank, xxqg_label
from quiz.bench.terminal import Terminal
from quiz.i18n import CATALOGS
from quiz.system import paths

CTRL_Q = "\x11"
TITLE = "党史学习"  # what the bare apps show


@dataclass(frozen=True, slots=True)
class Program:
    name: str
    argv: list[str]
    markers: list[str]
    env: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    cwd: Path | None = None
    quit_keys: str | None = CTRL_Q

    def time_to_ready(self) -> float:
        """Seconds until every marker is on the screen; the program is then quit."""
        terminal = Terminal(self.argv, self.env, self.cwd).start()
        try:
            return terminal.wait_for(self.markers)
        finally:
            terminal.stop(self.quit_keys)


def catalog_fragment(key: str, **known: object) -> str:
    """The longest run of a Chinese catalog message that the screen shows verbatim, with the
    `known` placeholders filled in (the others vary and split it)."""
    pieces, current = [], ""
    for literal, name, spec, _ in string.Formatter().parse(CATALOGS["zh"][key]):
        current += literal
        if name is None:
            continue
        if name in known and not spec:
            current += str(known[name])
        else:
            pieces.append(current)
            current = ""
    pieces.append(current)
    return max(pieces, key=len)


def home_markers(count: int) -> list[str]:
    """The loaded bank's count and today's summary, as the home screen says them."""
    return [
        # A line may break before an opening bracket (a long bank path: the xdist workers'
        # temporary folders), so the count is looked for without what follows it.
        catalog_fragment("home.bank", count=count).split("（")[0],
        catalog_fragment("home.stats", user=USER),
        catalog_fragment("home.study"),
    ]


def playable_count(bank: Path) -> int:
    from quiz.bank.loader import load_bank

    return sum(not q.draft for q in load_bank([bank]).questions)


def probe_cache(context: Context, bank: Path) -> None:
    """Prove the warm-up warmed the cache: a fresh process loads the bank from it without
    importing the YAML parser (every file a hit), else the figures would measure parsing."""
    code = (
        "import sys; from pathlib import Path; from quiz.system import paths\n"
        "from quiz.bank.loader import load_bank\n"
        "bank = load_bank([Path(sys.argv[1])], paths.cache_dir() / 'bank')\n"
        "print(len(bank.questions), 'yaml' in sys.modules)"
    )
    env = quiz_env(context, context.work / "startup-probe.db")
    out = subprocess.run(
        [sys.executable, "-c", code, str(bank)], env=env, check=True, capture_output=True, text=True
    ).stdout.split()
    if out[1] != "False":
        raise RuntimeError(f"the warm-up left the cache of {bank} cold (PyYAML was imported)")


def references(context: Context) -> list[Program]:
    python = sys.executable
    programs = [
        Program("bare Textual app", [python, "-m", "quiz.bench.bare_app"], [TITLE]),
        Program(
            "bare curses app", [python, "-m", "quiz.bench.bare_curses"], [TITLE], quit_keys="q"
        ),
    ]
    if context.flashcard is not None and not context.smoke:
        from quiz.bench.flashcards import flashcard_program

        programs.append(flashcard_program(context))
    return programs


def quiz_programs(context: Context) -> list[tuple[Program, float]]:
    """quiz on the bundled bank and on the 9,370-record bank, each with its bound."""
    db = history_db(context)
    programs = []
    banks: list[tuple[str, Path, float]] = [("bundled bank", paths.bundled_bank(), 1.3)]
    folder = xxqg_bank(context)
    if folder is not None:
        banks.append((f"{xxqg_label(context)} xxqg bank, cached", folder, 1.5))
    for label, bank, bound in banks:
        env = quiz_env(context, db, QUIZ_BANK=str(bank))
        markers = home_markers(playable_count(bank))
        program = Program(f"quiz, {label}", [sys.executable, "-m", "quiz"], markers, env)
        program.time_to_ready()  # warm-up: writes the cache, pages everything in
        probe_cache(context, bank)
        programs.append((program, bound))
    return programs


def startup(context: Context) -> Iterable[Result]:
    quizzes = quiz_programs(context)
    programs = [program for program, _ in quizzes] + references(context)
    for program in programs[len(quizzes) :] if not context.smoke else ():
        program.time_to_ready()  # warm-up for the references too
    times: dict[str, list[float]] = {p.name: [] for p in programs}
    rounds = 1 if context.smoke else max(5, 2 * context.runs + 1)
    for round_ in range(rounds):
        shift = round_ % len(programs)  # a different order each round
        for program in programs[shift:] + programs[:shift]:
            times[program.name].append(program.time_to_ready())
    medians = {name: statistics.median(values) for name, values in times.items()}
    bare = medians["bare Textual app"]
    bounds = {program.name: bound for program, bound in quizzes}
    for name, value in medians.items():
        if name == "bare Textual app":
            continue
        what = "home populated" if name.startswith("quiz") else "ready"
        yield Result(
            f"start-up to {what}: {name} (÷ bare Textual app)",
            value / bare,
            "x",
            bounds.get(name),
            f"{value * 1000:.0f} ÷ {bare * 1000:.0f} ms",
        )
