"""A fork with another country's plan passes the tool's tests: a copy of this
repository whose plans/ holds the made-up tests/data/other plan, with its own
CODEOWNERS and site name and without the sample checks (test_sample.py), as the
maintainers' guide says. The report, workflow and site tests then run in it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, commit_all, git

pytestmark = pytest.mark.slow

OTHER = ROOT / "tests/data/other/plans"
# The test files that asserted the Iraqi sample of plans/ before they had their own copy.
SUITES = ["tests/test_report.py", "tests/test_workflows.py", "tests/test_site.py"]
CACHES = shutil.ignore_patterns("__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache")
TOP_LEVEL_LEFT_BEHIND = {".git", ".venv", "site", ".cache"}  # built or installed, not the fork


def _left_behind(folder: str, names: list[str]) -> set[str]:
    top = {n for n in names if n in TOP_LEVEL_LEFT_BEHIND} if Path(folder) == ROOT else set()
    return top | CACHES(folder, names)


def _fork(dest: Path) -> Path:
    shutil.copytree(ROOT, dest, ignore=_left_behind)
    shutil.rmtree(dest / "plans")
    shutil.copytree(OTHER, dest / "plans")
    (dest / "tests/test_sample.py").unlink()  # the fork writes checks of its own plan
    config = (dest / "mkdocs.yml").read_text("utf-8")
    config = re.sub(r"^site_name:.*$", "site_name: Northland NAP", config, flags=re.M)
    config = re.sub(
        r"^repo_url:.*$", "repo_url: https://github.com/northland/nap", config, flags=re.M
    )
    (dest / "mkdocs.yml").write_text(config, "utf-8")
    nap = Path(sys.executable).with_name("nap")
    env = {**os.environ, "PYTHONPATH": str(dest / "src")}
    done = subprocess.run([nap, "codeowners"], cwd=dest, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    git(dest, "init", "-q", "-b", "main")
    commit_all(dest, "Northland's plan", "2022-05-01T10:00:00+00:00")
    return dest


def test_the_tools_tests_pass_on_a_fork_with_another_countrys_plan(tmp_path: Path) -> None:
    fork = _fork(tmp_path / "fork")
    env = {
        **os.environ,
        "PYTHONPATH": str(fork / "src"),
        "NO_MKDOCS_2_WARNING": "1",
        "HOME": str(tmp_path / "home"),
    }
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SUITES],
        cwd=fork,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    passed = re.search(r"\b(\d+) passed\b", run.stdout)
    assert passed and int(passed.group(1)) >= 20, run.stdout[-2000:]  # they ran, all of them
