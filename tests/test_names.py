"""Names wherever a person reads: no body id, location code or status code in the
text of any generated page of the built sample site. Codes stay in ids, URLs, the
small activity id under a title, and `code` (a body's Id row). The format and
rules references and the guides explain the codes, so they name them."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from conftest import SAMPLE

pytestmark = pytest.mark.slow  # a real build of the sample site

# Pages that teach the format: they must show its codes.
REFERENCE = {"format.html", "rules.html", "editors-guide.html", "reviewers-guide.html"}
REFERENCE |= {"maintainers-guide.html"}
# Written for people but holding codes on purpose: code, a GitHub handle, the
# activity's own id, a preformatted diff.
KEPT = re.compile(
    r'<code>.*?</code>|<small class="napkit-id">.*?</small>|<pre\b.*?</pre>|@[\w./-]+', re.DOTALL
)


def _codes() -> list[str]:
    bodies = yaml.safe_load((SAMPLE / "plans/bodies.yaml").read_text("utf-8"))["bodies"]
    nap = yaml.safe_load((SAMPLE / "plans/nap.yaml").read_text("utf-8"))
    return [
        *(b["id"] for b in bodies),
        *(x["code"] for x in nap["locations"]),
        *("on-track", "not-started", "no-report", "yes-no", "in-kind"),
    ]


def _read(page: Path) -> str:
    text = page.read_text("utf-8")
    article = text[text.index("<article") : text.index("</article>")]
    return html.unescape(re.sub(r"<[^>]+>", " ", KEPT.sub(" ", article)))


def test_pages_name_bodies_places_and_statuses(sample_site: Path) -> None:
    codes = _codes()
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, codes)) + r")(?![\w-])")
    found: dict[str, set[str]] = {}
    # admin/: the form editor, whose text is Sveltia CMS's, drawn by its script.
    pages = [
        p
        for p in sample_site.rglob("*.html")
        if p.name not in REFERENCE | {"404.html"} and p.parent.name != "admin"
    ]
    assert len(pages) > 50
    for page in pages:
        hits = set(pattern.findall(_read(page)))
        if hits:
            found[page.relative_to(sample_site).as_posix()] = hits
    assert found == {}


def test_an_activity_names_its_partners_and_places(sample_site: Path) -> None:
    """fed-moh's plan has a partner that is a body of bodies.yaml, and places."""
    plan = yaml.safe_load((SAMPLE / "plans/2016/fed-moh.yaml").read_text("utf-8"))
    nap = yaml.safe_load((SAMPLE / "plans/nap.yaml").read_text("utf-8"))
    places = {x["code"]: x["name"] for x in nap["locations"]}
    page = (sample_site / "plans/2016/fed-moh.html").read_text("utf-8")
    located = [a for a in plan["activities"] if a.get("locations")]
    assert located
    for code in located[0]["locations"]:
        name = places[code]
        english = name if isinstance(name, str) else name["en"]
        assert html.escape(english) in page
    partnered = [p for a in plan["activities"] for p in a.get("partners", []) if "-" in p]
    for body in partnered:  # a body's id becomes a link to its page, named
        assert f'href="../../bodies/{body}.html"' in page
