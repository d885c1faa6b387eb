"""The banks a player has used (the bundled one, and any opened with --bank), remembered in the
user config dir so the home screen can offer them."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from quiz.system import paths

FILE_NAME = "banks.json"


def _file() -> Path:
    return paths.config_dir() / FILE_NAME


def known_banks(current: Path) -> list[Path]:
    """The bundled bank, the current one and every remembered one that still exists."""
    ordered: dict[Path, None] = {}
    for bank in [paths.bank_dir(None), current, *_remembered()]:
        try:
            resolved = bank.expanduser().resolve()
            if resolved.is_dir():
                ordered.setdefault(resolved, None)
        except (OSError, ValueError, RuntimeError):  # a NUL in a name, a symlink loop…
            continue
    return list(ordered)


def _remembered() -> list[Path]:
    """The banks in banks.json; anything unexpected in it (not JSON, not a list of paths) is
    ignored, never a reason for the quiz not to start."""
    from quiz.system.files import FileProblem, read_text

    try:
        data = json.loads(read_text(_file(), 1024 * 1024))
    except (OSError, ValueError, FileProblem, RecursionError):
        return []
    listed = data.get("banks") if isinstance(data, dict) else None
    if not isinstance(listed, list):
        return []
    return [Path(p) for p in listed if isinstance(p, str) and p and "\0" not in p]


def remember_bank(bank: Path) -> None:
    """Add a bank to the list (best effort: a read-only config dir only loses the memory)."""
    banks = [str(p) for p in known_banks(bank)]
    text = json.dumps({"banks": banks}, ensure_ascii=False, indent=2)
    target = _file()
    from quiz.system.files import FileProblem, read_text, write_atomic

    try:
        current = read_text(target, 1024 * 1024) if target.is_file() else None
    except (OSError, ValueError, FileProblem):  # unreadable or garbage: written anew
        current = None
    if current == text:
        return
    with contextlib.suppress(OSError, FileProblem):
        write_atomic(target, text, force=True)


def bank_signature(bank: Path) -> tuple[tuple[str, int, int], ...]:
    """What changes when any bank file is edited, added or removed (cheap: stat only)."""
    from quiz.bank.loader import BANK_SUFFIXES

    entries = []
    for path in sorted(bank.rglob("*")) if bank.is_dir() else []:
        if path.suffix in BANK_SUFFIXES:
            try:
                info = path.stat()
            except OSError:
                continue
            entries.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(entries)
