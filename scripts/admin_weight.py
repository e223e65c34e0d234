"""What /admin/ (the form editor) costs a reader on a slow connection: the bytes the
browser transfers until the sign-in screen is usable, and how long that takes in
Chromium under DevTools' "Slow 3G" (400 kbit/s down and up, 400 ms latency, set with
CDP Network.emulateNetworkConditions), with an empty cache and again with a warm one.

    python scripts/admin_weight.py [--site DIR] [--runs 3] [--locale ar]
                                   [--encoding gzip|br] [--network slow-3g|none]

Without --site the repository's own site is built first (mkdocs build, as `nap build`
does). The site is served from 127.0.0.1 as a static host serves it: text compressed
when the browser accepts it, with gzip (level 6, as GitHub Pages sends it) or with
brotli (--encoding br, as a CDN in front of Pages could; needs `pip install brotli`),
fonts as they are, cached for ten minutes with an ETag (GitHub Pages' settings). The
table's brotli column, when the module is installed, is computed whatever is sent.

"Usable" is the moment the sign-in button is in the page and enabled, measured in the
page (performance.now() from the start of navigation). The form itself comes after
sign-in, from GitHub's API, and is not measured here.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import http.server
import importlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
ARGS += ["--disable-background-networking", "--disable-component-update", "--disable-sync"]
# DevTools' "Slow 3G", as the task states it: bytes per second and milliseconds.
SLOW_3G = {"latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
COMPRESSED = {".html", ".js", ".json", ".yml", ".txt", ".css", ".svg"}
GOAL_BYTES = 1_000_000
GOAL_SECONDS = 10.0
USABLE = """() => {
  const b = [...document.querySelectorAll('button')].find(
    b => b.closest('dialog') === null && !b.disabled && b.offsetParent !== null
      && b.getAttribute('aria-disabled') !== 'true');
  return b ? (window.napkitUsable ??= performance.now()) : false;
}"""


@dataclass(frozen=True)
class Sizes:
    raw: int
    gzip: int
    brotli: int | None


def sizes(path: Path) -> Sizes:
    data = path.read_bytes()
    if path.suffix not in COMPRESSED:
        return Sizes(len(data), len(data), len(data))
    try:
        brotli = importlib.import_module("brotli")  # optional: pip install brotli
        br: int | None = len(brotli.compress(data, quality=11))
    except ImportError:
        br = None
    return Sizes(len(data), len(gzip.compress(data, 6, mtime=0)), br)


_ENCODED: dict[tuple[Path, str], bytes] = {}


def encoded(path: Path, encoding: str) -> bytes:
    """The file as sent with `encoding` (gzip level 6, or brotli at quality 11 as a
    host precompresses), made once: compressing is not part of the timing."""
    key = (path, encoding)
    if key not in _ENCODED:
        data = path.read_bytes()
        if encoding == "br":
            data = importlib.import_module("brotli").compress(data, quality=11)
        elif encoding == "gzip":
            data = gzip.compress(data, 6, mtime=0)
        _ENCODED[key] = data
    return _ENCODED[key]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """A static host: text compressed when the browser accepts the encoding, an ETag,
    ten minutes' caching."""

    encoding = "gzip"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        data = path.read_bytes()
        tag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == tag:
            self.send_response(304)
            self.send_header("ETag", tag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("ETag", tag)
        accepted = [e.strip() for e in self.headers.get("Accept-Encoding", "").split(",")]
        if path.suffix in COMPRESSED and self.encoding in accepted:
            data = encoded(path, self.encoding)
            self.send_header("Content-Encoding", self.encoding)
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@contextmanager
def serve(site: Path, encoding: str) -> Iterator[str]:
    for path in (site / "admin").rglob("*"):
        if path.suffix in COMPRESSED:
            encoded(path, encoding)
    kind = type("Handler", (_Handler,), {"encoding": encoding})
    handler = functools.partial(kind, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Load:
    seconds: float  # until the sign-in screen is usable
    transferred: int  # bytes on the wire (bodies and headers) by then
    files: list[str]  # site paths asked for by then
    hosts: set[str]


def load(context: Any, url: str, throttle: bool) -> Load:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    if throttle:
        cdp.send("Network.emulateNetworkConditions", {"offline": False, **SLOW_3G})
    done: dict[str, int] = {}
    urls: dict[str, str] = {}
    cdp.on(
        "Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"])
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: done.__setitem__(e["requestId"], int(e["encodedDataLength"])),
    )
    page.goto(url, wait_until="commit")
    handle = page.wait_for_function(USABLE, polling="raf", timeout=180_000)
    seconds = float(handle.json_value()) / 1000
    page.wait_for_timeout(200)
    files = [urlsplit(urls[r]).path for r in done if urls.get(r, "").startswith("http")]
    hosts = {urlsplit(u).netloc for u in urls.values() if u.startswith("http")}
    page.close()
    return Load(seconds, sum(done.values()), files, hosts)


def build(into: Path) -> Path:
    site = into / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    subprocess.run(
        [str(mkdocs), "build", "--quiet", "--site-dir", str(site)], cwd=ROOT, env=env, check=True
    )
    return site


