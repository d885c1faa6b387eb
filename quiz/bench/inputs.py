"""What the benchmark measures on: a score database with many answers, the real 学习强国 bank
imported to YAML, a 100,000-question bank, a small bank of choice questions for the key cases.
Each is built once in the work folder and reused by the cases (and by later runs under --keep).
"""

from __future__ import annotations

import importlib
import json
import time
from datetime import datetime
from pathlib import Path

from quiz.bank.loader import load_bank
from quiz.bank.models import Question, QuestionType
from quiz.bench.context import NOW, Context
from quiz.bench.shared import xxqg_tiku
from quiz.system import paths

BIG_ANSWERS = 1_000_000
SMOKE_ANSWERS = 5_000
BIG_COUNT = 100_000
SMOKE_BIG = 2_000
SMOKE_XXQG = 300
XXQG = xxqg_tiku()


def bundled_bank(context: Context) -> list[Question]:
    if "bank" not in context.cache:
        context.cache["bank"] = load_bank([paths.bank_dir()]).questions
    return list(context.cache["bank"])


def history_db(context: Context) -> Path:
    """A score database with a million answers (5,000 in smoke runs), built once."""
    answers = SMOKE_ANSWERS if context.smoke else BIG_ANSWERS
    path = context.work / f"history-{answers}.db"
    if not path.exists():
        from quiz.bench.history_db import build

        started = time.perf_counter()
        build(path, bundled_bank(context), answers, today=datetime.fromisoformat(NOW).date())
        context.cache["build_seconds"] = time.perf_counter() - started
    return path


def xxqg_text(context: Context) -> str | None:
    """The real 学习强国 tiku.json (its first records only in smoke runs); None without it."""
    if not XXQG.exists():
        return None
    text = XXQG.read_text(encoding="utf-8")
    if context.smoke:
        records = list(json.loads(text).items())[:SMOKE_XXQG]
        text = json.dumps(dict(records), ensure_ascii=False)
    return text


def xxqg_bank(context: Context) -> Path | None:
    """The real 学习强国 bank imported to YAML (9,370 records), once; None without the data."""
    folder = context.work / "xxqg-bank"
    target = folder / "xxqg.yaml"
    if target.exists() and (folder / "count.txt").exists():
        return folder
    try:
        formats = importlib.import_module("quiz.bank.formats")  # needs the import feature
    except ImportError:
        return None
    text = xxqg_text(context)
    if text is None:
        return None
    report = formats.read_xxqg(text)
    folder.mkdir(parents=True, exist_ok=True)
    text = formats.bank_yaml(report.questions, section="学习强国题库", origin="tiku.json")
    target.write_text(text, encoding="utf-8")
    (folder / "count.txt").write_text(str(len(report.questions)))  # not a bank file: not read
    return folder


def xxqg_label(context: Context) -> str:
    """ "9,370-record" (fewer in smoke runs)."""
    folder = xxqg_bank(context)
    count = int((folder / "count.txt").read_text()) if folder else 0
    return f"{count:,}-record"


def big_bank(context: Context) -> Path | None:
    """100,000 questions (2,000 in smoke runs): the imported xxqg bank repeated under fresh
    ids, in files of 1,000 — the size a large imported bank really has."""
    count = SMOKE_BIG if context.smoke else BIG_COUNT
    folder = context.work / f"big-{count}"
    if folder.exists():
        return folder
    source = xxqg_bank(context)
    if source is None:
        return None
    questions = load_bank([source]).questions
    _write_bank(folder, questions, count, "big")
    return folder


def choice_bank(context: Context) -> Path:
    """The bundled bank's single-choice questions only, as a bank of its own: the key cases
    step through them (no blanks to type, no blinking cursor to draw frames by itself)."""
    folder = context.work / "choice-bank"
    if not folder.exists():
        questions = [q for q in bundled_bank(context) if q.type is QuestionType.SINGLE]
        _write_bank(folder, questions, len(questions), "choice")
    return folder


def _write_bank(folder: Path, questions: list[Question], count: int, prefix: str) -> None:
    from quiz.bank.writing import bank_file_text
    from quiz.bench.big_bank import mapping

    folder.mkdir(parents=True)
    per_file = 1000
    for start in range(0, count, per_file):
        batch = [
            mapping(questions[n % len(questions)], f"{prefix}-{n:06d}")
            for n in range(start, min(count, start + per_file))
        ]
        for data in batch:
            data.pop("quote", None)  # the generated files name no article to check it in
        text = bank_file_text(batch, section=f"第{start // per_file + 1}组", origin="generated")
        (folder / f"part-{start // per_file:04d}.yaml").write_text(text, "utf-8")
