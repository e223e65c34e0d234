"""Every generated page and download of the site, made from the plans alone.

Independent of MkDocs: `generate` returns paths (inside the docs folder) and
contents. The MkDocs plugin adds them to a build; `nap render --out DIR` writes
them to a folder for any generator that reads mkdocs.yml.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FunctionLoader
from markupsafe import Markup

from napkit.build.master import Master
from napkit.check import schema
from napkit.check.examples import Examples
from napkit.i18n import Reader, reader, reading, t, tn
from napkit.plans.framework import Framework
from napkit.plans.layout import plan_path
from napkit.plans.texts import group_word, text_in
from napkit.render.annual_report import drafts_note
from napkit.render.annual_report import report as annual_report
from napkit.render.export import csvfile, datapackage, masterjson, xlsxfile
from napkit.render.markdown import text
from napkit.render.numbers import amount, count, numerals
from napkit.render.workbook.lists import body_names
from napkit.render.workbook.writer import workbook as plan_workbook
from napkit.site.background import Background
from napkit.site.context import TemplateValues
from napkit.site.history_pages import history_pages
from napkit.site.inputs import SiteInputs
from napkit.site.languages import Languages
from napkit.site.reference import format_page, rules_page

# Pages of wide tables use the width of the section menu, which the tabs repeat.
WIDE = "---\nhide:\n  - navigation\n---\n\n"


@dataclass
class Page:
    content: str | bytes
    edit: str | None = None  # repository path of the file this page is made from


@dataclass
class Site:
    pages: dict[str, Page] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def add(
        self, path: str, content: str | bytes, edit: str | None = None, *, wide: bool = False
    ) -> None:
        """`wide`: a page of wide tables, given the width of the section menu."""
        if wide and isinstance(content, str):
            content = WIDE + content
        self.pages[path] = Page(content, edit)


def _template_source(name: str) -> str:
    return files("napkit.site").joinpath("templates", name).read_text("utf-8")


def _finalize(value: Any) -> Any:
    """Everything a template prints is escaped for Markdown and HTML, unless it is
    Markup that this package made."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return Markup(text(value))


def _money(value: Any) -> Markup:
    if value is None:
        return Markup("")
    return Markup(amount(value))


def _count(value: Any) -> Markup:
    return Markup(count(value)) if isinstance(value, int) else Markup(text(value))


def _numerals(value: Any) -> Markup:
    return Markup(text(numerals(value)))


# The templates' words go through the catalogues (jinja2.ext.i18n, extracted by
# scripts/catalogues.py); `newstyle`: placeholders are %(name)s, filled and escaped by
# Jinja, and a translation is looked up before it is filled.
EXTENSIONS = ["jinja2.ext.i18n"]


def environment(fw: Framework) -> Environment:
    """`fw`: for plan years as readers write them (2025, or 2025–26 for a fiscal year).
    The words and numbers are the reader's of napkit.i18n.reading() at render time."""
    env = Environment(
        loader=FunctionLoader(_template_source),
        autoescape=True,
        finalize=_finalize,
        keep_trailing_newline=True,
        extensions=EXTENSIONS,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=t, ngettext=tn, newstyle=True
    )
    env.filters["money"] = _money
    env.filters["md"] = _finalize  # plain text given to a translated sentence
    env.filters["count"] = _count  # a count of things, in the reader's digits
    env.filters["digits"] = _numerals  # a year or code with digits: only the digits change
    env.filters["year"] = lambda y: numerals(fw.year_label(y))
    # the plan's highest grouping as its readers name it: pillars, or outcomes...
    env.globals["has_pillars"] = fw.has_pillars
    env.globals["group"] = group_word(fw)
    env.globals["groups"] = group_word(fw, plural=True)
    env.globals["drafts_note"] = drafts_note
    return env


def generate(
    inputs: SiteInputs,
    *,
    repo_url: str | None = None,
    site_url: str | None = None,
    directory_urls: bool = True,
    language: str | None = None,
) -> Site:
    """`language`: the reader's, one of nap.yaml's (None: its first). Every page's
    words, numbers and dates are in it; the downloads are the same in every language."""
    master = inputs.master
    workbooks = _shared_workbooks(inputs)  # started first: made while the pages are
    fw = master.framework
    language = language or fw.main_language
    with reading(Reader(language, fw.country, fw.digits.get(language))):
        return _generate(inputs, workbooks, language, repo_url, site_url, directory_urls)


