"""The recent changes, each plan's history and the Atom feed lead with the plan (its
body's name and year), the date and the pull request: no file path and no commit
hash in a heading. On a real git repository of the sample plans, with a merge
commit and a squash commit as GitHub writes them."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import SAMPLE, SITE_SETTINGS, Repo, build_site, commit_all, git, site_config
from napkit.render.markdown import text
from napkit.site.history_pages import HistoryPages, history_pages
from napkit.site.inputs import load_inputs
from napkit.site.languages import Languages

REPO_URL = SITE_SETTINGS["repo_url"]
OTHER = Path(__file__).resolve().parent / "data" / "other"
MOH = "plans/2016/fed-moh.yaml"
KRG_MOI = "plans/2016/krg-moi.yaml"
ATOM = "{http://www.w3.org/2005/Atom}"
CODES = re.compile(r"plans/\S*\.yaml|\b[0-9a-f]{40}\b|\b[0-9a-f]{7}\b")


@pytest.fixture
def merged(tmp_path: Path) -> Repo:
    """The sample committed directly on 20 April 2016; then KRG Interior's progress
    report marked delayed on a branch merged as pull request #7 (2 May); then an
    activity added to Health's plan by a squash merge of pull request #9 (3 June)."""
    root = tmp_path / "plans-repo"
    shutil.copytree(SAMPLE / "plans", root / "plans")
    repo = Repo(root)
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Plans as submitted", "2016-04-20T10:00:00+03:00")
    git(root, "checkout", "-q", "-b", "branch")
    repo.edit(KRG_MOI, ("status: on-track", "status: delayed"))
    commit_all(root, "Report the delay", "2016-05-01T09:00:00+03:00")
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-ff", "branch", "-m", "Merge pull request #7 from unit/branch",
        date="2016-05-02T09:00:00+03:00")  # fmt: skip
    plan = repo.read(MOH)
    second = plan[plan.index("  - id: A2\n") : plan.index("  - id: A3\n")]
    added = second.replace("id: A2", "id: A11").replace("[UNFPA, WHO]", "[UNFPA, krg-moi]")
    repo.write(MOH, plan.rstrip("\n") + "\n" + added)
    commit_all(root, "Add activity (#9)", "2016-06-03T11:30:00+03:00")
    return repo


def _pages(repo: Repo, repo_url: str | None = REPO_URL) -> HistoryPages:
    inputs = load_inputs(repo.root)
    langs = Languages(inputs.master.framework.languages)
    return history_pages(inputs, langs, repo_url=repo_url, site_url="https://example.org/nap/")


def test_recent_changes_lead_with_plan_date_and_pull_request(merged: Repo) -> None:
    recent = _pages(merged).recent
    assert [e["title"] for e in recent[:2]] == [
        "Ministry of Health — plan 2016 · 3 June 2016 · pull request #9",
        # Two bodies are called Ministry of Interior: the jurisdiction tells them apart.
        "Ministry of Interior (Kurdistan Regional Government) — plan 2016 · 2 May 2016 · "
        "pull request #7",
    ]
    # The direct commit: the plan and the date, no pull request, no one named.
    assert all(e["title"].endswith(" — plan 2016 · 20 April 2016") for e in recent[2:])
    assert len(recent) == 17 + 2
    headings = [str(e["heading"]) for e in recent]
    assert headings[0].startswith("[Ministry of Health — plan 2016](history/2016/fed-moh.md#r-")
    assert headings[0].endswith(f" · 3 June 2016 · [pull request #9]({REPO_URL}/pull/9)")
    assert headings[1].endswith(f" · 2 May 2016 · [pull request #7]({REPO_URL}/pull/7)")
    for h in headings:
        assert not CODES.search(re.sub(r"\]\([^)]*\)", "]", h)), h  # the text, not the links
    merge = git(merged.root, "rev-parse", "HEAD~1").strip()
    assert f'href="{REPO_URL}/commit/{merge}"' in str(recent[1]["commit"])
    assert f">{merge[:7]}</a>" in str(recent[1]["commit"])
    # Status codes read as words in what changed; bodies, places, pillars by their names.
    assert "status: on track → delayed" in str(recent[1]["body"])
    added = str(recent[0]["body"])
    assert (
        "partners: UNFPA, " + text("Ministry of Interior (Kurdistan Regional Government)") in added
    )
    assert "locations: Baghdad, Diyala, " in added and "IQ-" not in added
    assert "pillar Protection and Prevention · objective Provide health" in added
    assert "progress: 2 reports, the latest 2016-Q4: on track" in added


def test_without_repo_url_the_pull_request_is_named_not_linked(merged: Repo) -> None:
    out = _pages(merged, repo_url=None)
    assert str(out.recent[0]["heading"]).endswith(" · 3 June 2016 · pull request #9")
    assert "href" not in str(out.recent[0]["commit"])
    page = out.pages["history/2016/krg-moi.md"]
    assert [str(r["heading"]) for r in page["revisions"]] == [
        "2 May 2016 · pull request #7",
        "20 April 2016",
    ]


def test_each_revision_downloads_as_its_plan_data(merged: Repo) -> None:
    merge = git(merged.root, "rev-parse", "HEAD~1").strip()
    files = _pages(merged).files
    data = json.loads(files[f"history/2016/krg-moi/{merge[:10]}.json"])
    assert data["body"] == "krg-moi" and data["activities"][0]["progress"][0]["status"] == "delayed"
    first = git(merged.root, "rev-parse", "HEAD~2").strip()
    assert b'"status":"on-track"' in files[f"history/2016/krg-moi/{first[:10]}.json"]


