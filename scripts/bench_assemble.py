"""Benchmark assembly and export of the master plan at scale.

    .venv/bin/python scripts/bench_assemble.py [--plans 250,500,1000] [--activities 50] [--runs 1]

For each size it writes a synthetic repository (scripts/synth.py) with that many
bodies' plans for one year, then times, as whole processes on the same files:

  nap validate                        the baseline: every command below validates first
  nap assemble --year Y -o FILE       the master plan as JSON
  nap export --year Y --format csv    one row per activity
  nap export --year Y --format xlsx   the workbook

and prints wall time, time per 1,000 activities (flat when the cost grows
linearly with the number of activities) and peak memory of the largest process.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit import run_once
from synth import generate

NAP = str(Path(sys.executable).with_name("nap"))
YEAR = 2016


def commands(out: Path) -> list[tuple[str, list[str]]]:
    return [
        ("validate (baseline)", [NAP, "validate"]),
        ("assemble", [NAP, "assemble", "--year", str(YEAR), "-o", str(out / "master.json")]),
        ("export csv", [NAP, "export", "--year", str(YEAR), "--format", "csv", "-o", str(out / "m.csv")]),
        ("export xlsx", [NAP, "export", "--year", str(YEAR), "--format", "xlsx", "-o", str(out / "m.xlsx")]),
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", default="250,500,1000", help="comma-separated numbers of plans")
    parser.add_argument("--activities", type=int, default=50, help="activities per plan")
    parser.add_argument("--runs", type=int, default=1, help="runs per command (median)")
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.plans.split(",")]
    rows: list[tuple[int, str, float, int]] = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="napkit-bench-") as tmp:
            root = Path(tmp)
            generate(root, bodies=size, years=1, activities=args.activities, start_year=YEAR)
            for name, command in commands(root):
                runs = [run_once(command, root) for _ in range(args.runs)]
                for run in runs:
                    if run.status != 0:
                        print(run.output[-2000:], file=sys.stderr)
                        raise SystemExit(f"{name} failed at {size} plans (exit {run.status})")
                seconds = statistics.median(r.seconds for r in runs)
                rows.append((size, name, seconds, max(r.max_rss for r in runs)))
                print(f"  {size} plans, {name}: {seconds:.2f} s", flush=True)
    print()
    print(
        "| plans | activities | command | seconds | s per 1,000 activities | over baseline | peak RSS MiB |"
    )
    print("|---:|---:|---|---:|---:|---:|---:|")
    for size, name, seconds, rss in rows:
        activities = size * args.activities
        base = next(s for n, c, s, _ in rows if n == size and c.startswith("validate"))
        print(
            f"| {size} | {activities:,} | {name} | {seconds:.2f} | {seconds / activities * 1000:.3f} "
            f"| {seconds - base:+.2f} s | {rss / 2**20:.0f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
