"""The site's history: a page per plan with every revision, the per-field history
of each activity, the recent changes across all plans with their Atom feed, and
every revision's plan as JSON. A plan not committed yet has its page too, which
says so (the site shows the working tree)."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup

from napkit.history.diff import flatten
from napkit.history.gitlog import SHALLOW_CLONE
from napkit.history.timeline import Revision
from napkit.i18n import t
from napkit.plans.framework import Framework, Text
from napkit.plans.layout import plan_path
from napkit.render import changes as render
from napkit.render.markdown import text
from napkit.render.numbers import numerals
from napkit.render.workbook.lists import body_names
from napkit.site import working_tree
from napkit.site.inputs import SiteInputs
from napkit.site.languages import Languages

RECENT = 50


class _Plan(NamedTuple):
    """A plan as readers name it, not by its file: its body's name and its year."""

    body: str  # plain text, with the jurisdiction where two bodies share the name
    year: str  # as the framework writes it: 2016, or 2016–17 for a fiscal year

    @property
    def name(self) -> str:
        return render.plan_name(self.body, self.year)


@dataclass(frozen=True)
class _Links:
    """Where a revision's pull request and commit are, when mkdocs.yml has repo_url."""

    repo_url: str | None

    def pull_request(self, number: int) -> str:
        words = render.pull_request(number)
        return f"[{words}]({self.repo_url}/pull/{number})" if self.repo_url else words

    def commit(self, sha: str) -> Markup:
        """The commit, last, after the changes: for those who look for it in git. Not
        in <small> nor as code: Material greys both below a 4.5:1 contrast."""
        short = html.escape(sha[:7])
        if self.repo_url:
            short = f'<a href="{html.escape(f"{self.repo_url}/commit/{sha}")}">{short}</a>'
        words = html.escape(t("commit {sha}")).replace("{sha}", short)
        return Markup(f'<span class="napkit-commit">{words}</span>')


@dataclass
class HistoryPages:
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)  # page -> template values
    files: dict[str, bytes] = field(default_factory=dict)  # revision downloads
    activities: dict[str, dict[str, list[str]]] = field(
        default_factory=dict
    )  # plan path -> activity id -> lines
    recent: list[dict[str, Any]] = field(default_factory=list)
    uncommitted: Markup = field(default_factory=Markup)  # the list atop the recent changes
    pending: frozenset[str] = frozenset()  # plan paths not committed as they are
    feed: str = ""
    warnings: list[str] = field(default_factory=list)


def history_pages(
    inputs: SiteInputs,
    langs: Languages,
    *,
    repo_url: str | None = None,
    site_url: str | None = None,
    directory_urls: bool = True,
) -> HistoryPages:
    """`site_url` and `directory_urls` as in mkdocs.yml: the feed links to pages as
    MkDocs publishes them."""
    out = HistoryPages()
    fw = inputs.master.framework
    if not inputs.with_history:
        return out
    if not inputs.in_git:
        out.warnings.append("not a git repository: the site has no history pages")
        out.feed = atom([], fw, langs, site_url, directory_urls)
        return out
    if inputs.shallow:
        out.warnings.append(SHALLOW_CLONE)
    links = _Links(repo_url.rstrip("/") if repo_url else None)
    names = body_names(fw)
    codes = _code_names(fw, langs, names)
    everything: list[tuple[Revision, str, dict[str, Any], _Plan]] = []
    for file, revisions in inputs.revisions:
        if not file.deleted and _is_plan(file.path):
            plan = _plan(file.path, fw, langs, names)
            everything += _plan_history(out, file.path, plan, revisions, links, codes)
    _working_tree(out, inputs, fw, langs, names)
    everything.sort(key=lambda e: (e[0].commit.date, e[0].commit.sha), reverse=True)
    for r, page, item, plan in everything[:RECENT]:
        anchor = item["anchor"]
        when = render.day(r.commit.date)
        pr = r.commit.pull_request
        title = " · ".join([plan.name, when, *([render.pull_request(pr)] if pr else [])])
        heading = " · ".join(
            [f"[{text(plan.name)}]({page}#{anchor})", when]
            + ([links.pull_request(pr)] if pr else [])
        )
        out.recent.append(
            {
                "page": f"{page}#{anchor}",
                "anchor": f"{anchor}-{page.replace('/', '-').removesuffix('.md')}",
                "heading": Markup(heading),
                "title": title,
                "body": item["body"],
                "commit": item["commit"],
                "revision": r,
            }
        )
    out.feed = atom(out.recent, fw, langs, site_url, directory_urls)
    return out


