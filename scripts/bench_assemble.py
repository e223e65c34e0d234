"""Benchmark assembly and export of the master plan at scale.

    .venv/bin/python scripts/bench_assemble.py [--plans 250,500,1000] [--activities 50]
        [--runs 1] [--base REV]

For each size it writes a synthetic repository (scripts/synth.py) with that many
bodies' plans for one year, then times, as whole processes on the same files:

  nap validate                        the baseline: every command below validates first
  nap assemble --year Y -o FILE       the master plan as JSON
  nap export --year Y --format csv    one row per activity
  nap export --year Y --format xlsx   the workbook

and prints wall time, time per 1,000 activities (flat when the cost grows
linearly with the number of activities) and peak memory of the largest process.
With `--base REV` every command also runs with the napkit of revision REV, in
turns with the work tree's, and each pair of medians gets a verdict.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit import Run, run_once
from codeversions import Code, SetupError, add_base_option, compare, interleaved, versions
from synth import generate

YEAR = 2016


@dataclass(frozen=True)
class Row:
    plans: int
    command: str
    version: str  # "base" or "head"
    runs: tuple[Run, ...]

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)


def commands(out: Path) -> list[tuple[str, list[str]]]:
    return [
        ("validate (baseline)", ["validate"]),
        ("assemble", ["assemble", "--year", str(YEAR), "-o", str(out / "master.json")]),
        ("export csv", ["export", "--year", str(YEAR), "--format", "csv", "-o", str(out / "m.csv")]),
        ("export xlsx", ["export", "--year", str(YEAR), "--format", "xlsx", "-o", str(out / "m.xlsx")]),
    ]  # fmt: skip


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--plans", default="250,500,1000", help="comma-separated numbers of plans")
    parser.add_argument("--activities", type=int, default=50, help="activities per plan")
    parser.add_argument("--runs", type=int, default=1, help="runs per command (median)")
    add_base_option(parser)
    return parser.parse_args(argv)


def measure_size(
    codes: list[Code], size: int, activities: int, runs: int, scratch: Path
) -> list[Row]:
    """Every command of every version on one synthetic repository of `size` plans."""
    with tempfile.TemporaryDirectory(prefix="napkit-bench-") as tmp:
        root = Path(tmp)
        generate(root, bodies=size, years=1, activities=activities, start_year=YEAR)
        rows: list[Row] = []
        for name, args in commands(root):

            def one(code: Code, args: list[str] = args, name: str = name) -> Run:
                run = run_once(code.nap(*args), root, code.env(scratch))
                if run.status != 0:
                    print(run.output[-2000:], file=sys.stderr)
                    raise SetupError(f"{name} failed at {size} plans (exit {run.status})")
                print(f"  {size} plans, {name} ({code.label}): {run.seconds:.2f} s", flush=True)
                return run

            for label, found in interleaved(codes, runs, one).items():
                rows.append(Row(size, name, label, tuple(found)))
        return rows


def print_table(rows: list[Row], activities: int) -> None:
    print(
        "\n| plans | activities | command | napkit | seconds | s per 1,000 activities "
        "| over baseline | peak RSS MiB |"
    )
    print("|---:|---:|---|---|---:|---:|---:|---:|")
    for row in rows:
        total = row.plans * activities
        base = next(
            r.seconds
            for r in rows
            if r.plans == row.plans
            and r.version == row.version
            and r.command.startswith("validate")
        )
        rss = max(r.max_rss for r in row.runs)
        print(
            f"| {row.plans} | {total:,} | {row.command} | {row.version} | {row.seconds:.2f} "
            f"| {row.seconds / total * 1000:.3f} | {row.seconds - base:+.2f} s | {rss / 2**20:.0f} |"
        )


def print_verdicts(rows: list[Row]) -> None:
    heads = [r for r in rows if r.version == "head"]
    for head in heads:
        base = next(
            (
                r
                for r in rows
                if r.version == "base" and (r.plans, r.command) == (head.plans, head.command)
            ),
            None,
        )
        if base is not None:
            print(compare(f"{head.plans} plans, {head.command}", base.runs, head.runs))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    sizes = [int(n) for n in args.plans.split(",")]
    rows: list[Row] = []
    try:
        with (
            tempfile.TemporaryDirectory(prefix="napkit-code-") as tmp,
            versions(args.base, Path(tmp)) as codes,
        ):
            for size in sizes:
                rows += measure_size(codes, size, args.activities, args.runs, Path(tmp))
    except (OSError, ValueError, SetupError) as exc:
        print(f"bench_assemble.py: {exc}", file=sys.stderr)
        return 2
    print_table(rows, args.activities)
    print()
    print_verdicts(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
