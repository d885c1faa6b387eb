"""Assigned papers (`quiz paper`), a paper's whole life on both backends: published from the
command line (a real process), taken by members (the use case the TUI runs, on an injected
clock), closed at its deadline, and its results computed by hand; every refusal a message and
exit 1."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from quiz.bank.loader import load_bank
from quiz.engine.session import Phase
from quiz.org.papers import PaperRefused
from quiz.store.opening import open_store
from quiz.system.clock import FixedClock
from quiz.usecases.papers import open_papers, start_attempt
from quiz.usecases.play import Run
from tests.conftest import BANK, REPO
from tests.factories import BEIJING, right, wrong
from tests.store_backends import query

CS = "武汉大学/计算机学院"
ONE = f"{CS}/一支部"
TWO = f"{CS}/二支部"
ARTS = "武汉大学/文学院"
ROSTER = (
    f"王一,{ONE},wang1\n李二,{ONE},li2\n张三,{TWO},zhang3\n孙六,{TWO},sun6\n赵四,{ARTS},zhao4\n"
)
IDS = ",".join(sorted(q.id for q in load_bank([BANK]).questions if not q.draft)[:5])
"""Five questions of the bundled bank (whatever its ids are as it is edited)."""
OPENS = datetime(2026, 12, 7, 8, 0, tzinfo=BEIJING)
CLOSES = datetime(2026, 12, 11, 18, 0, tzinfo=BEIJING)


def quiz(db: str, *args: str, now: datetime | None = None, user: str = "组织者") -> Any:
    env = {**os.environ, "QUIZ_DB": db, "QUIZ_USER": user, "QUIZ_LANG": "en",
           "QUIZ_BANK": str(BANK), "PYTHONPATH": str(REPO)}  # fmt: skip
    if now is not None:
        env["QUIZ_NOW"] = now.isoformat()
    return subprocess.run([sys.executable, "-m", "quiz", *args], env=env, capture_output=True,
                          text=True, timeout=120)  # fmt: skip


def publish(db: str, *extra: str, ids: str = IDS, closes: datetime = CLOSES) -> int:
    done = quiz(db, "paper", "publish", "--title", "第一周测验", "--ids", ids, "--units", CS,
                "--opens", OPENS.isoformat(), "--closes", closes.isoformat(), *extra)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return int(done.stdout.strip())


@pytest.fixture
def roster(tmp_path: Path, store_location: str) -> str:
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    done = quiz(store_location, "org", "import", str(tmp_path / "roster.csv"))
    assert done.returncode == 0, done.stderr
    return store_location


def take(db: str, user: str, paper: int, when: datetime, right_answers: int,
         hand_in: bool = True) -> Run:  # fmt: skip
    """An attempt, as the TUI plays it: `right_answers` of the paper's questions right."""
    store = open_store(db)
    clock = FixedClock(when)
    run = start_attempt(store, user, paper, clock)
    for position in range(len(run.session.asked)):
        run.go_to(position)
        question = run.session.current
        run.submit(right(question) if position < right_answers else wrong(question), 5.0)
        clock.advance(30)
    if hand_in:
        run.hand_in()
        run.finish()
    store.close()
    return run


