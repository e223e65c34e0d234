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
from codeversions import Code, SetupError, add_base_option, compare, interleaved
from codeversions import versions as code_versions
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


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
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
    add_base_option(parser)
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def make_repository(args: argparse.Namespace, root: Path) -> tuple[list[str], int]:
    """The synthetic plans under `root`: their paths (relative) and how many are broken."""
    start = time.perf_counter()
    files, mistakes = generate_with_mistakes(
        root, args.bodies, args.years, args.activities, args.seed, broken=args.broken, replace=True
    )
    size = sum(f.stat().st_size for f in files)
    print(
        f"\ngenerated {len(files)} plans x {args.activities} activities "
        f"({args.bodies} bodies x {args.years} years, seed {args.seed}, {len(mistakes)} broken), "
        f"{size / 2**20:.1f} MiB, in {time.perf_counter() - start:.1f} s under {root}\n",
        flush=True,
    )
    return [f.relative_to(root).as_posix() for f in files], len(mistakes)


def measure_baseline(
    cjs: str | None, root: Path, rel: list[str], limit: int | None
) -> Measure | None:
    """check-jsonschema on the first `limit` files (all by default), once."""
    total = len(rel)
    limit = total if limit is None else min(limit, total)
    if cjs is None:
        print("\ncheck-jsonschema: not installed; no baseline (pip install check-jsonschema)")
        return None
    if limit <= 0:
        print("\ncheck-jsonschema: skipped (--baseline-limit 0)")
        return None
    note = f" (first {limit} of {total} files, scaled)" if limit < total else ""
    print(f"\ncheck-jsonschema{note}, 1 run:")
    command = [cjs, "--schemafile", str(SCHEMA), *rel[:limit]]
    return measure("check-jsonschema", command, root, total, limit, 1)


def _version_name(code: Code) -> str:
    return "work tree" if code.label == "head" else f"base {code.describe}"


def measure_versions(
    codes: list[Code], root: Path, scratch: Path, total: int, runs: int
) -> list[Measure]:
    """`nap validate` of each version, interleaved: base first, then the work tree."""
    names = {c.label: f"nap validate ({_version_name(c)})" for c in codes}
    found = {c.label: Measure(names[c.label], total, measured_files=total) for c in codes}

    def one(code: Code) -> Run:
        run = run_once(code.nap("validate"), root, code.env(scratch))
        found[code.label].runs.append(run)
        print(f"  {names[code.label]}: {run.seconds:.2f} s, exit {run.status}", flush=True)
        return run

    print("\nnap validate, base and work tree in turn:")
    interleaved(codes, runs, one)
    return [found[c.label] for c in codes]


def print_outputs(measures: list[Measure], baseline: Measure | None, broken: int) -> None:
    """The last line each tool printed, and a note on any unexpected exit status."""
    print("\noutputs (last line):")
    for m in measures:
        print(f"  {m.tool + ':':26} exit {m.runs[0].status}: {_summary(m.runs[0])}")
    expected = 1 if broken else 0
    naps = [r for m in measures if m is not baseline for r in m.runs]
    if any(r.status != expected for r in naps):
        print(f"\nNOTE: nap validate did not exit {expected} on every run; see its output above.")
    if baseline is not None and baseline.runs[0].status != 0:
        print(
            "\nNOTE: check-jsonschema reported errors (it checks the schema only); its first lines:\n  "
            + "\n  ".join(baseline.runs[0].output.splitlines()[:10])
        )


def print_results(measures: list[Measure], baseline: Measure | None) -> None:
    print("\nresults:")
    print(table(measures, baseline))
    if baseline is not None and baseline.extrapolated:
        print(
            f"\n* check-jsonschema was given {baseline.measured_files} of {baseline.files} files; "
            f"its time ({baseline.runs[0].seconds:.2f} s measured) is EXTRAPOLATED linearly to "
            f"{baseline.files} files."
        )
    print(
        "\npeak RSS: the largest single process (wait4); 'all procs': the sum over the process "
        "and its workers, sampled every 50 ms from /proc."
    )
    versions_measured = [m for m in measures if m.tool.startswith("nap validate (")]
    if len(versions_measured) == 2:
        base, head = versions_measured
        print("\n" + compare("nap validate", base.runs, head.runs))


def run(args: argparse.Namespace, nap: str, root: Path, scratch: Path) -> int:
    rel, broken = make_repository(args, root)
    total = len(rel)
    measures: list[Measure] = []
    with code_versions(args.base, scratch) as codes:
        if args.base is not None:
            measures += measure_versions(codes, root, scratch, total, args.runs)
        else:
            print("nap validate (all cores):")
            measures.append(
                measure("nap validate", [nap, "validate"], root, total, total, args.runs)
            )
    baseline = measure_baseline(tool("check-jsonschema"), root, rel, args.baseline_limit)
    measures += [baseline] if baseline is not None else []
    print("\nnap validate --jobs 1 (one core, for information):")
    single = [nap, "validate", "--jobs", "1"]
    measures.append(measure("nap validate --jobs 1", single, root, total, total, args.runs))
    print_results(measures, baseline)
    print_outputs(measures, baseline, broken)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    nap = tool("nap")
    if nap is None:
        print("bench_validate.py: no nap command: run with .venv/bin/python", file=sys.stderr)
        return 2
    print("versions:")
    for name, value in versions():
        print(f"  {name:17} {value}")
    with tempfile.TemporaryDirectory(prefix="napbench-") as tmp:
        root = args.out or Path(tmp) / "plans-repo"
        try:
            return run(args, nap, root, Path(tmp))
        except (OSError, ValueError, SetupError) as exc:
            print(f"bench_validate.py: {exc}", file=sys.stderr)
            return 2


if __name__ == "__main__":
    sys.exit(main())