def _generate(
    inputs: SiteInputs,
    workbooks: Callable[[], Workbooks],
    language: str,
    repo_url: str | None,
    site_url: str | None,
    directory_urls: bool,
) -> Site:
    master = inputs.master
    fw = master.framework
    langs = Languages(fw.languages, language)
    env = environment(fw)
    site = Site()
    history = history_pages(
        inputs, langs, repo_url=repo_url, site_url=site_url, directory_urls=directory_urls
    )
    site.warnings += history.warnings
    ctx = TemplateValues(
        fw, langs, master, history.activities, frozenset(history.pages), history.pending
    )
    _plan_pages(site, env, ctx, inputs)
    _framework_pages(site, env, ctx, inputs)
    # One year a page: a page that lists every year's activities grows without bound.
    for y in master.years:
        gaps = env.get_template("gaps.md.j2").render(**ctx.gaps(y, "../"))
        site.add(f"funding-gaps/{y.year}.md", gaps, wide=True)
    site.add(
        "funding-gaps.md",
        env.get_template("gaps.md.j2").render(**ctx.gaps(master.years[-1], "")),
        wide=True,
    )
    _downloads(site, env, master, repo_url=repo_url, site_url=site_url)
    site.add("format.md", langs.written_in(format_page(Examples.of(fw)), "en"))
    site.add("rules.md", langs.written_in(rules_page(), "en"))
    for path, download in history.files.items():
        site.add(path, download)
    site.add(
        "changes.md",
        env.get_template("changes.md.j2").render(
            entries=history.recent, uncommitted=history.uncommitted
        ),
    )
    site.add("changes.xml", history.feed)
    for path, values in history.pages.items():
        site.add(path, env.get_template("history.md.j2").render(**values))
    masters, plan_books = workbooks()
    for y, data in zip(master.years, masters, strict=True):
        site.add(f"downloads/master-{y.year}.xlsx", data)
    for path, data in plan_books.items():
        site.add(path, data)
    return site


def _plan_pages(site: Site, env: Environment, ctx: TemplateValues, inputs: SiteInputs) -> None:
    """Home, and each year's master plan, annual report and plans."""
    master, submissions = inputs.master, inputs.submissions
    fw, latest = master.framework, master.years[-1]
    site.add(
        "index.md",
        env.get_template("home.md.j2").render(**ctx.home(latest, submissions.get(latest.year, []))),
        wide=True,
    )
    for y in master.years:
        site.add(
            f"plan/{y.year}.md",
            env.get_template("master.md.j2").render(**ctx.master_plan(y)),
            wide=True,
        )
        site.add(
            f"report/{y.year}.md", annual_report(fw, y, submissions.get(y.year, [])), wide=True
        )
        for body_id in sorted(y.bodies):
            if y.has_plan(body_id):
                site.add(
                    f"plans/{y.year}/{body_id}.md",
                    env.get_template("plan.md.j2").render(**ctx.plan(y, body_id)),
                    plan_path(y.year, body_id),
                )
    site.add("plan/index.md", _plans_index(env, ctx, master), wide=True)
    site.add(
        "report/index.md", annual_report(fw, latest, submissions.get(latest.year, [])), wide=True
    )


def _plans_index(env: Environment, ctx: TemplateValues, master: Master) -> str:
    """What "Master plan" in the menu opens: the latest year by pillar, with links to its
    full master plan and each pillar's page, then every year. A summary, not a copy of
    the latest year: master plan pages are the biggest."""
    fw, latest = master.framework, master.years[-1]
    years = [
        {
            "year": y.year,
            "totals": y.totals,
            "plans": y.plans,
        }
        for y in reversed(master.years)
    ]
    pillars = [
        {
            "id": p.id,
            "title": ctx.langs.render(p.title, only_main=True),
            "totals": latest.pillars[p.id].totals,
        }
        for p in fw.pillars.values()
    ]
    return env.get_template("plans-index.md.j2").render(
        years=years, latest=years[0], pillars=pillars, currency=fw.currency
    )


def _framework_pages(site: Site, env: Environment, ctx: TemplateValues, inputs: SiteInputs) -> None:
    """Bodies, pillars and the tracker."""
    fw = inputs.master.framework
    site.add("bodies/index.md", env.get_template("bodies.md.j2").render(**ctx.bodies()))
    for body_id in fw.bodies:
        site.add(
            f"bodies/{body_id}.md",
            env.get_template("body.md.j2").render(**ctx.body(body_id)),
            "plans/bodies.yaml",
        )
    site.add(
        "pillars/index.md",
        env.get_template("pillars.md.j2").render(**ctx.pillars(inputs.master.years[-1])),
        "plans/nap.yaml",
        wide=True,
    )
    for pillar in fw.pillars.values():
        site.add(
            f"pillars/{pillar.id}.md",
            env.get_template("pillar.md.j2").render(**ctx.pillar(pillar)),
            "plans/nap.yaml",
            wide=True,
        )
    site.add(
        "tracker.md",
        env.get_template("tracker.md.j2").render(**ctx.tracker(inputs.submissions)),
        wide=True,
    )


