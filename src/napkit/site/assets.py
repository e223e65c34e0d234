"""The site's own scripts and styles, served from the site itself."""

from __future__ import annotations

import json
from importlib.resources import files as package_files
from pathlib import Path

from napkit.i18n import N_, translate
from napkit.site.search_folding import script

SCRIPTS = ["assets/napkit/search-fold.js", "assets/napkit/napkit.js"]
STYLES = ["assets/napkit/napkit.css"]
# Material's offline plugin loads this Web Worker shim (npm package iframe-worker
# 1.0.4, MIT, licence beside it) from another host; the site serves its own copy.
IFRAME_WORKER = "assets/napkit/iframe-worker-shim.js"
# Theme templates napkit replaces (the repository link, without counts fetched from elsewhere).
OVERRIDES = Path(__file__).parent / "overrides"


# The words napkit.js shows, marked for the catalogues: the script has none of its own.
SCRIPT_WORDS = {
    "sort": N_("Sort by this column"),
    "search": N_("Search"),
    "region": N_("Table: scroll sideways for more columns"),
    "cue": N_("Scroll sideways for more columns →"),
}


def _catalogue_languages() -> list[str]:
    locale = package_files("napkit").joinpath("locale")
    return sorted(p.name for p in locale.iterdir() if p.is_dir())


def script_words() -> dict[str, dict[str, str]]:
    """napkit.js's words in English ("") and every catalogue's language: one script
    serves every language's pages, and picks by the page's `lang`."""
    words = {"": dict(SCRIPT_WORDS)}
    for language in _catalogue_languages():
        words[language] = {k: translate(v, language) for k, v in SCRIPT_WORDS.items()}
    return words


def napkit_js() -> str:
    source = package_files("napkit.site").joinpath("static", "napkit.js").read_text("utf-8")
    words = json.dumps(script_words(), ensure_ascii=False, sort_keys=True)
    return source.replace("var WORDS = {};", f"var WORDS = {words};", 1)


def files(scripts: tuple[str, ...]) -> dict[str, str]:
    """`scripts`: those of the framework's languages, for forgiving search."""
    static = package_files("napkit.site").joinpath("static")
    return {
        SCRIPTS[0]: script(scripts),
        SCRIPTS[1]: napkit_js(),
        STYLES[0]: static.joinpath("napkit.css").read_text("utf-8"),
        IFRAME_WORKER: static.joinpath("iframe-worker-shim.js").read_text("utf-8"),
        "assets/napkit/iframe-worker-LICENSE.txt": static.joinpath(
            "iframe-worker-LICENSE.txt"
        ).read_text("utf-8"),
    }
