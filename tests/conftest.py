"""Shared fixtures: real plan repositories in tmp_path, and the real `nap` command."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from napkit.cli import cli

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "data" / "mini"
# The Iraqi sample as the tool's tests know it: a copy of plans/ that stays when a
# fork puts its own plans in plans/ (tests/test_sample.py checks plans/ itself).
SAMPLE = Path(__file__).resolve().parent / "data" / "sample"
# What the site tests build with: the repository's mkdocs.yml, with the settings a
# fork changes (name, description, addresses) set to known values.
SITE_SETTINGS = {
    "site_name": "Iraqi National Action Plan 1325",
    "site_description": "The Iraqi National Action Plan on UN Security Council Resolution 1325",
    "site_url": "https://example.org/nap/",
    "repo_url": "https://github.com/iraq-nap-1325/plans",
}

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
    # Messages in English unless a test asks for another language (nap reads these).
    for key in ("NAP_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


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
    """A copy of the Iraqi sample plans (tests/data/sample)."""
    root = tmp_path / "sample"
    shutil.copytree(SAMPLE / "plans", root / "plans")
    return Repo(root)


def site_config(settings: dict[str, str] = SITE_SETTINGS) -> str:
    """The repository's mkdocs.yml with `settings` in place of its own values."""
    import re

    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    for key, value in settings.items():
        line = f"{key}: {value}"
        config, found = re.subn(rf"^{key}:.*$", line, config, count=1, flags=re.MULTILINE)
        if not found:
            config = f"{line}\n{config}"
    return config


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


HOSTILE = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert('img')>",
    "[click me](javascript:alert('link'))",
    "**bold** _em_ `code` # heading",
    "| a | b |",
    "{: onclick=\"alert('attr')\" }",
    "<a href='javascript:alert(1)'>a</a>",
    "&lt;script&gt;entity&lt;/script&gt;",
    "![img](http://example.invalid/x.png)",
    "<https://example.invalid/autolink>",
]


def site_source(plans: Path, dest: Path) -> Path:
    """A folder to build a site from: a copy of `plans` with the repository's docs/
    and mkdocs.yml."""
    import shutil

    shutil.copytree(plans, dest / "plans")
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def build_site(src: Path, out: Path, *, git_history: bool = True) -> Path:
    """A real `mkdocs build --strict` of a copy of `src` (plans/, docs/, mkdocs.yml);
    returns the built site folder."""
    import subprocess
    import sys

    if git_history and not (src / ".git").exists():
        git(src, "init", "-q", "-b", "main")
        commit_all(src, "Plans as submitted (#1)", "2016-04-28T10:00:00+03:00")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [mkdocs, "build", "--strict", "--site-dir", str(out)],
        cwd=src,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    return out


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("sample-src")
    shutil.copytree(SAMPLE / "plans", src / "plans")
    shutil.copytree(ROOT / "docs", src / "docs")
    # Published as the maintainers' guide says: with site_url (hence canonical links).
    (src / "mkdocs.yml").write_text(site_config(), "utf-8")
    return build_site(src, tmp_path_factory.mktemp("sample-site") / "site")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small repository with a plan whose every text field holds injection payloads."""
    src = tmp_path_factory.mktemp("hostile-src")
    shutil.copytree(MINI / "plans", src / "plans")
    plan = src / PLAN
    text = plan.read_text("utf-8")
    # Each payload replaces one text field of the plan: {} marks where it goes.
    fields = [
        ("    title: {en: Open a family protection unit}", "    title: {}"),
        ("responsible: {en: Directorate of Training}", "responsible: {}"),
        ("      en: Train police officers", "      en: {}"),
        ("note: {en: Two courses held}", "note: {}"),
        ("title: {en: Officers trained},", "title: {},"),
        ("title: {en: Share of women},", "title: {},"),
        ("funder: {en: A donor},", "funder: {},"),
        ("partners: [south-hc, UN Women]", "partners: [south-hc, {}]"),
        ("      ar: تدريب ضباط الشرطة", "      ar: {}"),
        ("title: {en: Manual adopted},", "title: {},"),
    ]
    for (old, new), payload in zip(fields, HOSTILE, strict=True):
        assert old in text, old
        text = text.replace(old, new.format(json.dumps(payload)))
    plan.write_text(text, "utf-8")
    (src / "docs").mkdir()
    (src / "mkdocs.yml").write_text(
        "site_name: Test plan\nsite_url: https://example.org/\nstrict: true\nuse_directory_urls: false\ntheme: {name: material, font: false}\n"
        "plugins: [search, napkit, offline]\nmarkdown_extensions: [tables, attr_list, md_in_html, admonition, pymdownx.details, toc]\n",
        "utf-8",
    )
    return build_site(src, tmp_path_factory.mktemp("hostile-site") / "site")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One chromium for a test module: a page load is cheap, a browser start is not.
    Imported here, not at the top: without chromium only the tests that use it skip."""
    from chromium import launched

    yield from launched()
