"""What /proc says of a process (Linux): its parent, state and CPU time, read from its `stat`
line (the fields after the command name, which may itself hold spaces and parentheses)."""

from __future__ import annotations

import os
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def stat_fields(pid: int | str) -> list[str] | None:
    """The fields after the command name (state first), or None when the process is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds used so far (the process must still exist)."""
    fields = stat_fields(pid)
    if fields is None:
        raise ProcessLookupError(pid)
    return (int(fields[11]) + int(fields[12])) / TICK


def running(pid: int) -> bool:
    """Alive and not a zombie (a process that has ended but whose exit is not collected yet)."""
    fields = stat_fields(pid)
    return fields is not None and fields[0] != "Z"


def children(pid: int) -> list[int]:
    return [
        int(entry.name)
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit() and (fields := stat_fields(entry.name)) and int(fields[1]) == pid
    ]