Workbooks = tuple[list[bytes], dict[str, bytes]]


def _shared_workbooks(inputs: SiteInputs) -> Callable[[], Workbooks]:
    """The workbooks, made once for the builds of every language (they are the same
    in each): started now in the background by the first build, kept for the others."""
    made: Workbooks | None = inputs.shared.get("workbooks")
    if made is not None:
        return lambda: made
    job = _workbooks(inputs.master)

    def result() -> Workbooks:
        inputs.shared["workbooks"] = job.result()
        return inputs.shared["workbooks"]  # type: ignore[no-any-return]

    return result


def _workbooks(master: Master) -> Background[Workbooks]:
    """Each year's XLSX, and every body's workbook to fill in, made on another core
    meanwhile."""
    return Background(
        lambda: (
            [xlsxfile.workbook(master.framework, y) for y in master.years],
            _plan_workbooks(master),
        )
    )


def editing_years(master: Master) -> list[int]:
    """The years whose plans editors fill in now: the latest with plans, and the next
    one if it is within the plan period."""
    latest = master.years[-1].year
    return [y for y in (latest, latest + 1) if y <= master.framework.last_year]


def _plan_workbooks(master: Master) -> dict[str, bytes]:
    """Every body's workbook for the years being planned, filled with its current
    plan where there is one: what an editor downloads to fill in."""
    fw = master.framework
    plans = {(c.file.year, c.file.body): c.data for c in master.checked}
    return {
        f"downloads/workbooks/{year}/{body}.xlsx": plan_workbook(
            fw, body, year, plans.get((year, body))
        )
        for year in editing_years(master)
        for body in fw.bodies
    }


def _downloads(
    site: Site,
    env: Environment,
    master: Master,
    *,
    repo_url: str | None = None,
    site_url: str | None = None,
) -> None:
    fw = master.framework
    # The data files are the same for every reader: machine-readable, in English and 0-9.
    with reading(Reader()):
        master_json = masterjson.encode(masterjson.master(fw, master.years, []))
        csvs = {y.year: csvfile.activities_csv(fw, y) for y in master.years}
        described = datapackage.package(fw, csvs, master_json, repo_url=repo_url, site_url=site_url)
    site.add("downloads/master.json", master_json)
    for year, data in csvs.items():
        site.add(f"downloads/{datapackage.csv_name(year)}", data)
        site.add(f"downloads/master-{year}.xlsx", b"")  # its place in the order of files
    site.add("downloads/datapackage.json", datapackage.encode(described))
    names = [f"{kind}.schema.json" for kind in (*schema.KINDS, "master")]
    for name in names:
        site.add(f"downloads/schema/{name}", files("napkit").joinpath("schemas", name).read_bytes())
    fw = master.framework
    named = Languages(fw.languages, reader().language)
    site.add(
        "downloads.md",
        env.get_template("downloads.md.j2").render(
            years=[y.year for y in master.years],
            schemas=names,
            editing=editing_years(master),
            bodies=[(b, named.heading(name)) for b, name in body_names(fw).items()],
            licence=_licence(fw),
        ),
    )


def _licence(fw: Framework) -> Markup | None:
    """The licence of the data as readers see it: its name, linked to its text."""
    licence = fw.licence
    if licence is None:
        return None
    words = text_in(licence.title, fw.language_codes, reader().language)
    if licence.name:
        words = f"{words} ({licence.name})" if words else licence.name
    if not licence.path:
        return Markup(text(words))
    # Percent-encoded: nothing in the address can end the Markdown link or the tag.
    address = quote(licence.path, safe=":/?#@!$&*+,;=%~-._")
    return Markup(f"[{text(words or licence.path)}]({address})")


def write(site: Site, out: Path) -> list[Path]:
    """`nap render`: the pages as files under `out`."""
    written = []
    for path, page in sorted(site.pages.items()):
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        data = page.content.encode("utf-8") if isinstance(page.content, str) else page.content
        target.write_bytes(data)
        written.append(target)
    return written


__all__ = ["Page", "Site", "generate", "write"]