def test_a_papers_whole_life(roster: str) -> None:
    db = roster
    paper = publish(db, "--minutes", "10", "--attempts", "2", "--pass", "60")
    listed = json.loads(quiz(db, "paper", "list", "--json").stdout)["papers"]
    fields = ("id", "title", "units", "questions", "attempts", "minutes", "pass")
    assert [tuple(p[f] for f in fields) for p in listed] == [
        (paper, "第一周测验", [CS], 5, 2, 10, 60.0)
    ]
    day = OPENS + timedelta(hours=2)
    # Before it opens, no one may start it.
    early = quiz(db, "paper", "take", str(paper), now=OPENS - timedelta(minutes=1), user="王一")
    assert early.returncode == 1 and "opens at" in early.stderr
    # 王一: 3 of 5, then 4 of 5 on a second attempt (the best counts); a third is refused.
    first = take(db, "王一", paper, day, 3)
    assert first.session.rules.navigable and first.session.rules.sealed
    take(db, "王一", paper, day + timedelta(hours=1), 4)
    third = quiz(db, "paper", "take", str(paper), now=day + timedelta(hours=2), user="王一")
    assert third.returncode == 1 and "every attempt" in third.stderr
    # 李二: 2 right, then the process ends without handing in: at the time limit it counts.
    take(db, "李二", paper, day, 2, hand_in=False)
    # 张三 (二支部) never takes it; 赵四 is outside the paper's units; 访客 is not on the roster.
    for outsider in ("赵四", "访客"):
        refused = quiz(db, "paper", "take", str(paper), now=day, user=outsider)
        assert refused.returncode == 1 and "not set for your unit" in refused.stderr
    # After the closing time: closed, with a clear message.
    late = quiz(db, "paper", "take", str(paper), now=CLOSES, user="张三")
    assert late.returncode == 1 and "closed at" in late.stderr
    result = quiz(db, "paper", "results", str(paper), "--json", now=CLOSES + timedelta(hours=1))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    members = {m["name"]: (m["login"], m["unit"], m["score"], m["attempts"], m["passed"])
               for m in data["members"]}  # fmt: skip
    assert members == {
        "王一": ("wang1", ONE, 80.0, 2, True),
        "李二": ("li2", ONE, 40.0, 1, False),
        "张三": ("zhang3", TWO, None, 0, None),
        "孙六": ("sun6", TWO, None, 0, None),
    }
    submitted = {m["name"]: m["submitted"] for m in data["members"]}
    assert datetime.fromisoformat(submitted["李二"]) == day + timedelta(minutes=10)  # time limit
    units = {u["path"]: (u["members"], u["took_part"], u["mean"], u["pass_rate"])
             for u in data["units"]}  # fmt: skip
    assert units == {CS: (4, 2, 60.0, 0.5), ONE: (2, 2, 60.0, 0.5), TWO: (2, 0, None, None)}
    assert sorted(a["name"] for a in data["absent"]) == ["孙六", "张三"]
    assert all(set(a) == {"login", "name", "unit"} for a in data["absent"])
    # One unit, and the CSV and the table.
    one = json.loads(quiz(db, "paper", "results", str(paper), "--unit", TWO, "--json",
                          now=CLOSES).stdout)  # fmt: skip
    assert [u["path"] for u in one["units"]] == [TWO]
    assert sorted(m["name"] for m in one["members"]) == ["孙六", "张三"]
    rows = list(csv.DictReader(io.StringIO(quiz(db, "paper", "results", str(paper), "--csv",
                                                now=CLOSES).stdout)))  # fmt: skip
    assert {r["name"]: r["score"] for r in rows}["王一"] == "80.0"
    table = quiz(db, "paper", "results", str(paper), now=CLOSES).stdout
    assert "第一周测验" in table and "Not taken (2)" in table


def test_the_questions_are_frozen_as_published(roster: str) -> None:
    paper = publish(roster)
    stored = query(roster, "SELECT question_id, version FROM paper_questions WHERE paper_id = ? "
                   "ORDER BY position", (paper,))  # fmt: skip
    assert [q for q, _ in stored] == IDS.split(",")
    assert all(len(v) == 32 for _, v in stored)
    store = open_store(roster)
    run = start_attempt(store, "王一", paper, FixedClock(OPENS + timedelta(hours=1)))
    assert [q.id for q in run.session.asked] == IDS.split(",")
    store.close()


def test_a_draw_is_frozen_and_repeatable_with_its_seed(roster: str) -> None:
    args = ("--draw", "6", "--seed", "7", "--units", ONE, "--opens", OPENS.isoformat(),
            "--closes", CLOSES.isoformat())  # fmt: skip
    ids = []
    for title in ("甲", "乙"):
        done = quiz(roster, "paper", "publish", "--title", title, *args)
        assert done.returncode == 0, done.stderr
        paper = int(done.stdout)
        sql = "SELECT question_id FROM paper_questions WHERE paper_id = ? ORDER BY position"
        ids.append([r[0] for r in query(roster, sql, (paper,))])
    assert ids[0] == ids[1] and len(set(ids[0])) == 6


def test_the_closing_time_hands_an_attempt_in_as_it_stands(roster: str) -> None:
    paper = publish(roster, "--minutes", "30")
    store = open_store(roster)
    clock = FixedClock(CLOSES - timedelta(minutes=5))
    run = start_attempt(store, "张三", paper, clock)
    assert run.session.deadline == CLOSES  # the closing time comes before the time limit
    assert run.session.seconds_left() == 300
    question = run.session.current
    run.submit(right(question), 4.0)
    clock.advance(301)
    run.time_up()
    assert run.session.phase is Phase.FINISHED and run.session.finished_at == CLOSES
    run.finish()
    store.close()
    data = json.loads(quiz(roster, "paper", "results", str(paper), "--json", now=CLOSES).stdout)
    [zhang] = [m for m in data["members"] if m["name"] == "张三"]
    assert zhang["score"] == 20.0 and datetime.fromisoformat(zhang["submitted"]) == CLOSES


