"""`python -m quiz.bench`: build large inputs, time each case several times, print medians and
ratios as a table and write them to JSON. `--smoke` runs tiny inputs (CI).

Speed targets are checked here, by measurement, not by timed unit tests.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path

from quiz.bench.cases import CASES, Context, Result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quiz.bench", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny inputs, one run each (CI)")
    parser.add_argument("--runs", type=int, default=5, help="runs per case (median reported)")
    parser.add_argument("--work", type=Path, default=Path("bench-work"), help="scratch folder")
    parser.add_argument("--out", type=Path, default=Path("bench-results.json"))
    parser.add_argument("--only", nargs="*", help="case names to run")
    args = parser.parse_args(argv)
    context = Context(work=args.work, smoke=args.smoke, runs=1 if args.smoke else args.runs)
    context.work.mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    for case in CASES:
        if args.only and case.name not in args.only:
            continue
        print(f"… {case.name}", file=sys.stderr, flush=True)
        results.extend(case.run(context))
    print(table(results))
    payload = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "smoke": args.smoke,
        "results": [r.as_json() for r in results],
    }
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


def table(results: list[Result]) -> str:
    lines = ["| case | median | bound | within |", "|---|---|---|---|"]
    for r in results:
        within = "—" if r.ok is None else ("yes" if r.ok else "**no**")
        lines.append(f"| {r.name} | {r.shown} | {r.bound_text} | {within} |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
