"""The site in every language of nap.yaml, as `nap build` makes it from the sample and
a reader's browser shows it (Debian's chromium through Playwright): each language's
pages say their language and direction, the switcher lands on the same page in the
other language, guides without a translation are listed and say so, each site's
search forgives the spelling of its readers' keyboards, and axe-core finds no serious
problem on the pages read first."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from chromium import SEARCH_BOX, search, serve  # skips this module where chromium is missing
from conftest import ROOT, SAMPLE, commit_all, git, site_config
from napkit.check.validation import load_framework
from napkit.cli import cli
from napkit.i18n import translate
from napkit.mkdocs_plugin.plugin import UNTRANSLATED
from napkit.site.languages import language_name
from napkit.site.search_folding import fold
from napkit.site.search_folding import scripts as folded_scripts
from test_every_page import AXE_OPTIONS, BLOCKING, describe

pytestmark = pytest.mark.slow  # a real build of three sites, and a browser

# A guide translated for the test: the others fall back to English.
TRANSLATED = ("reviewers-guide.md", "ar", "# دليل المراجعين\n\nيوافق المراجعون على خطط جهتهم.\n")
PAGES = ["index.html", "plan/2016.html", "pillars/participation.html", "reviewers-guide.html"]


@dataclass(frozen=True)
class Built:
    site: Path
    output: str  # what nap build said
    languages: dict[str, tuple[str, str]]  # code -> (folder, dir), from nap.yaml


def _languages() -> dict[str, tuple[str, str]]:
    """nap.yaml's languages: the first at the site's root, the others in folders."""
    listed = load_framework(SAMPLE).languages
    return {
        lang.code: ("" if i == 0 else f"{lang.code}/", lang.dir) for i, lang in enumerate(listed)
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    src = tmp_path_factory.mktemp("languages-src")
    shutil.copytree(SAMPLE / "plans", src / "plans")
    shutil.copytree(ROOT / "docs", src / "docs")
    name, code, text = TRANSLATED
    (src / "docs" / name.replace(".md", f".{code}.md")).write_text(text, "utf-8")
    (src / "mkdocs.yml").write_text(site_config(), "utf-8")
    git(src, "init", "-q", "-b", "main")
    commit_all(src, "Plans as submitted (#1)", "2016-04-28T10:00:00+03:00")
    old = Path.cwd()
    os.chdir(src)
    try:
        result = CliRunner().invoke(cli, ["build"], catch_exceptions=False)
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.stderr
    return Built(src / "site", result.stderr, _languages())


@pytest.fixture(scope="module")
def base(built: Built) -> Iterator[str]:
    yield from serve(built.site)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    yield context.new_page()
    context.close()


def test_the_sample_has_three_languages_two_right_to_left(built: Built) -> None:
    # What the other tests take from nap.yaml, checked once.
    assert list(built.languages) == ["en", "ar", "ckb"]
    assert [d for _, d in built.languages.values()] == ["ltr", "rtl", "rtl"]


@pytest.mark.parametrize("rel", [*PAGES, "404.html"])
def test_each_language_says_its_language_and_direction(
    page: Any, base: str, built: Built, rel: str
) -> None:
    for code, (folder, direction) in built.languages.items():
        page.goto(f"{base}/{folder}{rel}")
        html = page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]")
        assert html == [code, direction], (folder, rel)
        css = page.evaluate("() => getComputedStyle(document.body).direction")
        assert css == direction, (folder, rel)


@pytest.mark.parametrize("rel", PAGES)
def test_no_page_asks_for_a_file_that_is_not_there(
    page: Any, base: str, built: Built, rel: str
) -> None:
    """Material fetches a sitemap beside each alternate link in the head: links to
    the same page in another language would make those requests for missing files."""
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    for folder, _ in built.languages.values():
        page.goto(f"{base}/{folder}{rel}", wait_until="networkidle")
    assert missing == []


def test_each_language_is_a_site_of_its_own(built: Built) -> None:
    """Its own search index, sitemap under its own address, and Atom feed in its
    language."""
    indexes = set()
    for code, (folder, _) in built.languages.items():
        index = built.site / folder / "search" / "search_index.json"
        indexes.add(index.read_text("utf-8"))
        sitemap = (built.site / folder / "sitemap.xml").read_text("utf-8")
        locs = re.findall(r"<loc>([^<]*)</loc>", sitemap)
        assert locs and all(loc.startswith(f"https://example.org/nap/{folder}") for loc in locs)
        if folder:  # no other language's pages in it
            assert not any(f"/nap/{folder}{folder}" in loc for loc in locs)
        feed = (built.site / folder / "changes.xml").read_text("utf-8")
        assert re.search(rf'<feed [^>]*xml:lang="{code}"', feed), feed[:200]
    assert len(indexes) == len(built.languages)  # each built on its own, not copies


@pytest.mark.parametrize("rel", PAGES)
def test_the_switcher_lands_on_the_same_page(page: Any, base: str, built: Built, rel: str) -> None:
    for code, (folder, _) in built.languages.items():
        for other, (other_folder, _) in built.languages.items():
            if other == code:
                continue
            page.goto(f"{base}/{folder}{rel}")
            page.hover(".md-header__option .md-select")
            page.locator(f'.md-select__link[hreflang="{other}"]').click()
            page.wait_for_load_state("load")
            assert page.url == f"{base}/{other_folder}{rel}", (code, other)
            lang = page.evaluate("() => document.documentElement.lang")
            assert lang == other


def test_guides_without_a_translation_are_listed_and_say_so(
    page: Any, base: str, built: Built
) -> None:
    guides = sorted(p.name for p in (ROOT / "docs").glob("*.md") if p.name.count(".") == 1)
    translated, translated_in, _ = TRANSLATED
    for code, (folder, _) in built.languages.items():
        if not folder:
            continue
        expected = [g for g in guides if not (g == translated and code == translated_in)]
        listed = re.search(
            rf"^  shown in English .*\(docs/<name>\.{code}\.md\): (.*)$", built.output, re.M
        )
        assert listed and listed[1].split(", ") == expected, built.output
        for guide in guides:
            page.goto(f"{base}/{folder}{guide.replace('.md', '.html')}")
            note = page.locator(".napkit-untranslated")
            if guide in expected:
                # the catalogue's sentence, naming English in the reader's language
                said = translate(UNTRANSLATED, code).format(language=language_name("en", code))
                assert note.inner_text().strip() == said != UNTRANSLATED
                # the English text is marked as such, inside the page's direction
                body = page.locator("article div[lang][dir]").last
                assert (body.get_attribute("lang"), body.get_attribute("dir")) == ("en", "ltr")
            else:
                assert note.count() == 0
                assert "دليل المراجعين" in page.locator("article h1").inner_text()
    page.goto(f"{base}/{translated.replace('.md', '.html')}")  # the English site: as written
    assert page.locator(".napkit-untranslated").count() == 0


BOX = SEARCH_BOX
SCRIPTS = folded_scripts(["en", "ar", "ckb"])


SEARCHES = [
    ("ar", "انشاء", "إنشاء"),  # Arabic without the hamza under its alef
    ("ar", "الاقليم", "الإقليم"),  # with the article, without the hamza
    ("ar", "تميز", "تميّز"),  # without the shadda the plan writes
    ("ckb", "حكوومهتي", "حکوومەتی"),  # Kurdish on an Arabic keyboard: ك, ي and ه
    ("ckb", "يهكهي", "یەکەی"),  # ي for ی, ك for ک, ه for ە
]


@pytest.mark.parametrize(("code", "query", "expected"), SEARCHES)
def test_each_sites_search_forgives_and_shows_the_plans_spelling(
    page: Any, base: str, built: Built, code: str, query: str, expected: str
) -> None:
    folder, _ = built.languages[code]
    assert fold(query, SCRIPTS) == fold(expected, SCRIPTS) and query != expected
    results = search(page, f"{base}/{folder}index.html", query)
    text = " ".join(results)
    assert expected in text, results[:3]
    marked = page.locator(".md-search-result__item mark").all_inner_texts()
    assert any(expected in m for m in marked), marked
    assert page.locator(BOX).input_value() == query  # the box keeps what was typed
    # the index searched is this language's own
    assert page.evaluate("() => document.documentElement.lang") == code


AXE_PAGES = ["index.html", "plan/index.html", "plan/2016.html", "plans/2016/krg-moi.html"]


@pytest.mark.parametrize("code", ["ar", "ckb"])
def test_no_serious_accessibility_problem_in_the_right_to_left_sites(
    page: Any, base: str, built: Built, code: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    folder, _ = built.languages[code]
    problems = []
    for rel in AXE_PAGES:
        page.goto(f"{base}/{folder}{rel}", wait_until="load")
        found = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        problems += [(f"{folder}{rel}", v) for v in found if v["impact"] in BLOCKING]
    assert not problems, describe(problems)


# The page's visible text in its own language: text inside an element marked with
# another language (plan text shown as written) is not the interface's.
_OWN_TEXT = r"""
() => {
  const own = document.documentElement.lang;
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || !el.checkVisibility()) continue;
    // code (file names, ids) is no interface string
    if (el.closest("script, style, svg, code")) continue;
    if (el.closest("[lang]").getAttribute("lang") !== own) continue;
    out.push(n.data);
  }
  // plan text isolated where markup cannot mark its language (the table of contents)
  return out.join(" ").replace(/\u2068[^\u2069]*\u2069/g, " ");
}
"""
GENERATED = [
    "index.html",
    "plan/index.html",
    "plan/2016.html",
    "plans/2016/krg-moi.html",
    "pillars/participation.html",
    "bodies/index.html",
    "tracker.html",
    "funding-gaps.html",
    "report/index.html",
    "changes.html",
    "downloads.html",
]


def _msgids() -> dict[str, re.Pattern[str]]:
    """Each message of the Arabic catalogue (the singular of a plural one), as a pattern
    in which a placeholder stands for any short text (plan text, a number)."""
    path = ROOT / "src/napkit/locale/ar/LC_MESSAGES/napkit.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    found = {}
    for message in catalogue:
        text = message.id if isinstance(message.id, str) else message.id[0]
        if not text or not re.search(r"[A-Za-z]{2}", re.sub(r"\{[a-z_]+\}", "", text)):
            continue
        body = r".{1,120}?".join(re.escape(p) for p in re.split(r"\{[a-z_]+\}", text.strip()))
        found[text] = re.compile(rf"(?<![A-Za-z]){body}(?![A-Za-z])", re.S)
    return found


@pytest.mark.parametrize("code", ["ar", "ckb"])
def test_no_english_interface_string_is_left_on_the_generated_pages(
    page: Any, base: str, built: Built, code: str
) -> None:
    folder, _ = built.languages[code]
    msgids = _msgids()
    assert len(msgids) > 20
    left: dict[str, list[str]] = {}
    for rel in GENERATED:
        page.goto(f"{base}/{rel}")
        english = page.evaluate(_OWN_TEXT)
        page.goto(f"{base}/{folder}{rel}")
        translated = page.evaluate(_OWN_TEXT)
        for msgid, pattern in msgids.items():
            if pattern.search(english) and pattern.search(translated):
                left.setdefault(rel, []).append(msgid)
    assert not left, f"English left on the {code} pages: {left}"


def test_render_takes_a_language_of_nap_yaml(tmp_path: Path) -> None:
    """`nap render --lang`: the pages for another generator, in one language."""
    shutil.copytree(SAMPLE / "plans", tmp_path / "plans")
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        done = CliRunner().invoke(cli, ["render", "--out", "pages", "--no-history", "--lang", "ar"])
        wrong = CliRunner().invoke(cli, ["render", "--out", "other", "--lang", "fr"])
    finally:
        os.chdir(old)
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "pages" / "index.md").is_file()
    assert wrong.exit_code == 2 and "'fr' is not a language of plans/nap.yaml" in wrong.stderr
    assert not (tmp_path / "other").exists()
