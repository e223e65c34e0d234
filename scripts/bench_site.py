"""Benchmark the site build: `mkdocs build --strict` of a plan repository with the
napkit plugin against a plain mkdocs-material site of the same pages.

    .venv/bin/python scripts/bench_site.py [--plans 1000] [--activities 20] [--runs 1]
        [--bodies N --years Y] [--seed 0] [--out DIR] [--profile {never,miss,always}]
        [--uncommitted] [--base REV] [--sample]
    .venv/bin/python scripts/bench_site.py --weight [--plans 1000] [--activities 20]
        [--years Y] [--seed 0] [--out DIR] [--uncommitted] [--base REV]

In a temporary folder (or --out DIR: a new or empty folder, kept afterwards) it

1. writes a plan repository with scripts/synth.py under DIR/ours (`--sample`: copies
   this repository's plans/ there instead): --plans plans
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
4. times `nap build` there too, in turns with step 2: the site in every language of
   nap.yaml (the first at site/, the others at site/<code>/), and reports it as a
   ratio to the one-language build of step 2, on the same data in the same run,
   against the goal (at most 3.2x for three languages: linear in the languages);
5. prints a table: site, HTML pages, total MB of HTML, seconds (median of --runs),
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

--weight measures what a reader downloads instead of timing: this repository's plans/
(the sample) and synthetic repositories of a quarter, half and all of --plans plans
(250, 500 and 1,000 by default) are each built (`nap build`, every language; mkdocs.yml
given a site_url if it has none), served from 127.0.0.1 and the home page opened in
Chromium (scripts/pageweight.py). Every file the first view asks for (HTML, CSS,
JavaScript, images, the search index when MkDocs-Material fetches it at load) is
weighed gzip-compressed at level 6, as a static host sends it, and summed; so is what
opening the search adds, and search/search_index.json raw and gzip. It prints a
table, the sample's files largest first, the growth in bytes per plan between the
synthetic sizes (linear when the two slopes agree within 10 %), and the verdict
against the goal: the sample's first view at most 300 KB (1 KB = 1,000 bytes). With
--base REV each site is also built with the napkit of REV and each figure compared
byte for byte. Each site is built with `nap build`, so every language's home page
(site/<code>/index.html) is weighed too and compared with the English (first
language's) one: the goal is at most 1.1x. Exit 2 when Chromium or Playwright is
missing.
"""

from __future__ import annotations

import argparse
import io
import itertools
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
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
from pageweight import SEARCH_INDEX, View, Weight, WeightError, chromium, weigh
from synth import generate

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

GOAL = 1.2  # ours / baseline
# Every language's site / the first language's alone: 3.2x for three languages.
LANGUAGES_GOAL_PER_LANGUAGE = 3.2 / 3
LANGUAGE_WEIGHT_GOAL = 1.1  # a language's home page, first view / the first language's

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
    site_repository(root, commit)
    return len(plans)


def site_repository(root: Path, commit: bool = True, config: str | None = None) -> None:
    """Beside root/plans: this repository's docs/ and mkdocs.yml (or `config`), then
    `git init` and, with `commit`, one commit of everything with a pinned author."""
    shutil.copytree(REPO / "docs", root / "docs", dirs_exist_ok=True)
    if config is None:
        shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    else:
        (root / "mkdocs.yml").write_text(config, "utf-8")
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


_NAPKIT_ENTRY = re.compile(r"^([ \t]*)-[ \t]*napkit[ \t]*:?[ \t]*(#.*)?$")


def baseline_config(ours: str) -> str:
    """Our mkdocs.yml without the napkit plugin: its `- napkit` list item and the
    settings indented under it."""
    lines = ours.splitlines(keepends=True)
    kept: list[str] = []
    found, inside = 0, None
    for line in lines:
        entry = _NAPKIT_ENTRY.match(line.rstrip("\n"))
        if entry:
            found, inside = found + 1, len(entry[1])
            continue
        indent = len(line) - len(line.lstrip(" \t"))
        if inside is not None and line.strip() and indent > inside:
            continue  # a setting of the napkit entry
        inside = None if line.strip() else inside
        kept.append(line)
    if found != 1:
        raise ValueError("mkdocs.yml: expected one `- napkit` entry under plugins")
    return "".join(kept)


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


def language_sites(site: Path) -> dict[str, Path]:
    """The site of each language `nap build` made: "" (the first, at the root) and each
    folder holding a site of its own (its home page and search index)."""
    found = {"": site} if (site / "index.html").is_file() else {}
    for folder in sorted(site.iterdir()) if site.is_dir() else []:
        if (folder / "index.html").is_file() and (folder / SEARCH_INDEX).is_file():
            found[folder.name] = folder
    return found


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
            if path.relative_to(site).parts[0] == "admin":
                continue  # the form editor's page: no page of the plans, not in the baseline
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
    languages: int = 1  # the languages' sites it made

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


