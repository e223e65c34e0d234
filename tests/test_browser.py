"""The built site in a real browser (Debian's chromium through Playwright): search in
three languages, right-to-left text, no request to another host, injection
payloads inert, and no serious accessibility problem."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from chromium import SEARCH_BOX, search, serve  # skips this module where chromium is missing
from napkit.site.search_folding import fold
from napkit.site.search_folding import scripts as folded_scripts

pytestmark = pytest.mark.slow  # real builds or many generated cases


@pytest.fixture(scope="module")
def sample_url(sample_site: Path) -> Iterator[str]:
    yield from serve(sample_site)


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    yield from serve(hostile_site)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    pg = context.new_page()
    yield pg
    context.close()


BOX = SEARCH_BOX


def _search(page: Any, base: str, query: str) -> list[str]:
    return search(page, f"{base}/index.html", query)


SEARCHES = [
    ("hotline", "hotline"),
    ("الاسري", "الأسري"),  # Arabic typed without the hamza on its alef
    ("حكوومهتي", "حکوومەتی"),  # Kurdish typed on an Arabic keyboard: ك, ي and ه
    ("الأُسري", "الأسري"),  # with a diacritic the plan leaves out
    ("حکوومەتی", "حکوومەتی"),  # as the plan spells it: still found
]
SEARCH_IDS = [
    "english",
    "arabic-without-hamza",
    "kurdish-arabic-keyboard",
    "arabic-with-diacritic",
    "kurdish-as-written",
]
SCRIPTS = folded_scripts(["en", "ar", "ckb"])  # the sample framework's languages


@pytest.mark.parametrize(("query", "expected"), SEARCHES, ids=SEARCH_IDS)
def test_search_finds_words_in_three_languages(
    page: Any, sample_url: str, query: str, expected: str
) -> None:
    results = _search(page, sample_url, query)
    assert results, f"nothing found for {query}"
    text = " ".join(results)
    # The plan's own spelling in titles and snippets, never the folded one.
    assert expected in text
    if fold(expected, SCRIPTS) != expected:
        assert fold(expected, SCRIPTS) not in text
    marked = page.locator(".md-search-result__item mark").all_inner_texts()
    assert any(expected.lower() in m.lower() for m in marked), marked
    assert page.locator(BOX).input_value() == query  # the box keeps what was typed


@pytest.mark.parametrize(("query", "expected"), SEARCHES[1:], ids=SEARCH_IDS[1:])
def test_a_followed_result_marks_the_original_words_on_its_page(
    page: Any, sample_url: str, query: str, expected: str
) -> None:
    _search(page, sample_url, query)
    page.locator(".md-search-result__link").first.click()
    page.wait_for_selector("article mark", timeout=10_000)
    marked = page.locator("article mark").all_inner_texts()
    assert any(expected in m for m in marked), marked
    assert all(fold(m, SCRIPTS).startswith(fold(query, SCRIPTS)) for m in marked), marked


def test_search_box_is_right_to_left_while_arabic_is_typed(page: Any, sample_url: str) -> None:
    _search(page, sample_url, "hotline")
    box = page.locator(BOX)
    assert box.get_attribute("dir") == "auto"
    assert box.evaluate("e => getComputedStyle(e).direction") == "ltr"
    box.fill("")
    box.type("الشرطة", delay=20)
    box.press("End")
    assert box.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert box.input_value() == "الشرطة"  # not rewritten to its folded form (الشرطه)


def test_a_missing_word_is_named_as_typed(page: Any, sample_url: str) -> None:
    _search(page, sample_url, "الاسري كةكة")  # the second word is in no plan
    missing = page.locator(".md-search-result__terms del").all_inner_texts()
    assert missing and set(missing) == {"كةكة"}  # not its folded form, کهکه


def test_search_forgives_from_a_folder(page: Any, sample_site: Path) -> None:
    """From file:// the theme's worker is the iframe shim: the same folding applies."""
    page.goto((sample_site / "index.html").as_uri())
    box = page.locator(BOX)
    box.click()
    box.type("الاسري", delay=20)
    box.press("End")
    page.wait_for_selector(".md-search-result__item mark", timeout=15_000)
    assert "الأسري" in page.locator(".md-search-result__item mark").all_inner_texts()
    assert box.input_value() == "الاسري"


def test_the_browser_folds_as_python_does(page: Any, sample_url: str) -> None:
    page.goto(f"{sample_url}/index.html")
    words = ["الأُسري", "حکوومەتی", "إنشاء", "مسؤولية", "Sécurité", "straße", "hotline"]
    folded = page.evaluate("ws => ws.map(w => window.napkitSearch.fold(w))", words)
    assert folded == [fold(w, SCRIPTS) for w in words]


def test_arabic_text_is_right_to_left(page: Any, sample_url: str) -> None:
    page.goto(f"{sample_url}/plans/2016/krg-moi.html")
    spans = page.locator("span[lang=ar]")
    assert spans.count() > 0
    assert spans.first.get_attribute("dir") == "rtl"
    assert spans.first.evaluate("e => getComputedStyle(e).direction") == "rtl"


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_no_page_requests_another_host(page: Any, sample_url: str, sample_site: Path) -> None:
    foreign: list[str] = []
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url)
            if urlparse(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith("data:")
            else None
        ),
    )
    for rel in _pages(sample_site):
        page.goto(f"{sample_url}/{rel}", wait_until="load")
    assert foreign == []


def test_injection_opens_no_dialog_and_adds_no_element(
    page: Any, hostile_url: str, hostile_site: Path
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for rel in _pages(hostile_site):
        page.goto(f"{hostile_url}/{rel}", wait_until="load")
        content = page.locator("article")
        if content.count():
            assert content.locator("script, img[onerror], iframe, [onclick]").count() == 0, rel
            assert content.locator("a[href^='javascript:']").count() == 0, rel
    page.goto(f"{hostile_url}/plans/2020/north-moi.html")
    page.locator("article a").first.click() if page.locator(
        "article a[href*=alert]"
    ).count() else None
    assert dialogs == []


@pytest.mark.parametrize("rel", ["index.html", "plan/2016.html", "plans/2016/fed-moh.html"])
def test_no_serious_accessibility_issue(page: Any, sample_url: str, rel: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{sample_url}/{rel}")
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [
        (v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in serious
    ]


def test_funding_gaps_sort_by_column(page: Any, sample_url: str) -> None:
    page.goto(f"{sample_url}/funding-gaps.html")
    table = page.locator(".napkit-sortable table").first

    column = table.locator("thead th").all_inner_texts().index("funding gap (IQD)") + 1

    def gaps() -> list[float]:
        cells = table.locator(f"tbody tr td:nth-child({column})").all_inner_texts()
        return [float(c.replace(",", "")) for c in cells]

    assert gaps() == sorted(gaps(), reverse=True)  # largest gap first, as built
    header = table.locator("thead th").nth(column - 1)
    header.locator("button").click()
    assert gaps() == sorted(gaps())
    assert header.get_attribute("aria-sort") == "ascending"
    # from the keyboard: Space and Enter on the heading's button sort too
    header.locator("button").focus()
    page.keyboard.press("Space")
    assert gaps() == sorted(gaps(), reverse=True)
    assert header.get_attribute("aria-sort") == "descending"
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    sorts = [h.get_attribute("aria-sort") for h in table.locator("thead th").all()]
    assert sorts.count("none") == len(sorts) - 1  # only the column sorted by says how
