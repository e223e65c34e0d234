"""Every generated page and download of the site, made from the plans alone.

Independent of MkDocs: `generate` returns paths (inside the docs folder) and
contents. The MkDocs plugin adds them to a build; `nap render --out DIR` writes
them to a folder for any generator that reads mkdocs.yml.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from decimal import Decimal
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import Environment, FunctionLoader
from markupsafe import Markup

from napkit.build import tracker
from napkit.build.assembly import ActivityResult, YearPlan
from napkit.build.master import Master
from napkit.check import schema
from napkit.plans.framework import Framework, Pillar
from napkit.render import tracker_text
from napkit.render.annual_report import report as annual_report
from napkit.render.export import csvfile, masterjson, xlsxfile
from napkit.render.markdown import text
from napkit.render.numbers import amount, percent, shown
from napkit.site import charts
from napkit.site.history_pages import history_pages
from napkit.site.inputs import SiteInputs
from napkit.site.languages import Languages
from napkit.site.reference import format_page, rules_page


@dataclass
class Page:
    content: str | bytes
    edit: str | None = None  # repository path of the file this page is made from


@dataclass
class Site:
    pages: dict[str, Page] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def add(self, path: str, content: str | bytes, edit: str | None = None) -> None:
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


def environment() -> Environment:
    env = Environment(
        loader=FunctionLoader(_template_source),
        autoescape=True,
        finalize=_finalize,
        keep_trailing_newline=True,
    )
    env.filters["money"] = _money
    return env


def generate(
    inputs: SiteInputs,
    *,
    repo_url: str | None = None,
    site_url: str | None = None,
) -> Site:
    master = inputs.master
    fw = master.framework
    langs = Languages(fw.languages)
    env = environment()
    site = Site()
    history = history_pages(inputs, langs, repo_url=repo_url, site_url=site_url)
    site.warnings += history.warnings
    ctx = _Context(fw, langs, master, history.activities)
    latest = master.years[-1]
    submissions = inputs.submissions
    site.add(
        "index.md",
        env.get_template("home.md.j2").render(**ctx.home(latest, submissions.get(latest.year, []))),
    )
    for y in master.years:
        site.add(f"plan/{y.year}.md", env.get_template("master.md.j2").render(**ctx.master_plan(y)))
        site.add(f"report/{y.year}.md", annual_report(fw, y, submissions.get(y.year, [])))
        for body_id in sorted(y.bodies):
            if y.plan_status.get(body_id, "missing") != "missing":
                edit = f"plans/{y.year}/{body_id}.yaml"
                site.add(
                    f"plans/{y.year}/{body_id}.md",
                    env.get_template("plan.md.j2").render(**ctx.plan(y, body_id)),
                    edit,
                )
    # An index of the years, not a copy of the latest: master plan pages are the biggest.
    years = [
        {
            "year": y.year,
            "totals": y.totals,
            "bodies": sum(1 for v in y.plan_status.values() if v != "missing"),
        }
        for y in reversed(master.years)
    ]
    site.add(
        "plan/index.md",
        env.get_template("plans-index.md.j2").render(years=years, currency=fw.currency),
    )
    site.add("report/index.md", annual_report(fw, latest, submissions.get(latest.year, [])))
    site.add("bodies/index.md", env.get_template("bodies.md.j2").render(**ctx.bodies()))
    for body_id in fw.bodies:
        site.add(
            f"bodies/{body_id}.md",
            env.get_template("body.md.j2").render(**ctx.body(body_id)),
            "plans/bodies.yaml",
        )
    site.add(
        "pillars/index.md",
        env.get_template("pillars.md.j2").render(**ctx.pillars(latest)),
        "plans/nap.yaml",
    )
    for pillar in fw.pillars.values():
        site.add(
            f"pillars/{pillar.id}.md",
            env.get_template("pillar.md.j2").render(**ctx.pillar(pillar)),
            "plans/nap.yaml",
        )
    site.add("tracker.md", env.get_template("tracker.md.j2").render(**ctx.tracker(submissions)))
    # One year a page: a page that lists every year's activities grows without bound.
    for y in master.years:
        gaps = env.get_template("gaps.md.j2").render(**ctx.gaps(y, "../"))
        site.add(f"funding-gaps/{y.year}.md", gaps)
    site.add("funding-gaps.md", env.get_template("gaps.md.j2").render(**ctx.gaps(latest, "")))
    _downloads(site, env, master)
    site.add("format.md", format_page())
    site.add("rules.md", rules_page())
    for path, download in history.files.items():
        site.add(path, download)
    site.add("changes.md", env.get_template("changes.md.j2").render(entries=history.recent))
    site.add("changes.xml", history.feed)
    for path, values in history.pages.items():
        site.add(path, env.get_template("history.md.j2").render(**values))
    return site


def _downloads(site: Site, env: Environment, master: Master) -> None:
    fw = master.framework
    site.add("downloads/master.json", masterjson.encode(masterjson.master(fw, master.years, [])))
    for y in master.years:
        site.add(f"downloads/master-{y.year}.csv", csvfile.activities_csv(fw, y))
        site.add(f"downloads/master-{y.year}.xlsx", xlsxfile.workbook(fw, y))
    names = [f"{kind}.schema.json" for kind in (*schema.KINDS, "master")]
    for name in names:
        site.add(f"downloads/schema/{name}", files("napkit").joinpath("schemas", name).read_bytes())
    site.add(
        "downloads.md",
        env.get_template("downloads.md.j2").render(
            years=[y.year for y in master.years], schemas=names
        ),
    )


class _Context:
    """The values each template is rendered with."""

    def __init__(
        self,
        fw: Framework,
        langs: Languages,
        master: Master,
        activity_history: dict[str, dict[str, list[str]]],
    ) -> None:
        self.fw, self.langs, self.master = fw, langs, master
        self.activity_history = activity_history
        self.titles: dict[str, Any] = dict(fw.titles())

    def t(self, value: Any) -> Markup:
        return self.langs.render(value)

    def row(self, r: ActivityResult, page_prefix: str) -> dict[str, Any]:
        a = r.activity
        return {
            "id": r.id,
            "activity": a,
            "page": f"{page_prefix}plans/{a.year}/{a.body}.md",
            "body_page": f"{page_prefix}bodies/{a.body}.md",
            "title": self.langs.render(a.title, only_main=True),
            "status": r.status,
            "budget": r.money.budget if r.money else None,
            "gap": r.money.gap if r.money else None,
            "money": r.money,
        }

    def _charts(self, y: YearPlan) -> list[dict[str, Any]]:
        labels = [self.langs.first(p.title) for p in self.fw.pillars.values()]
        ids = [p.id for p in self.fw.pillars.values()]
        money = [
            charts.Series(
                "committed", tuple(y.pillars[i].totals.committed.quantize(Decimal(1)) for i in ids)
            ),
            charts.Series(
                "funding gap", tuple(y.pillars[i].totals.gap.quantize(Decimal(1)) for i in ids)
            ),
        ]
        statuses = ("completed", "on-track", "delayed", "not-started", "cancelled", "no-report")
        status = [
            charts.Series(s, tuple(y.pillars[i].totals.statuses[s] for i in ids)) for s in statuses
        ]
        out = []
        for chart_id, title, series in (
            (
                "budget",
                f"Budget by pillar, {y.year} ({y.currency}): committed and funding gap",
                money,
            ),
            ("status", f"Activities by status and pillar, {y.year}", status),
        ):
            out.append(
                {
                    "title": Markup(html.escape(title)),  # inside HTML: no Markdown escapes
                    "svg": Markup(charts.stacked_bars(chart_id, title, labels, series)),
                    "rows": charts.data_table(labels, series, "pillar"),
                }
            )
        return out

    def home(self, y: YearPlan, rows: list[tracker.Submission]) -> dict[str, Any]:
        title = self.fw.title
        submitted = sum(1 for r in rows if r.submitted is not None)
        return {
            "nap_title": self.langs.render(title, only_main=True),
            "nap_titles": self.t({k: v for k, v in title.items() if k != self.langs.main})
            if isinstance(title, dict)
            else "",
            "description": self.t(self.fw.description),
            "year": y,
            "submitted": submitted,
            "expected": len(rows),
            "charts": [*self._charts(y), self._submission_chart(y.year, rows)],
        }

    def _submission_chart(self, year: int, rows: list[tracker.Submission]) -> dict[str, Any]:
        labels = [self.langs.first(j.name) for j in self.fw.jurisdictions]
        ids = [j.id for j in self.fw.jurisdictions]
        verdicts = tracker.VERDICTS
        series = [
            charts.Series(
                v,
                tuple(sum(1 for r in rows if r.jurisdiction == j and r.verdict == v) for j in ids),
            )
            for v in verdicts
        ]
        title = f"Plan submissions by jurisdiction, {year}"
        return {
            "title": title,
            "svg": Markup(charts.stacked_bars("submissions", title, labels, series)),
            "rows": charts.data_table(labels, series, "jurisdiction"),
        }

    def master_plan(self, y: YearPlan) -> dict[str, Any]:
        return {
            "year": y,
            "years": [x.year for x in self.master.years],
            "pillars": self._by_pillar(y, "../"),
        }

    def _by_pillar(self, y: YearPlan, prefix: str, only: str | None = None) -> list[dict[str, Any]]:
        results = {r.id: r for r in y.activities}
        out = []
        for p in self.fw.pillars.values():
            if only is not None and p.id != only:
                continue
            objectives = [
                {
                    "id": o.id,
                    "title": self.t(o.title),
                    "rows": [self.row(results[i], prefix) for i in y.objectives[o.id].activities],
                }
                for o in p.objectives
            ]
            out.append(
                {
                    "id": p.id,
                    "title": self.t(p.title),
                    "objectives": objectives,
                    "totals": y.pillars[p.id].totals,
                }
            )
        return out

    def plan(self, y: YearPlan, body_id: str) -> dict[str, Any]:
        body = self.fw.bodies[body_id]
        histories = self.activity_history.get(f"plans/{y.year}/{body_id}.yaml", {})
        rows = []
        for r in (r for r in y.activities if r.activity.body == body_id):
            a = r.activity
            rows.append(
                {
                    "activity": a,
                    "title": self.t(a.title),
                    "title_main": self.langs.first(a.title),
                    "pillar_title": self.langs.render(
                        self.titles.get(a.pillar, a.pillar), only_main=True
                    ),
                    "objective_title": self.t(self.titles.get(a.objective, "")),
                    "responsible": self.t(a.responsible),
                    "partners": ", ".join(a.partners),
                    "locations": ", ".join(a.locations),
                    "status": r.status,
                    "latest_period": r.latest.period if r.latest else None,
                    "money": r.money,
                    "history": [Markup(line) for line in histories.get(a.id, [])],
                    "indicators": [
                        {
                            "id": i.indicator.id,
                            "title": self.t(i.indicator.title),
                            "unit": i.indicator.unit,
                            "baseline": shown(i.indicator.baseline, ""),
                            "target": shown(i.indicator.target, ""),
                            "latest": f"{shown(i.latest, '')} ({i.period})" if i.period else "",
                            "achieved": percent(i.achieved) if i.achieved is not None else "",
                        }
                        for i in r.indicators
                    ],
                    "funding": [
                        {
                            "source": f.source,
                            "funder": self.t(f.funder),
                            "amount": f.amount,
                            "status": f.status,
                        }
                        for f in (a.budget.funding if a.budget else ())
                    ],
                    "progress": [
                        {
                            "period": p.period,
                            "status": p.status,
                            "readings": ", ".join(
                                f"{k}: {shown(v, '')}" for k, v in p.values.items()
                            ),
                            "spent": shown(p.spent, ""),
                            "note": self.t(p.note),
                        }
                        for p in a.progress
                    ],
                }
            )
        return {
            "body_id": body_id,
            "body_name": self.langs.first(body.name),
            "jurisdiction": body.jurisdiction,
            "year": y.year,
            "status": y.plan_status[body_id],
            "totals": y.bodies[body_id].totals,
            "currency": y.currency,
            "rows": rows,
        }

    def bodies(self) -> dict[str, Any]:
        out = []
        for j in self.fw.jurisdictions:
            members = [
                {
                    "id": b.id,
                    "name": self.t(b.name),
                    "kind": b.kind,
                    "years": [
                        y.year
                        for y in self.master.years
                        if y.plan_status.get(b.id, "missing") != "missing"
                    ],
                }
                for b in self.fw.bodies.values()
                if b.jurisdiction == j.id
            ]
            out.append({"name": self.t(j.name), "chairs": ", ".join(j.chairs), "bodies": members})
        return {"jurisdictions": out}

    def body(self, body_id: str) -> dict[str, Any]:
        b = self.fw.bodies[body_id]
        plans = [
            {"year": y.year, "status": y.plan_status[body_id], "totals": y.bodies[body_id].totals}
            for y in self.master.years
            if y.plan_status.get(body_id, "missing") != "missing"
        ]
        return {
            "id": body_id,
            "name": self.langs.first(b.name),
            "names": self.t(b.name),
            "jurisdiction": b.jurisdiction,
            "kind": b.kind,
            "reviewers": ", ".join(b.reviewers),
            "currency": self.fw.currency,
            "plans": plans,
        }

    def pillars(self, y: YearPlan) -> dict[str, Any]:
        items = [
            {
                "id": p.id,
                "title": self.t(p.title),
                "objectives": [{"id": o.id, "title": self.t(o.title)} for o in p.objectives],
            }
            for p in self.fw.pillars.values()
        ]
        return {"pillars": items, "charts": self._charts(y)}

    def pillar(self, pillar: Pillar) -> dict[str, Any]:
        """Figures for every year; the activities of the latest year (earlier years are
        on their master plan pages), so the page stays small as years pass."""
        latest = self.master.years[-1]
        (p,) = self._by_pillar(latest, "../", only=pillar.id)
        by_year = [
            {"year": y.year, "totals": y.pillars[pillar.id].totals}
            for y in reversed(self.master.years)
        ]
        return {
            "id": pillar.id,
            "title": self.t(pillar.title),
            "description": self.t(pillar.description),
            "currency": self.fw.currency,
            "by_year": by_year,
            "latest": {"year": latest.year, "objectives": p["objectives"]},
        }

    def tracker(self, by_year: dict[int, list[tracker.Submission]]) -> dict[str, Any]:
        out = []
        for year, rows in sorted(by_year.items(), reverse=True):
            jurisdictions = [
                {
                    "name": self.t(j.name),
                    "chairs": ", ".join(j.chairs),
                    "rows": [
                        {
                            "body": r.body,
                            "name": self.langs.first(self.fw.bodies[r.body].name),
                            "status": r.status,
                            "submitted": r.submitted.isoformat() if r.submitted else None,
                            "source": r.source,
                            "verdict": r.verdict,
                        }
                        for r in rows
                        if r.jurisdiction == j.id
                    ],
                }
                for j in self.fw.jurisdictions
            ]
            deadline = rows[0].deadline.isoformat() if rows and rows[0].deadline else None
            summary = tracker_text.summary(rows) + "."
            out.append(
                {
                    "year": year,
                    "deadline": deadline,
                    "summary": summary,
                    "jurisdictions": jurisdictions,
                    "chart": self._submission_chart(year, rows),
                }
            )
        return {"years": out}

    def gaps(self, y: YearPlan, prefix: str) -> dict[str, Any]:
        rows = [
            self.row(r, prefix) for r in y.activities if r.money is not None and r.money.gap > 0
        ]
        rows.sort(key=lambda r: (-r["money"].gap, r["id"]))
        others = [x.year for x in self.master.years if x.year != y.year]
        return {
            "year": y.year,
            "rows": rows,
            "gap": y.totals.gap,
            "budget": y.totals.budget,
            "currency": self.fw.currency,
            "others": others,
            "prefix": prefix,
        }


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