# --- page weight (--weight) -------------------------------------------------------

WEIGHT_GOAL = 300_000  # bytes: the home page's first view on the sample, gzip
# Publishing needs site_url (the feed's and the sitemap's addresses); a build without it
# may warn, which --strict turns into a failure. Its value changes no page's weight.
SITE_URL = "site_url: https://example.org/nap/\n"
LINEAR = 0.10  # two slopes within 10 % of each other: linear growth
FLAT = 100  # bytes per plan: below this a figure does not grow with the plans


@dataclass(frozen=True)
class Weighed:
    site: str  # "sample" or "synthetic"
    plans: int
    version: str  # "head" or "base"
    weight: Weight  # of the first language's home page
    # The first view of each other language's home page (site/<code>/index.html), gzip.
    languages: dict[str, int] = field(default_factory=dict)


def published_config() -> str:
    """This repository's mkdocs.yml, with a site_url if it has none."""
    text = (REPO / "mkdocs.yml").read_text("utf-8")
    return text if re.search(r"^site_url:", text, re.MULTILINE) else SITE_URL + text


def make_sample(root: Path) -> int:
    """This repository's plans/ (the sample) as a site repository; its plan count."""
    shutil.copytree(REPO / "plans", root / "plans")
    site_repository(root, config=published_config())
    return len(list((root / "plans").glob("[0-9]*/*.yaml")))


