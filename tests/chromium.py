"""What every browser test shares: Debian's chromium driven by Playwright (nothing
downloads a browser), started as this closed machine needs, and a site served from
a folder on 127.0.0.1.

Importing this module skips the importing test module (or, imported inside a
fixture, the tests that use it) where chromium is missing, except in CI, where that
is an error: .ci/run installs it.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without the background-networking flags chromium keeps calling hosts it cannot reach.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError(
            "chromium is missing in CI: .ci/run installs it (apt-get install chromium)"
        )
    pytest.skip(
        "Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True
    )

sync_api = pytest.importorskip("playwright.sync_api")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(folder: Path) -> Iterator[str]:
    """`folder` over HTTP on 127.0.0.1, for as long as the generator is not closed."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def launched() -> Iterator[Any]:
    """A chromium, closed when the generator is (conftest's `browser` fixture)."""
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


__all__ = ["ARGS", "CHROMIUM", "launched", "serve", "sync_api"]


# Material's search box
SEARCH_BOX = "input[data-md-component=search-query]"


def search(page: Any, url: str, query: str) -> list[str]:
    """The results' texts for `query` typed into the search box of the page at `url`."""
    page.goto(url)
    box = page.locator(SEARCH_BOX)
    box.click()
    box.type(query, delay=20)
    box.press("End")  # non-Latin text typed by Playwright sends no key events: one more
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return [t.strip() for t in page.locator(".md-search-result__item").all_inner_texts()]
