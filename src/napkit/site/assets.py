"""The site's own scripts and styles, served from the site itself."""

from __future__ import annotations

from importlib.resources import files as package_files
from pathlib import Path

from napkit.site.search_folding import script

SCRIPTS = ["assets/napkit/search-fold.js", "assets/napkit/napkit.js"]
STYLES = ["assets/napkit/napkit.css"]
# Material's offline plugin loads this Web Worker shim (npm package iframe-worker
# 1.0.4, MIT, licence beside it) from another host; the site serves its own copy.
IFRAME_WORKER = "assets/napkit/iframe-worker-shim.js"
# Theme templates napkit replaces (the repository link, without counts fetched from elsewhere).
OVERRIDES = Path(__file__).parent / "overrides"


def files(scripts: tuple[str, ...]) -> dict[str, str]:
    """`scripts`: those of the framework's languages, for forgiving search."""
    static = package_files("napkit.site").joinpath("static")
    return {
        SCRIPTS[0]: script(scripts),
        SCRIPTS[1]: static.joinpath("napkit.js").read_text("utf-8"),
        STYLES[0]: static.joinpath("napkit.css").read_text("utf-8"),
        IFRAME_WORKER: static.joinpath("iframe-worker-shim.js").read_text("utf-8"),
        "assets/napkit/iframe-worker-LICENSE.txt": static.joinpath(
            "iframe-worker-LICENSE.txt"
        ).read_text("utf-8"),
    }
