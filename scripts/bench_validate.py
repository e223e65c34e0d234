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
import importlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SCHEMA = REPO / "src" / "napkit" / "schemas" / "plan.schema.json"


def _synth() -> ModuleType:
    """scripts/synth.py, imported from beside this file."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    return importlib.import_module("synth")


def _tool(name: str) -> str | None:
    """The command from the same environment as this Python, else from PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


# --- measuring one process ---------------------------------------------------


class TreeSampler(threading.Thread):
    """Samples the summed resident memory of a process and its descendants from /proc
    (Linux only; nothing elsewhere). Worker processes count, which wait4's figure
    for the largest single process does not show."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak = 0
        self.stopped = threading.Event()
        self.page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

    def run(self) -> None:
        while not self.stopped.is_set():
            self.peak = max(self.peak, self._tree_rss())
            self.stopped.wait(self.interval)

    def _tree_rss(self) -> int:
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        try:
            entries = [e for e in Path("/proc").iterdir() if e.name.isdigit()]
        except OSError:
            return 0
        for entry in entries:
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rfind(")") + 2 :].split()
            pid = int(entry.name)
            parents[pid] = int(fields[1])  # field 4: ppid
            rss[pid] = int(fields[21]) * self.page  # field 24: rss in pages
        total, todo = 0, [self.pid]
        children: dict[int, list[int]] = {}
        for pid, parent in parents.items():
            children.setdefault(parent, []).append(pid)
        while todo:
            pid = todo.pop()
            total += rss.get(pid, 0)
            todo += children.get(pid, [])
        return total


@dataclass
class Run:
    seconds: float
    status: int
    max_rss: int  # bytes, the largest single process (wait4)
    tree_rss: int  # bytes, the sampled sum over the process tree (0 if unknown)
    output: str


def run_once(command: list[str], cwd: Path) -> Run:
    """Run `command` to completion: wall time, exit status, peak memory, output."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _, wait_status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        sampler.stopped.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(wait_status)
        out.seek(0)
        text = out.read().decode("utf-8", errors="replace")
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS
    scale = 1 if sys.platform == "darwin" else 1024
    return Run(seconds, proc.returncode, usage.ru_maxrss * scale, sampler.peak, text)


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
            f"peak {_mib(run.max_rss)} (tree {_mib(run.tree_rss)})",
            flush=True,
        )
    return m


# --- reporting ---------------------------------------------------------------


def _mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB" if n else "-"


def versions() -> list[tuple[str, str]]:
    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "not installed"

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
        ("napkit", version("napkit")),
        ("PyYAML", pyyaml),
        ("jsonschema-rs", version("jsonschema-rs")),
        ("jsonschema", version("jsonschema")),
        ("check-jsonschema", version("check-jsonschema")),
        ("ruamel.yaml", version("ruamel.yaml")),
        ("Python", f"{platform.python_version()} ({platform.python_implementation()})"),
        ("machine", f"{platform.machine()}, {os.cpu_count()} CPU(s), {platform.system()}"),
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
                _mib(m.max_rss),
                _mib(m.tree_rss),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


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

    nap = _tool("nap")
    cjs = _tool("check-jsonschema")
    if nap is None:
        print("bench_validate.py: no nap command: run with .venv/bin/python", file=sys.stderr)
        return 2

    print("versions:")
    for name, value in versions():
        print(f"  {name:17} {value}")

    with tempfile.TemporaryDirectory(prefix="napbench-") as tmp:
        root = args.out or Path(tmp)
        synth = _synth()
        start = time.perf_counter()
        try:
            files, mistakes = synth.generate_with_mistakes(
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
