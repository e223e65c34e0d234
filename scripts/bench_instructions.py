"""Instructions, not seconds: one nap command of the base revision and of the work
tree counted under valgrind's callgrind, summed over the process and the workers it
forks. The count does not move with the machine's load, so it settles what timings
on a shared machine cannot (two runs of the same code differ by up to 10 % here).

Both versions run with their bytecode compiled first, so neither pays for
compiling. Example:

    python scripts/bench_instructions.py --base REV --nap 'validate --jobs 1'
"""

from __future__ import annotations

import argparse
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from codeversions import Code, SetupError, add_base_option, verdict, versions
from synth import generate

_COLLECTED = re.compile(r"Collected : ([0-9]+)")


def count(code: Code, repo: Path, scratch: Path, args: list[str]) -> int:
    """Instructions of `nap ARGS` run in `repo`, summed over every process."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(code.src)],
        env=code.env(scratch),
        check=True,
        capture_output=True,
    )
    out = scratch / f"callgrind.{code.label}.%p"
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *code.nap(*args)],
        cwd=repo,
        env=code.env(scratch),
        capture_output=True,
        text=True,
        check=False,
    )
    found = [int(n) for n in _COLLECTED.findall(done.stderr)]
    if not found:
        raise SetupError(f"{code.label}: valgrind counted nothing: {done.stderr[-500:]}")
    return sum(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bodies", type=int, default=16, help="bodies (default 16)")
    parser.add_argument("--years", type=int, default=5, help="years (default 5)")
    parser.add_argument("--activities", type=int, default=50, help="per plan (default 50)")
    add_base_option(parser)
    parser.add_argument(
        "--nap",
        default="validate --jobs 1",
        help="the nap command and its options, in quotes (default: validate --jobs 1)",
    )
    args = parser.parse_args()
    command = shlex.split(args.nap)
    if shutil.which("valgrind") is None:
        print("bench_instructions: valgrind is not installed (Debian: valgrind)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="napcount-") as tmp:
        scratch = Path(tmp)
        repo = scratch / "plans-repo"
        generate(repo, bodies=args.bodies, years=args.years, activities=args.activities)
        try:
            with versions(args.base, scratch) as codes:
                counts = {c.label: count(c, repo, scratch, command) for c in codes}
        except SetupError as exc:
            print(f"bench_instructions: {exc}", file=sys.stderr)
            return 2
    print(f"\n| version | instructions of nap {args.nap} |\n|---|--:|")
    for label, n in counts.items():
        print(f"| {label} | {n:,} |")
    if "base" in counts:
        ratio, said = verdict([counts["base"]], [counts["head"]])
        print(f"\nwork tree / base, instructions: {ratio:.3f}x: {said}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
