"""Real pre-commit against temporary plan repositories."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINI, PLAN, ROOT

BIN = Path(sys.executable).parent


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False)


def _plan_repo(tmp_path: Path, config: str) -> Path:
    repo = tmp_path / "plans-repo"
    shutil.copytree(MINI, repo)
    (repo / ".pre-commit-config.yaml").write_text(config, "utf-8")
    assert _git(repo, "init", "-q", "-b", "main").returncode == 0
    assert _git(repo, "add", "-A").returncode == 0
    return repo


def _local_config() -> str:
    """This repository's hooks, pointed at the napkit under test."""
    text = (ROOT / ".pre-commit-config.yaml").read_text("utf-8")
    return text.replace(".venv/bin/", f"{BIN}/")


@pytest.mark.slow
def test_commit_is_refused_until_the_plan_is_fixed(tmp_path: Path) -> None:
    repo = _plan_repo(tmp_path, _local_config())
    env_path = f"{BIN}:/usr/bin:/bin"
    run = {
        "cwd": repo,
        "capture_output": True,
        "text": True,
        "check": False,
        "env": {"PATH": env_path, "HOME": str(tmp_path / "home")},
    }
    assert subprocess.run([BIN / "pre-commit", "install"], **run).returncode == 0  # type: ignore[call-overload]
    plan = repo / PLAN
    plan.write_text(
        plan.read_text("utf-8").replace("pillar: protection", "pillar: protektion"), "utf-8"
    )
    _git(repo, "add", "-A")
    refused = _git(repo, "commit", "-qm", "broken plan")
    assert refused.returncode != 0
    output = refused.stdout + refused.stderr
    assert f"{PLAN}:10:13: error [pillar-unknown]" in output
    plan.write_text(
        plan.read_text("utf-8").replace("pillar: protektion", "pillar: protection"), "utf-8"
    )
    _git(repo, "add", "-A")
    accepted = _git(repo, "commit", "-qm", "fixed plan")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr


@pytest.mark.slow
def test_fmt_hook_reports_unformatted_plans(tmp_path: Path) -> None:
    repo = _plan_repo(tmp_path, _local_config())
    plan = repo / PLAN
    plan.write_text(
        plan.read_text("utf-8").replace(
            "      - {id: I1, title: {en: Units opened}", "    - {id: I1, title: {en: Units opened}"
        ),
        "utf-8",
    )
    _git(repo, "add", "-A")
    proc = subprocess.run(
        [BIN / "pre-commit", "run", "nap-fmt", "--all-files"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(tmp_path / "home")},
    )
    assert proc.returncode == 1
    assert f"{PLAN} is not in the canonical layout: run nap fmt {PLAN}" in proc.stdout


@pytest.mark.slow
def test_published_hooks_work_from_another_repository(tmp_path: Path) -> None:
    """`.pre-commit-hooks.yaml` as another plan repository uses it: pre-commit
    installs napkit from this repository into its own environment."""
    repo = _plan_repo(tmp_path, "repos: []\n")
    plan = repo / PLAN
    plan.write_text(plan.read_text("utf-8").replace("[XX-NO]", "[XX-NX]"), "utf-8")
    _git(repo, "add", "-A")
    proc = subprocess.run(
        [BIN / "pre-commit", "try-repo", str(ROOT), "nap-validate", "--all-files"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
        env={
            "PATH": f"{BIN}:/usr/bin:/bin",
            "HOME": str(tmp_path / "home"),
            "PRE_COMMIT_HOME": str(tmp_path / "pc"),
        },
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"{PLAN}:14:17: error [location-unknown]" in proc.stdout


@pytest.mark.slow
def test_the_hook_reports_the_files_being_committed_only(tmp_path: Path) -> None:
    """Another body's broken plan, not part of this commit, is not this editor's to fix."""
    repo = _plan_repo(tmp_path, _local_config())
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(tmp_path / "home")}
    run = {"cwd": repo, "capture_output": True, "text": True, "check": False, "env": env}
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "start")
    other = repo / "plans/2020/south-hc.yaml"
    other.write_text(
        (repo / PLAN).read_text("utf-8").replace("body: north-moi", "body: south-hc")
        .replace("pillar: protection", "pillar: protektion"),
        "utf-8",
    )  # fmt: skip
    plan = repo / PLAN
    plan.write_text(plan.read_text("utf-8").replace("[XX-NO]", "[XX-NX]"), "utf-8")
    _git(repo, "add", PLAN)  # only this body's plan is committed
    proc = subprocess.run([BIN / "pre-commit", "run", "nap-validate"], **run)  # type: ignore[call-overload]
    assert proc.returncode == 1
    assert f"{PLAN}:14:17: error [location-unknown]" in proc.stdout
    assert "south-hc.yaml" not in proc.stdout