def kb(n: int | None) -> str:
    return "n/a" if n is None else f"{n / 1000:,.1f} KB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build this repository's)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--network",
        choices=["slow-3g", "none"],
        default="slow-3g",
        help="none: no throttling (a quick check that the script works)",
    )
    parser.add_argument(
        "--encoding",
        choices=["gzip", "br"],
        default="gzip",
        help="how the host compresses text: gzip (GitHub Pages) or br (needs `brotli`)",
    )
    parser.add_argument("--locale", default="ar", help="the browser's language (default: ar)")
    args = parser.parse_args()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sys.exit("needs playwright (make install)")
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build(Path(tmp))
        admin = site / "admin"
        if not (admin / "index.html").is_file():
            sys.exit(f"{site} has no admin/index.html: build it with napkit")
        with serve(site, args.encoding) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            cold: list[Load] = []
            warm: list[Load] = []
            for _ in range(args.runs):
                context = browser.new_context(locale=args.locale)
                slow = args.network == "slow-3g"
                cold.append(load(context, f"{base}/admin/index.html", throttle=slow))
                warm.append(load(context, f"{base}/admin/index.html", throttle=slow))
                context.close()
            fast = browser.new_context(locale=args.locale)
            unthrottled = load(fast, f"{base}/admin/index.html", throttle=False)
            fast.close()
            browser.close()
        report(site, cold, warm, unthrottled, args.network, args.encoding)
    return 0


def size_table(site: Path, load: Load) -> tuple[list[tuple[str, Sizes]], Sizes]:
    """Each file the page asked for, its sizes, and the totals."""
    asked = sorted({unquote(f) for f in load.files})
    rows = [(f, sizes(site / f.lstrip("/"))) for f in asked if (site / f.lstrip("/")).is_file()]
    brotli = [s.brotli for _, s in rows]
    total = Sizes(
        sum(s.raw for _, s in rows),
        sum(s.gzip for _, s in rows),
        None if None in brotli else sum(b or 0 for b in brotli),
    )
    print("/admin/: the files asked for until the sign-in screen is usable\n")
    print("| file | raw | gzip | brotli |")
    print("|---|---:|---:|---:|")
    for f, s in rows:
        print(f"| {f} | {kb(s.raw)} | {kb(s.gzip)} | {kb(s.brotli)} |")
    ours = [s for f, s in rows if not f.endswith("/sveltia-cms.js")]
    print(f"| **all** | {kb(total.raw)} | {kb(total.gzip)} | {kb(total.brotli)} |")
    print(
        f"| what the page adds to the bundle | {kb(sum(s.raw for s in ours))} | "
        f"{kb(sum(s.gzip for s in ours))} | "
        f"{kb(None if total.brotli is None else sum(s.brotli or 0 for s in ours))} |"
    )
    return rows, total


def report(
    site: Path,
    cold: list[Load],
    warm: list[Load],
    unthrottled: Load,
    network: str,
    encoding: str,
) -> None:
    rows, total = size_table(site, cold[0])
    print()
    profile = "slow 3G (400 kbit/s, 400 ms)" if network == "slow-3g" else "no throttling"
    print(f"| {profile}, sent {encoding}, {len(cold)} runs | median | min | max |")
    print("|---|---:|---:|---:|")
    for name, loads in (("first visit", cold), ("second visit (cached)", warm)):
        secs = [x.seconds for x in loads]
        print(
            f"| {name}: usable after | {statistics.median(secs):.1f} s | {min(secs):.1f} s | "
            f"{max(secs):.1f} s |"
        )
        sent = [x.transferred for x in loads]
        print(
            f"| {name}: transferred (with headers) | {kb(int(statistics.median(sent)))} | "
            f"{kb(min(sent))} | {kb(max(sent))} |"
        )
    print(f"| no throttling: usable after | {unthrottled.seconds:.2f} s | | |")
    print()
    rate = SLOW_3G["downloadThroughput"]
    for f, b in rows:
        if f.endswith("/sveltia-cms.js"):
            print(
                f"Bound: the bundle alone at 400 kbit/s takes {b.gzip / rate:.1f} s gzip-"
                + "compressed"
                + ("" if b.brotli is None else f", {b.brotli / rate:.1f} s brotli-compressed")
                + f"; the rest of the page adds {(total.gzip - b.gzip) / rate:.1f} s (gzip)."
            )
    verdict_bytes = "met" if total.gzip <= GOAL_BYTES else "NOT met"
    median = statistics.median(x.seconds for x in cold)
    verdict_time = "met" if median <= GOAL_SECONDS else "NOT met"
    print(f"Goal at most 1 MB compressed: {verdict_bytes} ({kb(total.gzip)} gzip).")
    if network == "slow-3g":
        print(f"Goal usable in under 10 s on slow 3G: {verdict_time} ({median:.1f} s).")
    hosts = set().union(*(x.hosts for x in [*cold, *warm, unthrottled]))
    print(f"Hosts asked: {', '.join(sorted(hosts))}")


if __name__ == "__main__":
    sys.exit(main())
