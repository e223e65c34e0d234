"""Right-to-left done right, read in a real browser: each language's text in its own
paragraph or isolated, headings (hence the table of contents) in one language, and
at phone width no line holding both Arabic and Kurdish."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chromium import serve  # skips this module where chromium is missing
from conftest import ROOT, SAMPLE, build_site, site_config
from napkit.plans.framework import Language
from napkit.site.languages import FSI, PDI, Languages

pytestmark = pytest.mark.slow  # real builds

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
FALLBACKS = [
    ("plans/nap.yaml", "      en: Participation\n"),
    (
        "plans/2016/krg-moi.yaml",
        "      en: Convene the KRG Cross Sector Task Force every quarter\n",
    ),
]
PAGES = [
    "index.html",
    "plan/2016.html",
    "plans/2016/krg-moi.html",
    "pillars/index.html",
    "pillars/participation.html",
    "bodies/index.html",
    "bodies/krg-moi.html",
    "tracker.html",
]

# For each block of the article (an element laid out as a block, list item or table
# cell) and each isolated element (unicode-bidi isolate, as `dir` or <bdi> give): the
# text it holds itself, leaving out nested blocks and isolated elements, with the
# language of each piece (its nearest `lang`) and whether its nearest `dir` is
# right-to-left; and the languages of all the text inside it.
_BLOCKS = r"""
() => {
  const article = document.querySelector("article");
  const isBlock = e => !getComputedStyle(e).display.startsWith("inline");
  const isolated = e => getComputedStyle(e).unicodeBidi.includes("isolate");
  const out = [];
  for (const block of [article, ...article.querySelectorAll("*")]) {
    if (!(isBlock(block) || isolated(block)) || block.closest("svg")) continue;
    const pieces = [];
    const walk = node => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          const owner = child.parentElement;
          pieces.push({
            text: child.data,
            lang: owner.closest("[lang]").getAttribute("lang"),
            rtl: (owner.closest("[dir]") || document.documentElement).dir === "rtl",
          });
        } else if (child.nodeType === Node.ELEMENT_NODE && !isBlock(child)
                   && !isolated(child) && child.localName !== "svg") {
          walk(child);
        }
      }
    };
    walk(block);
    const langs = new Set();
    const every = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let n = every.nextNode(); n; n = every.nextNode()) {
      if (/\p{L}/u.test(n.data) && !n.parentElement.closest("svg"))
        langs.add(n.parentElement.closest("[lang]").getAttribute("lang"));
    }
    out.push({tag: block.localName, html: block.outerHTML.slice(0, 200), pieces,
              langs: [...langs]});
  }
  return out;
}
"""


@pytest.fixture(scope="module")
def site_url(sample_site: Path) -> Iterator[str]:
    yield from serve(sample_site)


@pytest.fixture(scope="module")
def fallback_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample with a pillar's title and an activity's title not written in English:
    their headings fall back to Arabic inside English pages."""
    src = tmp_path_factory.mktemp("fallback-src")
    shutil.copytree(SAMPLE / "plans", src / "plans")
    shutil.copytree(ROOT / "docs", src / "docs")
    (src / "mkdocs.yml").write_text(site_config(), "utf-8")
    for rel, line in FALLBACKS:
        plan = src / rel
        text = plan.read_text("utf-8")
        assert line in text, line
        plan.write_text(text.replace(line, "", 1), "utf-8")
    yield from serve(build_site(src, tmp_path_factory.mktemp("fallback-site") / "site"))


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 390, "height": 800})
    pg = context.new_page()
    yield pg
    context.close()


def _letters(text: str) -> tuple[bool, bool]:
    """Whether `text` holds Latin letters, Arabic-script letters."""
    return bool(re.search(r"[A-Za-z]", text)), bool(ARABIC_SCRIPT.search(text))


@pytest.mark.parametrize("path", PAGES)
def test_no_block_mixes_directions_unisolated(page: Any, site_url: str, path: str) -> None:
    page.goto(f"{site_url}/{path}")
    blocks = page.evaluate(_BLOCKS)
    assert len(blocks) > 10
    arabic_seen = 0
    for b in blocks:
        own = "".join(p["text"] for p in b["pieces"])
        latin, arabic = _letters(own)
        assert not (latin and arabic), f"{path}: both directions in one line run: {b['html']}"
        for p in b["pieces"]:
            if ARABIC_SCRIPT.search(p["text"]):
                arabic_seen += 1
                assert p["lang"] in {"ar", "ckb"} and p["rtl"], f"{path}: unmarked {p['text']!r}"
        if b["tag"] == "p":
            # a paragraph is in one language: the others have paragraphs of their own
            assert len(b["langs"]) <= 1, f"{path}: a paragraph in {b['langs']}: {b['html']}"
    if path in {"index.html", "plan/2016.html", "plans/2016/krg-moi.html", "tracker.html"}:
        assert arabic_seen, f"{path}: no Arabic-script text found, nothing was checked"


