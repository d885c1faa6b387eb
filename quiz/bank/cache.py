"""A cache of parsed bank files, so later loads skip YAML entirely.

One cache entry per bank file, in the user cache dir, keyed by the file's path, size,
modification time and a hash of its content, plus the hash of the article its quotes were
checked against. Every load re-reads and re-hashes each file, so an entry is never served for
content it was not built from (an edit that keeps size and time is still caught); only the
files that changed are parsed again. `marshal` keeps it fast: rows of plain values, rebuilt
into Question tuples in one pass.

The cache folder is private (0700) and every entry is sealed with a keyed hash (HMAC-SHA-256)
whose key lives in that folder: a truncated, edited or planted entry is dropped and its file
parsed again, so nothing reaches the bank that the validator has not seen, and `marshal` is
only ever given bytes this module wrote.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import marshal
import os
import secrets
import stat
import struct
from pathlib import Path
from typing import Any, NamedTuple

from quiz.bank.models import BankError, BankFile, Question, QuestionType
from quiz.i18n import Term

CACHE_VERSION = 6  # 2: quotes as spans; 3: SHA-256 keys; 4: a header with the ids first;
# 5: the header's length first, so both records are read with marshal.loads from memory;
# 6: the header sealed on its own, so the ids are read and checked without the rows
_TYPES = {t.value: t for t in QuestionType}
_new = tuple.__new__


@functools.cache
def code_version() -> str:
    """The code an entry was built by: the cache format, and the size and time of every module
    of the bank package (parser, validator, models). Any change to them makes every entry stale,
    so a cached result is never one that today's validator would not give."""
    parts = [str(CACHE_VERSION)]
    for module in sorted(Path(__file__).parent.glob("*.py")):
        info = module.stat()
        parts.append(f"{module.name}:{info.st_size}:{info.st_mtime_ns}")
    return content_hash("|".join(parts).encode())


def content_hash(data: bytes) -> str:
    """SHA-256: strong, and the fastest hash here (done in hardware on most CPUs)."""
    return hashlib.sha256(data).hexdigest()


class FileKey(NamedTuple):
    path: str
    size: int
    mtime_ns: int
    digest: str

    @classmethod
    def of(cls, path: Path) -> tuple[FileKey, bytes] | None:
        from quiz.system.files import FileProblem, read_bytes

        try:
            info = path.stat()
            data = read_bytes(path)
        except (OSError, FileProblem):
            return None
        resolved = str(path.resolve())
        return cls(resolved, info.st_size, info.st_mtime_ns, content_hash(data)), data


class Entry(NamedTuple):
    """What loading one file produced: the file's questions (quotes checked) and its errors."""

    bank_file: BankFile | None
    errors: list[BankError]
    article: str | None
    """The article the quotes were checked against, with its hash: `path|hash`."""


def entry_path(folder: Path, key: FileKey) -> Path:
    name = hashlib.sha1(key.path.encode()).hexdigest()[:20]
    return folder / f"{name}.bin"


def _row(question: Question) -> tuple[object, ...]:
    return (question.id, question.type.value, *question[2:12], question.line, question.draft)


def _plain(params: tuple[tuple[str, object], ...]) -> tuple[tuple[str, object, bool], ...]:
    """Message parameters as marshal can hold them (a Term is a str subclass)."""
    return tuple((k, str(v) if isinstance(v, Term) else v, isinstance(v, Term)) for k, v in params)


def _terms(rows: tuple[tuple[str, object, bool], ...]) -> tuple[tuple[str, object], ...]:
    return tuple((k, Term(str(v)) if term else v) for k, v, term in rows)


def save(folder: Path, key: FileKey, entry: Entry) -> None:
    """Best effort: a cache that cannot be written only costs time.

    Two marshal records: a header (the key, the article, the file's section and source, each
    question's id and the drafts' ids, the errors), then the questions' rows, so that reading the
    ids alone (`load_ids`) skips the rows. The header's length comes first: `marshal.loads` on a
    slice of memory is about eight times faster than `marshal.load` on a stream, which reads
    through the stream's methods object by object."""
    bank_file = entry.bank_file
    header = (
        code_version(),
        (key.path, key.size, key.mtime_ns, key.digest),
        entry.article,
        None
        if bank_file is None
        else (
            bank_file.section,
            bank_file.source,
            [q.id for q in bank_file.questions],
            [q.id for q in bank_file.questions if q.draft],
        ),
        [(e.line, e.column, e.code, e.field, _plain(e.params)) for e in entry.errors],
    )
    rows = None if bank_file is None else [_row(q) for q in bank_file.questions]
    target = entry_path(folder, key)
    try:
        secret = _secret(folder, create=True)
        if secret is None:
            return
        head = _HEADER_LENGTH.pack(len(head_record := marshal.dumps(header))) + head_record
        body = marshal.dumps(rows)
        head_seal = _seal(secret, head)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(head_seal + _seal(secret, head_seal + body) + head + body)
        temporary.replace(target)  # atomic: a reader never sees half an entry
    except (OSError, ValueError):
        pass


