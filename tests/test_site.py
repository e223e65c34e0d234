"""The built site: every activity where it belongs, text escaped, nothing from other hosts."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import SAMPLE, Repo

pytestmark = pytest.mark.slow  # real builds or many generated cases

# Links a browser does not fetch: MkDocs writes a canonical link once site_url is set,
# as the maintainers' guide says to.
NOT_FETCHED = {"canonical", "alternate"}


class _Requests(HTMLParser):
    """Every URL on another host that loading the page would fetch."""

    def __init__(self) -> None:
        super().__init__()
        self.elsewhere: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link" and set(values.get("rel", "").lower().split()) <= NOT_FETCHED:
            return
        if tag in ("script", "link", "img", "iframe", "source", "video", "audio"):
            url = values.get("src") or values.get("href") or ""
            if re.match(r"(https?:)?//", url, re.IGNORECASE):
                self.elsewhere.append(f"<{tag}> {url}")


def _elsewhere(html: str) -> list[str]:
    parser = _Requests()
    parser.feed(html)
    return parser.elsewhere


def _sample_activities() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for path in sorted((SAMPLE / "plans/2016").glob("*.yaml")):
        plan = yaml.safe_load(path.read_text("utf-8"))
        out[plan["body"]] = [a["id"] for a in plan["activities"]]
    return out


def test_every_activity_on_the_master_plan_and_its_body_page(sample_site: Path) -> None:
    master = (sample_site / "plan/2016.html").read_text("utf-8")
    for body, ids in _sample_activities().items():
        page = (sample_site / f"plans/2016/{body}.html").read_text("utf-8")
        for ident in ids:
            assert f">{body}-2016-{ident}<" in master, f"{body}-2016-{ident} not on the master plan"
            assert f'id="{ident}"' in page, f"{ident} not on {body}'s page"


def test_pages_a_reader_expects(sample_site: Path) -> None:
    for page in (
        "index.html",
        "plan/index.html",
        "bodies/index.html",
        "pillars/index.html",
        "tracker.html",
        "funding-gaps.html",
        "report/index.html",
        "changes.html",
        "changes.xml",
        "downloads.html",
        "editors-guide.html",
        "reviewers-guide.html",
        "format.html",
        "rules.html",
        "history/2016/fed-moh.html",
    ):
        assert (sample_site / page).is_file(), page
    for download in (
        "downloads/master.json",
        "downloads/master-2016.csv",
        "downloads/master-2016.xlsx",
        "downloads/schema/plan.schema.json",
        "downloads/schema/master.schema.json",
    ):
        assert (sample_site / download).stat().st_size > 0, download


def test_arabic_and_kurdish_are_marked_right_to_left(sample_site: Path) -> None:
    page = (sample_site / "plans/2016/krg-moi.html").read_text("utf-8")
    # in a table cell as a span, under a heading as a paragraph of its own
    assert '<span lang="ar" dir="rtl">' in page
    assert '<p dir="rtl" lang="ckb">' in page


def test_edit_link_points_at_the_plan_file(sample_site: Path) -> None:
    page = (sample_site / "plans/2016/fed-moh.html").read_text("utf-8")
    assert 'href="https://github.com/iraq-nap-1325/plans/edit/main/plans/2016/fed-moh.yaml"' in page


def test_no_resource_from_another_host(sample_site: Path) -> None:
    """The sample is built with site_url set, as for publishing."""
    assert '<link rel="canonical" href="https://example.org/nap/' in (
        sample_site / "index.html"
    ).read_text("utf-8")
    for page in sample_site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert _elsewhere(html) == [], page
        assert "fonts.googleapis" not in html and "unpkg.com" not in html


def test_search_index_keeps_the_plans_spelling(sample_site: Path) -> None:
    import json

    raw = (sample_site / "search/search_index.json").read_text("utf-8")
    docs = json.loads(raw)["docs"]
    text = " ".join(d["title"] + " " + d["text"] for d in docs)
    # Results show what the plans say; the browser adds the folded forms (test_browser).
    assert "الأسري" in text and "الاسری" not in text
    assert "\\u0627" not in raw  # UTF-8, not escapes: a third lighter for Arabic


def test_charts_have_titles_and_tables(sample_site: Path) -> None:
    home = (sample_site / "index.html").read_text("utf-8")
    assert home.count('<svg xmlns="http://www.w3.org/2000/svg" class="napkit-chart"') == 3
    assert home.count("<title id=") == 3
    assert home.count('<details class="napkit-chart-data"') == 3


def test_master_plan_page_stays_small(sample_site: Path) -> None:
    size = (sample_site / "plan/2016.html").stat().st_size
    assert size < 400_000, size  # the sample: 144 activities


def _digits(cell: str) -> str:
    """A table cell's number as digits: whatever marks up the figure or its currency."""
    return re.sub(r"\D", "", re.sub(r"<[^>]+>", "", cell))


