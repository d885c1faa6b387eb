"""Each mode's rules, with properties for the invariants."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.bank.models import QuestionType as QT
from quiz.engine.modes import RULES, Mode
from quiz.engine.points import DayTally, earned, points_left
from quiz.engine.race import Opponent, simulate, speed_points
from quiz.engine.selection import NothingToAsk, PlayerHistory, daily_set, plan
from quiz.engine.session import Phase, Session, SessionError, shown_options
from tests.factories import bank, clock, question, right, wrong

DAY = date(2026, 11, 28)


def session_for(mode: Mode, seed: int = 1, **kwargs: object) -> Session:
    the_plan = plan(mode, bank(), user="u", today=DAY, seed=seed, **kwargs)  # type: ignore[arg-type]
    return Session(the_plan, clock())


def test_daily_is_five_mixed_questions_with_feedback() -> None:
    s = session_for(Mode.DAILY)
    assert s.limit == 5
    assert {q.type for q in s.plan.questions} == set(QT)
    for _ in range(5):
        s.submit(right(s.current), 3)
        assert s.phase is Phase.FEEDBACK
        s.proceed()
    assert s.phase is Phase.FINISHED
    assert (s.correct_count, s.total, s.score) == (5, 5, 5)


@given(st.text(min_size=1, max_size=12), st.dates(date(2020, 1, 1), date(2030, 12, 31)))
def test_daily_set_is_stable_per_user_and_date(user: str, day: date) -> None:
    first = [q.id for q in daily_set(bank(), user, day)]
    assert first == [q.id for q in daily_set(list(reversed(bank())), user, day)]
    assert len(first) == len(set(first)) == 5


def test_daily_set_changes_from_day_to_day() -> None:
    sets = {
        tuple(q.id for q in daily_set(bank(60), "u", DAY + timedelta(days=i))) for i in range(10)
    }
    assert len(sets) >= 8


def test_drafts_never_reach_players() -> None:
    questions = [*bank(10), question("draft-1", draft=True)]
    for mode in (Mode.DAILY, Mode.CHALLENGE, Mode.EXAM):
        chosen = plan(mode, questions, user="u", today=DAY, seed=3).questions
        assert "draft-1" not in {q.id for q in chosen}


@given(st.lists(st.booleans(), min_size=1, max_size=40), st.integers(0, 1000))
def test_challenge_ends_at_first_wrong_once_revive_is_spent(results: list[bool], seed: int) -> None:
    s = session_for(Mode.CHALLENGE, seed=seed)
    wrongs = 0
    for ok in results:
        if s.phase is Phase.FINISHED:
            break
        s.submit(right(s.current) if ok else wrong(s.current), 2)
        if ok:
            s.proceed()
            continue
        wrongs += 1
        if s.can_revive:
            assert wrongs == 1
            s.revive()
        else:
            s.proceed()
            assert s.phase is Phase.FINISHED
            assert wrongs == 2 or not s.can_revive
    answered = [a.correct for _, a in sorted(s.answers.items())]
    assert answered.count(False) <= 2
    if answered.count(False) == 2:
        assert s.phase is Phase.FINISHED and answered[-1] is False


def test_challenge_revive_only_once() -> None:
    s = session_for(Mode.CHALLENGE)
    s.submit(wrong(s.current), 1)
    assert s.can_revive
    s.revive()
    s.submit(wrong(s.current), 1)
    assert not s.can_revive
    with pytest.raises(SessionError):
        s.revive()
    s.proceed()
    assert s.phase is Phase.FINISHED


def test_challenge_without_revive_ends_on_first_wrong() -> None:
    s = session_for(Mode.CHALLENGE)
    s.submit(right(s.current), 1)
    s.proceed()
    s.submit(wrong(s.current), 1)
    s.proceed()
    assert s.phase is Phase.FINISHED
    assert s.best_streak == 1


def test_topic_gives_no_feedback_until_handed_in() -> None:
    s = session_for(Mode.TOPIC, topic="S1")
    assert all(q.section == "S1" for q in s.plan.questions)
    assert s.limit == 10
    for _ in range(s.limit or 0):
        s.submit(right(s.current), 1)
        assert s.phase is not Phase.FEEDBACK
    assert s.phase is Phase.FINISHED


def test_topic_by_tag() -> None:
    questions = [question("t1", tags=("抗疫",)), question("t2"), question("t3", tags=("抗疫",))]
    chosen = plan(Mode.TOPIC, questions, user="u", today=DAY, seed=1, topic="抗疫").questions
    assert {q.id for q in chosen} == {"t1", "t3"}


def test_empty_topic_is_refused() -> None:
    with pytest.raises(NothingToAsk):
        plan(Mode.TOPIC, bank(), user="u", today=DAY, topic="没有这个")


@given(st.lists(st.tuples(st.integers(0, 19), st.booleans()), max_size=60))
@settings(max_examples=60)
def test_exam_score_equals_right_answers(moves: list[tuple[int, bool]]) -> None:
    s = session_for(Mode.EXAM)
    assert s.limit == 20 and len(s.asked) == 20
    for position, ok in moves:
        s.go_to(position)
        s.submit(right(s.current) if ok else wrong(s.current), 1)
    s.hand_in()
    expected = sum(1 for a in s.answers.values() if a.correct)
    assert s.score == s.correct_count == expected
    assert s.total == 20
    assert s.passed == (expected >= 12)


def test_exam_answers_can_be_changed() -> None:
    s = session_for(Mode.EXAM)
    first = s.current
    s.submit(wrong(first), 5)
    assert s.position == 1
    s.go_to(0)
    s.submit(right(first), 5)
    assert s.answers[0].correct and len(s.answers) == 1


def test_exam_time_up_hands_in() -> None:
    s = session_for(Mode.EXAM)
    s.submit(right(s.current), 5)
    s.time_up()
    assert s.phase is Phase.FINISHED and s.total == 20 and s.correct_count == 1


@given(st.floats(0, 15), st.floats(0, 15))
def test_race_scoring_is_monotone_in_speed(a: float, b: float) -> None:
    faster, slower = sorted((a, b))
    assert speed_points(faster, 15) >= speed_points(slower, 15)
    assert 500 <= speed_points(slower, 15) <= 1000


def test_race_points_formula() -> None:
    assert speed_points(0, 15) == 1000
    assert speed_points(7.5, 15) == 750
    assert speed_points(15, 15) == 500
    assert speed_points(99, 15) == 500


def test_race_opponents_are_deterministic() -> None:
    rival = Opponent("甲", 0.7, 6)
    runs = {tuple(simulate(rival, 42, p, 15) for p in range(5)) for _ in range(3)}
    assert len(runs) == 1
    wins = sum(simulate(rival, seed, 0, 15).correct for seed in range(2000))
    assert 0.65 < wins / 2000 < 0.75


def test_race_has_timer_opponents_and_standings() -> None:
    s = session_for(Mode.RACE)
    assert RULES[Mode.RACE].question_seconds == 15 and len(s.plan.opponents) == 3
    s.submit(right(s.current), 3)
    assert s.answers[0].score == speed_points(3, 15)
    assert len(s.answers[0].opponents) == 3
    s.proceed()
    s.time_up()
    assert s.answers[1].score == 0 and not s.answers[1].correct
    assert len(s.standings()) == 4


def test_duel_has_one_opponent() -> None:
    assert len(session_for(Mode.RACE, opponents=1).plan.opponents) == 1


def test_race_prefers_recorded_local_players() -> None:
    history = PlayerHistory(opponent_profiles=[Opponent("小李", 0.9, 4.0)])
    the_plan = plan(Mode.RACE, bank(), user="u", today=DAY, seed=5, history=history)
    assert "小李" in {o.name for o in the_plan.opponents}


def test_mistakes_practise_until_right_twice_in_a_row() -> None:
    questions = bank(5)
    history = PlayerHistory(mistake_streaks={"q-001": 0, "q-002": 1})
    s = Session(
        plan(Mode.MISTAKES, questions, user="u", today=DAY, seed=1, history=history), clock()
    )
    asked: list[str] = []
    guard = 0
    while s.phase is not Phase.FINISHED and guard < 20:
        guard += 1
        q = s.current
        asked.append(q.id)
        ok = not (q.id == "q-001" and asked.count("q-001") == 1)  # first try at q-001 is wrong
        s.submit(right(q) if ok else wrong(q), 1)
        s.proceed()
    assert s.phase is Phase.FINISHED
    assert asked.count("q-002") == 1  # one more right answer was enough
    assert asked.count("q-001") == 3  # wrong, right, right


def test_empty_mistake_book_is_refused() -> None:
    with pytest.raises(NothingToAsk):
        plan(Mode.MISTAKES, bank(), user="u", today=DAY)


def test_options_are_shuffled_stably_and_order_is_never_solved() -> None:
    q = question("o", QT.ORDER)
    for seed in range(50):
        shown = shown_options(q, seed, 0)
        assert shown == shown_options(q, seed, 0)
        assert shown != q.answer and sorted(shown) == sorted(q.answer)
    assert shown_options(question("j", QT.JUDGE), 1, 0) == ("正确", "错误")


RUN = st.tuples(st.sampled_from(list(Mode)), st.integers(0, 20), st.booleans())


@given(st.lists(RUN, max_size=30))
def test_points_never_exceed_the_daily_caps(runs: list[tuple[Mode, int, bool]]) -> None:
    points: dict[Mode, int] = {}
    finished: dict[Mode, int] = {}
    wins = 0
    for mode, correct, won in runs:
        today = DayTally(points=dict(points), finished_runs=dict(finished), race_wins=wins)
        got = earned(mode, correct=correct, won=won if mode is Mode.RACE else None, today=today)
        assert got >= 0
        assert got <= points_left(today).get(mode, 0)
        points[mode] = points.get(mode, 0) + got
        finished[mode] = finished.get(mode, 0) + 1
        wins += int(mode is Mode.RACE and won)
    for mode, total in points.items():
        assert total <= RULES[mode].daily_cap


def test_points_rules() -> None:
    fresh = DayTally()
    assert earned(Mode.DAILY, correct=4, won=None, today=fresh) == 4
    assert (
        earned(Mode.DAILY, correct=5, won=None, today=DayTally(finished_runs={Mode.DAILY: 1})) == 0
    )
    assert earned(Mode.CHALLENGE, correct=4, won=None, today=fresh) == 0
    assert earned(Mode.CHALLENGE, correct=5, won=None, today=fresh) == 3
    assert (
        earned(Mode.CHALLENGE, correct=9, won=None, today=DayTally(points={Mode.CHALLENGE: 6})) == 0
    )
    assert earned(Mode.TOPIC, correct=8, won=None, today=DayTally(points={Mode.TOPIC: 5})) == 5
    assert earned(Mode.RACE, correct=5, won=True, today=fresh) == 3
    assert earned(Mode.RACE, correct=5, won=True, today=DayTally(race_wins=1)) == 1
    assert earned(Mode.RACE, correct=0, won=False, today=fresh) == 1
    assert earned(Mode.EXAM, correct=20, won=None, today=fresh) == 0
    assert sum(points_left(fresh).values()) == 26


def test_a_right_answer_never_raises_the_count_left_in_the_book() -> None:
    """13.4: the count is of questions still to clear, not of the queue."""
    questions = bank(3)
    history = PlayerHistory(mistake_streaks={q.id: 0 for q in questions})
    s = Session(plan(Mode.MISTAKES, questions, user="u", today=DAY, seed=2, history=history),
                clock())  # fmt: skip
    counts = [s.left_in_book]
    while s.phase is not Phase.FINISHED:
        s.submit(right(s.current), 2)
        counts.append(s.left_in_book)
        s.proceed()
        counts.append(s.left_in_book)
    assert counts == sorted(counts, reverse=True)  # never rises
    assert counts[0] == 3 and counts[-1] == 0
