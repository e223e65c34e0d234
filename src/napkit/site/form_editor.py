"""/admin/: the form editor (Sveltia CMS), served from the site itself.

The bundle is vendored in site/admin/ (scripts/update_cms.py fetches a version and
writes manifest.json); this module adds it to the site with the page that loads it
and the configuration `nap cms` writes, made at build time.

Loading its sign-in screen, Sveltia CMS 0.221.1 asks other hosts for four things
(read in Chromium, every request recorded). The copy the site serves points each at
the site itself, by exact replacements in the bundle's text (`rewrites`), so that
/admin/ loads with no host but the site's own, and no reader's address goes to a CDN:

- its interface strings (locales/<code>.json from a CDN): served from admin/locales/,
  and the interface offers only the languages served (and English, built in);
- its update check (package.json of the newest release on a CDN, every hour): it
  reads admin/manifest.json instead, whose version is the pinned one, so it never
  offers an update the site does not have;
- GitHub's status page (a banner when GitHub has an incident): admin/github-status.json
  says "unknown", and no banner shows;
- three web fonts from a CDN: the icon font is served from admin/fonts/ (cut down to
  the icons the bundle names), and the two text fonts give way to the reader's own
  (Arabic is drawn by the system's fonts in any case).

Widgets this configuration does not use load more from a CDN when opened (maps,
image tools, code highlighting, the rich-text editor's chunk): left as they are, and
refused by the page's Content-Security-Policy, which allows only the site itself and
GitHub's API. Whatever a later version adds is refused too, and the browser test
(tests/test_form_editor.py) sees the attempt.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files as package_files
from importlib.resources.abc import Traversable
from typing import Any

FOLDER = "admin"
BUNDLE = "sveltia-cms.js"
MANIFEST = "manifest.json"
CONFIG = "config.json"  # what the page loads; config.yml beside it, the same, to read
GITHUB_STATUS = "github-status.json"
FIELDS = "napkit-fields.js"  # right-to-left languages' fields written right to left
ICON_FONT = "fonts/material-symbols-outlined.woff2"
# The only other host the page may reach: where the CMS reads and writes the plans,
# after sign-in. GitHub sign-in through an auth service opens a window of its own,
# which this policy does not govern.
GITHUB_API = "https://api.github.com"
POLICY = "; ".join(
    [
        "default-src 'self'",
        # data: for the logo, which the bundle reads with fetch().
        f"connect-src 'self' data: {GITHUB_API}",
        "script-src 'self'",
        "worker-src 'self' blob:",
        # Svelte adds each component's styles as a <style> element.
        "style-src 'self' 'unsafe-inline'",
        "font-src 'self'",
        # The user's picture from GitHub is another host: not shown.
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "frame-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
)


@dataclass(frozen=True)
class Rewrite:
    find: str  # exactly as the pinned version has it, once
    put: str
    why: str


class BundleChanged(Exception):
    """The vendored bundle is not the version the rewrites were written for."""


def rewrites(languages: list[str]) -> list[Rewrite]:
    """`languages`: the interface languages served from admin/locales/."""
    return [
        Rewrite(
            "USe=`${iP}@${rP}/locales`",
            "USe=`./locales`",
            "interface strings from the site",
        ),
        Rewrite(
            "jQ=`ar,bg,ca,cs,da,de,el,en-CA,en-GB,en-US,es-CO,fa,fi,fr,hr,it,ja,ko,nl,pl,"
            "pt-BR,pt-PT,ru,sv,tr,uk,vi,zh-CN,zh-TW`",
            f"jQ=`{','.join(sorted({*languages, 'en-US'}))}`",
            "only the interface languages the site serves",
        ),
        Rewrite(
            "NSe=`${iP}/package.json`",
            f"NSe=`./{MANIFEST}`",
            "the update check reads the pinned version",
        ),
        Rewrite(
            "Oye=`https://www.githubstatus.com/api/v2/status.json`",
            f"Oye=`./{GITHUB_STATUS}`",
            "GitHub's status: unknown, no banner",
        ),
        Rewrite(
            "src:url(https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/"
            "latin-wght-normal.woff2)\n      format('woff2-variations')",
            "src:local('Source Sans 3')",
            "the text font: the reader's own",
        ),
        Rewrite(
            "src:url(https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/"
            "latin-400-normal.woff2)\n      format('woff2')",
            "src:local('Noto Mono')",
            "the code font: the reader's own",
        ),
        Rewrite(
            "src:url(https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:"
            "vf@5.3.7/latin-wght-normal.woff2)\n      format('woff2-variations')",
            f"src:url({ICON_FONT}) format('woff2')",
            "the icon font from the site",
        ),
    ]


def _vendored() -> Traversable:
    return package_files("napkit.site").joinpath(FOLDER)


def manifest() -> dict[str, object]:
    data: dict[str, object] = json.loads(_vendored().joinpath(MANIFEST).read_text("utf-8"))
    return data


def served_bundle(text: str, languages: list[str]) -> str:
    """The bundle with every address of another host pointed at the site."""
    for rewrite in rewrites(languages):
        if text.count(rewrite.find) != 1:
            raise BundleChanged(
                f"the vendored {BUNDLE} does not hold, once, the text to replace for "
                f"{rewrite.why!r}: after scripts/update_cms.py, read the new version's "
                "requests again and update napkit/site/form_editor.py's rewrites"
            )
        text = text.replace(rewrite.find, rewrite.put)
    return text


def page(title: str, rtl: Sequence[str] = ()) -> str:
    """admin/index.html: the policy, the configuration's address, the bundle, and the
    script that writes the fields of the right-to-left languages `rtl` (their names, as
    the configuration's labels end: "(العربية)") right to left."""
    endings = html.escape(json.dumps([f"({name})" for name in rtl], ensure_ascii=False))
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{POLICY}">
<meta name="robots" content="noindex">
<meta name="referrer" content="same-origin">
<title>{html.escape(title)}</title>
<link rel="icon" href="data:,">
<link rel="cms-config-url" type="application/json" href="{CONFIG}">
</head>
<body>
<noscript>The form editor needs JavaScript.</noscript>
<script src="{FIELDS}" data-rtl="{endings}"></script>
<script src="{BUNDLE}"></script>
</body>
</html>
"""


@cache
def _served_files() -> dict[str, bytes]:
    """The vendored files as served (the bundle's requests pointed at the site): read
    and rewritten once, not once per language's build."""
    folder = _vendored()
    listed = manifest()["files"]
    assert isinstance(listed, dict)
    languages = [rel[8:-5] for rel in listed if rel.startswith("locales/")]  # locales/ar.json
    out: dict[str, bytes] = {}
    for rel in listed:
        data = folder.joinpath(rel).read_bytes()
        if rel == BUNDLE:
            data = served_bundle(data.decode("utf-8"), languages).encode("utf-8")
        out[f"{FOLDER}/{rel}"] = data
    out[f"{FOLDER}/{MANIFEST}"] = folder.joinpath(MANIFEST).read_bytes()
    return out


def files(
    config: Mapping[str, Any], config_text: str, title: str, rtl: Sequence[str] = ()
) -> dict[str, str | bytes]:
    """Every file of /admin/, by its path in the site. `config_text`: config.yml as
    `nap cms` writes it, for people to read; the page loads the same configuration as
    compact JSON, a fifth of its compressed size (gzip's window is too short for the
    repeats of YAML's indented lists), about a second less on a slow connection."""
    out: dict[str, str | bytes] = dict(_served_files())
    out[f"{FOLDER}/{GITHUB_STATUS}"] = json.dumps({"status": {"indicator": "unknown"}}) + "\n"
    out[f"{FOLDER}/config.yml"] = config_text
    out[f"{FOLDER}/{CONFIG}"] = json.dumps(config, ensure_ascii=False, separators=(",", ":"))
    out[f"{FOLDER}/index.html"] = page(title, rtl)
    fields = package_files("napkit.site").joinpath("static", "form-fields.js")
    out[f"{FOLDER}/{FIELDS}"] = fields.read_text("utf-8")
    return out


__all__ = [
    "BUNDLE",
    "CONFIG",
    "FOLDER",
    "GITHUB_API",
    "POLICY",
    "BundleChanged",
    "files",
    "rewrites",
]
