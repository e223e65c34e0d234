"""What an activity's part of its plan page says beyond its own fields: where it sits
in the framework's levels, the bodies that share it, the earlier and later
activities it is chained to, and indicators with later targets or categories."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup

from napkit.build.assembly import IndicatorResult
from napkit.i18n import N_, t
from napkit.plans.framework import Framework, Text
from napkit.plans.model import Activity, Breakdown, split_global_id
from napkit.render.markdown import text
from napkit.render.numbers import numerals, shown
from napkit.site.languages import Languages

NO_BUDGET = {
    "in-kind": N_("none of its own: done in kind"),
    "policy": N_("none of its own: policy work"),
    "other": N_("none of its own"),
}


def _md(value: object) -> Markup:
    """Plain text on a page: escaped for HTML and Markdown (as templates print it)."""
    return Markup(text(value))


class Chains:
    """Activities that continue earlier ones, both ways, across every year."""

    def __init__(self, activities: Iterable[Activity]) -> None:
        self.known: set[str] = set()
        self.later: dict[str, list[str]] = {}
        for a in activities:
            self.known.add(a.global_id)
            if a.continues:
                self.later.setdefault(a.continues, []).append(a.global_id)


class ActivityView:
    """`titles`: pillar and objective id -> title; `body_names`: body id -> its name as
    readers read it (both made once per build by the caller)."""

    def __init__(
        self,
        fw: Framework,
        langs: Languages,
        chains: Chains,
        titles: Mapping[str, Text],
        body_names: Mapping[str, Markup],
    ) -> None:
        self.fw, self.langs, self.chains = fw, langs, chains
        self.titles, self.body_names = titles, body_names
        self.level_names = [langs.first(level.name) for level in fw.levels] or [t("Objective")]

    def objective_rows(self, a: Activity) -> list[tuple[str, Markup]]:
        """One row per level, the highest first: its name, then id and title."""
        ids = (*self.fw.objective_parents.get(a.objective, ()), a.objective)
        names = self.level_names
        return [
            (
                names[min(n, len(names) - 1)],
                _md(f"{o} ") + self.langs.render(self.titles.get(o, "")),
            )
            for n, o in enumerate(ids)
        ]

    def link_rows(self, a: Activity, prefix: str) -> list[tuple[str, Markup]]:
        rows = []
        if a.supporting:
            rows.append((t("Supported by"), self._bodies(a.supporting, prefix)))
        if a.continues:
            rows.append((t("Continues"), self._activity_link(a.continues, prefix)))
        later = self.chains.later.get(a.global_id, [])
        if later:
            rows.append(
                (
                    t("Continued by"),
                    Markup(t(", ")).join(self._activity_link(x, prefix) for x in later),
                )
            )
        if a.budget is not None and a.budget.none is not None:
            reason = _md(t(NO_BUDGET[a.budget.none]))
            note = self.langs.render(a.budget.note) if a.budget.note else Markup("")
            rows.append((t("Budget"), reason + (_md(": ") + note if note else Markup(""))))
        return rows

    def _bodies(self, ids: Iterable[str], prefix: str) -> Markup:
        return Markup(t(", ")).join(
            Markup(f"[{self.body_names[b]}]({prefix}bodies/{b}.md)")
            if b in self.body_names
            else _md(b)
            for b in ids
        )

    def _activity_link(self, global_id: str, prefix: str) -> Markup:
        parts = split_global_id(global_id)
        if parts is None or global_id not in self.chains.known:
            return _md(global_id)
        body, year, activity = parts  # a known activity's id: a slug, a year and a code
        page = f"{prefix}plans/{year}/{body}.md#{activity}"
        return Markup(f"[{text(global_id)}]({page})") + _md(f" ({self._year(year)})")

    def _year(self, year: int) -> str:
        return numerals(self.fw.year_label(year))

    def indicator(self, i: IndicatorResult) -> dict[str, Any]:
        ind = i.indicator
        target = self.value(ind.target)
        if ind.target_year is not None:
            target += _md(" " + t("by {year}").format(year=self._year(ind.target_year)))
        if ind.milestones:
            steps = t(", ").join(
                f"{self._year(y)}: {self._plain(v)}" for y, v in sorted(ind.milestones.items())
            )
            target += _md(" " + t("(on the way: {steps})").format(steps=steps))
        return {
            "baseline": self.value(ind.baseline),
            "target": target,
            "latest": self.value(i.latest) + (_md(f" ({i.period})") if i.period else Markup("")),
            "target_by": self.breakdown(ind.target_by),
            "latest_by": self.breakdown(i.latest_by),
        }

    def value(self, v: Any) -> Markup:
        """A number, yes/no, or words (in their languages, each marked)."""
        if isinstance(v, str | dict):
            return self.langs.render(v)
        return _md(shown(v, ""))

    def _plain(self, v: Any) -> str:
        return self.langs.first(v) if isinstance(v, str | dict) else shown(v, "")

    def breakdown(self, by: Breakdown) -> Markup:
        """`Sex: Women 100, Men 20`, with the framework's names for both."""
        parts = []
        for name, values in by.items():
            dimension = self.fw.dimensions.get(name)
            if dimension is None:
                continue
            cats = t(", ").join(
                f"{self.langs.first(c.name)} {shown(values[c.id])}"
                for c in dimension.categories
                if c.id in values
            )
            parts.append(f"{self.langs.first(dimension.name)}: {cats}")
        return _md("; ".join(parts))