def test_master_plan_in_the_menu_summarises_the_latest_year_by_pillar(sample_site: Path) -> None:
    """One year: its figures by pillar, recomputed here from the master plan JSON, and
    links to its full master plan and to each pillar; no table of a single year."""
    import json
    from decimal import Decimal

    (year,) = json.loads((sample_site / "downloads/master.json").read_text("utf-8"))["years"]
    page = (sample_site / "plan/index.html").read_text("utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    assert f'href="{year["year"]}.html"' in article
    assert f'href="../downloads/master-{year["year"]}.xlsx"' in article
    assert "Every year" not in article
    for pillar in year["pillars"]:
        ours = [a for a in year["activities"] if a["pillar"] == pillar["id"]]
        money = [a["budget"]["reporting"] for a in ours if "reporting" in (a["budget"] or {})]
        expected = [
            *(str(int(sum(Decimal(m[k]) for m in money))) for k in ("gap", "budget", "committed")),
            str(len(ours)),
        ]
        link = article.index(f'href="../pillars/{pillar["id"]}.html"')
        row = article[article.rindex("<tr", 0, link) : article.index("</tr>", link)]
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)
        assert [_digits(c) for c in cells[1:]] == expected, pillar["id"]
    # A summary, not a copy: master plan pages are the biggest.
    assert (sample_site / "plan/index.html").stat().st_size * 3 < (
        sample_site / f"plan/{year['year']}.html"
    ).stat().st_size


def test_master_plan_in_the_menu_lists_every_year_newest_first(tmp_path: Path) -> None:
    other = Repo(tmp_path / "other")
    shutil.copytree(SAMPLE.parent / "other/plans", other.path("plans"))
    result = other.nap("render", "--out", str(tmp_path / "pages"), "--no-history")
    assert result.exit_code == 0, result.stderr
    index = (tmp_path / "pages/plan/index.md").read_text("utf-8")
    summary, _, every_year = index.partition("## Every year")
    assert "## 2023–24" in summary and "(2023.md)" in summary and "(2022.md)" not in summary
    assert every_year.index("[2023–24](2023.md)") < every_year.index("[2022–23](2022.md)")


