"""The site shows the working tree: a plan that is new, modified or deleted and not
committed yet builds cleanly (strict), and its pages say that it is not committed."""

from __future__ import annotations

import html
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import PLAN, Repo, commit_all, git
from napkit.history.compare import uncommitted
from napkit.history.diff import FileDiff
from napkit.site.working_tree import pending

NEW = "plans/2020/south-hc.yaml"
CONFIG = (
    "site_name: T\nsite_url: https://example.org/\nuse_directory_urls: false\ntheme: {name: material, font: false}\n"
    "plugins: [search, napkit]\n"
    "markdown_extensions: [tables, attr_list, md_in_html, admonition, pymdownx.details, toc]\n"
)


def _setup(repo: Repo, *, commit: bool = True) -> Repo:
    repo.write("mkdocs.yml", CONFIG)
    repo.write("docs/index.md", "# T\n")
    git(repo.root, "init", "-q", "-b", "main")
    if commit:
        commit_all(repo.root, "Plans as submitted (#1)", "2020-04-21T10:00:00+03:00")
    return repo


@pytest.fixture
def committed(mini: Repo) -> Repo:
    """The mini repository with two plans, both committed."""
    assert mini.nap("new", "south-hc", "2020").exit_code == 0
    return _setup(mini)


def _build(repo: Repo) -> Path:
    """`nap build` as an editor runs it: strict, and no warning."""
    nap = Path(sys.executable).with_name("nap")
    proc = subprocess.run([nap, "build"], cwd=repo.root, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "WARNING" not in proc.stderr, proc.stderr
    return repo.root / "site"


def _text(page: Path) -> str:
    """The page's article as a reader sees it: tags dropped, spaces collapsed."""
    article = re.search(r"<article.*?</article>", page.read_text("utf-8"), re.S)
    assert article is not None
    inline = re.sub(r"</?(?:a|code|strong|em|span|bdi)\b[^>]*>", "", article.group(0))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def _feed_paths(site: Path) -> list[str]:
    feed = ET.parse(site / "changes.xml").getroot()
    ns = "{http://www.w3.org/2005/Atom}"
    # An entry's id ends with the plan's path (its title names the plan for readers).
    return [e.findtext(f"{ns}id", "").rsplit(":", 1)[-1] for e in feed.iter(f"{ns}entry")]


@pytest.mark.slow
def test_a_new_plan_builds_before_it_is_committed(mini: Repo) -> None:
    _setup(mini)
    assert mini.nap("new", "south-hc", "2020").exit_code == 0  # as the editors' guide says
    site = _build(mini)
    history = _text(site / "history/2020/south-hc.html")
    assert "Not committed yet" in history
    assert "This plan is new: it has no commit yet" in history
    assert "No revision yet" in history
    assert "High Council: plan 2020" in _text(site / "plans/2020/south-hc.html")
    assert "every revision of this plan (not committed yet)" in _text(
        site / "plans/2020/south-hc.html"
    )
    assert "(not committed yet)" in _text(site / "bodies/south-hc.html")
    assert "draft (not committed yet)" in _text(site / "tracker.html")
    changes = _text(site / "changes.html")
    assert f"{NEW}: new" in changes
    assert NEW not in _feed_paths(site)  # the feed holds commits only
    # The committed plan is not marked.
    assert "Not committed yet" not in _text(site / "history/2020/north-moi.html")
    assert "(not committed yet)" not in _text(site / "plans/2020/north-moi.html")


@pytest.mark.slow
def test_a_modified_plan_says_what_differs_from_the_last_commit(committed: Repo) -> None:
    committed.edit(PLAN, ("amount: 50000000", "amount: 75000000"))
    site = _build(committed)
    history = _text(site / "history/2020/north-moi.html")
    assert history.index("Not committed yet") < history.index("1 revision,")  # at the top
    assert "budget amount: 50,000,000 XAF → 75,000,000 XAF" in history
    assert "75,000,000" in _text(site / "plans/2020/north-moi.html")  # the working tree
    assert f"{PLAN}: changed" in _text(site / "changes.html")


@pytest.mark.slow
def test_a_comment_only_change_is_told_apart(committed: Repo) -> None:
    committed.write(PLAN, "# reviewed by the focal point\n" + committed.read(PLAN))
    site = _build(committed)
    assert "in comments or layout only, not in its data" in _text(
        site / "history/2020/north-moi.html"
    )
    assert f"{PLAN}: changed in comments or layout only" in _text(site / "changes.html")


@pytest.mark.slow
def test_a_deleted_plan_keeps_its_history_page(committed: Repo) -> None:
    committed.path(NEW).unlink()
    site = _build(committed)
    history = _text(site / "history/2020/south-hc.html")
    assert "deleted (or moved) in the working tree" in history
    assert "1 revision," in history and "The plan today" not in history  # no dead link
    assert not (site / "plans/2020/south-hc.html").exists()
    assert f"{NEW}: deleted" in _text(site / "changes.html")


@pytest.mark.slow
def test_a_repository_without_any_commit_builds(mini: Repo) -> None:
    """The first build of a new country's repository, before its first commit."""
    _setup(mini, commit=False)
    site = _build(mini)
    history = _text(site / "history/2020/north-moi.html")
    assert "This plan is new" in history and "No revision yet" in history
    changes = _text(site / "changes.html")
    assert f"{PLAN}: new" in changes and "No history yet." in changes
    assert _feed_paths(site) == []


@pytest.mark.slow
def test_build_then_commit_as_the_guides_say(mini: Repo) -> None:
    _setup(mini)
    assert mini.nap("new", "south-hc", "2020").exit_code == 0
    assert "Not committed yet" in _text(_build(mini) / "history/2020/south-hc.html")
    commit_all(mini.root, "South HC plan 2020 (#2)", "2020-04-22T10:00:00+03:00")
    site = _build(mini)
    history = _text(site / "history/2020/south-hc.html")
    assert "Not committed yet" not in history and "1 revision," in history
    assert "Not committed yet" not in _text(site / "changes.html")
    assert NEW in _feed_paths(site)


def test_uncommitted_lists_every_kind_of_change(committed: Repo) -> None:
    committed.edit(PLAN, ("amount: 50000000", "amount: 75000000"))
    committed.path(NEW).unlink()
    committed.write("plans/2021/north-moi.yaml", committed.read(PLAN).replace("2020", "2021"))
    kinds = {d.path: d.kind for d in uncommitted(committed.root)}
    assert kinds == {PLAN: "changed", NEW: "removed", "plans/2021/north-moi.yaml": "added"}
    git(committed.root, "checkout", "-q", "--", ".")
    committed.path("plans/2021/north-moi.yaml").unlink()
    assert uncommitted(committed.root) == []


def test_uncommitted_in_a_repository_without_commits(mini: Repo) -> None:
    git(mini.root, "init", "-q", "-b", "main")
    git(mini.root, "add", PLAN)  # staged, not committed: still new
    paths = {d.path: d.kind for d in uncommitted(mini.root)}
    assert paths[PLAN] == "added" and paths["plans/nap.yaml"] == "added"


def test_a_plan_moved_away_counts_as_deleted_where_it_was() -> None:
    moved = FileDiff("plans/2021/a.yaml", "renamed", "plans/2020/a.yaml")
    marks = pending([moved])
    assert marks["plans/2021/a.yaml"] is moved
    assert marks["plans/2020/a.yaml"].kind == "removed"


def test_pages_without_history_link_to_no_history_page(committed: Repo, tmp_path: Path) -> None:
    out = tmp_path / "pages"
    assert committed.nap("render", "--out", str(out), "--no-history").exit_code == 0
    assert not (out / "history").exists()
    for page in ("plans/2020/north-moi.md", "bodies/north-moi.md"):
        assert "history/" not in (out / page).read_text("utf-8"), page
