"""A score database with many recorded answers, built fast with bulk SQL (for benchmarks)."""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from quiz.bank.models import Question
from quiz.engine.modes import Mode
from quiz.store.records import question_version
from quiz.store.sqlite.schema import MIGRATIONS, connect

MODES = (Mode.DAILY, Mode.CHALLENGE, Mode.TOPIC, Mode.RACE, Mode.EXAM, Mode.STUDY)


def build(
    path: Path,
    questions: Sequence[Question],
    answers: int,
    *,
    players: int = 10,
    main_share: float = 0.9,
    per_session: int = 10,
    days: int = 365,
    today: date | None = None,
    seed: int = 7,
) -> None:
    """`answers` answers in sessions of `per_session`, over `days` days; the first player
    ("player-0") gets `main_share` of them, the others share the rest."""
    rng = random.Random(seed)
    today = today or date(2026, 11, 28)
    path.unlink(missing_ok=True)
    conn = connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    start = datetime(today.year, today.month, today.day, 8, tzinfo=UTC) - timedelta(days=days)
    conn.executemany(
        "INSERT INTO players(id, name, created_at) VALUES (?,?,?)",
        [(p + 1, f"player-{p}", start.isoformat()) for p in range(players)],
    )
    versions = [question_version(q) for q in questions]
    conn.executemany(
        "INSERT INTO question_versions(hash, question_id, record, section, tags) "
        "VALUES (?,?,?,?,?)",
        [
            (h, q.id, record, q.section, json.dumps(q.tags, ensure_ascii=False))
            for (h, record), q in zip(versions, questions, strict=True)
        ],
    )
    sessions_total = answers // per_session
    main_sessions = int(sessions_total * main_share)
    session_rows: list[tuple[object, ...]] = []
    answer_rows: list[tuple[object, ...]] = []
    answer_id = 0
    for sid in range(1, sessions_total + 1):
        player = 1 if sid <= main_sessions else rng.randint(2, players)
        moment = start + timedelta(seconds=rng.randrange(days * 86400))
        mode = rng.choice(MODES)
        correct = 0
        for position in range(per_session):
            index = rng.randrange(len(questions))
            question, (version, _) = questions[index], versions[index]
            ok = rng.random() < 0.7
            correct += ok
            given = question.answer if ok else (question.options[:1] or ("?",))
            seconds = round(rng.uniform(2, 20), 2)
            answer_id += 1
            at = moment + timedelta(seconds=20 * position)
            answer_rows.append(
                (answer_id, sid, player, position, question.id, version, question.prompt,
                 json.dumps(question.options, ensure_ascii=False),
                 json.dumps(given, ensure_ascii=False), int(ok), seconds, int(ok),
                 at.isoformat(timespec="seconds"), at.date().isoformat())
            )  # fmt: skip
        points = rng.choice((0, 1, 3, 5))
        session_rows.append(
            (sid, player, mode.value, "{}", moment.isoformat(timespec="seconds"),
             (moment + timedelta(minutes=5)).isoformat(timespec="seconds"),
             moment.date().isoformat(), "finished", correct, per_session, correct, points,
             correct, 60.0)
        )  # fmt: skip
        if len(answer_rows) >= 50_000:
            _flush(conn, session_rows, answer_rows)
    _flush(conn, session_rows, answer_rows)
    conn.execute("COMMIT")
    _rebuild_totals(conn)
    conn.close()


def _flush(
    conn: sqlite3.Connection, sessions: list[tuple[object, ...]], answers: list[tuple[object, ...]]
) -> None:
    conn.executemany(
        "INSERT INTO sessions(id, player_id, mode, plan, started_at, finished_at, day, status, "
        "correct, total, score, points, best_streak, elapsed) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        sessions,
    )
    conn.executemany(
        "INSERT INTO answers(id, session_id, player_id, position, question_id, version, prompt, "
        "shown_options, given, is_correct, seconds, score, answered_at, day) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        answers,
    )
    sessions.clear()
    answers.clear()


def _rebuild_totals(conn: sqlite3.Connection) -> None:
    """The running totals, as migrations 2 and 8 compute them from the answers and sessions."""
    conn.execute("BEGIN")
    for script in (MIGRATIONS[1], MIGRATIONS[7]):
        for statement in (part.strip() for part in script.split(";")):
            if statement.startswith(("INSERT", "UPDATE day_totals")):
                conn.execute(statement)
    conn.execute(  # each player's last day of play, as migration 16 computes it
        "UPDATE players SET last_day = (SELECT MAX(d.day) FROM day_totals d"
        " WHERE d.player_id = players.id AND d.answers > 0)"
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
