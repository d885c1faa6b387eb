"""Loading a bank: every file parsed and validated, then checks across files (ids, quotes)."""

from __future__ import annotations

import gc
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.bank import cache
from quiz.bank.models import Bank, BankError, BankFile, Question
from quiz.i18n import t
from quiz.system.files import FileProblem
from quiz.system.paths import display_path

if TYPE_CHECKING:
    from quiz.bank.yamlsafe import Position
from quiz.bank.sources import find_source
from quiz.bank.text import without_whitespace

BANK_SUFFIXES = (".yaml", ".yml")


def bank_files(paths: Iterable[Path]) -> tuple[list[Path], list[BankError]]:
    """The YAML files named, folders expanded (sorted, recursively); missing paths are errors."""
    found: list[Path] = []
    errors: list[BankError] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in BANK_SUFFIXES))
        elif path.is_file():
            found.append(path)
        elif path.exists():  # a FIFO, a device: never read (it could block or never end)
            errors.append(BankError(display_path(path), 0, 0, "bank.not_regular"))
        else:
            errors.append(BankError(display_path(path), 0, 0, "bank.path_missing"))
    return found, errors


def load_bank(paths: Sequence[Path], cache_dir: Path | None = None) -> Bank:
    """Every file under `paths`; valid questions are kept even when other parts have errors.
    With `cache_dir`, files unchanged since an earlier load are read from the cache."""
    with gc_paused():
        return _load_bank(paths, cache_dir)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Loading builds millions of objects that all live on: the cyclic collector would scan
    them again and again for nothing (it costs a third of the time on a large bank). Frozen
    before the collector is back on, they are never scanned at all (they are tuples and strings,
    freed by reference counting when a reload drops them)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def _load_bank(paths: Sequence[Path], cache_dir: Path | None) -> Bank:
    files, errors = bank_files(paths)
    bank = Bank(errors=errors)
    for path in files:
        entry = _cached_entry(path, cache_dir) if cache_dir is not None else _checked_file(path)
        bank.errors.extend(entry.errors)
        if entry.bank_file is not None:
            bank.files.append(entry.bank_file)
    _check_ids(bank)
    return bank


def _checked_file(path: Path) -> cache.Entry:
    """One file parsed, validated, and its quotes checked against its article."""
    from quiz.bank.filereader import load_file
    from quiz.bank.seeds import cached_article

    bank_file, errors = load_file(path)
    article = None
    if bank_file is not None and bank_file.source is not None:
        located = find_source(bank_file.path, bank_file.source)
        article = _article_key(located)
        if located is None:
            bank_file.questions = []  # already reported: the file's quotes cannot be trusted
        else:
            try:
                searchable = cached_article(located).searchable
            except (OSError, FileProblem, UnicodeDecodeError) as exc:
                reason = getattr(exc, "strerror", None) or str(exc)
                if isinstance(exc, FileProblem):
                    reason = t(exc.code, **exc.params)
                pos = _source_position(path)
                errors.append(
                    BankError(
                        bank_file.display,
                        pos.line,
                        pos.column,
                        "bank.source_unreadable",
                        "source",
                        (("source", bank_file.source), ("reason", reason)),
                    )
                )
                bank_file.questions = []
            else:
                errors.extend(_check_quotes(bank_file, searchable))
    return cache.Entry(bank_file, errors, article)


def _source_position(path: Path) -> Position:
    from quiz.bank.yamlsafe import Position, YamlProblem, compose, locate, read_text

    try:
        return locate(compose(read_text(path)), ("source",))
    except (YamlProblem, OSError):
        return Position(1, 1)


def _article_key(located: Path | None) -> str | None:
    if located is None:
        return None
    found = cache.FileKey.of(located)
    return f"{located.resolve()}|{found[0].digest}" if found else None


def _cached_entry(path: Path, folder: Path) -> cache.Entry:
    found = cache.FileKey.of(path)
    if found is None:
        return _checked_file(path)
    key, _ = found
    display = display_path(path)
    entry = cache.load(folder, key, path, display)
    if entry is not None and entry.article is not None:
        source = entry.bank_file.source if entry.bank_file else None
        if source is None or _article_key(find_source(path, source)) != entry.article:
            entry = None  # the article changed: its quotes must be checked again
    if entry is None:
        entry = _checked_file(path)
        cache.save(folder, key, entry)
    return entry


