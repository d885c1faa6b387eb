"""`python -m quiz.bench`: build large inputs, time each case several times, print medians and
ratios as a table (with each bound and whether it holds) and write them to JSON. `--smoke` runs
tiny inputs once (CI); it reports but never fails on a bound.

Speed bounds are checked here, by measurement, never by timed unit tests. Everything the bench
creates goes in its work folder, removed at the end unless --keep.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

from quiz.bench.cases import CASES
from quiz.bench.context import Context, Result
from quiz.bench.flashcards import find_flashcard


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m quiz.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--smoke", action="store_true", help="tiny inputs, one run each (CI)")
    parser.add_argument("--runs", type=int, default=5, help="runs per case (median reported)")
    parser.add_argument("--work", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep what the bench built (the big inputs are reused next time)",
    )
    parser.add_argument("--out", type=Path, default=Path("bench-results.json"))
    parser.add_argument("--only", nargs="*", help="case names to run")
    parser.add_argument(
        "--flashcard",
        type=Path,
        help="flashcard-cli's `flashcard` command (default: ../bench-venv/bin, "
        "then the PATH); without it that reference row is left out",
    )
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="quiz-bench-"))
    existed = set(work.iterdir()) if work.is_dir() else None
    work.mkdir(parents=True, exist_ok=True)
    context = Context(
        work=work.resolve(),
        smoke=args.smoke,
        runs=1 if args.smoke else args.runs,
        flashcard=find_flashcard(args.flashcard),
    )
    byte_compile_quiz()
    # In-process cases open quiz too: its cache and config stay in the work folder.
    os.environ["QUIZ_CACHE_DIR"] = str(context.work / "cache")
    os.environ["QUIZ_CONFIG_DIR"] = str(context.work / "config")
    results: list[Result] = []
    load_at_start = os.getloadavg()
    try:
        for case in CASES:
            if (args.only or case.on_request) and case.name not in (args.only or ()):
                continue
            started = time.perf_counter()
            results.extend(case.run(context))
            print(f"{case.name}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    finally:
        clean_up(work, existed, args.keep)
    print(table(results))
    payload = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "load_average_at_start": load_at_start,
        "load_average_at_end": os.getloadavg(),
        "smoke": args.smoke,
        "results": [r.as_json() for r in results],
    }
    if "capacity" in context.cache:
        payload["capacity"] = context.cache["capacity"]
    if args.only and "rooms" in args.only:  # needs a PostgreSQL server: only when asked
        from quiz.bench.rooms_case import rooms_figures, rooms_results

        print("… rooms", file=sys.stderr, flush=True)
        payload["rooms"] = rooms_figures(smoke=args.smoke)
        rooms = rooms_results(payload["rooms"])
        print(table(rooms))
        results.extend(rooms)
    args.out.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    failed = [r for r in results if r.ok is False]
    if failed and not args.smoke:
        print(f"{len(failed)} case(s) over their bound", file=sys.stderr)
        return 1
    return 0


def byte_compile_quiz() -> None:
    """Compile quiz's modules as `pip install` does. Python then reads them compiled, even
    under PYTHONDONTWRITEBYTECODE (this project's machines set it): without this step every
    start of quiz compiled its ~65 start-up modules from source, 15–20 ms that the installed
    references (Textual, flashcard-cli) never paid."""
    import compileall

    import quiz

    compileall.compile_dir(Path(quiz.__file__).parent, quiet=1)


def clean_up(work: Path, existed: set[Path] | None, keep: bool) -> None:
    """Remove what this run created: the whole folder when it made it, else only new entries."""
    if keep:
        print(f"kept: {work}", file=sys.stderr)
        return
    if existed is None:
        shutil.rmtree(work, ignore_errors=True)
        return
    for entry in set(work.iterdir()) - existed:
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def table(results: list[Result]) -> str:
    lines = ["| case | median | bound | within |", "|---|---|---|---|"]
    for r in results:
        within = "—" if r.ok is None else ("yes" if r.ok else "**no**")
        lines.append(f"| {r.name} | {r.shown} | {r.bound_text} | {within} |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