def test_paragraphs_per_language_hold_markdown_escaped(page: Any, site_url: str) -> None:
    """A language's paragraph is read by Markdown: no backslash of an escape is left."""
    page.goto(f"{site_url}/index.html")
    rtl = page.locator("article p[dir=rtl]")
    assert rtl.count() >= 2
    for text in rtl.all_inner_texts():
        assert "\\" not in text


def _toc(page: Any, url: str) -> list[str]:
    page.goto(url)
    return [
        t.strip() for t in page.locator("nav.md-nav--secondary a.md-nav__link").all_text_contents()
    ]


@pytest.mark.parametrize("path", ["plan/2016.html", "plans/2016/krg-moi.html", "tracker.html"])
def test_table_of_contents_entries_are_clean(page: Any, site_url: str, path: str) -> None:
    entries = _toc(page, f"{site_url}/{path}")
    assert len(entries) > 3
    for entry in entries:
        assert not re.search(r"·\s*·|^·|·$", entry), f"stray separator in {entry!r}"
        outside = re.sub(f"{FSI}[^{PDI}]*{PDI}", "", entry)
        assert not ARABIC_SCRIPT.search(outside), f"Arabic-script text not isolated: {entry!r}"
        if path == "plan/2016.html":
            assert "·" not in entry, f"a heading in several languages: {entry!r}"


# Per-line boxes of the text in `lang` within the elements from `start` to the next
# heading of its rank or higher (that heading left out).
_LINES = """
([start, lang]) => {
  const first = document.querySelector(start);
  const rank = Number(first.localName[1]);
  const els = [first];
  for (let e = first.nextElementSibling; e; e = e.nextElementSibling) {
    if (/^h[1-6]$/.test(e.localName) && Number(e.localName[1]) <= rank) break;
    els.push(e);
  }
  const lines = [];
  for (const el of els) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.data.trim() || n.parentElement.closest("[lang]").getAttribute("lang") !== lang)
        continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) lines.push([r.top, r.bottom]);
    }
  }
  return lines;
}
"""


@pytest.mark.parametrize(
    ("path", "start"),
    [
        ("index.html", "article h1"),
        ("plans/2016/krg-moi.html", "article h2"),
        ("bodies/index.html", "article h1"),  # names in three languages in table cells
    ],
)
def test_no_line_holds_both_arabic_and_kurdish_at_phone_width(
    page: Any, site_url: str, path: str, start: str
) -> None:
    page.goto(f"{site_url}/{path}")
    arabic = page.evaluate(_LINES, [start, "ar"])
    kurdish = page.evaluate(_LINES, [start, "ckb"])
    assert arabic and kurdish
    for a_top, a_bottom in arabic:
        for k_top, k_bottom in kurdish:
            overlap = min(a_bottom, k_bottom) - max(a_top, k_top)
            assert overlap <= 1, f"{path}: an Arabic and a Kurdish line share a line box"


def _langs() -> Languages:
    return Languages(
        [
            Language("en", "English", "ltr"),
            Language("ar", "Arabic", "rtl"),
            Language("ckb", "Kurdish", "rtl"),
        ]
    )


def test_a_heading_in_a_fallback_language_is_isolated_and_escaped() -> None:
    shown = _langs().heading({"ar": "<b>تدريب</b> #1"})
    assert shown.startswith('<span lang="ar" dir="rtl">' + FSI)
    assert shown.endswith(PDI + "</span>")
    assert "<b>" not in shown and "&lt;b&gt;" in shown


def test_blocks_besides_a_heading_leave_out_its_language() -> None:
    blocks = _langs().blocks({"en": "Train", "ar": "تدريب", "ckb": "ڕاهێنان"}, besides_heading=True)
    assert "Train" not in blocks
    assert blocks.count("<p ") == 2 and '<p lang="ckb" dir="rtl" markdown>' in blocks


@pytest.mark.parametrize("path", ["plan/2016.html", "plans/2016/krg-moi.html"])
def test_a_heading_falling_back_to_arabic_is_isolated(
    page: Any, fallback_url: str, path: str
) -> None:
    entries = _toc(page, f"{fallback_url}/{path}")
    arabic = [e for e in entries if ARABIC_SCRIPT.search(e)]
    assert arabic, entries  # the fallback reached the table of contents
    for entry in arabic:
        assert re.search(f"{FSI}[^{PDI}]+{PDI}", entry), entry
        assert not ARABIC_SCRIPT.search(re.sub(f"{FSI}[^{PDI}]*{PDI}", "", entry)), entry
    for b in page.evaluate(_BLOCKS):
        own = "".join(p["text"] for p in b["pieces"])
        assert not all(_letters(own)), f"{path}: both directions unisolated: {b['html']}"
