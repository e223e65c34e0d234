"""Two versions of napkit side by side, for the benchmarks' `--base REV` and for
scripts/compare_outputs.py: a base revision checked out with `git worktree add
--detach`, and the work tree (or another revision).

Each version runs as its own process, `sys.executable -c "...napkit.cli.main()"` (or
`-m mkdocs`, or a snippet) with PYTHONPATH=<its src>, so PYTHONPATH, not the editable
install, decides which code runs. MkDocs finds the plugin through the installed entry
point, which then imports napkit.mkdocs_plugin.plugin from the same PYTHONPATH; `check`
proves it once per version. Both versions start the same way, so neither pays for
something the other does not.

Timings of two versions are taken interleaved (base, head, head, base, ...) so that a
change in the machine's load reaches both; `verdict` reads the medians against a 5 %
band."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from benchkit import Run

ROOT = Path(__file__).resolve().parent.parent
CLI = "import sys; from napkit.cli import main; sys.argv[0]='nap'; main()"
PROBE = (
    "import importlib.metadata as m, sys, napkit; "
    "import napkit.cli; "  # compiles what a command imports, before anything is timed
    "ep = [e for e in m.entry_points(group='mkdocs.plugins') if e.name == 'napkit'][0]; "
    "plugin = ep.load(); print(napkit.__file__); print(sys.modules[plugin.__module__].__file__)"
)
GIT_CONFIG = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
BAND = 0.05  # a difference of the medians within 5 % is noise on a shared machine

T = TypeVar("T")


class SetupError(Exception):
    """The versions cannot be prepared (the scripts exit 2)."""


@dataclass(frozen=True)
class Code:
    label: str  # "base" or "head", as the tables name it
    describe: str  # the revision or folder, for people
    src: Path  # the folder on PYTHONPATH

    def env(self, scratch: Path) -> dict[str, str]:
        """This environment with pinned git config and this version's code; compiled
        files go under `scratch`, never into a checkout."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PYTHONPATH"))}
        env.update(GIT_CONFIG)
        env["PYTHONPATH"] = str(self.src)
        env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache" / self.label)
        # The prefix replaces every __pycache__, the installed packages' too: with
        # bytecode writing off, each run would compile every module it imports again
        # (about 0.6 s a process here), a constant that hides the code's own time.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        return env

    def nap(self, *args: str) -> list[str]:
        return [sys.executable, "-c", CLI, *args]

    def mkdocs(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "mkdocs", *args]


def git(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> str:
    """Run git; its standard output, or SetupError with its message."""
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SetupError(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout


def work_tree(label: str = "head") -> Code:
    return Code(label, f"work tree {ROOT}", (ROOT / "src").resolve())


def add_worktree(rev: str, dest: Path, label: str) -> Code:
    """A detached worktree of `rev` at `dest`."""
    try:
        commit = git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").strip()
    except SetupError:
        commit = ""  # --quiet: git says nothing, so say it here
    if not commit:
        raise SetupError(f"{rev}: no such revision in {ROOT}")
    git("worktree", "add", "--detach", "--quiet", str(dest), commit)
    return Code(label, f"{rev} ({commit[:10]})", (dest / "src").resolve())


def remove_worktrees(paths: Sequence[Path]) -> None:
    """Remove the worktrees made (reported, not raised: this runs on the way out)."""
    for path in paths:
        done = subprocess.run(
            ["git", "worktree", "remove", "--force", str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0 and path.exists():
            print(f"could not remove worktree {path}: {done.stderr.strip()}", file=sys.stderr)
    subprocess.run(["git", "worktree", "prune"], cwd=ROOT, check=False)


def check(code: Code, scratch: Path) -> str:
    """Where napkit and its MkDocs plugin come from with this PYTHONPATH (both must be
    inside code.src)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=scratch,
        env=code.env(scratch),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SetupError(f"{code.label}: cannot import napkit: {done.stderr.strip()}")
    files = [Path(line).resolve() for line in done.stdout.splitlines()]
    for file in files:
        if not file.is_relative_to(code.src):
            raise SetupError(f"{code.label}: {file} is not from {code.src}")
    return f"napkit from {files[0]}, MkDocs plugin from {files[1]}"


@contextmanager
def versions(base: str | None, scratch: Path) -> Iterator[list[Code]]:
    """[head] alone, or [base, head] with the base checked out under `scratch` (removed
    on the way out). Each version is checked before it is handed over."""
    made: list[Path] = []
    try:
        codes = [work_tree()]
        if base is not None:
            made.append(scratch / "base-checkout")
            codes.insert(0, add_worktree(base, made[-1], "base"))
        for code in codes:
            print(f"  {code.label}: {code.describe}: {check(code, scratch)}", flush=True)
        yield codes
    finally:
        remove_worktrees(made)


def add_base_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--base",
        metavar="REV",
        help="also time the napkit of revision REV, interleaved with the work tree's, "
        "and compare the medians (slower or faster by more than 5 %%, else the same)",
    )


def interleaved(
    codes: Sequence[Code], runs: int, measure: Callable[[Code], T]
) -> dict[str, list[T]]:
    """`runs` measurements of each version, in turns that alternate which goes first."""
    results: dict[str, list[T]] = {code.label: [] for code in codes}
    for i in range(runs):
        for code in codes if i % 2 == 0 else list(reversed(codes)):
            results[code.label].append(measure(code))
    return results


def compare(what: str, base: Sequence[Run], head: Sequence[Run]) -> str:
    """One line: the work tree against the base in wall time and in CPU time."""
    wall = verdict([r.seconds for r in base], [r.seconds for r in head])
    cpu = verdict([r.cpu for r in base], [r.cpu for r in head])
    return (
        f"work tree / base, {what}: {wall[0]:.2f}x: {wall[1]}; "
        f"in CPU seconds {cpu[0]:.2f}x: {cpu[1]} ({len(head)} run(s) each)"
    )


def verdict(base: Sequence[float], head: Sequence[float]) -> tuple[float, str]:
    """The ratio of the medians head / base, and what it says against the 5 % band."""
    ratio = statistics.median(head) / statistics.median(base)
    if ratio > 1 + BAND:
        return ratio, f"SLOWER by {(ratio - 1) * 100:.0f} %"
    if ratio < 1 - BAND:
        return ratio, f"faster ({(1 - ratio) * 100:.0f} %)"
    return ratio, "same (within 5 %)"