def test_atom_feed_is_well_formed(sample_site: Path) -> None:
    import xml.etree.ElementTree as ET

    feed = ET.parse(sample_site / "changes.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 17  # one revision of each sample plan
    for entry in entries:
        for child in ("title", "id", "updated", "link", "summary"):
            assert entry.find(f"a:{child}", ns) is not None


def test_every_feed_link_resolves_to_a_page_and_its_anchor(sample_site: Path) -> None:
    import xml.etree.ElementTree as ET

    feed = ET.parse(sample_site / "changes.xml").getroot()
    links = [e.get("href", "") for e in feed.iter("{http://www.w3.org/2005/Atom}link")]
    assert len(links) == 18  # the feed's own page, and one link per entry
    for link in links:
        assert link.startswith("https://example.org/nap/"), link  # site_url, as published
        path, _, anchor = link.removeprefix("https://example.org/nap/").partition("#")
        page = sample_site / path
        assert page.is_file(), link  # use_directory_urls: false publishes x.html
        assert not anchor or f'id="{anchor}"' in page.read_text("utf-8"), link


def test_sitemap_lists_every_page_at_its_published_address(sample_site: Path) -> None:
    """Generated pages (plans, bodies, history) as well as the guides; each address a
    built file, as use_directory_urls: false (which the offline plugin forces) publishes."""
    import xml.etree.ElementTree as ET

    urlset = ET.parse(sample_site / "sitemap.xml").getroot()
    locs = [e.text or "" for e in urlset.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(locs) == len(set(locs))
    paths = set()
    for loc in locs:
        assert loc.startswith("https://example.org/nap/"), loc  # site_url, as published
        path = loc.removeprefix("https://example.org/nap/")
        assert (sample_site / path).is_file(), loc
        paths.add(path)
    pages = {p.relative_to(sample_site).as_posix() for p in sample_site.rglob("*.html")}
    # the form editor is a tool for editors, not a page for search engines
    assert paths == pages - {"404.html", "admin/index.html"}
    assert {"plan/2016.html", "plans/2016/fed-moh.html", "history/2016/fed-moh.html"} <= paths


def _mkdocs_build(root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [mkdocs, "build", "-d", str(out)], cwd=root, capture_output=True, text=True, env=env
    )


def test_a_build_without_site_url_says_what_to_write(mini: Repo, tmp_path: Path) -> None:
    """mkdocs.yml's `strict: true` makes the warning stop the build: published without
    site_url, the sitemap would be empty."""
    (mini.root / "docs").mkdir()
    mini.write(
        "mkdocs.yml",
        "site_name: T\nrepo_url: https://github.com/Example-Org/nap-plans\nstrict: true\n"
        "theme: {name: material, font: false}\nplugins: [search, {napkit: {history: false}}]\n",
    )
    proc = _mkdocs_build(mini.root, tmp_path / "site")
    assert proc.returncode == 1, proc.stderr
    assert "WARNING -  napkit: mkdocs.yml has no site_url" in proc.stderr
    assert "site_url: https://example-org.github.io/nap-plans/" in proc.stderr  # from repo_url
    mini.write("mkdocs.yml", mini.read("mkdocs.yml") + "site_url: https://example.org/\n")
    proc = _mkdocs_build(mini.root, tmp_path / "site")
    assert proc.returncode == 0, proc.stderr


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.bad.append(f"<{tag} {name}={value}>")
        if tag in ("script", "img", "iframe", "object", "embed"):
            self.bad.append(f"<{tag}>")


def test_injection_payloads_render_as_text(hostile_site: Path) -> None:
    page = (hostile_site / "plans/2020/north-moi.html").read_text("utf-8")
    parser = _Elements()
    parser.feed(page[page.index("<article") : page.index("</article>")])
    assert parser.bad == []
    assert (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
        or "&lt;script&gt;alert('x')&lt;/script&gt;" in page
    )
    assert "onerror=alert" in page.replace("&#x27;", "'")  # shown as text
    assert 'href="javascript:' not in page.lower()
    assert "&amp;lt;script&amp;gt;entity" in page  # an entity stays the text the editor wrote


def test_render_writes_the_same_pages_without_mkdocs(sample: Repo, tmp_path: Path) -> None:
    result = sample.nap("render", "--out", str(tmp_path / "pages"), "--no-history")
    assert result.exit_code == 0, result.stderr
    master = (tmp_path / "pages/plan/2016.md").read_text("utf-8")
    assert "fed-moh-2016-A1" in master
    assert (tmp_path / "pages/downloads/master-2016.xlsx").read_bytes()[:2] == b"PK"


def test_arabic_headings_get_readable_anchors(sample_site: Path) -> None:
    """A heading holds one language, the reader's (site/languages.py): in Arabic, the
    site's own toc settings make its anchor of Arabic words, not a number."""
    import markdown
    from mkdocs.utils.yaml import yaml_load

    from conftest import ROOT

    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as f:
        extensions = yaml_load(f)["markdown_extensions"]
    (toc,) = [e["toc"] for e in extensions if isinstance(e, dict) and "toc" in e]
    heading = markdown.markdown(
        "## الحماية والوقاية", extensions=["toc"], extension_configs={"toc": toc}
    )
    assert 'id="الحماية-والوقاية"' in heading, heading
    page = (sample_site / "plan/2016.html").read_text("utf-8")
    ids = re.findall(r'<h2 id="([^"]+)"', page)
    assert ids
    assert all(not re.fullmatch(r"_?\d*", i) for i in ids)


def test_amounts_carry_their_currency_and_bodies_their_names(sample_site: Path) -> None:
    """A USD activity's spending says USD; tables name bodies (with their jurisdiction
    where two share a name) and pillars, not their ids."""
    from napkit.check.validation import load_framework
    from napkit.plans.texts import text_in
    from napkit.render.workbook.lists import body_names

    fw = load_framework(SAMPLE)
    plan = (sample_site / "plans/2016/krg-moi.html").read_text("utf-8")
    assert re.search(r"<td[^>]*>24,500 USD</td>", plan)
    gaps = (sample_site / "funding-gaps/2016.html").read_text("utf-8")
    master = (sample_site / "plan/2016.html").read_text("utf-8")
    for page in (gaps, master):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", page)
        assert not any(re.fullmatch(r"(fed|krg)-[a-z-]+", c) for c in cells)
        assert not any(re.search(r">(fed|krg)-[a-z-]+<", c) for c in cells)
    names = body_names(fw)
    shared = [b for b in fw.bodies if "(" in text_in(names[b], fw.language_codes)]
    assert shared, "the sample has bodies that share a name"
    for b in shared:
        name = html.escape(text_in(names[b], fw.language_codes), quote=False)
        assert name in master, name
    assert text_in(fw.pillars["protection"].title, fw.language_codes) in gaps


def test_no_table_has_an_empty_header(sample_site: Path) -> None:
    """Key-value tables are headed by what they describe (axe: empty-table-header),
    and name the jurisdiction, not its id."""
    for page in sample_site.rglob("*.html"):
        text = page.read_text("utf-8")
        assert not re.search(r"<th[^>]*>\s*</th>", text), page
    plan = (sample_site / "plans/2016/krg-moi.html").read_text("utf-8")
    assert re.search(r"<th[^>]*>Activity</th>\s*<th[^>]*>A1</th>", plan)
    assert "(krg)" not in plan


def _h1(page: Path) -> str:
    found = re.search(r"<h1[^>]*>(.*?)<", page.read_text("utf-8"))
    assert found, page
    return found[1]


def test_bodies_that_share_a_name_have_pages_told_apart(sample_site: Path) -> None:
    for folder in ("bodies", "plans/2016"):
        fed, krg = (_h1(sample_site / folder / f"{body}.html") for body in ("fed-moi", "krg-moi"))
        assert fed != krg, folder
    page = (sample_site / "plans/2016/krg-moi.html").read_text("utf-8")
    assert re.search(r">Ministry of Interior</a> \(Kurdistan Regional Government\)", page)
