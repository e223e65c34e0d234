"""The values each page template is rendered with: plan text marked with its
language, money and figures from the master plan, links between pages."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from napkit.build import tracker
from napkit.build.assembly import ActivityResult, IndicatorResult, YearPlan
from napkit.build.master import Master
from napkit.i18n import N_, t
from napkit.plans.framework import Framework, Pillar
from napkit.plans.layout import plan_path
from napkit.plans.model import DRAFT, Budget
from napkit.render import tracker_text
from napkit.render.labels import word
from napkit.render.markdown import text
from napkit.render.numbers import iso_day, numerals, percent, shown
from napkit.render.workbook.lists import body_names
from napkit.site.activity_view import ActivityView, Chains
from napkit.site.dashboard import pillar_charts, submission_chart
from napkit.site.languages import Languages

# Where the tracker found a plan's submission date.
SOURCES = {"history": N_("its history"), "plan": N_("the plan file")}


class TemplateValues:
    """The values each template is rendered with."""

    def __init__(
        self,
        fw: Framework,
        langs: Languages,
        master: Master,
        activity_history: dict[str, dict[str, list[str]]],
        history_pages: frozenset[str] = frozenset(),
        pending: frozenset[str] = frozenset(),
    ) -> None:
        """`history_pages`: the pages made (history/YEAR/BODY.md); `pending`: the plan
        paths whose file is not committed as it is."""
        self.fw, self.langs, self.master = fw, langs, master
        self.activity_history = activity_history
        self.history_pages, self.pending = history_pages, pending
        self.titles: dict[str, Any] = dict(fw.titles())
        # names as readers read them: with the jurisdiction where two bodies share one
        # a name without the reader's language is marked with the one it is shown in
        self.body_names = {b: langs.heading(name) for b, name in body_names(fw).items()}
        # every year's activities by global id (ids are unique across years)
        self.results = {r.id: r for y in master.years for r in y.activities}
        chains = Chains(r.activity for r in self.results.values())
        self.view = ActivityView(fw, langs, chains, self.titles, self.body_names)

    def t(self, value: Any) -> Markup:
        return self.langs.render(value)

    def titled(self, value: Any) -> dict[str, Markup]:
        """A text shown as a heading: `title` in one language (a clean table-of-contents
        entry), `titles` the other languages, a paragraph each, to go below it."""
        return {
            "title": self.langs.heading(value),
            "titles": self.langs.blocks(value, besides_heading=True),
        }

    def _named(self, value: Any) -> dict[str, Markup]:
        """`titled`, for a name."""
        shown = self.titled(value)
        return {"name": shown["title"], "names": shown["titles"]}

    def partners(self, partners: tuple[str, ...] | list[str]) -> Markup:
        """Partners by name: a body of bodies.yaml linked to its page, any other
        organisation as written."""
        return Markup(t(", ")).join(
            Markup(f"[{self.body_names[p]}](../../bodies/{p}.md)")
            if p in self.body_names
            else Markup(text(p))
            for p in partners
        )

    def locations(self, codes: tuple[str, ...] | list[str]) -> Markup:
        """Places by their names in the reader's language (a code nap.yaml does not
        know stays as written)."""
        known = self.fw.locations
        return Markup(t(", ")).join(
            self.langs.render(known[c].name, only_main=True) if c in known else Markup(text(c))
            for c in codes
        )

    def chairs(self, chairs: tuple[str, ...]) -> Markup:
        return Markup(t(", ")).join(self.body_names.get(c, Markup(text(c))) for c in chairs)

    def row(self, r: ActivityResult, page_prefix: str) -> dict[str, Any]:
        a = r.activity
        return {
            "id": r.id,
            "activity": a,
            "page": f"{page_prefix}plans/{a.year}/{a.body}.md",
            "body_page": f"{page_prefix}bodies/{a.body}.md",
            "body_name": self.body_names.get(a.body, a.body),
            "pillar_name": self.langs.first(self.titles.get(a.pillar, a.pillar)),
            "title": self.langs.render(a.title, only_main=True),
            "status": word(r.status),
            "budget": r.money.budget if r.money else None,
            "gap": r.money.gap if r.money else None,
            "money": r.money,
        }

    def home(self, y: YearPlan, rows: list[tracker.Submission]) -> dict[str, Any]:
        title = self.fw.title
        return {
            "nap_title": self.langs.render(title, only_main=True),
            "nap_titles": self.langs.blocks(title, besides_heading=True),
            "description": self.langs.blocks(self.fw.description),
            "year": y,
            "charts": [
                *pillar_charts(self.fw, self.langs, y),
                submission_chart(self.fw, self.langs, y.year, rows),
            ],
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
                    **self.titled(o.title),
                    "rows": [self.row(results[i], prefix) for i in y.objectives[o.id].activities],
                }
                for o in p.objectives
            ]
            out.append(
                {
                    "id": p.id,
                    **self.titled(p.title),
                    "objectives": objectives,
                    "totals": y.pillars[p.id].totals,
                }
            )
        return out

    def plan(self, y: YearPlan, body_id: str) -> dict[str, Any]:
        body = self.fw.bodies[body_id]
        histories = self.activity_history.get(plan_path(y.year, body_id), {})
        rows = [
            self._plan_activity(r, histories.get(r.activity.id, []))
            for r in y.activities
            if r.activity.body == body_id
        ]
        supports = [self.row(self.results[i], "../../") for i in y.supports.get(body_id, [])]
        return {
            "body_id": body_id,
            "body_name": self.langs.heading(body.name),
            "body_title": self.body_names[body_id],
            "jurisdiction": self._jurisdiction(body.jurisdiction),
            "year": y.year,
            "status": word(y.plan_status[body_id]),
            "draft": y.plan_status[body_id] == DRAFT,
            "totals": y.bodies[body_id].totals,
            "currency": y.currency,
            "rows": rows,
            "supports": supports,
            **self._history_of(y.year, body_id),
        }

    def _jurisdiction(self, jurisdiction_id: str) -> str:
        """A jurisdiction by its name (the id only if nap.yaml has no such jurisdiction)."""
        j = next((x for x in self.fw.jurisdictions if x.id == jurisdiction_id), None)
        return self.langs.first(j.name) if j is not None else jurisdiction_id

    def _history_of(self, year: int, body_id: str) -> dict[str, bool]:
        return {
            "history_page": f"history/{year}/{body_id}.md" in self.history_pages,
            "pending": plan_path(year, body_id) in self.pending,
        }

    def _plan_activity(self, r: ActivityResult, history: list[str]) -> dict[str, Any]:
        a = r.activity
        return {
            "activity": a,
            "heading": self.langs.heading(a.title),
            "titles": self.langs.blocks(a.title, besides_heading=True),
            "pillar_title": self.langs.render(self.titles.get(a.pillar, a.pillar), only_main=True),
            "objective_rows": self.view.objective_rows(a),
            "link_rows": self.view.link_rows(a, "../../"),
            "responsible": self.t(a.responsible),
            "partners": self.partners(a.partners),
            "locations": self.locations(a.locations),
            "status": word(r.status),
            "latest_period": r.latest.period if r.latest else None,
            # an activity's dates as written in its plan (a month or a day)
            "start": numerals(a.start) if a.start else "?",
            "end": numerals(a.end) if a.end else "?",
            "money": r.money,
            "history": [Markup(line) for line in history],
            "indicators": [self._indicator(i) for i in r.indicators],
            "funding": self._funding(a.budget) if a.budget else [],
            "progress": [
                {
                    "period": p.period,
                    "status": word(p.status),
                    "readings": Markup(t(", ")).join(
                        Markup(text(f"{k}: ")) + self.view.value(v) for k, v in p.values.items()
                    ),
                    "by": Markup("; ").join(
                        Markup(text(f"{k}: ")) + self.view.breakdown(v)
                        for k, v in p.values_by.items()
                    ),
                    "spent": shown(p.spent, ""),
                    "note": self.t(p.note),
                }
                for p in a.progress
            ],
        }

    def _funding(self, budget: Budget) -> list[dict[str, Any]]:
        return [
            {
                "source": word(f.source),
                "funder": self.t(f.funder),
                "amount": f.amount,
                "currency": budget.currency_of(f),
                "status": word(f.status),
            }
            for f in budget.funding
        ]

    def _indicator(self, i: IndicatorResult) -> dict[str, Any]:
        return {
            "id": i.indicator.id,
            "title": self.t(i.indicator.title),
            "unit": word(i.indicator.unit),
            "achieved": percent(i.achieved) if i.achieved is not None else "",
            **self.view.indicator(i),
        }

    def bodies(self) -> dict[str, Any]:
        out = []
        for j in self.fw.jurisdictions:
            members = [
                {
                    "id": b.id,
                    "name": self.t(b.name),
                    "kind": word(b.kind),
                    "years": [y.year for y in self.master.years if y.has_plan(b.id)],
                }
                for b in self.fw.bodies.values()
                if b.jurisdiction == j.id
            ]
            out.append({**self._named(j.name), "chairs": self.chairs(j.chairs), "bodies": members})
        return {"jurisdictions": out}

    def body(self, body_id: str) -> dict[str, Any]:
        b = self.fw.bodies[body_id]
        plans = [
            {
                "year": y.year,
                "status": word(y.plan_status[body_id]),
                "totals": y.bodies[body_id].totals,
                **self._history_of(y.year, body_id),
            }
            for y in self.master.years
            if y.has_plan(body_id)
        ]
        return {
            "id": body_id,
            "name": self.body_names[body_id],
            "names": self.langs.blocks(b.name),
            "jurisdiction": self._jurisdiction(b.jurisdiction),
            "kind": word(b.kind),
            "reviewers": t(", ").join(b.reviewers),
            "currency": self.fw.currency,
            "plans": plans,
            "supports": [
                self.row(self.results[i], "../")
                for y in self.master.years
                for i in y.supports.get(body_id, [])
            ],
        }

    def pillars(self, y: YearPlan) -> dict[str, Any]:
        items = [
            {
                "id": p.id,
                **self.titled(p.title),
                "objectives": [{"id": o.id, "title": self.t(o.title)} for o in p.objectives],
            }
            for p in self.fw.pillars.values()
        ]
        return {"pillars": items, "charts": pillar_charts(self.fw, self.langs, y)}

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
            **self.titled(pillar.title),
            "description": self.langs.blocks(pillar.description),
            "currency": self.fw.currency,
            "by_year": by_year,
            "latest": {"year": latest.year, "objectives": p["objectives"]},
        }

    def tracker(self, by_year: dict[int, list[tracker.Submission]]) -> dict[str, Any]:
        out = []
        for year, rows in sorted(by_year.items(), reverse=True):
            jurisdictions = [
                {
                    **self._named(j.name),
                    "chairs": self.chairs(j.chairs),
                    "rows": [
                        {
                            "body": r.body,
                            "name": self.body_names[r.body],
                            "status": word(r.status),
                            "pending": plan_path(year, r.body) in self.pending,
                            "submitted": iso_day(r.submitted) if r.submitted else None,
                            "source": t(SOURCES[r.source]) if r.source in SOURCES else "-",
                            "verdict": word(r.verdict),
                        }
                        for r in rows
                        if r.jurisdiction == j.id
                    ],
                }
                for j in self.fw.jurisdictions
            ]
            deadline = iso_day(rows[0].deadline) if rows and rows[0].deadline else None
            summary = tracker_text.summary(rows) + "."
            out.append(
                {
                    "year": year,
                    "deadline": deadline,
                    "summary": summary,
                    "jurisdictions": jurisdictions,
                    "chart": submission_chart(self.fw, self.langs, year, rows),
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
            "plans": y.plans,
            "totals": y.totals,
            "rows": rows,
            "gap": y.totals.gap,
            "budget": y.totals.budget,
            "currency": self.fw.currency,
            "others": others,
            "prefix": prefix,
        }
