"""Benchmark the site build: `mkdocs build --strict` of a plan repository with the
napkit plugin against a plain mkdocs-material site of the same pages.

    .venv/bin/python scripts/bench_site.py [--plans 1000] [--activities 20] [--runs 1]
        [--bodies N --years Y] [--seed 0] [--out DIR] [--profile {never,miss,always}]
        [--uncommitted] [--base REV]

In a temporary folder (or --out DIR: a new or empty folder, kept afterwards) it

1. writes a plan repository with scripts/synth.py under DIR/ours: --plans plans
   (bodies x years: 10 years and plans/10 bodies when 10 divides --plans, else the
   largest number of years up to 10 that divides it; --bodies and --years choose
   both) of --activities activities each, copies this repository's docs/ and
   mkdocs.yml beside the plans, unchanged, and commits everything once with
   `git init` and a pinned author, committer and date, so the history pages exist
   (`--uncommitted`: nothing committed, every plan new, as before a first commit);
2. times `python -m mkdocs build --strict` there (the napkit plugin generates every
   page: master plans, plans, bodies, pillars, reports, history...), with
   NO_MKDOCS_2_WARNING=1 and napkit's history cache (.cache/) deleted before every
   run, so each run is a cold build as on a fresh clone;
3. builds the baseline under DIR/baseline: a plain mkdocs-material site whose docs/
   holds this repository's docs/ and, as ordinary Markdown files, exactly the pages
   napkit generates (`nap render --out DIR/baseline/docs`, history included, run in
   DIR/ours; the downloads it writes are copied as static files, as in our build).
   Its mkdocs.yml is ours without the `napkit` plugin entry: same theme settings,
   the search and offline plugins, the same Markdown extensions and the same nav
   (the ~13 index pages; every other page is reachable through links only, as in
   our site). It is timed with `mkdocs build --strict` too; should strict mode fail
   it is timed again without --strict and the table says so;
4. prints a table: site, HTML pages, total MB of HTML, seconds (median of --runs),
   peak RSS of the largest process and of the whole process tree, the ratio
   ours / baseline against the goal (<= 1.2x) with PASS or MISS, and the sizes of
   our master plan page (plan/<latest year>.html) and of our biggest page.
   `nap render` (napkit's page generation alone, no MkDocs) is shown for information.

With --profile miss (the default) a MISS adds one more build of ours under
`python -m cProfile` and prints its top 25 functions by cumulative and by own time;
--profile always does so every time, --profile never not at all. With --base REV
our site is also built with the napkit of revision REV, in turns with the work tree's,
and the medians of the two get a verdict (slower or faster by more than 5 %, else
the same). The script exits 0
unless a build fails.
"""

from __future__ import annotations

import argparse
import io
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit import Run, dist_version, markdown_table, mib, platform_rows, run_once, tool
from codeversions import (
    Code,
    SetupError,
    add_base_option,
    compare,
    interleaved,
    versions,
    work_tree,
)
from synth import generate

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

GOAL = 1.2  # ours / baseline

NAME, EMAIL = "NAP Bench", "bench@napkit.invalid"
PINNED_ENV = {
    "GIT_AUTHOR_NAME": NAME,
    "GIT_AUTHOR_EMAIL": EMAIL,
    "GIT_COMMITTER_NAME": NAME,
    "GIT_COMMITTER_EMAIL": EMAIL,
    "GIT_AUTHOR_DATE": "1641200400 +0300",  # 2022-01-03 09:00 UTC
    "GIT_COMMITTER_DATE": "1641200400 +0300",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_TERMINAL_PROMPT": "0",
}