def _unsealed(
    folder: Path, key: FileKey, rows: bool = True
) -> tuple[tuple[Any, ...], memoryview | None] | None:
    """(header, the rows' record) for exactly this content, or None (missing, stale, old format).
    An entry that fails its check (truncated, edited, planted: its seal does not match) is
    deleted, so the file is parsed again and the entry rewritten. Without `rows`, only the
    header is read and checked (its own seal; the rows' seal covers the header's too)."""
    target = entry_path(folder, key)
    secret = _secret(folder, create=False)
    if secret is None:
        return None
    try:
        with target.open("rb") as file:
            prefix = file.read(_PREFIX_BYTES)
            if len(prefix) < _PREFIX_BYTES:
                raise ValueError("truncated")
            (length,) = _HEADER_LENGTH.unpack_from(prefix, 2 * _SEAL_BYTES)
            head = prefix[2 * _SEAL_BYTES :] + file.read(length)
            body = file.read() if rows else b""
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        _drop(target)
        return None
    head_seal, rows_seal = prefix[:_SEAL_BYTES], prefix[_SEAL_BYTES : 2 * _SEAL_BYTES]
    if not hmac.compare_digest(head_seal, _seal(secret, head)) or (
        rows and not hmac.compare_digest(rows_seal, _seal(secret, head_seal + body))
    ):
        _drop(target)
        return None
    try:  # sealed by us: marshal is only ever given bytes this module wrote
        header = tuple(marshal.loads(memoryview(head)[_HEADER_LENGTH.size :]))
        version, stored = header[0], header[1]
    except Exception:  # anything unexpected in an entry: parse the file instead
        _drop(target)
        return None
    if version != code_version() or tuple(stored) != (key.path, key.size, key.mtime_ns,
                                                     key.digest):  # fmt: skip
        return None
    return header, memoryview(body) if rows else None


class Ids(NamedTuple):
    """A cached file's question ids, in order, which are drafts, and how many errors it has."""

    article: str | None
    source: str | None
    ids: list[str]
    drafts: set[str]
    errors: int = 0


def load_ids(folder: Path, key: FileKey) -> Ids | None:
    """The ids of exactly this content, from the entry's header alone; None when not cached."""
    found = _unsealed(folder, key, rows=False)
    if found is None:
        return None
    _, _, article, body, errors = found[0]
    if body is None:
        return Ids(article, None, [], set(), len(errors))
    _, source, ids, drafts = body
    return Ids(article, source, ids, set(drafts), len(errors))


def load(folder: Path, key: FileKey, path: Path, display: str) -> Entry | None:
    """The entry for exactly this content, or None (missing, stale, old format, failed check)."""
    found = _unsealed(folder, key)
    if found is None:
        return None
    (_, _, article, body, errors), rows_record = found
    if rows_record is None:  # not asked for without rows
        return None
    try:
        rows = marshal.loads(rows_record)
        bank_file = None
        if body is not None:
            section, source, _, _ = body
            types = _TYPES
            questions = [  # tuple.__new__: what Question._make does, without its checks
                _new(Question, (r[0], types[r[1]], *r[2:12], display, r[12], r[13])) for r in rows
            ]
            bank_file = BankFile(path, display, section, source, questions)
        return Entry(
            bank_file,
            [
                BankError(display, ln, col, code, fld, _terms(params))
                for ln, col, code, fld, params in errors
            ],
            article,
        )
    except Exception:  # anything unexpected in an entry: parse the file instead
        _drop(entry_path(folder, key))
        return None


_SEAL_BYTES = 32
_HEADER_LENGTH = struct.Struct("<I")
_PREFIX_BYTES = 2 * _SEAL_BYTES + _HEADER_LENGTH.size
"""The header's seal, the rows' seal (over the header's seal and the rows), the header's length."""
_KEY_FILE = "cache.key"


def _seal(secret: bytes, data: bytes) -> bytes:
    return hmac.digest(secret, data, "sha256")


def _secret(folder: Path, *, create: bool) -> bytes | None:
    """The key entries are sealed with, kept in the cache folder (0700, the key file 0600):
    an entry not written by this user's quiz is never served. None when the folder is not the
    user's own (a folder others may write to is not used at all)."""
    if create:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    state = _private(folder)
    if state is None:
        return None
    key_file = folder / _KEY_FILE
    if state == "opened":  # others could write here until now: nothing in it is ours for sure
        for planted in (*folder.glob("*.bin"), key_file):
            _drop(planted)
    try:
        secret = key_file.read_bytes()
    except FileNotFoundError:
        if not create:
            return None
        secret = secrets.token_bytes(32)
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made one meanwhile: use theirs
            secret = key_file.read_bytes()
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(secret)
    return secret if len(secret) == 32 else None


def _private(folder: Path) -> str | None:
    """The folder's state: `private` when it belongs to this user and only they can enter it;
    `opened` when others could until now (it is made private); None when it is not theirs."""
    try:
        info = folder.stat()
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return None
        if stat.S_IMODE(info.st_mode) & 0o077:
            folder.chmod(0o700)
            return "opened"
    except OSError:
        return None
    return "private"


def _drop(target: Path) -> None:
    with contextlib.suppress(OSError):
        target.unlink()
