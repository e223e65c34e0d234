"""Editing a plan while `nap serve` runs changes the served page."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import MINI, PLAN, commit_all, git


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def _wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = _get(url)
        if page is not None and needle in page:
            return True
        time.sleep(0.5)
    return False


def _repo(tmp_path: Path, plugin: str) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(MINI, root)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(
        f"site_name: Test\ntheme: {{name: material, font: false}}\nplugins: [search, {plugin}]\n"
        "markdown_extensions: [tables, attr_list, md_in_html, admonition, pymdownx.details, toc]\n",
        "utf-8",
    )
    return root


@contextmanager
def _serving(root: Path, log: Path, *args: str) -> Iterator[str]:
    """`nap serve` in `root`, its output in `log`; yields its address."""
    port = _free_port()
    nap = Path(sys.executable).with_name("nap")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("wb") as out:
        # Its own process group: nap serve runs MkDocs as a child, and both must stop.
        proc = subprocess.Popen(
            [nap, "serve", "--dev-addr", f"127.0.0.1:{port}", *args],
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


@pytest.mark.slow
def test_serve_rebuilds_when_a_plan_changes(tmp_path: Path) -> None:
    root = _repo(tmp_path, "{napkit: {history: false}}")
    with _serving(root, tmp_path / "serve.log") as base:
        url = f"{base}/plans/2020/north-moi/"
        assert _wait_for(url, "Open a family protection unit", 90), "the page was never served"
        plan = root / PLAN
        plan.write_text(
            plan.read_text("utf-8").replace(
                "Open a family protection unit", "Open three family protection units"
            ),
            "utf-8",
        )
        assert _wait_for(url, "Open three family protection units", 90), "the page did not change"


@pytest.mark.slow
def test_serve_shows_a_new_plan_without_a_warning(tmp_path: Path) -> None:
    """The editors' guide: `nap new`, then look at the plan in `nap serve`, before committing."""
    root = _repo(tmp_path, "napkit")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Plans (#1)", "2020-04-21T10:00:00+03:00")
    log = tmp_path / "serve.log"
    with _serving(root, log) as base:
        assert _wait_for(f"{base}/plans/2020/north-moi/", "Open a family protection unit", 90)
        nap = Path(sys.executable).with_name("nap")
        new = subprocess.run(
            [nap, "new", "south-hc", "2020"], cwd=root, capture_output=True, check=False
        )
        assert new.returncode == 0
        assert _wait_for(f"{base}/history/2020/south-hc/", "Not committed yet", 90)
        assert _wait_for(f"{base}/plans/2020/south-hc/", "High Council", 10)
        # The rebuild's log is complete once the server tells the browsers to reload.
        deadline = time.monotonic() + 30
        while "Reloading browsers" not in log.read_text("utf-8", "replace"):
            assert time.monotonic() < deadline, log.read_text("utf-8", "replace")
            time.sleep(0.2)
    text = log.read_text("utf-8", "replace")
    assert text.count("Building documentation") >= 2  # the first build, the one after nap new
    # The server logs a request for a page not built yet as a warning: not a build warning.
    warnings = [line for line in text.splitlines() if "WARNING" in line and '"GET ' not in line]
    assert warnings == [], text


@pytest.mark.slow
def test_serve_previews_one_language(tmp_path: Path) -> None:
    root = _repo(tmp_path, "{napkit: {history: false}}")
    with _serving(root, tmp_path / "serve.log", "--lang", "ar") as base:
        assert _wait_for(f"{base}/plans/2020/north-moi/", '<html lang="ar" dir="rtl"', 90), (
            tmp_path / "serve.log"
        ).read_text("utf-8", "replace")


def test_serve_refuses_a_language_nap_yaml_does_not_have(tmp_path: Path) -> None:
    root = _repo(tmp_path, "napkit")
    nap = Path(sys.executable).with_name("nap")
    done = subprocess.run(
        [nap, "serve", "--lang", "fr"], cwd=root, capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "'fr' is not a language of plans/nap.yaml (en, ar, ckb)" in done.stderr
    assert "Traceback" not in done.stderr
