"""`quiz stats --json` and `quiz stats --items --json` against values worked out by hand on a
small database built here."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from click.testing import CliRunner

from quiz.bank.models import QuestionType as QT
from quiz.cli.main import cli
from quiz.engine.modes import Mode
from quiz.engine.session import Plan
from quiz.reports.stats import pearson, streaks
from quiz.store.opening import open_store
from quiz.store.protocol import Store
from quiz.usecases.play import Run
from tests.factories import START, clock, question, right, wrong

Q1 = question("q1", QT.SINGLE, section="A", tags=("x",))
Q2 = question("q2", QT.JUDGE, section="A", tags=("x", "y"))
Q3 = question("q3", QT.SINGLE, section="B", tags=("y",))
# First attempts (q1, q2, q3) of six players: 1 right, 0 wrong.
MATRIX = {
    "p1": (1, 1, 1),
    "p2": (1, 1, 0),
    "p3": (1, 0, 0),
    "p4": (0, 1, 0),
    "p5": (0, 0, 1),
    "p6": (0, 0, 0),
}


def play(store: Store, user: str, results: tuple[int, ...], days_ago: int) -> None:
    plan = Plan(Mode.DAILY, (Q1, Q2, Q3), seed=1, count=3)
    run = Run.from_plan(store, user, plan, clock(START - timedelta(days=days_ago)))
    for ok in results:
        q = run.session.current
        run.submit(right(q) if ok else wrong(q), 2.0)
        run.session.proceed()
    run.finish()


@pytest.fixture
def db(store_location: str) -> str:
    path = store_location
    store = open_store(path)
    for user, results in MATRIX.items():
        play(store, user, results, days_ago=2)
    play(store, "p1", (1, 1, 1), days_ago=1)
    play(store, "p1", (1, 1, 1), days_ago=0)
    store.close()
    return path


def run_cli(db: str, *args: str) -> dict[str, object]:
    env = {"QUIZ_NOW": START.isoformat()}
    result = CliRunner().invoke(cli, ["stats", "--db", db, *args, "--json"], env=env)
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_stats_json_matches_hand_computed_values(db: str) -> None:
    data = run_cli(db, "--user", "p1")
    day = START.date()
    assert data == {
        "user": "p1",
        "answers": 9,
        "correct": 9,
        "accuracy": 1.0,
        "by_section": [
            {"section": "A", "answers": 6, "correct": 6, "accuracy": 1.0},
            {"section": "B", "answers": 3, "correct": 3, "accuracy": 1.0},
        ],
        "by_tag": [
            {"tag": "x", "answers": 6, "correct": 6, "accuracy": 1.0},
            {"tag": "y", "answers": 6, "correct": 6, "accuracy": 1.0},
        ],
        "streak": {"current": 3, "longest": 3},
        "bests": {"daily": 3},
        "points_by_day": [
            {"date": (day - timedelta(days=2)).isoformat(), "points": 3},
            {"date": (day - timedelta(days=1)).isoformat(), "points": 3},
            {"date": day.isoformat(), "points": 3},
        ],
        "study": {
            "due_today": 0,
            "new_today": 10,
            "reviews_next_7_days": [0] * 7,
            "retention": None,
        },
    }


def test_stats_of_a_weaker_player(db: str) -> None:
    data = run_cli(db, "--user", "p4")
    assert (data["answers"], data["correct"], data["accuracy"]) == (3, 1, 0.3333)
    assert data["by_section"] == [
        {"section": "A", "answers": 2, "correct": 1, "accuracy": 0.5},
        {"section": "B", "answers": 1, "correct": 0, "accuracy": 0.0},
    ]
    assert data["streak"] == {"current": 0, "longest": 1}  # played two days ago only


def test_item_analysis_matches_hand_computed_values(db: str) -> None:
    items = {i["question_id"]: i for i in run_cli(db, "--items")["items"]}  # type: ignore[attr-defined]
    assert set(items) == {"q1", "q2", "q3"}
    q1, q2, q3 = items["q1"], items["q2"], items["q3"]
    # Only first attempts count: p1's later runs change nothing.
    assert (q1["attempts"], q1["facility"]) == (6, 0.5)
    assert (q2["attempts"], q2["facility"]) == (6, 0.5)
    assert (q3["attempts"], q3["facility"]) == (6, 0.3333)
    # q1: x = 1,1,1,0,0,0; rest-of-test proportions y = 1, .5, 0, .5, .5, 0
    # sxy = .25, sxx = 1.5, syy = .708333  ->  r = .25 / sqrt(1.0625) = 0.242536
    assert q1["discrimination"] == 0.2425
    # q2: x = 1,1,0,1,0,0; y = 1, .5, .5, 0, .5, 0  ->  sxy = .25, r = 0.242536
    assert q2["discrimination"] == 0.2425
    # q3: x = 1,0,0,0,1,0; y = 1, 1, .5, .5, 0, 0  ->  mean x = 1/3, mean y = .5
    # sxy = (2/3)(.5) + (-1/3)(.5) + (-1/3)(0) + (-1/3)(0) + (2/3)(-.5) + (-1/3)(-.5) = 0
    assert q3["discrimination"] == 0.0
    assert q1["options"] == {"甲": 3, "乙": 3, "丙": 0, "丁": 0}
    assert q2["options"] == {"正确": 3, "错误": 3}
    assert q1["flags"] == ["unused_distractor"]
    assert q2["flags"] == []
    assert q3["flags"] == ["unused_distractor"]


def test_discrimination_needs_enough_players(store_location: str) -> None:
    store = open_store(store_location)
    for user in ("p1", "p2", "p3"):
        play(store, user, MATRIX[user], days_ago=0)
    store.close()
    items = run_cli(store_location, "--items")["items"]
    assert all(i["discrimination"] is None for i in items)  # type: ignore[attr-defined]
    assert all(i["flags"] == [] for i in items)  # type: ignore[attr-defined]


def test_pearson_and_streak_helpers() -> None:
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert pearson([1, 1, 1], [1, 2, 3]) is None
    day = START.date()
    run = [day - timedelta(days=n) for n in (1, 2, 3, 7, 8)]
    assert streaks(run, day) == (3, 3)
    assert streaks(run, day + timedelta(days=2)) == (0, 3)
    assert streaks([], day) == (0, 0)


def test_stats_text_output_is_plain_when_piped(db: str) -> None:
    env = {"QUIZ_NOW": START.isoformat()}
    result = CliRunner().invoke(cli, ["--lang", "en", "stats", "--db", db, "--user", "p1"], env=env)
    assert result.exit_code == 0
    assert "p1: 9 answers, 9 right, accuracy 100%" in result.stdout
    assert "section\tanswers\tright\taccuracy" in result.stdout
    assert "│" not in result.stdout
