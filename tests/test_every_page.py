"""Every page of the built sample site in a real browser (Debian's chromium through
Playwright): axe-core finds no serious or critical problem on any of them, and the
pages a donor reads first are photographed at a laptop's and a phone's width, for
people to review."""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from chromium import serve  # skips this module where chromium is missing
from conftest import SITE_SETTINGS

pytestmark = pytest.mark.slow  # a real build, and a browser on every page


# The rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices: named
# so that a new axe release adds no experimental rule behind the test's back.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
BLOCKING = ("serious", "critical")

# What a donor opens first, at a laptop's and at a phone's width.
SHOTS = ["index.html", "funding-gaps.html", "tracker.html"]
WIDTHS = {"1366": (1366, 900), "390": (390, 844)}


@pytest.fixture(scope="module")
def sample_url(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site served under the path of its site_url, as published: 404.html, which
    a host serves at any address, names its styles and links from that path."""
    path = urlsplit(SITE_SETTINGS["site_url"]).path.strip("/")
    root = tmp_path_factory.mktemp("host")
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).symlink_to(sample_site, target_is_directory=True)
    for base in serve(root):
        yield f"{base}/{path}"


@pytest.fixture(scope="module")
def tab(browser: Any) -> Iterator[Any]:
    """One context and one tab for the whole module: a page load is cheap."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    yield context.new_page()
    context.close()


def site_pages(site: Path) -> list[str]:
    # 404.html included: a reader who follows a dead link reads it too.
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def violations(tab: Any, url: str) -> list[dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe

    tab.goto(url, wait_until="load")
    found: list[dict[str, Any]] = Axe().run(tab, options=AXE_OPTIONS).response["violations"]
    return found


def describe(problems: list[tuple[str, dict[str, Any]]]) -> str:
    """One block per rule: its impact and summary, then each page with the first
    elements it names."""
    by_rule: dict[str, list[str]] = {}
    for rel, v in problems:
        targets = ", ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:3])
        more = f" (+{len(v['nodes']) - 3} more)" if len(v["nodes"]) > 3 else ""
        head = f"{v['id']} [{v['impact']}]: {v['help']}"
        by_rule.setdefault(head, []).append(f"    {rel}: {targets}{more}")
    return "\n".join(f"{head}\n" + "\n".join(lines) for head, lines in sorted(by_rule.items()))


def test_no_page_has_a_serious_accessibility_problem(
    tab: Any, sample_url: str, sample_site: Path
) -> None:
    pages = site_pages(sample_site)
    assert len(pages) > 20 and "index.html" in pages  # the whole site, not a corner of it
    problems = [
        (rel, v)
        for rel in pages
        for v in violations(tab, f"{sample_url}/{rel}")
        if v["impact"] in BLOCKING
    ]
    pages_hit = len({rel for rel, _ in problems})
    assert not problems, (
        f"{len(problems)} serious or critical axe violations on {pages_hit} of "
        f"{len(pages)} pages:\n{describe(problems)}"
    )


def test_the_donors_pages_at_a_phones_width_have_no_serious_problem(
    tab: Any, sample_url: str, sample_site: Path
) -> None:
    # On a phone more tables scroll, and a scrolling region must take the keyboard's focus.
    pages = SHOTS + [f"report/{rel}" for rel in site_pages(sample_site / "report")]
    assert len(pages) > len(SHOTS)  # the annual report's pages are there
    tab.set_viewport_size({"width": 390, "height": 844})
    try:
        problems = [
            (rel, v)
            for rel in pages
            for v in violations(tab, f"{sample_url}/{rel}")
            if v["impact"] in BLOCKING
        ]
    finally:
        tab.set_viewport_size({"width": 1366, "height": 900})
    assert not problems, f"at 390 px wide:\n{describe(problems)}"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (which the format puts first)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture
def shots_folder(tmp_path: Path) -> Path:
    named = os.environ.get("NAPKIT_SCREENSHOTS")
    folder = Path(named) if named else tmp_path / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_screenshots_of_the_donors_pages_at_two_widths(
    tab: Any, sample_url: str, shots_folder: Path
) -> None:
    for label, (width, height) in WIDTHS.items():
        tab.set_viewport_size({"width": width, "height": height})
        for rel in SHOTS:
            tab.goto(f"{sample_url}/{rel}", wait_until="load")
            out = shots_folder / f"{Path(rel).stem}-{label}.png"
            tab.screenshot(path=str(out), full_page=True)
            shot_width, shot_height = png_size(out.read_bytes())
            # the whole page: as wide as the window at least, and as tall
            assert shot_width >= width and shot_height >= height, (out, shot_width, shot_height)
            # a page of text and charts, not a blank or an error page
            assert out.stat().st_size > 20_000, (out, out.stat().st_size)
    tab.set_viewport_size({"width": 1366, "height": 900})
