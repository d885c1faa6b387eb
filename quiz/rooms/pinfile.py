"""`--pin-file`: the room's PIN written for scripts and announcements, atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_pin(path: Path, pin: str) -> str | None:
    """Write `pin` to `path` (temp file, fsync, replace); a catalog key if it cannot be.

    The file is created when the room opens; an existing file is refused by the command before
    the room opens (unless --force), so this never replaces somebody else's file by surprise.
    """
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(pin + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            Path(temp).replace(path)
        except BaseException:
            with contextlib.suppress(OSError):
                Path(temp).unlink()
            raise
    except OSError:
        return "room.pin_file_failed"
    return None
