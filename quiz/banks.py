"""The banks a player has used (the bundled one, and any opened with --bank), remembered in the
user config dir so the home screen can offer them."""

from __future__ import annotations

import json
from pathlib import Path

from quiz import paths

FILE_NAME = "banks.json"


def _file() -> Path:
    return paths.config_dir() / FILE_NAME


def known_banks(current: Path) -> list[Path]:
    """The bundled bank, the current one and every remembered one that still exists."""
    remembered: list[Path] = []
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
        remembered = [Path(p) for p in data.get("banks", []) if isinstance(p, str)]
    except (OSError, ValueError, AttributeError):
        remembered = []
    ordered: dict[Path, None] = {}
    for bank in [paths.bank_dir(None), current, *remembered]:
        resolved = bank.expanduser().resolve()
        if resolved.is_dir():
            ordered.setdefault(resolved, None)
    return list(ordered)


def remember_bank(bank: Path) -> None:
    """Add a bank to the list (best effort: a read-only config dir only loses the memory)."""
    banks = [str(p) for p in known_banks(bank)]
    text = json.dumps({"banks": banks}, ensure_ascii=False, indent=2)
    target = _file()
    try:
        if target.exists() and target.read_text(encoding="utf-8") == text:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(".tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)  # atomic
    except OSError:
        pass


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
