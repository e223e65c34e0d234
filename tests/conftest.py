"""Shared fixtures: real plan repositories in tmp_path, and the real `nap` command."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from napkit.cli import cli

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "data" / "mini"

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.invalid",
    "GIT_COMMITTER_NAME": "Test Committer",
    "GIT_COMMITTER_EMAIL": "committer@example.invalid",
    "GIT_AUTHOR_DATE": "2016-04-20T10:00:00+03:00",
    "GIT_COMMITTER_DATE": "2016-04-20T10:00:00+03:00",
    "GIT_CONFIG_NOSYSTEM": "1",
}


@pytest.fixture(autouse=True)
def _pinned_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir(exist_ok=True)


@dataclass
class Result:
    exit_code: int
    output: str
    stderr: str

    @property
    def findings(self) -> list[dict[str, Any]]:
        data: dict[str, Any] = json.loads(self.output)
        return list(data["findings"])

    def rules(self) -> set[tuple[str, int]]:
        return {(f["rule"], f["line"]) for f in self.findings}


@dataclass
class Repo:
    root: Path

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text("utf-8")

    def write(self, rel: str, text: str | bytes) -> Path:
        target = self.path(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, "utf-8")
        return target

    def edit(self, rel: str, *pairs: tuple[str, str]) -> None:
        text = self.read(rel)
        for old, new in pairs:
            assert old in text, f"{old!r} not in {rel}"
            text = text.replace(old, new, 1)
        self.write(rel, text)

    def nap(self, *args: str) -> Result:
        old = Path.cwd()
        os.chdir(self.root)
        try:
            result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
        finally:
            os.chdir(old)
        return Result(result.exit_code, result.stdout, result.stderr)

    def validate(self, *args: str) -> Result:
        return self.nap("validate", "--format", "json", *args)


PLAN = "plans/2020/north-moi.yaml"


@pytest.fixture
def mini(tmp_path: Path) -> Repo:
    """A small valid repository with a made-up framework (tests/data/mini)."""
    root = tmp_path / "repo"
    shutil.copytree(MINI, root)
    return Repo(root)


@pytest.fixture
def sample(tmp_path: Path) -> Repo:
    """A copy of this repository's sample plans (plans/)."""
    root = tmp_path / "sample"
    shutil.copytree(ROOT / "plans", root / "plans")
    return Repo(root)


def git(root: Path, *args: str, date: str | None = None) -> str:
    """Run git in `root` with pinned identities (and date, if given)."""
    import subprocess

    env = {**os.environ, **GIT_ENV}
    if date is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    proc = subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, env=env, check=False
    )
    assert proc.returncode == 0, f"git {' '.join(args)}: {proc.stderr}"
    return proc.stdout


def commit_all(root: Path, message: str, date: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message, date=date)
    return git(root, "rev-parse", "HEAD").strip()
