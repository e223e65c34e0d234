"""History and semantic diff on a repository whose history the test writes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINI, PLAN, Repo, commit_all, git

TEMPLATE = (MINI / PLAN).read_text("utf-8")
SOUTH = "plans/2020/south-hc.yaml"


def _south(text: str = TEMPLATE) -> str:
    return text.replace("body: north-moi", "body: south-hc")


def _reordered(text: str) -> str:
    """The same plan with its two activities swapped and its partners reversed."""
    head, rest = text.split("activities:\n", 1)
    first, second = rest.split("  - id: A2\n", 1)
    return (
        head
        + "activities:\n  - id: A2\n"
        + second
        + first.replace("[south-hc, UN Women]", "[UN Women, south-hc]")
    )


@pytest.fixture
def story(mini: Repo) -> Repo:
    """main: add -> squash-merged edit (#3) -> reorder -> merge commit (#7) changing
    budget and adding a progress report -> broken YAML -> fixed -> rename of a plan ->
    deletion -> restoration."""
    root = mini.root
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Add the North Ministry of Interior plan", "2020-04-21T09:00:00+03:00")
    mini.edit(PLAN, ("target: 120}", "target: 150}"), ("status: approved", "status: submitted"))
    commit_all(root, "Raise the training target (#3)", "2020-04-25T09:00:00+03:00")
    mini.write(PLAN, _reordered(mini.read(PLAN)))
    commit_all(root, "Reorder activities", "2020-04-26T09:00:00+03:00")
    git(root, "checkout", "-q", "-b", "budget")
    mini.edit(PLAN, ("amount: 50000000", "amount: 75000000"))
    mini.edit(
        PLAN,
        (
            "        note: {en: Two courses held}\n",
            "        note: {en: Two courses held}\n      - {period: 2020-Q4, status: completed, values: {I1: 120}}\n",
        ),
    )
    commit_all(root, "New budget", "2020-05-01T09:00:00+03:00")
    git(root, "checkout", "-q", "main")
    git(
        root,
        "merge",
        "-q",
        "--no-ff",
        "budget",
        "-m",
        "Merge pull request #7 from north/budget",
        date="2020-05-02T09:00:00+03:00",
    )
    mini.write(PLAN, mini.read(PLAN).replace("activities:\n", "activities:\n  - [broken\n", 1))
    commit_all(root, "Oops", "2020-05-03T09:00:00+03:00")
    mini.write(
        PLAN,
        mini.read(PLAN)
        .replace("  - [broken\n", "", 1)
        .replace("Open a family protection unit", "Open two family protection units"),
    )
    commit_all(root, "Fix the YAML (#8)", "2020-05-04T09:00:00+03:00")
    mini.write("plans/2020/south-h.yaml", _south())
    commit_all(root, "Add the South plan under a wrong name", "2020-05-05T09:00:00+03:00")
    git(root, "mv", "plans/2020/south-h.yaml", SOUTH)
    commit_all(root, "Rename the South plan (#9)", "2020-05-06T09:00:00+03:00")
    git(root, "rm", "-q", SOUTH)
    commit_all(root, "Delete the South plan", "2020-05-07T09:00:00+03:00")
    mini.write(SOUTH, _south())
    commit_all(root, "Restore the South plan (#10)", "2020-05-08T09:00:00+03:00")
    return mini


def test_history_of_a_plan(story: Repo) -> None:
    result = story.nap("history", "north-moi")
    assert result.exit_code == 0, result.stderr
    out = result.output
    sections = out.split("### ")[1:]
    assert len(sections) == 6  # the branch commit "New budget" is not on main's first-parent line
    fixed, broken, merge, reorder, squash, _ = sections
    assert fixed.startswith("2020-05-04 · ") and " · #8 · Test Author" in fixed
    # compared with the last valid revision, before the broken one
    assert "activity A2: Open two family protection units" in fixed
    assert "title (en): Open a family protection unit → Open two family protection units" in fixed
    assert broken.startswith("2020-05-03") and "- cannot be read: line 6: YAML syntax" in broken
    assert " · #7 · " in merge
    assert "budget amount: 50,000,000 XAF → 75,000,000 XAF" in merge
    assert "progress 2020-Q4 added: status completed; value I1 120" in merge
    assert "no change to the plan's data" in reorder
    assert (
        " · #3 · " in squash
        and "indicator I1 target: 120 → 150" in squash
        and "status: approved → submitted" in squash
    )
    assert sections[-1].startswith("2020-04-21") and "file added" in sections[-1]


def test_history_follows_rename_delete_and_restore(story: Repo) -> None:
    out = story.nap("history", "south-hc").output
    assert out.startswith(f"## {SOUTH}\n")
    assert (
        "### 2020-05-08" in out and "file added" in out.split("### 2020-05-08")[1].split("###")[0]
    )
    assert "file removed" in out.split("### 2020-05-07")[1].split("###")[0]
    assert "renamed from plans/2020/south-h.yaml" in out.split("### 2020-05-06")[1].split("###")[0]
    assert "### 2020-05-05" in out  # its life under the old name


def test_diff_between_revisions(story: Repo) -> None:
    result = story.nap("diff", "HEAD~9", "HEAD~7")  # before #3 .. after the reorder
    assert result.exit_code == 0, result.stderr
    assert "indicator I1 target: 120 → 150" in result.output
    assert "activity A2" not in result.output  # reordering is not a change
    none = story.nap("diff", "HEAD~8", "HEAD~7")  # the reorder alone
    assert none.output == "No plan changes.\n"


def test_diff_of_the_working_tree_against_main(story: Repo) -> None:
    git(story.root, "checkout", "-q", "-b", "edit")
    story.edit(
        PLAN,
        ("partners: [UN Women, south-hc]", "partners: [UN Women]"),
        ("status: submitted", "status: finalized"),
    )
    story.write("plans/2020/new-body.yaml", _south().replace("south-hc", "new-body"))
    result = story.nap("diff")
    out = result.output
    assert "status: submitted → finalized" in out
    assert "partners: − south-hc" in out
    assert "### plans/2020/new-body.yaml\n\n- file added" in out
    data = json.loads(story.nap("diff", "--format", "json").output)
    assert {d["path"]: d["kind"] for d in data} == {
        PLAN: "changed",
        "plans/2020/new-body.yaml": "added",
    }


def test_diff_needs_main_or_a_base(mini: Repo) -> None:
    git(mini.root, "init", "-q", "-b", "trunk")
    commit_all(mini.root, "start", "2020-04-21T09:00:00+03:00")
    result = mini.nap("diff")
    assert result.exit_code == 2
    assert "give the base revision" in result.stderr


def test_shallow_clone_is_reported(story: Repo, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{story.root}", str(shallow)], check=True
    )
    result = Repo(shallow).nap("history", "north-moi")
    assert "shallow clone" in result.stderr and "fetch-depth: 0" in result.stderr


def test_framework_and_bodies_changes(story: Repo) -> None:
    story.edit(
        "plans/nap.yaml",
        (
            "      - {id: participation.2, title: More women in peace talks}\n",
            "      - {id: participation.2, title: More women in peace talks}\n      - {id: participation.3, title: Women mediators}\n",
        ),
    )
    story.edit(
        "plans/bodies.yaml", ("    name: High Council\n", "    name: Supreme Council for Women\n")
    )
    out = story.nap("diff", "HEAD").output
    assert (
        "### plans/nap.yaml" in out
        and "objective participation.3 added: title Women mediators" in out
    )
    assert "### plans/bodies.yaml" in out and "**changed** body south-hc" in out
    assert "name: High Council → Supreme Council for Women" in out


@pytest.mark.slow
def test_strict_build_fails_on_a_shallow_clone(story: Repo, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow-site"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{story.root}", str(shallow)], check=True
    )
    (shallow / "docs").mkdir()
    (shallow / "mkdocs.yml").write_text(
        "site_name: T\nsite_url: https://example.org/\ntheme: {name: material, font: false}\nplugins: [search, napkit]\nmarkdown_extensions: [tables, attr_list, md_in_html, admonition, pymdownx.details, toc]\n",
        "utf-8",
    )
    mkdocs = Path(sys.executable).with_name("mkdocs")
    loose = subprocess.run(
        [mkdocs, "build"], cwd=shallow, capture_output=True, text=True, check=False
    )
    assert (
        loose.returncode == 0
        and "shallow clone" in loose.stderr
        and "fetch-depth: 0" in loose.stderr
    )
    assert Repo(shallow).nap("build").exit_code == 1  # strict: the warning stops the build


@pytest.mark.slow
def test_site_history_pages(story: Repo, tmp_path: Path) -> None:
    from conftest import build_site

    (story.root / "docs").mkdir()
    (story.root / "mkdocs.yml").write_text(
        "site_name: T\nsite_url: https://example.org/\nrepo_url: https://github.com/example/plans\nuse_directory_urls: false\ntheme: {name: material, font: false}\n"
        "plugins: [search, napkit]\nmarkdown_extensions: [tables, attr_list, md_in_html, admonition, pymdownx.details, toc]\n",
        "utf-8",
    )
    site = build_site(story.root, tmp_path / "site")
    history = (site / "history/2020/north-moi.html").read_text("utf-8")
    assert (
        history.index("4 May 2020") < history.index("2 May 2020") < history.index("21 April 2020")
    )  # newest first
    assert 'href="https://github.com/example/plans/pull/7"' in history
    assert "budget amount: 50,000,000 XAF → 75,000,000 XAF" in history
    assert "cannot be read: line 6" in history
    plan = (site / "plans/2020/north-moi.html").read_text("utf-8")
    assert "budget amount: 50,000,000 XAF (2020-04-21) → 75,000,000 XAF (2020-05-02, #7)" in plan
    assert "indicator I1 target: 120 (2020-04-21) → 150 (2020-04-25, #3)" in plan
    downloads = sorted((site / "history/2020/north-moi").glob("*.json"))
    assert len(downloads) == 5  # every readable revision (not the broken one)
    changes = (site / "changes.html").read_text("utf-8")
    assert changes.index("High Council — plan 2020") < changes.index(
        "Ministry of Interior — plan 2020"
    )  # the newest change first
    import xml.etree.ElementTree as ET

    feed = ET.parse(site / "changes.xml").getroot()
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == 10


def test_a_repository_without_commits_has_no_history(mini: Repo) -> None:
    git(mini.root, "init", "-q", "-b", "main")  # a new plan repository: nothing committed
    from napkit.history.timeline import all_revisions

    assert all_revisions(mini.root) == []
    assert mini.nap("status").exit_code == 0
    result = mini.nap("history", "north-moi")
    assert result.exit_code == 2
    assert "no history for north-moi: is the plan committed?" in result.stderr


@pytest.mark.parametrize("command", [["history", "north-moi"], ["diff"]])
def test_history_commands_outside_git_say_so(mini: Repo, command: list[str]) -> None:
    result = mini.nap(*command)
    assert result.exit_code == 2
    assert "is not in a git repository" in result.stderr
    assert f"nap {command[0]} reads the history from git" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("page", "directory_urls", "url"),
    [
        ("history/2016/fed-moh.md#r-1", True, "history/2016/fed-moh/#r-1"),
        ("history/2016/fed-moh.md#r-1", False, "history/2016/fed-moh.html#r-1"),
        ("changes.md", True, "changes/"),
        ("changes.md", False, "changes.html"),
    ],
)
def test_feed_links_follow_mkdocs_addresses(page: str, directory_urls: bool, url: str) -> None:
    from napkit.site.history_pages import url_of

    assert url_of(page, directory_urls) == url
