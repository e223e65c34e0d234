"""The form editor end to end, in Debian's chromium: Sveltia CMS (the vendored bundle)
with the configuration `nap cms` writes, in its local mode ("Work with Local
Repository"), against the sample repository.

The local mode asks for a folder through the browser's folder picker. A headless
browser has no picker, so an init script hands the CMS the page's private file system
(navigator.storage.getDirectory), filled with the repository's plan files first;
the CMS reads and writes the plans there as it would in a folder of the editor's
disk. After a save the test copies the plan files out into a real git repository
(tmp_path, pinned identities), commits them on a branch named as the CMS names its
pull-request branches (cms/...), and checks that branch as a pull request is checked:
nap validate, nap fmt --check, and nap diff against main.

Every request to another host is refused, and recorded: the form must work without.

NAPKIT_SCREENSHOTS=1 writes the editors' guide's screenshots to docs/images/ (cms-*.png).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, SAMPLE, commit_all, git
from test_workflows import _make

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
IMAGES = ROOT / "docs/images"
SCREENSHOTS = bool(os.environ.get("NAPKIT_SCREENSHOTS"))
WIDTH = 1000
# The folder the picker "chooses": the CMS looks for .git in it to accept it.
OPFS_FOLDER = "repository"

PICKER = f"""
window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle({json.dumps(OPFS_FOLDER)}, {{create: true}});
"""
WRITE = f"""async (files) => {{
  const root = await (await navigator.storage.getDirectory())
    .getDirectoryHandle({json.dumps(OPFS_FOLDER)}, {{create: true}});
  for (const [path, text] of Object.entries(files)) {{
    const parts = path.split('/');
    let dir = root;
    for (const name of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(name, {{create: true}});
    const writable = await (await dir.getFileHandle(parts.at(-1), {{create: true}})).createWritable();
    await writable.write(text);
    await writable.close();
  }}
}}"""
READ_ALL = f"""async () => {{
  const out = {{}};
  const walk = async (dir, prefix) => {{
    for await (const [name, handle] of dir.entries()) {{
      const path = prefix + name;
      if (handle.kind === 'directory') await walk(handle, path + '/');
      else out[path] = await (await handle.getFile()).text();
    }}
  }};
  await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle({json.dumps(OPFS_FOLDER)}), '');
  return out;
}}"""


def _nap(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BIN / "nap", *args], cwd=root, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def admin_url(sample_site: Path) -> Iterator[str]:
    """The form editor as the site serves it: /admin/ of a real build of the sample
    (the page, its policy, the configuration made at build time, the bundle)."""
    from chromium import serve

    yield from serve(sample_site)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The sample repository with its history: one commit on main."""
    root = tmp_path / "repo"
    shutil.copytree(SAMPLE / "plans", root / "plans")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "The 2016 plans", "2016-04-20T10:00:00+03:00")
    return root


class Editor:
    """The form editor in one browser tab, on a copy of `repo`'s plan files."""

    def __init__(self, page: Any, url: str, repo: Path, blocked: list[str]) -> None:
        self.page, self.url, self.repo, self.blocked = page, url, repo, blocked

    def start(self) -> None:
        files = {
            p.relative_to(self.repo).as_posix(): p.read_text("utf-8")
            for p in sorted((self.repo / "plans").rglob("*.yaml"))
        }
        files[".git/HEAD"] = "ref: refs/heads/main\n"
        self.page.goto(f"{self.url}/admin/")
        self.page.evaluate(WRITE, files)
        self.page.get_by_role("button", name="Sign In Using Access Token").wait_for()
        self.shot("sign-in")
        self.page.get_by_role("button", name="Work with Local Repository").click()
        self.page.get_by_text("fed-mof · Ministry of Finance").wait_for()

    def files(self) -> dict[str, str]:
        found: dict[str, str] = self.page.evaluate(READ_ALL)
        return {k: v for k, v in found.items() if not k.startswith(".git/")}

    def field(self, label: str) -> Any:
        """The group of the field labelled `label` (the CMS isolates the label)."""
        return self.page.get_by_role("group", name=f"“\u2068{label}\u2069” Field")

    def reveal(self, locator: Any) -> Any:
        """`locator` once the form has drawn it: the CMS draws fields as they are
        scrolled to."""
        for _ in range(40):
            if locator.count():
                locator.first.scroll_into_view_if_needed()
                return locator.first
            self.page.mouse.move(WIDTH // 2 + 100, 400)
            self.page.mouse.wheel(0, 500)
            self.page.wait_for_timeout(150)
        raise AssertionError(f"never shown: {locator}")

    def shot(self, name: str, at: Any = None) -> None:
        """docs/images/cms-NAME.png, with `at` at the top of the form if given."""
        if SCREENSHOTS:
            if at is not None:
                at.evaluate("e => e.scrollIntoView({block: 'start'})")
                self.page.wait_for_timeout(300)
            IMAGES.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(IMAGES / f"cms-{name}.png"))

    def save(self) -> None:
        self.page.get_by_role("button", name="Save", exact=True).click()

    def saved(self) -> None:
        self.page.get_by_text("Entry saved").wait_for()

    def commit(self, branch: str, message: str) -> None:
        """The plan files as the CMS left them, committed on `branch` of the repository
        (what the CMS's save does on GitHub, where it opens the pull request)."""
        git(self.repo, "checkout", "-q", "-b", branch)
        shutil.rmtree(self.repo / "plans")
        for path, text in self.files().items():
            target = self.repo / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, "utf-8")
        commit_all(self.repo, message, "2016-05-02T10:00:00+03:00")