def test_history_page_is_titled_by_the_plan(merged: Repo) -> None:
    out = _pages(merged)
    assert out.pages["history/2016/krg-moi.md"]["title"] == text(
        "Ministry of Interior (Kurdistan Regional Government): history of the plan 2016"
    )
    assert out.pages["history/2016/fed-moh.md"]["title"] == text(
        "Ministry of Health: history of the plan 2016"
    )


def test_a_fiscal_year_is_named_as_the_framework_writes_it(tmp_path: Path) -> None:
    """Northland's plan year starts on 1 April: its 2023 plan is the plan 2023–24."""
    shutil.copytree(OTHER / "plans", tmp_path / "other" / "plans")
    repo = Repo(tmp_path / "other")
    git(repo.root, "init", "-q", "-b", "main")
    commit_all(repo.root, "Plans for 2023–24 (#2)", "2023-04-03T10:00:00-04:00")
    out = _pages(repo)
    assert out.pages["history/2023/dnd.md"]["title"] == text(
        "Department of National Defence: history of the plan 2023–24"
    )
    assert {e["title"] for e in out.recent} >= {
        "Department of Global Affairs — plan 2022–23 · 3 April 2023 · pull request #2",
        "Department of National Defence — plan 2023–24 · 3 April 2023 · pull request #2",
    }


def test_feed_entries_are_titled_by_plan_date_and_pull_request(merged: Repo) -> None:
    feed = ET.fromstring(_pages(merged).feed)
    titles = [e.findtext(f"{ATOM}title", "") for e in feed.iter(f"{ATOM}entry")]
    assert titles[:2] == [
        "Ministry of Health — plan 2016 · 3 June 2016 · pull request #9",
        "Ministry of Interior (Kurdistan Regional Government) — plan 2016 · 2 May 2016 · "
        "pull request #7",
    ]
    assert all(not CODES.search(t) for t in titles), titles
    summary = next(feed.iter(f"{ATOM}summary")).text or ""
    assert "partners: UNFPA, Ministry of Interior (Kurdistan Regional Government)" in summary
    # People are not named: the feed's author is the plan's.
    names = {n.text for n in feed.iter(f"{ATOM}name")}
    assert names == {feed.findtext(f"{ATOM}title", "").removesuffix(": recent changes")}


class _Headings(HTMLParser):
    """The text of each h1 and h2 in a page's article, as a reader sees it."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.links: list[str] = []
        self._in: str | None = None
        self._permalink = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2"):
            self._in, self._text = tag, ""
        elif tag == "a" and self._in:
            self._permalink = ("class", "headerlink") in attrs
            if not self._permalink:
                self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self.headings.append(" ".join(self._text.split()))
            self._in = None
        elif tag == "a":
            self._permalink = False

    def handle_data(self, data: str) -> None:
        if self._in and not self._permalink:
            self._text += data


def _headings(page: Path) -> _Headings:
    article = re.search(r"<article.*?</article>", page.read_text("utf-8"), re.S)
    assert article is not None
    parser = _Headings()
    parser.feed(article.group(0))
    return parser


@pytest.mark.slow
def test_built_site_headings_name_the_plan(merged: Repo, tmp_path: Path) -> None:
    shutil.copytree(Path(__file__).resolve().parent.parent / "docs", merged.root / "docs")
    merged.write("mkdocs.yml", site_config())
    git(merged.root, "add", "-A")  # the site's own files: no plan changes pending
    git(merged.root, "commit", "-q", "-m", "Site", date="2016-06-04T09:00:00+03:00")
    site = build_site(merged.root, tmp_path / "site")

    changes = _headings(site / "changes.html")
    assert changes.headings[0] == "Recent changes"
    assert changes.headings[1] == "Ministry of Health — plan 2016 · 3 June 2016 · pull request #9"
    assert changes.headings[2] == (
        "Ministry of Interior (Kurdistan Regional Government) — plan 2016 · 2 May 2016 · "
        "pull request #7"
    )
    assert f"{REPO_URL}/pull/9" in changes.links and f"{REPO_URL}/pull/7" in changes.links

    history = _headings(site / "history/2016/krg-moi.html")
    assert history.headings == [
        "Ministry of Interior (Kurdistan Regional Government): history of the plan 2016",
        "2 May 2016 · pull request #7",
        "20 April 2016",
    ]
    assert history.links == [f"{REPO_URL}/pull/7"]
    fed = _headings(site / "history/2016/fed-moi.html").headings[0]
    assert fed == "Ministry of Interior (Federal Government of Iraq): history of the plan 2016"
    for heading in changes.headings + history.headings:
        assert not CODES.search(heading), heading
    html = (site / "history/2016/krg-moi.html").read_text("utf-8")
    assert "status: on track → delayed" in html
    merge = git(merged.root, "rev-parse", "HEAD~2").strip()
    assert f'commit <a href="{REPO_URL}/commit/{merge}">{merge[:7]}</a>' in html

    feed = ET.parse(site / "changes.xml").getroot()
    entries = list(feed.iter(f"{ATOM}entry"))
    assert entries[0].findtext(f"{ATOM}title") == (
        "Ministry of Health — plan 2016 · 3 June 2016 · pull request #9"
    )
    for entry in entries:  # the links are as they were: each resolves to its page and anchor
        link = entry.find(f"{ATOM}link")
        assert link is not None
        path, _, anchor = (
            (link.get("href") or "").removeprefix("https://example.org/nap/").partition("#")
        )
        assert f'id="{anchor}"' in (site / path).read_text("utf-8"), path
