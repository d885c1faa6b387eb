"""A matched 双人对战/四人赛 counts as a race: once the room is over, each player's process books
it in the player's history with the race's points and daily caps, the real opponents' answers
standing where simulated ones would."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quiz.engine.modes import Mode
from quiz.engine.race import Opponent
from quiz.engine.session import Phase, Plan
from quiz.store.recorder import Recorder
from quiz.store.rooms import Rooms
from quiz.system.clock import Clock
from quiz.usecases.play import Outcome, Run

if TYPE_CHECKING:
    from quiz.store.protocol import Store


def book_match(
    rooms: Rooms, pin: str, user: str, store: Store | None, clock: Clock,
    recorder: Recorder | None = None,
) -> Outcome:  # fmt: skip
    questions = rooms.shown_questions(pin)  # the match is over: all of them, whole
    answers = rooms.answers(pin)
    state = rooms.state(pin)
    opponents = tuple(
        Opponent(
            seat.name, 0.0, 0.0,
            recorded=tuple(
                (a.correct, a.seconds) if (a := answers.get(seat.name, {}).get(i)) else None
                for i in range(len(questions))
            ),
        )
        for seat in state.players if seat.name != user
    )  # fmt: skip
    plan = Plan(Mode.RACE, tuple(questions), seed=0, count=len(questions), opponents=opponents)
    run = Run.from_plan(store, user, plan, clock, recorder)
    mine = answers.get(user, {})
    for position in range(len(questions)):
        given = mine.get(position)
        if given is None:
            run.time_up()
        else:
            run.submit(given.given, given.seconds)
        if run.session.phase is Phase.FEEDBACK:
            run.session.proceed()
    return run.finish()
