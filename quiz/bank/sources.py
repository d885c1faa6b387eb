"""Where the article a bank file names (`source:`) is. Apart from `quiz.bank.seeds`, which reads
articles: the loader finds sources on every start-up and reads none of them there."""

from __future__ import annotations

from pathlib import Path


def find_source(bank_file: Path, source: str) -> Path | None:
    """`source` looked up from the bank file's folder upwards (so `seeds/x.txt` works from
    `questions/` beside `seeds/`, and from any bank folder an author keeps elsewhere)."""
    candidate = Path(source)
    if candidate.is_absolute():
        return candidate if candidate.is_file() else None
    for folder in bank_file.resolve().parents:
        if (folder / candidate).is_file():
            return folder / candidate
    return None
