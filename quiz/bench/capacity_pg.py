"""Quiz's writers beside pgbench, on the same PostgreSQL server, in turns.

The reference is pgbench's TPC-B-like transaction (five statements: three updates, a select and
an insert) with the same 50 clients and `-j 2`, on a scale-10 database. Each round runs pgbench
for a fixed time, then quiz's 50 writers on a fresh database; the medians of the rounds are
compared. The server's CPU is read for the whole server from /proc (every `postgres` process,
and what the postmaster has collected from backends that ended), so pgbench's transactions and
quiz's answers are charged the same way.
"""

from __future__ import annotations

import re
import secrets
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from quiz.bench.procstat import TICK, stat_fields
from quiz.bench.shared_store import PG_SERVER, PLAYERS, answers_per_second, check, pg_database
from quiz.system.locations import as_login

CLIENTS = 50
THREADS = 2
SCALE = 10
SECONDS = 15
ROUNDS = 3
WRITER_PROCESSES = 10
ANSWERS_EACH = 200
SMOKE = {"clients": 4, "scale": 1, "seconds": 2, "rounds": 1, "processes": 2, "answers": 4}


@dataclass(frozen=True, slots=True)
class Turn:
    per_second: float
    server_ms: float
    """Server CPU per transaction or answer."""
    count: int


def pgbench() -> str | None:
    """Debian's postgresql-client installs it on the PATH, or under /usr/lib/postgresql."""
    found = shutil.which("pgbench")
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pgbench"))
    return str(candidates[-1]) if candidates else None


def postgres_cpu(_location: str = "") -> float:
    """CPU seconds of the whole local server so far: every live `postgres` process, plus the
    children the postmaster has reaped (backends of connections that closed)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            name = (entry / "comm").read_text().strip()
        except OSError:
            continue
        if name != "postgres" and not name.startswith("postgres:"):
            continue
        fields = stat_fields(entry.name)
        if fields is None:
            continue
        total += int(fields[11]) + int(fields[12])
        if _comm(fields[1]) != "postgres":  # the postmaster: add its reaped backends
            total += int(fields[13]) + int(fields[14])
    return total / TICK


def _comm(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def pgbench_turn(command: str, url: str, clients: int, seconds: int) -> Turn:
    before = postgres_cpu()
    done = subprocess.run(
        [command, "-n", "-c", str(clients), "-j", str(THREADS), "-T", str(seconds), url],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    server = postgres_cpu() - before
    tps = re.search(r"tps = ([\d.]+) \(without initial connection time\)", done.stdout)
    count = re.search(r"number of transactions actually processed: (\d+)", done.stdout)
    if tps is None or count is None:
        raise RuntimeError(f"pgbench said: {done.stdout[-500:]} {done.stderr[-500:]}")
    transactions = int(count.group(1))
    return Turn(float(tps.group(1)), server * 1000 / max(1, transactions), transactions)


def writers_turn(clients: int, processes: int, quota: int, work: Path) -> Turn:
    """Quiz's writers on a fresh campaign database set up as a campaign is: the roster imported,
    `quiz org roles` run with the owner's URL, and each writer connected as its own member (so
    every answer passes the authority checks a member's does)."""
    database = ""
    try:
        with pg_database("capacity") as url:
            if url is None:
                raise RuntimeError("no PostgreSQL server")
            database = urlsplit(url).path.lstrip("/")
            logins = members(url, min(clients, PLAYERS), work)
            rate, stored, _refused, _writers_ms, server_ms = answers_per_second(
                url, quota, clients, processes, server_meter=postgres_cpu,
                writer_locations=[as_login(url, login) for login in logins],
            )  # fmt: skip
            problems = check(url, stored, players=len(logins))
    finally:
        if database:  # the roles outlive their database: dropped once it is gone
            drop_roles(database)
    if problems:
        raise RuntimeError(f"writers: {problems}")
    return Turn(rate, server_ms, stored)


def members(url: str, count: int, work: Path) -> list[str]:
    """`count` roster members (the writers' players writer-0…) with database logins."""
    tag = secrets.token_hex(3)
    roster = work / f"roster-{tag}.csv"
    logins = [f"cap{tag}w{n}" for n in range(count)]
    roster.write_text("".join(f"writer-{n},基准/第{n % 5}组,{login},pass-{login}\n"
                              for n, login in enumerate(logins)), "utf-8")  # fmt: skip
    for command in (["org", "import", str(roster)], ["org", "roles"]):
        subprocess.run([sys.executable, "-m", "quiz", "--db", url, *command], check=True,
                       capture_output=True)  # fmt: skip
    roster.unlink()
    return logins


def drop_roles(database: str) -> None:
    """The campaign's group roles and its members' logins (they outlive its database)."""
    import psycopg

    from quiz.store.postgres.roles import drop_campaign_roles

    with psycopg.connect(PG_SERVER, autocommit=True) as admin:
        drop_campaign_roles(admin, database)


def writers_beside_pgbench(smoke: bool, work: Path) -> dict[str, float | int | str | None]:
    """The medians of the rounds: quiz's answers/s and pgbench's tps, and their ratio."""
    size = SMOKE if smoke else {
        "clients": CLIENTS, "scale": SCALE, "seconds": SECONDS, "rounds": ROUNDS,
        "processes": WRITER_PROCESSES, "answers": ANSWERS_EACH,
    }  # fmt: skip
    command = pgbench()
    bench: list[Turn] = []
    writers: list[Turn] = []
    with pg_database("pgbench") as url:
        if url is None:
            return {"skipped": "no PostgreSQL server answers"}
        if command is not None:
            subprocess.run([command, "-i", "-q", "-s", str(size["scale"]), url],
                           capture_output=True, check=True)  # fmt: skip
        for _ in range(size["rounds"]):
            if command is not None:
                bench.append(pgbench_turn(command, url, size["clients"], size["seconds"]))
            writers.append(writers_turn(size["clients"], size["processes"], size["answers"], work))
    rate = statistics.median(t.per_second for t in writers)
    figures: dict[str, float | int | str | None] = {
        "writers": size["clients"],
        "writers_per_s": round(rate, 1),
        "writers_server_ms": round(statistics.median(t.server_ms for t in writers), 3),
        "writers_answers": sum(t.count for t in writers),
        "rounds": size["rounds"],
    }
    if bench:
        tps = statistics.median(t.per_second for t in bench)
        figures |= {
            "pgbench_tps": round(tps, 1),
            "pgbench_server_ms": round(statistics.median(t.server_ms for t in bench), 3),
            "writers_vs_pgbench": round(rate / tps, 3),
        }
    else:
        figures |= {"pgbench_tps": None, "writers_vs_pgbench": None,
                    "pgbench_skipped": "pgbench not found (Debian: postgresql-client)"}  # fmt: skip
    return figures
