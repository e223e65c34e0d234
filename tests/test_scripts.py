"""The benchmark scripts run: each at a tiny size, with `--base HEAD` so that the
side-by-side path (a worktree of another revision, interleaved timings, a verdict)
runs too, and leaves no worktree behind. Timings are not judged here: only that the
scripts work and say what they measured."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"

pytestmark = pytest.mark.slow

TINY = {
    "bench_validate.py": ["--bodies", "2", "--years", "1", "--activities", "3", "--runs", "1"],
    "bench_assemble.py": ["--plans", "2", "--activities", "3"],
    "bench_site.py": ["--plans", "2", "--activities", "2", "--profile", "never"],
    "bench_workbook.py": ["--activities", "3", "--runs", "1"],
    "bench_instructions.py": [*("--bodies", "2", "--years", "1", "--activities", "3")],
    "bench_history.py": [
        *("--commits", "300", "--bodies", "3", "--activities", "5", "--runs", "1"),
        *("--no-memory", "--per-file-limit", "2"),
    ],
}
VERDICT = r"work tree / base, [^\n]*: [0-9.]+x: (same|faster|SLOWER)"


def worktrees() -> str:
    done = subprocess.run(
        ["git", "worktree", "list", "--porcelain", "-z"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def script(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, str(SCRIPTS / name), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_every_benchmark_has_a_smoke_run() -> None:
    assert sorted(TINY) == sorted(p.name for p in SCRIPTS.glob("bench_*.py"))


@pytest.mark.parametrize("name", sorted(TINY))
def test_benchmark_runs_at_a_tiny_size_beside_head(name: str) -> None:
    before = worktrees()
    done = script(name, *TINY[name], "--base", "HEAD")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "NOTE:" not in done.stdout, done.stdout
    assert "|---" in done.stdout  # a results table
    assert re.search(VERDICT, done.stdout), done.stdout[-3000:]
    assert worktrees() == before


@pytest.mark.parametrize("name", [*sorted(TINY), "compare_outputs.py"])
def test_an_unknown_base_revision_is_a_message_not_a_traceback(name: str) -> None:
    args = [] if name == "compare_outputs.py" else TINY[name]
    done = script(name, *args, "--base", "no-such-revision")
    assert done.returncode == 2, done.stdout[-2000:] + done.stderr[-2000:]
    assert "no-such-revision: no such revision" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_site_benchmark_builds_a_repository_with_nothing_committed() -> None:
    done = script("bench_site.py", *TINY["bench_site.py"], "--uncommitted")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "not committed" in done.stdout and "|---" in done.stdout
    # every language of the synthetic nap.yaml against the first alone, in the same run
    assert re.search(
        r"every language \(3, nap build\) / one language \(mkdocs build --strict\): "
        r"[0-9.]+x \(goal <= 3\.2x\): (PASS|MISS)",
        done.stdout,
    ), done.stdout[-3000:]


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.mark.skipif(
    not Path(CHROMIUM).exists() and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (apt-get install chromium)",
)
def test_the_site_benchmark_weighs_the_home_page_beside_head() -> None:
    done = script(
        "bench_site.py", "--weight", *("--plans", "4", "--activities", "2", "--base", "HEAD")
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    out = done.stdout
    assert "NOTE:" not in out, out  # no other host asked, no file missing
    assert re.search(r"\n\| sample +\| \d+ +\| head +\| [0-9.,]+ KB", out), (
        out
    )  # the sample in the table
    for size in ("1", "2", "4"):
        assert re.search(rf"\n\| synthetic \| {size} +\| head ", out), out
    # the file list of the first view: the page itself, Material's bundle, the index
    for path in ("index.html", "assets/javascripts/bundle.", "search/search_index.json"):
        assert f"| {path}" in out, out
    assert re.search(
        r"first view, gzip: [+-][0-9,]+ B/plan \(1->2\), [+-][0-9,]+ B/plan \(2->4\)", out
    )
    assert re.search(r"search index, raw: \+[0-9,]+ B/plan \(1->2\)", out), out  # it grows
    assert re.search(
        r"home page first view on the sample, gzip: [0-9.,]+ KB \(goal <= 300\.0 KB\): (PASS|MISS)",
        out,
    ), out
    # each other language's home page against the first language's
    for code in ("ar", "ckb"):
        assert re.search(
            rf"\n\| sample +\| \d+ +\| head +\| {code} +\| [0-9.,]+ KB +\| [0-9.]+x", out
        )
    assert re.search(r"within 1\.1x of the first language's \(the work tree's\): (PASS|MISS)", out)
    # the same code on both sides weighs the same, to the byte
    assert re.search(r"work tree / base, sample \(\d+ plans\): first view, gzip 1\.000x: same", out)
    assert "HEAVIER" not in out and "lighter" not in out, out