def test_open_papers_are_those_a_member_may_still_take(roster: str) -> None:
    paper = publish(roster, "--attempts", "1")
    store = open_store(roster)
    during = OPENS + timedelta(days=1)
    assert [p.paper.id for p in open_papers(store, "王一", during)] == [paper]
    assert open_papers(store, "王一", OPENS - timedelta(seconds=1)) == []
    assert open_papers(store, "王一", CLOSES) == []
    assert open_papers(store, "赵四", during) == []  # not for 文学院
    store.close()
    take(roster, "王一", paper, during, 5)
    store = open_store(roster)
    assert open_papers(store, "王一", during) == []  # its one attempt is used
    with pytest.raises(PaperRefused) as refused:
        start_attempt(store, "王一", paper, FixedClock(during))
    assert refused.value.code == "paper.no_attempts_left"
    store.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--ids", f"{IDS.split(',')[0]},no-such-id"), "not in the bank: no-such-id"),
        (("--ids", IDS.split(",")[0], "--units", "武汉大学/没有"), "there is no unit"),
        (("--ids", IDS.split(",")[0], "--closes", OPENS.isoformat()), "before it opens"),
        (("--draw", "100000"), "to draw 100000"),
        ((), "either --ids or --draw"),
    ],
)
def test_a_paper_that_cannot_be_published_is_refused(
    roster: str, args: tuple[str, ...], message: str
) -> None:
    options = {"--units": CS, "--opens": OPENS.isoformat(), "--closes": CLOSES.isoformat()}
    given = dict(zip(args[::2], args[1::2], strict=True))
    flags = [x for k, v in {**options, **given}.items() for x in (k, v)]
    done = quiz(roster, "paper", "publish", "--title", "T", *flags)
    assert done.returncode == 1 and message in done.stderr, done.stderr
    assert query(roster, "SELECT COUNT(*) FROM papers")[0][0] == 0


def test_a_published_paper_is_never_edited(roster: str) -> None:
    paper = publish(roster)
    done = quiz(roster, "paper", "edit", str(paper), "--title", "改了")
    assert done.returncode == 1 and "cannot be changed" in done.stderr
    assert query(roster, "SELECT title FROM papers")[0][0] == "第一周测验"
    assert quiz(roster, "paper", "edit", "99").returncode == 1
    assert quiz(roster, "paper", "results", "99").returncode == 1


@pytest.fixture
def pg_roster(tmp_path: Path, pg_location: str) -> str:
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    assert quiz(pg_location, "org", "import", str(tmp_path / "roster.csv")).returncode == 0
    return pg_location


def test_postgres_checks_an_attempt_again_for_callers_other_than_quiz(pg_roster: str) -> None:
    """quiz_start_paper_attempt refuses on its own what the store checks first: a player who
    is not a member of the paper's units, and an attempt past the limit."""
    import psycopg

    paper = publish(pg_roster, "--attempts", "1")
    [(outsider,)] = query(pg_roster, "SELECT player_id FROM members m JOIN players p "
                          "ON p.id = m.player_id WHERE p.name = '赵四'")  # fmt: skip
    [(member,)] = query(pg_roster, "SELECT player_id FROM members m JOIN players p "
                        "ON p.id = m.player_id WHERE p.name = '王一'")  # fmt: skip
    at = (OPENS + timedelta(hours=1)).isoformat()
    call = "SELECT quiz_start_paper_attempt(?, ?, 'exam', '{}', ?, '2026-12-07', ?, ?)"
    with pytest.raises(psycopg.errors.CheckViolation, match=r"paper\.not_for_you"):
        query(pg_roster, call, (paper, outsider, at, "k1", CLOSES.isoformat()))
    query(pg_roster, call, (paper, member, at, "k2", CLOSES.isoformat()))
    with pytest.raises(psycopg.errors.CheckViolation, match=r"paper\.no_attempts_left"):
        query(pg_roster, call, (paper, member, at, "k3", CLOSES.isoformat()))
    late = CLOSES.isoformat()
    with pytest.raises(psycopg.errors.CheckViolation, match=r"paper\.closed"):
        query(pg_roster, call, (paper, outsider, late, "k4", late))
    assert query(pg_roster, "SELECT COUNT(*) FROM paper_attempts")[0][0] == 1


def test_postgres_two_attempts_at_once_take_the_last_one_once(pg_roster: str) -> None:
    """Both start while the player's row is locked (so both pass the store's own check, which
    reads before the lock): the function lets the first through and refuses the second, which
    is a PaperRefused like any other, not a database error."""
    import threading
    import time

    import psycopg

    from quiz.store.postgres.database import to_pg

    paper = publish(pg_roster, "--attempts", "1")
    outcomes: list[str] = []

    def attempt() -> None:
        store = open_store(pg_roster)
        try:
            start_attempt(store, "王一", paper, FixedClock(OPENS + timedelta(hours=1)))
            outcomes.append("started")
        except PaperRefused as refused:
            outcomes.append(refused.code)
        finally:
            store.close()

    with psycopg.connect(pg_roster) as holder:
        holder.execute(to_pg("SELECT id FROM players WHERE name = ? FOR UPDATE"), ("王一",))
        threads = [threading.Thread(target=attempt) for _ in range(2)]
        for thread in threads:
            thread.start()
        time.sleep(1.5)  # both past the store's check, waiting for the row
        assert outcomes == []
    for thread in threads:  # the holder's transaction ended with its connection
        thread.join(30)
    assert sorted(outcomes) == ["paper.no_attempts_left", "started"]
    assert query(pg_roster, "SELECT COUNT(*) FROM paper_attempts")[0][0] == 1
