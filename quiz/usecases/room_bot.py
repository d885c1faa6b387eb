"""Players without a screen: the same client code as the TUI's player screen, run as threads.
The bench seats hundreds of them; the tests run them in separate processes.

`python -m quiz.usecases.room_bot TARGET PIN NAME [NAME …] [--bank FOLDER] [--accuracy A]
[--think S] [--arrive S] [--linger S] [--log FILE]` joins (within S seconds of --arrive),
answers every question it is shown (rightly with chance A, after S seconds: a room shows no
answer before its reveal, so a bot knows the right one only from a bank of its own, as a
well-read player would; otherwise it guesses), and writes one JSON line per observed state
version to FILE: `{"name", "version", "seen"}` (wall time), and one per answer: `{"name",
"position", "status"}`. With --linger, the process stays that many seconds on the podium once
its players have seen the room finish, as people do, before it closes its connections and
writes the log.
"""

from __future__ import annotations

import argparse
import json
import random
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from quiz.rooms.model import AnswerOutcome, RoomPhase, RoomState
from quiz.store.room_watch import Watcher
from quiz.store.rooms import Rooms
from quiz.usecases.room_client import RoomPlayer, connect
from quiz.usecases.room_keys import RoomKeys


@dataclass
class BotLog:
    seen: list[tuple[str, int, float]] = field(default_factory=list)
    outcomes: list[tuple[str, int, AnswerOutcome]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def saw(self, name: str, state: RoomState) -> None:
        with self.lock:
            self.seen.append((name, state.version, time.time()))

    def answered(self, name: str, position: int, outcome: AnswerOutcome) -> None:
        with self.lock:
            self.outcomes.append((name, position, outcome))


def play(
    rooms: Rooms, watcher: Watcher, pin: str, name: str, log: BotLog,
    accuracy: float = 0.7, think: float = 0.2, seed: int = 0, keys: RoomKeys | None = None,
    known: Mapping[str, tuple[str, ...]] | None = None, arrive: float = 0.0,
) -> None:  # fmt: skip
    """`known`: right answers by question id (a bank the bot has read); `arrive`: the bot joins
    within that many seconds (people come into a lobby over a while, not in one instant)."""
    known = known or {}
    rng = random.Random(f"{seed}:{name}")
    time.sleep(arrive * rng.random())
    player = RoomPlayer(rooms, watcher, pin, name, keys or RoomKeys("bots"))  # in memory
    state: RoomState | None = player.join()
    answered: set[int] = set()
    while True:
        if state is not None:
            log.saw(name, state)
            if state.phase in (RoomPhase.FINISHED, RoomPhase.CLOSED):
                return
            if (
                state.phase is RoomPhase.QUESTION
                and state.question is not None
                and state.position not in answered
            ):
                answered.add(state.position)
                time.sleep(think * rng.random())
                question = state.question
                answer = known.get(question.id, question.options[:1])
                right = rng.random() < accuracy
                wrong = [o for o in question.options if o not in answer][:1]
                given = answer if right or not wrong else tuple(wrong)
                log.answered(name, state.position, player.answer(state.position, given))
        state = player.next_state(timeout=1.0)


def run_bots(
    target: str, pin: str, names: list[str], accuracy: float, think: float,
    bank: Path | None = None, arrive: float = 0.0, linger: float = 0.0,
) -> BotLog:  # fmt: skip
    known: dict[str, tuple[str, ...]] = {}
    if bank is not None:
        from quiz.bank.loader import load_bank

        known = {q.id: q.answer for q in load_bank([bank]).questions}
    # The players of a process share one read per state version (Rooms.state_since) and the
    # process's pool: a room of 1,000 bots in 20 processes holds about 100 connections,
    # PostgreSQL's default max_connections (the bench's server needs more: docs/benchmarks.md).
    rooms, watcher = connect(target)
    log = BotLog()
    threads = [
        threading.Thread(
            target=play,
            args=(rooms, watcher, pin, name, log, accuracy, think),
            kwargs={"known": known, "arrive": arrive},
        )
        for name in names
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # A bench's processes would otherwise exit (interpreter teardown, the log) while others
    # still read the finished room on the same cores: that is the bench's cost, not a player's.
    time.sleep(linger)
    watcher.close()
    rooms.db.close()
    return log


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m quiz.usecases.room_bot")
    parser.add_argument("target")
    parser.add_argument("pin")
    parser.add_argument("names", nargs="+")
    parser.add_argument("--bank", type=Path, help="A bank folder the bot knows answers from.")
    parser.add_argument("--accuracy", type=float, default=0.7)
    parser.add_argument("--think", type=float, default=0.2)
    parser.add_argument("--arrive", type=float, default=0.0,
                        help="Each bot joins within this many seconds.")  # fmt: skip
    parser.add_argument("--linger", type=float, default=0.0,
                        help="Seconds on the podium before the process ends.")  # fmt: skip
    parser.add_argument("--log", type=Path)
    args = parser.parse_args()
    log = run_bots(args.target, args.pin, args.names, args.accuracy, args.think, args.bank,
                   args.arrive, args.linger)  # fmt: skip
    if args.log:
        lines = [
            json.dumps({"name": n, "version": v, "seen": at}, ensure_ascii=False)
            for n, v, at in log.seen
        ] + [
            json.dumps({"name": n, "position": p, "status": o.status.value}, ensure_ascii=False)
            for n, p, o in log.outcomes
        ]
        from quiz.system.files import write_atomic

        write_atomic(args.log, "\n".join(lines) + "\n", force=True)


if __name__ == "__main__":
    main()
