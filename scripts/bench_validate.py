"""Benchmark `nap validate` against check-jsonschema on a synthetic repository.

    .venv/bin/python scripts/bench_validate.py [--bodies 50 --years 20 --activities 50]
        [--baseline-limit N] [--runs 3] [--broken K] [--seed S] [--out DIR]

writes a plan repository with scripts/synth.py (1,000 plans of 50 activities by
default; in a temporary folder unless --out), then times, on the same files:

  nap validate            the whole process, median of --runs runs (all cores)
  check-jsonschema        --schemafile src/napkit/schemas/plan.schema.json on every
                          plan file: the baseline. It is slow (about 0.25 s a file);
                          --baseline-limit N gives it only the first N files and
                          scales its time to the full count (printed as extrapolated)
  nap validate --jobs 1   the same on one core, for information

and prints a table: files, seconds, files/s, the speed-up of nap over
check-jsonschema, and peak memory (the largest single process, from wait4, and
the sum over the process tree, sampled from /proc). It exits 0.

check-jsonschema (0.39) loads YAML dates as text by itself (its YAML parser maps the
timestamp tag to the string constructor), so the plans' unquoted dates pass our
`type: string` date fields with no option needed; it has no other YAML option.
check-jsonschema only checks the schema; nap validate also loads nap.yaml and
bodies.yaml and runs the cross-file rules, so nap does more work per file.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit import Run, dist_version, markdown_table, mib, platform_rows, run_once, tool
from synth import generate_with_mistakes

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SCHEMA = REPO / "src" / "napkit" / "schemas" / "plan.schema.json"


@dataclass
class Measure:
    tool: str
    files: int  # files the figures stand for
    runs: list[Run] = field(default_factory=list)
    measured_files: int = 0  # files really given to the tool (less when extrapolated)

    @property
    def extrapolated(self) -> bool:
        return self.measured_files != self.files

    @property
    def seconds(self) -> float:
        """Median wall time, scaled to `files` when fewer were measured."""
        median = statistics.median(r.seconds for r in self.runs)
        return median * self.files / self.measured_files

    @property
    def max_rss(self) -> int:
        return max(r.max_rss for r in self.runs)

    @property
    def tree_rss(self) -> int:
        return max(r.tree_rss for r in self.runs)


def measure(
    tool: str, command: list[str], cwd: Path, files: int, measured: int, runs: int
) -> Measure:
    m = Measure(tool, files, measured_files=measured)
    for i in range(runs):
        run = run_once(command, cwd)
        m.runs.append(run)
        print(
            f"  {tool} run {i + 1}/{runs}: {run.seconds:.2f} s, exit {run.status}, "
            f"peak {mib(run.max_rss)} (tree {mib(run.tree_rss)})",
            flush=True,
        )
    return m


# --- reporting ---------------------------------------------------------------


def versions() -> list[tuple[str, str]]:
    try:
        import yaml

        libyaml = (
            "with libyaml"
            if getattr(yaml, "__with_libyaml__", False)
            else "pure Python, no libyaml"
        )
        pyyaml = f"{yaml.__version__} ({libyaml})"
    except ImportError:
        pyyaml = "not installed"
    return [
        ("napkit", dist_version("napkit")),
        ("PyYAML", pyyaml),
        *[
            (dist, dist_version(dist))
            for dist in ("jsonschema-rs", "jsonschema", "check-jsonschema", "ruamel.yaml")
        ],
        *platform_rows(),
    ]


def table(measures: list[Measure], baseline: Measure | None) -> str:
    head = (
        "tool",
        "files",
        "seconds",
        "files/s",
        "nap speed-up",
        "peak RSS",
        "peak RSS, all procs",
    )
    rows = [head]
    for m in measures:
        secs = m.seconds
        speed = "-"
        if baseline is not None and m is not baseline:
            speed = f"{baseline.seconds / secs:.1f}x"
        elif m is baseline:
            speed = "1.0x (baseline)"
        star = "*" if m.extrapolated else ""
        rows.append(
            (
                m.tool + star,
                str(m.files),
                f"{secs:.2f}{star}",
                f"{m.files / secs:.0f}",
                speed,
                mib(m.max_rss),
                mib(m.tree_rss),
            )
        )
    return markdown_table(rows)


def _summary(run: Run) -> str:
    lines = [line for line in run.output.splitlines() if line.strip()]
    if not lines:
        return "(no output)"
    return lines[-1] if len(lines) == 1 else f"{lines[-1]}  [{len(lines)} lines of output]"


# --- main --------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bodies", type=int, default=50, help="bodies (default 50)")
    parser.add_argument("--years", type=int, default=20, help="years (default 20)")
    parser.add_argument(
        "--activities", type=int, default=50, help="activities per plan (default 50)"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--broken", type=int, default=0, help="plans with one mistake each (default 0)"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs of each nap measurement (default 3)"
    )
    parser.add_argument(
        "--baseline-limit",
        type=int,
        default=None,
        metavar="N",
        help="give check-jsonschema only the first N plan files and scale its time to all of them "
        "(0 skips it)",
    )
    parser.add_argument("--out", type=Path, help="write the repository here and keep it")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    nap = tool("nap")
    cjs = tool("check-jsonschema")
    if nap is None:
        print("bench_validate.py: no nap command: run with .venv/bin/python", file=sys.stderr)
        return 2

    print("versions:")
    for name, value in versions():
        print(f"  {name:17} {value}")

    with tempfile.TemporaryDirectory(prefix="napbench-") as tmp:
        root = args.out or Path(tmp)
        start = time.perf_counter()
        try:
            files, mistakes = generate_with_mistakes(
                root,
                args.bodies,
                args.years,
                args.activities,
                args.seed,
                broken=args.broken,
                replace=True,
            )
        except (OSError, ValueError) as exc:
            print(f"bench_validate.py: {exc}", file=sys.stderr)
            return 2
        size = sum(f.stat().st_size for f in files)
        print(
            f"\ngenerated {len(files)} plans x {args.activities} activities "
            f"({args.bodies} bodies x {args.years} years, seed {args.seed}, {len(mistakes)} broken), "
            f"{size / 2**20:.1f} MiB, in {time.perf_counter() - start:.1f} s under {root}\n",
            flush=True,
        )
        rel = [f.relative_to(root).as_posix() for f in files]
        total = len(rel)
        measures: list[Measure] = []

        print("nap validate (all cores):")
        full = measure("nap validate", [nap, "validate"], root, total, total, args.runs)
        measures.append(full)

        baseline: Measure | None = None
        limit = total if args.baseline_limit is None else min(args.baseline_limit, total)
        if cjs is None:
            print("\ncheck-jsonschema: not installed; no baseline (pip install check-jsonschema)")
        elif limit <= 0:
            print("\ncheck-jsonschema: skipped (--baseline-limit 0)")
        else:
            schema = SCHEMA if SCHEMA.is_file() else None
            if schema is None:
                from importlib.resources import files as package_files

                schema = Path(str(package_files("napkit").joinpath("schemas/plan.schema.json")))
            note = f" (first {limit} of {total} files, scaled)" if limit < total else ""
            print(f"\ncheck-jsonschema{note}, 1 run:")
            baseline = measure(
                "check-jsonschema",
                [cjs, "--schemafile", str(schema), *rel[:limit]],
                root,
                total,
                limit,
                1,
            )
            measures.append(baseline)

        print("\nnap validate --jobs 1 (one core, for information):")
        single = measure(
            "nap validate --jobs 1", [nap, "validate", "--jobs", "1"], root, total, total, args.runs
        )
        measures.append(single)

    print("\nresults:")
    print(table(measures, baseline))
    if baseline is not None and baseline.extrapolated:
        print(
            f"\n* check-jsonschema was given {baseline.measured_files} of {total} files; "
            f"its time ({baseline.runs[0].seconds:.2f} s measured) is EXTRAPOLATED linearly to {total} files."
        )
    print(
        "\npeak RSS: the largest single process (wait4); 'all procs': the sum over the process "
        "and its workers, sampled every 50 ms from /proc."
    )
    print("\noutputs (last line):")
    print(f"  nap validate:          exit {full.runs[0].status}: {_summary(full.runs[0])}")
    if baseline is not None:
        print(
            f"  check-jsonschema:      exit {baseline.runs[0].status}: {_summary(baseline.runs[0])}"
        )
    print(f"  nap validate --jobs 1: exit {single.runs[0].status}: {_summary(single.runs[0])}")
    expected = 1 if mistakes else 0
    if any(r.status != expected for r in full.runs + single.runs):
        print(f"\nNOTE: nap validate did not exit {expected} on every run; see its output above.")
    if baseline is not None and baseline.runs[0].status != 0:
        print(
            "\nNOTE: check-jsonschema reported errors (it checks the schema only); its first lines:\n  "
            + "\n  ".join(baseline.runs[0].output.splitlines()[:10])
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