@pytest.fixture
def editor(browser: Any, admin_url: str, repo: Path) -> Iterator[Editor]:
    context = browser.new_context(viewport={"width": WIDTH, "height": 760}, locale="en-US")
    context.add_init_script(PICKER)
    blocked: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(admin_url + "/"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(15_000)
    e = Editor(page, admin_url, repo, blocked)
    e.start()
    yield e
    context.close()
    assert blocked == []  # the form editor asked no other host for anything


TITLE = "Cost the 2017 gender-responsive budget instructions"
NEW_ACTIVITY = "Publish the ministries' gender budget lines each quarter"
ARABIC = "نشر بنود موازنة النوع الاجتماعي للوزارات كل فصل"


def _lines(diff: str, plan: str) -> list[str]:
    """The lines nap diff writes under `plan`'s heading (the only plan it names)."""
    assert diff.count("\n### ") == 1, diff
    return [line for line in diff.split(f"### {plan}\n", 1)[1].splitlines() if line]


def _checked(repo: Path, branch: str) -> str:
    """The branch checked as the pull-request workflow checks it (make pr-validate:
    nap validate and nap fmt --check, with no step that rewrites the CMS's files);
    returns what make pr-diff adds to the summary: nap diff main..branch."""
    validated = _make(repo, "pr-validate")
    assert validated.returncode == 0, validated.stdout + validated.stderr
    summary = repo.parent / "summary.md"
    diffed = _make(repo, "pr-diff", BASE="main", SUMMARY=str(summary))
    assert diffed.returncode == 0, diffed.stderr
    return summary.read_text("utf-8")


def test_a_new_years_plan_made_in_the_form(editor: Editor) -> None:
    page = editor.page
    page.get_by_text("Plans 2017", exact=True).first.click()
    editor.shot("collections")
    page.get_by_role("button", name="Create New Entry").first.click()
    body = editor.reveal(page.get_by_role("combobox", name="Body"))
    body.click()
    page.get_by_role("option", name=re.compile(r"^fed-mof ")).click()
    editor.field("Plan status").get_by_role("radio", name="draft").check()
    editor.reveal(page.get_by_role("button", name="Add \u2068Activity\u2069")).click()
    page.get_by_role("menuitem", name=re.compile("^resources ")).click()
    editor.reveal(page.get_by_role("textbox", name="Activity id", exact=True)).fill("A1")
    editor.reveal(page.get_by_role("textbox", name="Title (English)", exact=True)).fill(TITLE)
    objective = editor.field("Strategic objective")
    editor.reveal(objective.get_by_role("radio", name=re.compile(r"^resources\.1 "))).check()
    editor.shot("new-plan", page.get_by_role("combobox", name="Body"))
    editor.save()
    editor.saved()

    editor.commit("cms/plans-2017/fed-mof", "Create Plans 2017 “fed-mof”")
    written = git(editor.repo, "diff", "--name-status", "main", "cms/plans-2017/fed-mof")
    assert written.splitlines() == ["A\tplans/2017/fed-mof.yaml"]
    diff = _checked(editor.repo, "cms/plans-2017/fed-mof")
    assert _lines(diff, "plans/2017/fed-mof.yaml") == [
        "- file added: 1 activity",
        "- body: fed-mof",
        "- year: 2017",
        "- status: draft",
        f"- **added** activity A1: {TITLE}",
        "  - pillar resources · objective resources.1",
        "  - budget: none",
    ]
    plan = (editor.repo / "plans/2017/fed-mof.yaml").read_text("utf-8")
    assert "year: 2017" in plan and "status: draft" in plan


def test_a_budget_changed_and_an_activity_added_in_the_form(editor: Editor) -> None:
    page = editor.page
    before = editor.files()
    page.get_by_text("fed-mof · Ministry of Finance").click()
    amount = editor.reveal(page.get_by_role("spinbutton", name="Amount needed"))
    assert amount.input_value() == "15000000"
    amount.fill("18000000")
    editor.shot("budget", editor.field("Budget").first)
    add = editor.reveal(page.get_by_role("button", name="Add \u2068Activity\u2069"))
    add.click()
    page.get_by_role("menuitem", name=re.compile("^resources ")).click()
    # The new activity is the list's last item: the last group with a Remove button
    # (its own fields have none; the others' indicators and funding come before it).
    item = (
        editor.field("Activities")
        .get_by_role("group")
        .filter(has=page.get_by_role("button", name="Remove", exact=True))
        .last
    )
    item.scroll_into_view_if_needed()
    new_id = item.get_by_role("textbox", name="Activity id", exact=True)
    assert new_id.input_value() == ""
    new_id.fill("A6")
    english = editor.reveal(item.get_by_role("textbox", name="Title (English)", exact=True))
    english.fill(NEW_ACTIVITY)
    # Arabic in its own field, written right to left, and text of two lines (written
    # as a YAML block)
    arabic = editor.reveal(item.get_by_role("textbox", name="Title (العربية)", exact=True))
    assert arabic.get_attribute("dir") == "rtl"  # before anything is typed
    arabic.fill(ARABIC)
    assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert english.evaluate("e => getComputedStyle(e).direction") == "ltr"
    editor.reveal(item.get_by_role("checkbox", name="Add \u2068Description\u2069")).check()
    editor.reveal(item.get_by_role("textbox", name="Description (English)", exact=True)).fill(
        "Quarterly tables of each ministry's lines.\nPublished on the ministry's site."
    )
    objective = item.get_by_role("radio", name=re.compile(r"^resources\.2 "))
    editor.reveal(objective).check()
    editor.shot("form", item)
    editor.save()
    editor.saved()
    if SCREENSHOTS:
        page.wait_for_timeout(1000)  # the form's transition after saving
        editor.shot("saved")

    after = editor.files()
    assert [p for p in after if after[p] != before.get(p)] == ["plans/2016/fed-mof.yaml"]
    editor.commit("cms/plans-2016/fed-mof", "Update Plans 2016 “fed-mof”")
    diff = _checked(editor.repo, "cms/plans-2016/fed-mof")
    saved = yaml.safe_load((editor.repo / "plans/2016/fed-mof.yaml").read_text("utf-8"))
    added = saved["activities"][-1]
    assert added["title"] == {"en": NEW_ACTIVITY, "ar": ARABIC}
    assert added["description"] == {
        "en": "Quarterly tables of each ministry's lines.\nPublished on the ministry's site."
    }
    a1 = yaml.safe_load(before["plans/2016/fed-mof.yaml"])["activities"][0]["title"]["en"]
    assert _lines(diff, "plans/2016/fed-mof.yaml") == [
        f"- **changed** activity A1: {a1}",
        "  - budget amount: 15,000,000 IQD → 18,000,000 IQD",
        f"- **added** activity A6: {NEW_ACTIVITY}",
        "  - pillar resources · objective resources.2",
        "  - budget: none",
    ]


def test_values_the_schema_forbids_are_refused_before_saving(editor: Editor) -> None:
    """A negative budget (the schema's minimum) and an activity id that does not match
    the schema's pattern: each is marked on its field, and nothing is written."""
    page = editor.page
    before = editor.files()
    page.get_by_text("fed-mof · Ministry of Finance").click()
    activity_id = editor.reveal(page.get_by_role("textbox", name="Activity id", exact=True))
    activity_id.fill("a 1")
    amount = editor.reveal(page.get_by_role("spinbutton", name="Amount needed"))
    amount.fill("-5")
    editor.save()
    page.get_by_text("2 fields have errors", exact=False).wait_for()
    budget_alert = editor.field("Amount needed").first.get_by_role("alert")
    assert "0" in budget_alert.inner_text()  # the schema's minimum
    id_alert = editor.field("Activity id").first.get_by_role("alert")
    pattern = _activity_id_message()
    assert pattern in id_alert.inner_text()
    editor.shot("error", editor.field("Budget").first)
    assert editor.files() == before


def _activity_id_message() -> str:
    """The message the configuration gives with the activity id's pattern."""

    def fields(node: Any) -> Iterator[dict[str, Any]]:
        if isinstance(node, dict):
            if "widget" in node:
                yield node
            for value in node.values():
                yield from fields(value)
        elif isinstance(node, list):
            for value in node:
                yield from fields(value)

    config = yaml.safe_load(_nap(SAMPLE, "cms").stdout)
    (message,) = {f["pattern"][1] for f in fields(config) if f.get("label") == "Activity id"}
    return str(message)