def playable_ids(paths: Sequence[Path], cache_dir: Path) -> set[str]:
    """The ids of the questions `load_bank(paths, cache_dir)` would give that are not drafts,
    read from the cache's headers where it has the files (no questions built): what `quiz
    stats` needs of the bank. A file not cached, or whose article changed, is loaded whole."""
    first_seen: dict[str, bool] = {}  # id -> draft; a later duplicate is dropped, as loading does
    for path in bank_files(paths)[0]:
        ids = _cached_ids(path, cache_dir)
        if ids is None:
            entry = _cached_entry(path, cache_dir)
            questions = entry.bank_file.questions if entry.bank_file else []
            pairs = [(q.id, q.draft) for q in questions]
        else:
            pairs = [(qid, qid in ids.drafts) for qid in ids.ids]
        for qid, draft in pairs:
            first_seen.setdefault(qid, draft)
    return {qid for qid, draft in first_seen.items() if not draft}


def cached_outline(paths: Sequence[Path], cache_dir: Path) -> list[str] | None:
    """The playable question ids, in order, from the cache's headers alone (no questions
    built), when every file is cached, without errors, its article unchanged, and no id
    repeats: then `load_bank(paths, cache_dir)` would give exactly these, and no errors. None
    otherwise (the bank must be loaded to know)."""
    files, errors = bank_files(paths)
    if errors:
        return None
    seen: set[str] = set()
    playable: list[str] = []
    for path in files:
        ids = _cached_ids(path, cache_dir)
        if ids is None or ids.errors:
            return None
        before = len(seen)
        seen.update(ids.ids)
        if len(seen) != before + len(ids.ids):  # an id repeats: loading reports it
            return None
        drafts = ids.drafts
        playable.extend([qid for qid in ids.ids if qid not in drafts] if drafts else ids.ids)
    return playable


def _cached_ids(path: Path, cache_dir: Path) -> cache.Ids | None:
    """A file's ids from its cache entry's header; None when it is not cached as it is now, or
    its article changed since (the quotes must be checked again)."""
    found = cache.FileKey.of(path)
    ids = cache.load_ids(cache_dir, found[0]) if found is not None else None
    if ids is not None and ids.article is not None:
        located = find_source(path, ids.source) if ids.source else None
        if _article_key(located) != ids.article:
            return None
    return ids


def field_position(path: Path, question: Question, *where: str | int) -> Position:
    from quiz.bank.filereader import field_position as position

    return position(path, question, *where)


def _check_ids(bank: Bank) -> None:
    ids = [q.id for bank_file in bank.files for q in bank_file.questions]
    if len(set(ids)) == len(ids):
        return  # the common case, in one pass of C loops
    first_seen: dict[str, Question] = {}
    for bank_file in bank.files:
        kept: list[Question] = []
        for question in bank_file.questions:
            other = first_seen.get(question.id)
            if other is None:
                first_seen[question.id] = question
                kept.append(question)
                continue
            pos = field_position(bank_file.path, question, "id")  # rare: parse again
            bank.errors.append(
                BankError(
                    question.file,
                    pos.line,
                    pos.column,
                    "bank.duplicate_id",
                    "id",
                    (("id", question.id), ("other", f"{other.file}:{other.line}")),
                )
            )
        bank_file.questions = kept


def _check_quotes(bank_file: BankFile, searchable: str) -> list[BankError]:
    """Drop the questions with a quote that is not in the article; an error for each."""
    errors: list[BankError] = []
    kept = []
    for question in bank_file.questions:
        wrong = [
            index
            for index, quote in enumerate(question.quotes)
            if without_whitespace(quote) not in searchable
        ]
        if not wrong:
            kept.append(question)
        for index in wrong:
            listed = len(question.quotes) > 1
            where: tuple[str | int, ...] = ("quote", index) if listed else ("quote",)
            pos = field_position(bank_file.path, question, *where)  # rare: parse again
            code = _quote_code(question.quotes[index], searchable)
            errors.append(
                BankError(question.file, pos.line, pos.column, code,
                          f"quote[{index}]" if listed else "quote",
                          (("source", bank_file.source),))
            )  # fmt: skip
    bank_file.questions = kept
    return errors


def _quote_code(quote: str, text: str) -> str:
    """Tell the author when only full-width/half-width punctuation differs (a common slip)."""

    def folded(value: str) -> str:
        return without_whitespace(unicodedata.normalize("NFKC", value))

    return "bank.quote_width" if folded(quote) in folded(text) else "bank.quote_not_found"