def _code_names(fw: Framework, langs: Languages, bodies: dict[str, Text]) -> render.Names:
    """The names the changes show for the codes a plan refers to."""
    body = {b: langs.first(name) for b, name in bodies.items()}
    titles = {k: langs.first(title) for k, title in fw.titles().items()}
    places = {code: langs.first(x.name) for code, x in fw.locations.items()}
    return render.Names(
        {"body": body, "partners": body, "supporting": body, "locations": places}
        | {"pillar": titles, "objective": titles}
    )


def _plan(path: str, fw: Framework, langs: Languages, names: dict[str, Text]) -> _Plan:
    """plans/YEAR/BODY.yaml as readers name it (the body's id if bodies.yaml lacks it)."""
    _, year, name = path.split("/")
    body = name.removesuffix(".yaml")
    name = langs.isolated(names[body]) if body in names else body
    return _Plan(name, numerals(fw.year_label(int(year))))


def _is_plan(path: str) -> bool:
    parts = path.split("/")
    return len(parts) == 3 and parts[1].isdigit()


def _plan_paths(inputs: SiteInputs) -> set[str]:
    """The plans the site has a page for: those of the working tree."""
    return {
        plan_path(y.year, body)
        for y in inputs.master.years
        for body in y.bodies
        if y.has_plan(body)
    }


def _page(path: str) -> str:
    """plans/YEAR/BODY.yaml -> history/YEAR/BODY.md"""
    _, year, name = path.split("/")
    return f"history/{year}/{name.removesuffix('.yaml')}.md"


def _title(plan: _Plan) -> Markup:
    return Markup(
        text(t("{body}: history of the plan {year}").format(body=plan.body, year=plan.year))
    )


def _unborn(path: str, plan: _Plan) -> dict[str, Any]:
    _, year, name = path.split("/")
    plan_page = f"../../plans/{year}/{name.removesuffix('.yaml')}.md"
    return {
        "path": path,
        "title": _title(plan),
        "count": 0,
        "revisions": [],
        "plan_page": plan_page,
    }


def _working_tree(
    out: HistoryPages, inputs: SiteInputs, fw: Framework, langs: Languages, names: dict[str, Text]
) -> None:
    """The site shows the working tree: a page for each plan never committed, a notice
    atop each page whose plan differs from the last commit, no link to a plan no
    longer there, and the list of every uncommitted file for the recent changes."""
    pending = working_tree.pending(inputs.uncommitted)
    on_disk = _plan_paths(inputs)
    for path in sorted(on_disk - {values["path"] for values in out.pages.values()}):
        out.pages[_page(path)] = _unborn(path, _plan(path, fw, langs, names))
    for values in out.pages.values():
        diff = pending.get(values["path"])
        values["pending"] = working_tree.notice(diff) if diff is not None else Markup("")
        if values["path"] not in on_disk:
            values["plan_page"] = None
    out.pending = frozenset(pending)
    pages = {p: _page(p) for p in pending if _is_plan(p) and _page(p) in out.pages}
    out.uncommitted = working_tree.summary(inputs.uncommitted, pages)


def _plan_history(
    out: HistoryPages,
    path: str,
    plan: _Plan,
    revisions: list[Revision],
    links: _Links,
    codes: render.Names,
) -> list[tuple[Revision, str, dict[str, Any], _Plan]]:
    """The history page of the plan at `path` (plans/YEAR/BODY.yaml) and the JSON of
    each version, added to `out`; each revision with its page and what the page
    shows of it."""
    _, year, name = path.split("/")
    body = name.removesuffix(".yaml")
    page = _page(path)
    items = []
    placed = []
    for r in reversed(revisions):
        anchor = f"r-{r.commit.sha[:10]}"
        download = None
        if r.version is not None and r.version.data is not None:
            name = f"history/{year}/{body}/{r.commit.sha[:10]}.json"
            out.files[name] = (
                json.dumps(r.version.data, ensure_ascii=False, separators=(",", ":")) + "\n"
            ).encode()
            download = f"{body}/{r.commit.sha[:10]}.json"
        pr = r.commit.pull_request
        heading = " · ".join([render.day(r.commit.date), *([links.pull_request(pr)] if pr else [])])
        item = {
            "heading": Markup(heading),
            "anchor": anchor,
            "body": _changes(r, codes),
            "download": download,
            "commit": links.commit(r.commit.sha),
        }
        items.append(item)
        placed.append((r, page, item, plan))
    out.pages[page] = {
        "path": path,
        "title": _title(plan),
        "count": len(items),
        "revisions": items,
        "plan_page": f"../../plans/{year}/{body}.md",
    }
    out.activities[path] = activity_histories(revisions, codes)
    return placed