def _shape(plans: int, bodies: int | None, years: int | None) -> tuple[int, int]:
    """(bodies, years) for `plans` plans."""
    if bodies and years:
        return bodies, years
    if years:
        return max(1, plans // years), years
    if bodies:
        return bodies, max(1, plans // bodies)
    y = max(d for d in range(1, min(10, plans) + 1) if plans % d == 0)
    return plans // y, y


class BuildFailed(Exception):
    """A build the benchmark times failed (the script exits 1)."""


# --- the two sites -------------------------------------------------------------


def make_ours(
    root: Path, bodies: int, years: int, activities: int, seed: int, commit: bool = True
) -> int:
    """The plan repository with docs/ and mkdocs.yml, committed once (or, with
    `commit=False`, a git repository with nothing committed); its plan count."""
    root.mkdir(parents=True, exist_ok=True)
    plans = generate(root, bodies, years, activities, seed)
    shutil.copytree(REPO / "docs", root / "docs", dirs_exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / ".gitignore").write_text("/site/\n/.cache/\n", "utf-8")
    env = {**os.environ, **PINNED_ENV}
    steps = [["init", "-q", "-b", "main"]]
    if commit:
        steps += [
            ["add", "-A"],
            ["-c", "commit.gpgsign=false", "commit", "-q", "-m", "Synthetic plans"],
        ]
    for args in steps:
        proc = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            raise BuildFailed(f"git {' '.join(args)} failed: {proc.stderr.strip()}")
    return len(plans)


_NAPKIT_ENTRY = re.compile(r"^[ \t]*-[ \t]*napkit[ \t]*(#.*)?\n", re.MULTILINE)


def baseline_config(ours: str) -> str:
    """Our mkdocs.yml without the napkit plugin (a bare `- napkit` list item)."""
    text, count = _NAPKIT_ENTRY.subn("", ours)
    if count != 1:
        raise ValueError("mkdocs.yml: expected one `- napkit` entry under plugins")
    return text


def make_baseline(ours: Path, base: Path, nap: str) -> Run:
    """The plain site: docs/ plus napkit's pages as Markdown files; the `nap render`
    run that wrote them."""
    docs = base / "docs"
    if base.exists():
        shutil.rmtree(base)
    shutil.copytree(REPO / "docs", docs)
    shutil.rmtree(ours / ".cache", ignore_errors=True)  # a cold history, as in our builds
    run = run_once([nap, "render", "--out", str(docs)], ours)
    shutil.rmtree(ours / ".cache", ignore_errors=True)
    if run.status != 0:
        raise BuildFailed(f"nap render failed:\n{run.output}")
    config = baseline_config((ours / "mkdocs.yml").read_text("utf-8"))
    (base / "mkdocs.yml").write_text(config, "utf-8")
    return run


# --- measuring -------------------------------------------------------------------


@dataclass
class Pages:
    count: int = 0
    total: int = 0  # bytes of HTML
    biggest: tuple[str, int] = ("-", 0)

    @classmethod
    def scan(cls, site: Path) -> Pages:
        pages = cls()
        for path in site.rglob("*.html"):
            size = path.stat().st_size
            pages.count += 1
            pages.total += size
            if size > pages.biggest[1]:
                pages.biggest = (path.relative_to(site).as_posix(), size)
        return pages


@dataclass
class Build:
    name: str
    command: list[str]
    runs: list[Run] = field(default_factory=list)
    pages: Pages = field(default_factory=Pages)
    note: str = ""

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def cpu_seconds(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def max_rss(self) -> int:
        return max(r.max_rss for r in self.runs)

    @property
    def tree_rss(self) -> int:
        return max(r.tree_rss for r in self.runs)


def _clean(root: Path) -> None:
    for folder in ("site", ".cache"):
        shutil.rmtree(root / folder, ignore_errors=True)


def build(name: str, command: list[str], root: Path, runs: int) -> Build:
    """Time `command` in `root` `runs` times, from a clean site/ and cache each time."""
    b = Build(name, command)
    for i in range(runs):
        _clean(root)
        run = run_once(command, root)
        b.runs.append(run)
        print(
            f"  {name} run {i + 1}/{runs}: {run.seconds:.2f} s ({run.cpu:.2f} s CPU), "
            f"exit {run.status}, "
            f"peak {mib(run.max_rss)} (tree {mib(run.tree_rss)})",
            flush=True,
        )
        if run.status != 0:
            break
    b.pages = Pages.scan(root / "site")
    return b


def profile(root: Path, command: list[str], top: int = 25) -> str:
    """One more build of `command` (python -m mkdocs ...) under cProfile: the top
    functions by cumulative and by own time."""
    _clean(root)
    out = root.parent / "site.prof"
    proc = subprocess.run(
        [command[0], "-m", "cProfile", "-o", str(out), *command[1:]],
        cwd=root,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        return f"(the profiled build failed: {proc.stdout[-2000:]}{proc.stderr[-2000:]})"
    text = io.StringIO()
    stats = pstats.Stats(str(out), stream=text)
    for key in ("cumulative", "tottime"):
        text.write(f"\n--- top {top} by {key} ---\n")
        stats.sort_stats(key).print_stats(top)
    return _short_paths(text.getvalue())


def _short_paths(text: str) -> str:
    prefixes = sorted(
        {p for p in sys.path if p.endswith(("site-packages", "dist-packages"))}
        | {str(REPO / "src"), str(Path(os.__file__).parent)},
        key=len,
        reverse=True,
    )
    for prefix in prefixes:
        text = text.replace(prefix + os.sep, "")
    return text


# --- reporting -------------------------------------------------------------------


def _size(n: int) -> str:
    return f"{n / 2**20:.2f} MiB" if n >= 2**20 else f"{n / 2**10:.0f} KiB"


def tool_versions() -> list[tuple[str, str]]:
    dists = ("napkit", "mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions")
    return [(dist, dist_version(dist)) for dist in dists] + platform_rows()


def table(builds: list[Build]) -> str:
    head = (
        "site",
        "pages",
        "HTML MB",
        "seconds",
        "CPU seconds",
        "peak RSS",
        "peak RSS, all procs",
        "note",
    )
    rows = [head]
    for b in builds:
        rows.append(
            (
                b.name,
                str(b.pages.count) if b.pages.count else "-",
                f"{b.pages.total / 1e6:.1f}" if b.pages.count else "-",
                f"{b.seconds:.2f}",
                f"{b.cpu_seconds:.2f}",
                mib(b.max_rss),
                mib(b.tree_rss),
                b.note,
            )
        )
    return markdown_table(rows)


def _tail(run: Run, lines: int = 15) -> str:
    return "\n  ".join(run.output.rstrip().splitlines()[-lines:])


# --- main ------------------------------------------------------------------------


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--plans", type=int, default=1000, help="plans (default 1000)")
    parser.add_argument("--bodies", type=int, help="bodies (default: plans / years)")
    parser.add_argument("--years", type=int, help="years (default: 10 when it divides --plans)")
    parser.add_argument(
        "--activities", type=int, default=20, help="activities per plan (default 20)"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--runs", type=int, default=1, help="runs of each build (default 1)")
    parser.add_argument(
        "--profile",
        choices=("never", "miss", "always"),
        default="miss",
        help="cProfile one more build of ours: never, on a MISS (default) or always",
    )
    parser.add_argument("--out", type=Path, help="build here (a new or empty folder) and keep it")
    parser.add_argument(
        "--uncommitted",
        action="store_true",
        help="commit nothing: every plan is new (a new repository's first build)",
    )
    add_base_option(parser)
    args = parser.parse_args(argv)
    if args.runs < 1 or args.plans < 1 or args.activities < 1:
        parser.error("--plans, --activities and --runs must be at least 1")
    if args.out is not None and args.out.exists() and any(args.out.iterdir()):
        parser.error(f"--out {args.out}: not empty")
    return args


def generate_ours(args: argparse.Namespace, ours_dir: Path) -> int:
    """The synthetic plan repository; the latest year it has plans for."""
    bodies, years = _shape(args.plans, args.bodies, args.years)
    start = time.perf_counter()
    plans = make_ours(ours_dir, bodies, years, args.activities, args.seed, not args.uncommitted)
    latest = 2014 + years - 1  # synth's default start year
    print(
        f"\ngenerated {plans} plans ({bodies} bodies x {years} years, 2014-{latest}) x "
        f"{args.activities} activities, seed {args.seed}, "
        f"{'not committed' if args.uncommitted else 'committed'}, in "
        f"{time.perf_counter() - start:.1f} s under {ours_dir.parent}\n",
        flush=True,
    )
    return latest


def build_ours(codes: list[Code], root: Path, runs: int, scratch: Path) -> dict[str, Build]:
    """`mkdocs build --strict` with the napkit plugin of each version, in turns."""
    builds = {
        c.label: Build(f"ours (napkit plugin{'' if c.label == 'head' else ', base'})", [])
        for c in codes
    }
    print("ours: mkdocs build --strict (napkit plugin):")
    for label, done in interleaved(codes, runs, lambda c: timed_build(c, root, scratch)).items():
        builds[label].runs = done
        builds[label].pages = Pages.scan(root / "site")
    return builds


def timed_build(code: Code, root: Path, scratch: Path) -> Run:
    _clean(root)
    run = run_once(code.mkdocs("build", "--strict"), root, code.env(scratch))
    print(
        f"  {code.label}: {run.seconds:.2f} s ({run.cpu:.2f} s CPU), exit {run.status}, "
        f"peak {mib(run.max_rss)} (tree {mib(run.tree_rss)})",
        flush=True,
    )
    if run.status != 0:
        raise BuildFailed(f"our build ({code.label}) failed:\n  {_tail(run, 40)}")
    return run


def render_pages(ours_dir: Path, base_dir: Path, nap: str) -> Build:
    """The baseline's Markdown pages by `nap render`, timed for information."""
    print("\nbaseline pages: nap render --out baseline/docs (history included):", flush=True)
    run = make_baseline(ours_dir, base_dir, nap)
    render = Build("nap render (generation only)", [nap, "render"], [run])
    render.note = "information: napkit's pages, no MkDocs"
    markdown = list((base_dir / "docs").rglob("*.md"))
    md_bytes = sum(p.stat().st_size for p in markdown)
    print(
        f"  {run.seconds:.2f} s ({run.cpu:.2f} s CPU): {len(markdown)} Markdown pages, "
        f"{md_bytes / 1e6:.1f} MB of Markdown",
        flush=True,
    )
    return render


def build_baseline(base_dir: Path, runs: int) -> Build:
    """The plain mkdocs-material build, strict if it can be."""
    mkdocs = [sys.executable, "-m", "mkdocs", "build"]
    print("\nbaseline: mkdocs build --strict (plain mkdocs-material):")
    base = build("baseline (plain Material)", [*mkdocs, "--strict"], base_dir, runs)
    if base.runs[-1].status == 0:
        return base
    print(f"  strict build failed; its output:\n  {_tail(base.runs[-1])}")
    print("\nbaseline: mkdocs build (without --strict):")
    base = build("baseline (plain Material)", mkdocs, base_dir, runs)
    base.note = "WITHOUT --strict (strict failed)"
    if base.runs[-1].status != 0:
        raise BuildFailed(f"baseline build failed:\n  {_tail(base.runs[-1], 40)}")
    return base


def print_results(
    ours: dict[str, Build], base: Build, render: Build, ours_dir: Path, latest: int, runs: int
) -> str:
    """The table and the ratios; PASS or MISS against the goal."""
    head = ours["head"]
    ratio, cpu_ratio = head.seconds / base.seconds, head.cpu_seconds / base.cpu_seconds
    verdict_text = "PASS" if ratio <= GOAL else "MISS"
    master = ours_dir / "site" / "plan" / f"{latest}.html"
    print("\nresults:\n")
    print(table([*ours.values(), base, render]))
    print(
        f"\nours / baseline: {ratio:.2f}x (goal <= {GOAL}x): {verdict_text}"
        f"\nours / baseline in CPU seconds: {cpu_ratio:.2f}x "
        f"({'PASS' if cpu_ratio <= GOAL else 'MISS'}; wall time decides)"
        f"\nmaster plan page plan/{latest}.html: "
        f"{_size(master.stat().st_size) if master.is_file() else 'missing'}"
        f"\nbiggest page: {head.pages.biggest[0]}, {_size(head.pages.biggest[1])}"
        f" (baseline's: {base.pages.biggest[0]}, {_size(base.pages.biggest[1])})"
    )
    if "base" in ours:
        print(compare("mkdocs build --strict", ours["base"].runs, head.runs))
    if head.pages.count != base.pages.count:
        print(f"\nNOTE: the sites differ in page count ({head.pages.count} vs {base.pages.count}).")
    print(
        "\npeak RSS: the largest single process (wait4); 'all procs': the sum over the "
        "process tree (git included), sampled every 50 ms from /proc. Seconds: median wall "
        f"time of {runs} run(s), each from a clean site/ and napkit cache; CPU "
        "seconds: user + system time of the process tree (wait4), less sensitive "
        "to other load on the machine."
    )
    return verdict_text


def run(args: argparse.Namespace, nap: str, top: Path, scratch: Path) -> int:
    ours_dir, base_dir = top / "ours", top / "baseline"
    latest = generate_ours(args, ours_dir)
    with versions(args.base, scratch) as codes:
        ours = build_ours(codes, ours_dir, args.runs, scratch)
    head = work_tree()
    render = render_pages(ours_dir, base_dir, nap)
    base = build_baseline(base_dir, args.runs)
    verdict_text = print_results(ours, base, render, ours_dir, latest, args.runs)
    if args.profile == "always" or (args.profile == "miss" and verdict_text == "MISS"):
        print("\ncProfile of one more build of ours (python -m cProfile -m mkdocs build):")
        print(profile(ours_dir, head.mkdocs("build", "--strict")), flush=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    nap = tool("nap")
    if nap is None:
        print("bench_site.py: no nap command: run with .venv/bin/python", file=sys.stderr)
        return 2
    os.environ["NO_MKDOCS_2_WARNING"] = "1"  # run_once passes our environment on
    print("versions:")
    for name, value in tool_versions():
        print(f"  {name:19} {value}")
    with tempfile.TemporaryDirectory(prefix="napsite-") as tmp:
        try:
            return run(args, nap, args.out or Path(tmp), Path(tmp))
        except BuildFailed as exc:
            print(f"\n{exc}", file=sys.stderr)
            return 1
        except (OSError, ValueError, SetupError) as exc:
            print(f"bench_site.py: {exc}", file=sys.stderr)
            return 2


if __name__ == "__main__":
    sys.exit(main())
