"""What a reader's browser transfers for one page of a built site: the site served
from 127.0.0.1 by http.server, the page opened in Chromium (Debian's, through
Playwright, as the browser tests do), and every file the server was asked for,
weighed as a static host would send it (text gzip-compressed at level 6, images
and fonts as they are).

Two moments are told apart: the first view (the page loaded, and the network quiet
for half a second: what MkDocs-Material fetches at load time, its search index
included) and opening the search (what typing a query fetches on top of that).

bench_site.py --weight imports this from beside itself."""

from __future__ import annotations

import functools
import gzip
import http.server
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
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
# What static hosts (GitHub Pages, nginx's gzip_types, S3 behind a CDN) compress;
# PNG, JPEG and WOFF2 are compressed already and go as they are.
COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map", ".ico"}
SEARCH_INDEX = "search/search_index.json"
QUIET = 0.5  # seconds without a new request: the page has stopped loading
PATIENCE = 20.0  # seconds at most for a page or the search to settle


class WeightError(Exception):
    """The page cannot be weighed (no browser, or the page did not load)."""


@dataclass(frozen=True)
class Resource:
    path: str  # relative to the site folder
    raw: int  # bytes on disk
    gzip: int  # bytes sent: gzip level 6 for text, else raw


@dataclass
class View:
    """The files one moment of a page transferred, in the order they were asked for."""

    resources: list[Resource] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # asked for, not in the site
    foreign: list[str] = field(default_factory=list)  # asked of another host

    @property
    def gzip(self) -> int:
        return sum(r.gzip for r in self.resources)

    @property
    def raw(self) -> int:
        return sum(r.raw for r in self.resources)

    def has(self, path: str) -> bool:
        return any(r.path == path for r in self.resources)

    def without(self, path: str) -> int:
        """Gzip bytes of the view less the file `path`."""
        return sum(r.gzip for r in self.resources if r.path != path)


@dataclass(frozen=True)
class Weight:
    """A page's first view, what opening the search adds, and the search index."""

    first_view: View
    on_search: View
    index: Resource | None  # search/search_index.json, loaded or not


def gzip_size(path: Path) -> int:
    data = path.read_bytes()
    if path.suffix.lower() not in COMPRESSED:
        return len(data)
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def resource(site: Path, rel: str) -> Resource | None:
    path = site / rel
    if not path.is_file():
        return None
    return Resource(rel, path.stat().st_size, gzip_size(path))


def _site_path(url: str) -> str:
    """The file a same-host URL names, relative to the site folder."""
    path = unquote(urlsplit(url).path).lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path


class _Requests:
    """Every request of a page (the page, its frames and its workers), as it comes."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.urls: list[str] = []
        self.last = time.monotonic()

    def __call__(self, request: Any) -> None:
        self.urls.append(str(request.url))
        self.last = time.monotonic()

    def settle(self) -> None:
        """Wait until no request came for QUIET seconds (PATIENCE at most)."""
        start = time.monotonic()
        while time.monotonic() - self.last < QUIET and time.monotonic() - start < PATIENCE:
            time.sleep(0.1)

    def take(self, site: Path) -> View:
        """The view of the requests so far (each file once); forget them."""
        view, seen = View(), set()
        for url in self.urls:
            if url.startswith(("data:", "blob:")):
                continue
            if not url.startswith(self.origin + "/"):
                view.foreign.append(url)
                continue
            rel = _site_path(url)
            if rel in seen:
                continue
            seen.add(rel)
            found = resource(site, rel)
            if found is None:
                view.missing.append(rel)
            else:
                view.resources.append(found)
        self.urls = []
        return view


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """`site` over HTTP on 127.0.0.1 (a free port): its origin."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium through Playwright; WeightError when either is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise WeightError("Playwright is not installed (it is in the dev extras)") from exc
    if not Path(CHROMIUM).exists():
        raise WeightError(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def weigh(browser: Any, site: Path, page: str = "index.html", query: str = "plan") -> Weight:
    """Open `page` of the built `site` in a fresh context (an empty cache, as on a
    first visit, at 1366x900), then open the search and type `query`."""
    with serve(site) as origin:
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        try:
            tab = context.new_page()
            requests = _Requests(origin)
            tab.on("request", requests)
            # networkidle: the search worker's fetches and the favicon come after "load"
            tab.goto(f"{origin}/{page}", wait_until="networkidle", timeout=PATIENCE * 1000)
            requests.settle()
            first = requests.take(site)
            box = tab.locator("input[data-md-component=search-query]")
            if box.count():
                box.click()
                box.type(query, delay=20)
                requests.settle()
            on_search = requests.take(site)
        except Exception as exc:  # Playwright's errors have no common public base
            raise WeightError(f"{site / page}: {exc}") from exc
        finally:
            context.close()
    return Weight(first, on_search, resource(site, SEARCH_INDEX))