def _changes(r: Revision, codes: render.Names) -> Markup:
    """What a revision changed, as a Markdown list."""
    return Markup("\n".join(render.file_lines(r.diff, codes)) or "- " + t(render.NO_CHANGE))


def activity_histories(
    revisions: list[Revision], codes: render.Names | None = None
) -> dict[str, list[str]]:
    """For each activity, each field that ever changed with every value it had:
    'budget amount: 50,000,000 IQD (2016-04-20, #3) → 75,000,000 IQD (2016-06-02, #9)'."""
    timelines: dict[str, dict[tuple[str, ...], list[tuple[Any, str]]]] = {}
    currency: dict[str, str] = {}
    for r in revisions:
        data = r.version.data if r.version is not None else None
        if not isinstance(data, dict) or not isinstance(data.get("activities"), list):
            continue
        pr = r.commit.pull_request
        when = numerals(r.commit.date[:10] + (f", #{pr}" if pr else ""))
        for act in data["activities"]:
            if not isinstance(act, dict) or "id" not in act:
                continue
            ident = str(act["id"])
            budget = act.get("budget")
            if isinstance(budget, dict) and isinstance(budget.get("currency"), str):
                currency[ident] = budget["currency"]
            fields = timelines.setdefault(ident, {})
            for path, value in flatten({k: v for k, v in act.items() if k != "id"}).items():
                seen = fields.setdefault(path, [])
                if not seen or seen[-1][0] != value:
                    seen.append((value, when))
    out: dict[str, list[str]] = {}
    for ident, fields in timelines.items():
        lines = []
        for path, values in fields.items():
            if len(values) < 2 or isinstance(values[-1][0], dict):
                continue
            shown = " → ".join(
                f"{render.value(v, path[-1], currency.get(ident), codes)} ({text(when)})"
                for v, when in values
            )
            lines.append(f"{render.label(path)}: {shown}")
        if lines:
            out[ident] = lines
    return out


def atom(
    entries: list[dict[str, Any]],
    fw: Framework,
    langs: Languages,
    site_url: str | None,
    directory_urls: bool = True,
) -> str:
    """An Atom 1.0 feed of the recent changes."""
    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    title = langs.first(fw.title)
    updated = entries[0]["revision"].commit.date if entries else "1970-01-01T00:00:00+00:00"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(t('{title}: recent changes').format(title=title))}</title>",
        f"  <id>urn:napkit:{escape(fw.id)}:changes</id>",
        f"  <updated>{escape(updated)}</updated>",
        # The plan's, not the commit's author: plans name units, never people.
        f"  <author><name>{escape(title)}</name></author>",
        f'  <link rel="alternate" href={quoteattr(base + url_of("changes.md", directory_urls))}/>',
    ]
    for e in entries:
        r: Revision = e["revision"]
        summary = _plain(str(e["body"]))
        href = base + url_of(e["page"], directory_urls)
        lines += [
            "  <entry>",
            f"    <title>{escape(e['title'])}</title>",
            f"    <id>urn:napkit:{escape(fw.id)}:{r.commit.sha}:{escape(r.path)}</id>",
            f"    <updated>{escape(r.commit.date)}</updated>",
            f'    <link rel="alternate" href={quoteattr(href)}/>',
            f'    <summary type="text">{escape(summary)}</summary>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


_ESCAPED = re.compile(r"\\(.)")


def _plain(markdown: str) -> str:
    """The changes as a feed reader shows them (a text summary): without Markdown's
    escapes and HTML entities, which it would show as typed; atom() escapes it for XML.
    Emphasis stays: it marks what a long text lost and gained."""
    return html.unescape(_ESCAPED.sub(r"\1", markdown))


def url_of(page: str, directory_urls: bool) -> str:
    """A generated page's address as MkDocs publishes it, relative to the site root:
    history/2016/x.md#a -> history/2016/x/#a, or history/2016/x.html#a."""
    path, _, anchor = page.partition("#")
    stem = path.removesuffix(".md")
    url = f"{stem}/" if directory_urls else f"{stem}.html"
    return url + (f"#{anchor}" if anchor else "")
