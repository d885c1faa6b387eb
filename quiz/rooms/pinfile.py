"""`--pin-file`: the room's PIN written for scripts and announcements, atomically."""

from __future__ import annotations

from pathlib import Path


def write_pin(path: Path, pin: str) -> str | None:
    """Write `pin` to `path` (quiz.system.files.write_atomic); a catalog key if it cannot be.

    The file is created when the room opens; an existing file is refused by the command before
    the room opens (unless --force), so this never replaces somebody else's file by surprise.
    """
    from quiz.system.files import FileProblem, write_atomic

    try:
        write_atomic(path, pin + "\n", force=True)
    except FileProblem:
        return "room.pin_file_failed"
    return None