def weight_sizes(plans: int) -> list[int]:
    """The synthetic sizes weighed: a quarter, half and all of --plans, so that the
    growth between the first two and the last two can be compared."""
    return sorted({max(1, plans // 4), max(1, plans // 2), plans})


def weight_repositories(args: argparse.Namespace, top: Path) -> Iterator[tuple[str, Path, int]]:
    """(site, folder, plans): the sample, then each synthetic size, made when needed."""
    root = top / "weight-sample"
    yield "sample", root, make_sample(root)
    for size in weight_sizes(args.plans):
        bodies, years = _shape(size, None, args.years)
        root = top / f"weight-{size}"
        plans = make_ours(root, bodies, years, args.activities, args.seed, not args.uncommitted)
        (root / "mkdocs.yml").write_text(published_config(), "utf-8")
        print(f"\ngenerated {plans} plans ({bodies} bodies x {years} years)", flush=True)
        yield "synthetic", root, plans


def weigh_all(args: argparse.Namespace, top: Path, scratch: Path) -> list[Weighed]:
    """Build each repository with each version of napkit and weigh its home page."""
    done: list[Weighed] = []
    with versions(args.base, scratch) as codes, chromium() as browser:
        for site, root, plans in weight_repositories(args, top):
            print(f"{site}, {plans} plans: nap build (every language)", flush=True)
            for code in codes:
                timed_build(code, root, scratch, every_language=True)
                weight = weigh(browser, root / "site")
                print(f"  {code.label}: first view {_kb(weight.first_view.gzip)} gzip", flush=True)
                others = {}
                for folder in language_sites(root / "site"):
                    if folder:
                        home = weigh(browser, root / "site", f"{folder}/index.html")
                        others[folder] = home.first_view.gzip
                        print(f"    {folder}/index.html: {_kb(others[folder])} gzip", flush=True)
                done.append(Weighed(site, plans, code.label, weight, others))
    return done


def language_weights(weighed: Sequence[Weighed]) -> tuple[str, bool]:
    """Each language's home page against the first language's (first view, gzip): a
    table, and whether every one is within LANGUAGE_WEIGHT_GOAL."""
    rows = [("site", "plans", "napkit", "language", "first view, gzip", "/ first language")]
    ok = True
    for w in weighed:
        first = w.weight.first_view.gzip
        rows.append((w.site, str(w.plans), w.version, "(first, /)", _kb(first), "1.000x"))
        for code, gzip in w.languages.items():
            ratio = gzip / first if first else float("inf")
            ok = ok and (ratio <= LANGUAGE_WEIGHT_GOAL or w.version != "head")
            rows.append((w.site, str(w.plans), w.version, code, _kb(gzip), f"{ratio:.3f}x"))
    return markdown_table(rows), ok


def _kb(n: int) -> str:
    return f"{n / 1000:,.1f} KB"


def weight_table(weighed: Sequence[Weighed]) -> str:
    head = (
        "site",
        "plans",
        "napkit",
        "first view, gzip",
        "files",
        "search index in it",
        "first view without the index",
        "opening the search adds",
        "search index, raw",
        "search index, gzip",
        "home page HTML, gzip",
    )
    rows = [head]
    for w in weighed:
        first, index = w.weight.first_view, w.weight.index
        home = next((r for r in first.resources if r.path == "index.html"), None)
        rows.append(
            (
                w.site,
                str(w.plans),
                w.version,
                _kb(first.gzip),
                str(len(first.resources)),
                "yes" if first.has(SEARCH_INDEX) else "no",
                _kb(first.without(SEARCH_INDEX)),
                _kb(w.weight.on_search.gzip),
                _kb(index.raw) if index else "-",
                _kb(index.gzip) if index else "-",
                _kb(home.gzip) if home else "-",
            )
        )
    return markdown_table(rows)


MEASURES: dict[str, Callable[[Weight], int]] = {
    "first view, gzip": lambda w: w.first_view.gzip,
    "first view without the search index, gzip": lambda w: w.first_view.without(SEARCH_INDEX),
    "search index, raw": lambda w: w.index.raw if w.index else 0,
    "search index, gzip": lambda w: w.index.gzip if w.index else 0,
}


def growth(weighed: Sequence[Weighed]) -> list[str]:
    """Bytes per plan between successive synthetic sizes (the work tree's), and whether
    the slopes agree."""
    points = [w for w in weighed if w.site == "synthetic" and w.version == "head"]
    if len(points) < 2:
        return ["(one synthetic size: no growth per plan; --plans 4 or more gives three)"]
    lines = []
    for name, measure in MEASURES.items():
        slopes = [
            (measure(b.weight) - measure(a.weight)) / (b.plans - a.plans)
            for a, b in itertools.pairwise(points)
        ]
        steps = ", ".join(
            f"{s:+,.0f} B/plan ({a.plans}->{b.plans})"
            for s, (a, b) in zip(slopes, itertools.pairwise(points), strict=True)
        )
        lines.append(f"{name}: {steps}{linearity(slopes)}")
    return lines


def linearity(slopes: Sequence[float]) -> str:
    if len(slopes) < 2:
        return ""
    first, last = slopes[0], slopes[-1]
    if max(abs(first), abs(last)) < FLAT:
        return f": flat (under {FLAT} B/plan)"
    if abs(last - first) <= LINEAR * max(abs(first), abs(last), 1.0):
        return f": linear (slopes within {LINEAR:.0%})"
    return (
        f": NOT linear (the last slope is {last / first if first else float('inf'):.2f}x the first)"
    )


def print_weights(weighed: Sequence[Weighed]) -> str:
    """The table, the sample's files, the growth per plan and the verdict."""
    print("\npage weight of the home page (index.html), KB = 1,000 bytes:\n")
    print(weight_table(weighed))
    sample = next(w for w in weighed if w.site == "sample" and w.version == "head")
    print("\nthe sample's first view, file by file (largest first):\n")
    print(files_table(sample.weight.first_view))
    print("\ngrowth per plan (synthetic repositories, the work tree's napkit):")
    for line in growth(weighed):
        print(f"  {line}")
    for w in weighed:
        for url in w.weight.first_view.foreign + w.weight.on_search.foreign:
            print(f"NOTE: {w.site} ({w.plans} plans, {w.version}) asked another host: {url}")
        for path in w.weight.first_view.missing + w.weight.on_search.missing:
            print(f"NOTE: {w.site} ({w.plans} plans, {w.version}) asked for a missing {path}")
    languages, languages_ok = language_weights(weighed)
    print("\neach language's home page (site/<code>/index.html), first view:\n")
    print(languages)
    print(
        f"\nevery language's home page within {LANGUAGE_WEIGHT_GOAL}x of the first "
        f"language's (the work tree's): {'PASS' if languages_ok else 'MISS'}"
    )
    total = sample.weight.first_view.gzip
    verdict_text = "PASS" if total <= WEIGHT_GOAL else "MISS"
    where = "fetched at load" if sample.weight.first_view.has(SEARCH_INDEX) else "not loaded"
    print(
        f"\nhome page first view on the sample, gzip: {_kb(total)} "
        f"(goal <= {_kb(WEIGHT_GOAL)}): {verdict_text}"
        f"\n  search index {where} in the first view; opening the search adds "
        f"{_kb(sample.weight.on_search.gzip)}"
    )
    return verdict_text


def files_table(view: View) -> str:
    rows = [("file", "raw", "gzip", "share")]
    for r in sorted(view.resources, key=lambda r: -r.gzip):
        share = f"{r.gzip / view.gzip:.0%}" if view.gzip else "-"
        rows.append((r.path, _kb(r.raw), _kb(r.gzip), share))
    return markdown_table(rows)


def compare_weights(weighed: Sequence[Weighed]) -> list[str]:
    """For each site, the work tree's figures against the base's (bytes do not vary
    between builds of the same code, so any difference is the code's)."""
    lines = []
    base = {(w.site, w.plans): w for w in weighed if w.version == "base"}
    for w in weighed:
        b = base.get((w.site, w.plans))
        if w.version != "head" or b is None:
            continue
        parts = []
        for name, measure in MEASURES.items():
            new, old = measure(w.weight), measure(b.weight)
            word = "same" if new == old else ("HEAVIER" if new > old else "lighter")
            parts.append(f"{name} {new / old if old else 1.0:.3f}x: {word} ({new - old:+,} B)")
        lines.append(f"work tree / base, {w.site} ({w.plans} plans): " + "; ".join(parts))
    return lines


def run_weight(args: argparse.Namespace, top: Path, scratch: Path) -> int:
    weighed = weigh_all(args, top, scratch)
    print_weights(weighed)
    for line in compare_weights(weighed):
        print(line)
    return 0


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
    parser.add_argument(
        "--weight",
        action="store_true",
        help="weigh the home page's first view (gzip) and the search index, for the "
        "sample and for --plans/4, --plans/2 and --plans synthetic plans, instead of "
        "timing builds",
    )
    parser.add_argument(
        "--sample",
        action="store_true",
        help="time this repository's plans/ (the sample) instead of synthetic plans",
    )
    add_base_option(parser)
    args = parser.parse_args(argv)
    if args.weight and args.bodies:
        parser.error("--weight sets the bodies from each size: give --years, not --bodies")
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
    """`mkdocs build --strict` with the napkit plugin of each version (the first
    language alone), and `nap build` (every language), in turns."""
    builds = {
        c.label: Build(f"ours (napkit plugin{'' if c.label == 'head' else ', base'})", [])
        for c in codes
    }
    for c in codes:
        name = f"ours, every language (nap build{'' if c.label == 'head' else ', base'})"
        builds[f"{c.label}-languages"] = Build(name, [])
    print("ours: mkdocs build --strict (napkit plugin), then nap build (every language):")

    def both(code: Code) -> tuple[Run, Pages, Run, Pages, int]:
        one = timed_build(code, root, scratch)
        one_pages = Pages.scan(root / "site")
        every = timed_build(code, root, scratch, every_language=True)
        made = len(language_sites(root / "site"))
        return one, one_pages, every, Pages.scan(root / "site"), made

    for label, done in interleaved(codes, runs, both).items():
        builds[label].runs = [d[0] for d in done]
        builds[label].pages = done[-1][1]
        every = builds[f"{label}-languages"]
        every.runs = [d[2] for d in done]
        every.pages, every.languages = done[-1][3], done[-1][4]
        every.note = f"{every.languages} language(s)"
    return builds


def timed_build(code: Code, root: Path, scratch: Path, *, every_language: bool = False) -> Run:
    """`mkdocs build --strict` (the first language), or `nap build` (every language)."""
    _clean(root)
    command = code.nap("build") if every_language else code.mkdocs("build", "--strict")
    run = run_once(command, root, code.env(scratch))
    what = "nap build" if every_language else "mkdocs build"
    print(
        f"  {code.label}, {what}: {run.seconds:.2f} s ({run.cpu:.2f} s CPU), exit "
        f"{run.status}, peak {mib(run.max_rss)} (tree {mib(run.tree_rss)})",
        flush=True,
    )
    if run.status != 0:
        raise BuildFailed(f"our build ({code.label}, {what}) failed:\n  {_tail(run, 40)}")
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
    every = ours["head-languages"]
    languages = every.languages
    goal = LANGUAGES_GOAL_PER_LANGUAGE * languages
    ratio_languages = every.seconds / head.seconds
    print(
        f"\nevery language ({languages}, nap build) / one language (mkdocs build --strict): "
        f"{ratio_languages:.2f}x (goal <= {goal:.1f}x): "
        f"{'PASS' if ratio_languages <= goal else 'MISS'}; in CPU seconds "
        f"{every.cpu_seconds / head.cpu_seconds:.2f}x"
    )
    if "base" in ours:
        print(compare("mkdocs build --strict", ours["base"].runs, head.runs))
        print(compare("nap build", ours["base-languages"].runs, every.runs))
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
    if args.sample:
        plans = make_sample(ours_dir)
        latest = max(int(p.name) for p in (ours_dir / "plans").glob("[0-9]*") if p.is_dir())
        print(f"\nthe sample: this repository's plans/ ({plans} plans), committed\n", flush=True)
    else:
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
            if args.weight:
                return run_weight(args, args.out or Path(tmp), Path(tmp))
            return run(args, nap, args.out or Path(tmp), Path(tmp))
        except BuildFailed as exc:
            print(f"\n{exc}", file=sys.stderr)
            return 1
        except (OSError, ValueError, SetupError, WeightError) as exc:
            print(f"bench_site.py: {exc}", file=sys.stderr)
            return 2


if __name__ == "__main__":
    sys.exit(main())
