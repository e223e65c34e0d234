"""Tables a reader can read whole, in a real browser (Debian's chromium): on a laptop
(1366 px) no table of any page runs off the side of the content; on a phone (390 px)
tables of three or more columns become cards that show every field; on paper (A4)
every column prints. Where a table still scrolls, a cue says so and the keyboard
reaches it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chromium import serve  # skips this module where chromium is missing

pytestmark = pytest.mark.slow

# Every table of the main content that does not fit the space it has: its scrolling
# box scrolls, or (on paper, where nothing scrolls) it reaches past the article.
OVERFLOWING = """() => Array.from(document.querySelectorAll('.md-content article table'))
  .map(t => {
    const box = t.closest('.md-typeset__scrollwrap') || t.parentElement;
    const article = t.closest('article').getBoundingClientRect();
    return {text: t.rows[0].innerText.slice(0, 60), width: box.scrollWidth, room: box.clientWidth,
            past: t.getBoundingClientRect().right - article.right};
  })
  .filter(x => x.width > x.room + 1 || x.past > 20)"""

# On a phone, each cell of a card table that a reader cannot see whole, or that
# does not say which column it is.
HIDDEN_FIELDS = """() => {
  const out = [];
  const right = document.documentElement.clientWidth;
  document.querySelectorAll('.md-content article table[data-cards] tbody tr').forEach(tr => {
    Array.from(tr.cells).forEach((td, i) => {
      // the first cell heads its card, unless it is a figure, which needs its label
      const labelled = i > 0 || td.style.textAlign === 'right';
      const r = td.getBoundingClientRect();
      const label = getComputedStyle(td, '::before').content;
      if (r.width === 0 || r.height === 0 || r.left < -1 || r.right > right + 1)
        out.push('hidden ' + td.dataset.label + ': ' + td.innerText.slice(0, 40));
      else if (labelled && label !== JSON.stringify(td.dataset.label || ''))
        out.push('unlabelled ' + td.innerText.slice(0, 40));
      else if (labelled && !td.dataset.label)
        out.push('no heading ' + td.innerText.slice(0, 40));
    });
  });
  return out;
}"""


def _pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html"
    )


@pytest.fixture(scope="module")
def served(sample_site: Path) -> Iterator[str]:
    yield from serve(sample_site)


def _each_page(
    browser: Any, base: str, pages: list[str], width: int, script: str
) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    found = {}
    for rel in pages:
        page.goto(f"{base}/{rel}")
        result = page.evaluate(script)
        if result:
            found[rel] = result
    context.close()
    return found


def test_no_table_runs_off_the_side_at_1366(browser: Any, served: str, sample_site: Path) -> None:
    pages = _pages(sample_site)
    assert len(pages) > 50  # every page of the sample: plans, bodies, history, guides
    assert _each_page(browser, served, pages, 1366, OVERFLOWING) == {}


def test_a_phone_shows_every_field_of_every_table(
    browser: Any, served: str, sample_site: Path
) -> None:
    pages = _pages(sample_site)
    assert _each_page(browser, served, pages, 390, OVERFLOWING) == {}
    assert _each_page(browser, served, pages, 390, HIDDEN_FIELDS) == {}


def test_a_phone_shows_a_funding_gap_row_as_a_labelled_card(browser: Any, served: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{served}/funding-gaps.html")
    row = page.locator("table[data-cards] tbody tr").first
    labels = row.locator("td").evaluate_all("cells => cells.map(c => c.dataset.label)")
    assert labels[:5] == [
        "activity",
        "body",
        "funding gap (IQD)",
        "budget (IQD)",
        "committed (IQD)",
    ]
    box = row.bounding_box()
    assert box is not None and box["width"] <= 390  # one card, the page's width
    gap = row.locator("td").nth(2)
    assert gap.evaluate("td => getComputedStyle(td, '::before').content") == '"funding gap (IQD)"'
    assert gap.is_visible()
    head = page.locator("table[data-cards] thead").first.bounding_box()
    assert head is not None and head["height"] <= 1  # headings are on each field instead
    context.close()


def test_print_shows_every_column(browser: Any, served: str) -> None:
    """A4 portrait is about 720 CSS px wide inside its margins."""
    context = browser.new_context(viewport={"width": 720, "height": 1000})
    page = context.new_page()
    page.emulate_media(media="print")
    for rel in ("funding-gaps.html", "report/index.html", "tracker.html", "plan/2016.html"):
        page.goto(f"{served}/{rel}")
        assert page.evaluate(OVERFLOWING) == [], rel
        # in print the table is a table, not cards
        assert page.evaluate(
            "getComputedStyle(document.querySelector('article table')).display"
        ) in ("table", "inline-table")
    context.close()


def test_a_table_that_still_scrolls_says_so_and_takes_focus(browser: Any, served: str) -> None:
    """Between a phone and a laptop (a small tablet) a wide table may still scroll."""
    context = browser.new_context(viewport={"width": 800, "height": 900})
    page = context.new_page()
    page.goto(f"{served}/funding-gaps.html")
    page.wait_for_selector(".md-typeset__scrollwrap")
    box = page.locator(".md-typeset__scrollwrap").first
    assert box.evaluate("b => b.scrollWidth > b.clientWidth + 1")  # eight columns at 800 px
    page.wait_for_selector(".napkit-scrolls")
    assert box.get_attribute("tabindex") == "0"
    assert box.get_attribute("role") == "region" and box.get_attribute("aria-label")
    assert page.locator(".napkit-scroll-cue").first.is_visible()
    # one that does not scroll has neither cue nor tab stop
    page.set_viewport_size({"width": 1366, "height": 900})
    page.wait_for_function("!document.querySelector('.napkit-scroll-cue')")
    assert box.get_attribute("tabindex") is None
    context.close()
