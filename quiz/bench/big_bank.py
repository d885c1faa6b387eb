"""Large banks for the loading benchmarks: the bundled questions repeated under fresh ids."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from quiz.author.writing import bank_file_text
from quiz.bank import Question, load_bank
from quiz.bank.export import question_record

PER_FILE = 1000


def mapping(question: Question, qid: str) -> dict[str, Any]:
    """A question back in the YAML format (the inverse of loading)."""
    record = question_record(question)
    data: dict[str, Any] = {"id": qid, "type": record["type"], "prompt": record["prompt"]}
    kind = record["type"]
    if kind in ("single", "multiple", "order"):
        data["options"] = record["options"]
    if kind == "single":
        data["answer"] = record["answer"][0]
    elif kind == "multiple":
        data["answer"] = record["answer"]
    elif kind == "judge":
        data["answer"] = record["answer"] == ["正确"]
    elif kind == "fill":
        data["answer"] = record["accepted"]
    for key in ("explanation", "quote", "tags", "difficulty"):
        if record[key]:
            data[key] = record[key]
    return data


def build(folder: Path, count: int, seed_bank: Path, seeds: Path) -> Path:
    """`count` questions in files of PER_FILE under `folder/questions`, articles beside."""
    questions = load_bank([seed_bank]).questions
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "questions").mkdir(parents=True)
    shutil.copytree(seeds, folder / "seeds")
    source = next(q.source for q in questions if q.source)
    for start in range(0, count, PER_FILE):
        batch = [
            mapping(questions[n % len(questions)], f"big-{n:06d}")
            for n in range(start, min(count, start + PER_FILE))
        ]
        text = bank_file_text(batch, section=f"第{start // PER_FILE + 1}组", source=source)
        (folder / "questions" / f"part-{start // PER_FILE:04d}.yaml").write_text(text, "utf-8")
    return folder / "questions"
