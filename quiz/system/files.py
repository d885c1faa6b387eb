"""Reading files other people give us, and writing files without ever destroying one.

Reading: only regular files, and only up to a size cap, so a FIFO, `/dev/zero` or a huge file
is refused at once instead of read forever. Writing: the text goes to a temporary file in the
target's folder, is flushed to disk, then takes the target's name in one step (`os.replace`),
so a full disk or a crash leaves the old file whole. An existing file is replaced only when
asked (`force`), and never when it is one of the command's inputs.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

MAX_INPUT_BYTES = 16 * 1024 * 1024
"""Bigger than any sane bank, plan or import file (the 9,370-question xxqg bank is about 2 MB
of JSON, 2 MB of YAML); anything larger would also make a bank the loader refuses."""

_CHUNK = 1 << 20


class FileProblem(Exception):
    """A file that cannot be read or written as asked; `code` is a catalog key."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def read_bytes(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The content of a regular file of at most `limit` bytes; FileProblem otherwise
    (`file.not_regular`, `file.too_large`), OSError when it cannot be opened."""
    # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just after.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem("file.not_regular", path=path)
        if info.st_size > limit:
            raise FileProblem("file.too_large", path=path, size=_kib(info.st_size),
                              limit=_kib(limit))  # fmt: skip
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(fd, _CHUNK):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while being read
                raise FileProblem("file.too_large", path=path, size=_kib(total), limit=_kib(limit))
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_text(path: Path, limit: int = MAX_INPUT_BYTES) -> str:
    """A regular file's text (UTF-8, a leading BOM dropped); UnicodeDecodeError when not UTF-8."""
    return read_bytes(path, limit).decode("utf-8").removeprefix("\ufeff")


def _kib(size: int) -> int:
    return max(1, size // 1024)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return a.resolve() == b.resolve()


def check_target(target: Path, *, force: bool = False, inputs: Iterable[Path] = ()) -> None:
    """Refuse a target before any work is done: an input of the command (`write.is_input`,
    even with force), something that is not a regular file (`write.not_a_file`), or an existing
    file without force (`write.exists`)."""
    for source in inputs:
        if _same_file(target, source):
            raise FileProblem("write.is_input", path=target)
    if target.exists() or target.is_symlink():
        if not target.is_file():
            raise FileProblem("write.not_a_file", path=target)
        if not force:
            raise FileProblem("write.exists", path=target)


def write_atomic(
    target: Path,
    data: str | bytes,
    *,
    force: bool = False,
    inputs: Iterable[Path] = (),
    mode: int | None = None,
) -> None:
    """Write `data` to `target` whole or not at all (see the module). FileProblem when refused
    (see `check_target`) or when writing fails (`write.failed`: disk full, no permission…);
    the target is then as it was. `mode`: the file's permissions (a secret: 0o600), set before
    it takes the target's name, so it is never readable by others."""
    check_target(target, force=force, inputs=inputs)
    real = target.resolve() if target.is_symlink() else target
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = real.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{real.name}.", suffix=".tmp")
        temporary = Path(name)
    except OSError as exc:
        raise FileProblem("write.failed", path=target, reason=_reason(exc)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(_mode_for(real) if mode is None else mode)
        if force:
            temporary.replace(real)
        else:
            _place_new(temporary, real)
        _sync_folder(folder)
    except FileExistsError:
        _remove(temporary)
        raise FileProblem("write.exists", path=target) from None
    except OSError as exc:
        _remove(temporary)
        raise FileProblem("write.failed", path=target, reason=_reason(exc)) from None
    except BaseException:
        _remove(temporary)
        raise


def _place_new(temporary: Path, target: Path) -> None:
    """Give the file its name only if nothing has that name yet (a file created meanwhile is
    never replaced): a hard link fails when the name exists."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then rename
        if target.exists():
            raise FileExistsError(str(target)) from None
        temporary.replace(target)
        return
    _remove(temporary)


def _mode_for(target: Path) -> int:
    """An existing file keeps its permissions; a new one gets the usual ones (umask)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every system can open a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def move_aside(path: Path, stem: str, companions: Iterable[str] = ()) -> Path:
    """Rename `path` to `<stem>` (or `<stem>-2`, `-3`… so an earlier backup is never replaced),
    and each `path + suffix` in `companions` along with it (a database's `-wal` and `-shm`,
    moved first, so a new file at `path` never meets the old one's journal)."""
    number = 1
    while True:
        backup = path.with_name(stem if number == 1 else f"{stem}-{number}")
        names = [backup, *(Path(f"{backup}{suffix}") for suffix in companions)]
        if not any(name.exists() or name.is_symlink() for name in names):
            break
        number += 1
    for suffix in companions:
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            _rename_new(companion, Path(f"{backup}{suffix}"))
    _rename_new(path, backup)
    return backup


def _rename_new(source: Path, target: Path) -> None:
    """Rename, refusing to replace a file that took the name meanwhile."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:  # no hard links here: check, then rename
        if target.exists():
            raise FileExistsError(str(target)) from None
        source.replace(target)
        return
    source.unlink()
