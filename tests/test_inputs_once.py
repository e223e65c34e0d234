"""Each command loads its inputs once: `nap build` checks the plans once and reads
the history with one `git log`; and one rule picks the language of a text."""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, Repo, commit_all, git, site_config
from napkit.check import validation
from napkit.plans.texts import language_of, text_exactly, text_in

LANGS = ("en", "ar", "ckb")


def _git_that_logs(tmp_path: Path) -> Path:
    """A `git` first on PATH that writes each command line to a file, then runs git."""
    real = shutil.which("git")
    assert real is not None
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "git-calls.txt"
    script = folder / "git"
    script.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{real}" "$@"\n', "utf-8")
    script.chmod(0o755)
    return log


@pytest.mark.slow
def test_nap_build_checks_once_and_reads_git_log_once(
    sample: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "docs", sample.path("docs"))
    sample.write("mkdocs.yml", site_config())
    git(sample.root, "init", "-q", "-b", "main")
    commit_all(sample.root, "Plans as submitted (#1)", "2016-04-28T10:00:00+03:00")
    log = _git_that_logs(tmp_path)
    monkeypatch.setenv("PATH", f"{log.parent / 'bin'}{os.pathsep}{os.environ['PATH']}")
    checks: list[int] = []
    real_check = validation._check_plans

    def counted(*args: object, **kwargs: object) -> object:
        checks.append(1)
        return real_check(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(validation, "_check_plans", counted)
    result = sample.nap("build")
    assert result.exit_code == 0, result.stderr
    assert sample.path("site/tracker.html").is_file()
    assert sample.path("site/history/2016/fed-moh.html").is_file()
    assert len(checks) == 1
    calls = log.read_text("utf-8").splitlines()
    assert sum(1 for c in calls if c.startswith("log ")) == 1, calls


def test_one_rule_picks_the_language() -> None:
    written_arabic_first = {"ar": "المشاركة", "en": "Participation"}
    assert text_in(written_arabic_first, LANGS) == "Participation"  # the main language
    assert text_in(written_arabic_first, LANGS, reader="ar") == "المشاركة"
    assert text_in({"ckb": "بەشداری", "ar": "المشاركة"}, LANGS) == "المشاركة"  # nap.yaml's order
    assert text_in({"fr": "Participation"}, LANGS) == "Participation"  # any, at last
    assert language_of("Participation", LANGS) == "en"  # a plain string is the main language
    assert text_in(None, LANGS) == ""
    assert text_exactly("Participation", "ar", LANGS) == ""
    assert text_exactly(written_arabic_first, "ar", LANGS) == "المشاركة"


def test_a_title_written_arabic_first_is_english_everywhere(mini: Repo) -> None:
    """The report, the CSV and the site agree: the main language first."""
    mini.edit(
        "plans/nap.yaml",
        ("    title: Participation\n", "    title: {ar: المشاركة, en: Participation}\n"),
    )
    report = mini.nap("report", "--year", "2020")
    assert report.exit_code == 0, report.stderr
    assert "**Participation**" in report.output and "المشاركة" not in report.output
    exported = mini.nap("export", "--year", "2020", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(exported.output)))
    titles = {r["pillar_title"] for r in rows if r["pillar"] == "participation"}
    assert titles == {"Participation"}
    pages = mini.path("pages")
    assert mini.nap("render", "--out", str(pages), "--no-history").exit_code == 0
    index = (pages / "pillars" / "index.md").read_text("utf-8")
    assert index.index("Participation") < index.index("المشاركة")
