"""A typed view of plans/nap.yaml and plans/bodies.yaml: what every plan is checked
against and every page is made from. Built once from schema-valid data; nothing
outside loading looks into the raw dicts."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from napkit.plans.money import decimal

# A text of the plan: one string, or a mapping language code -> string.
Text = str | Mapping[str, str]


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    dir: str  # "ltr" | "rtl"


@dataclass(frozen=True)
class Jurisdiction:
    id: str
    name: Text
    chairs: tuple[str, ...]  # the bodies that chair its part of the Task Force


@dataclass(frozen=True)
class Location:
    code: str
    name: Text
    jurisdiction: str | None


@dataclass(frozen=True)
class Objective:
    """An objective activities name: one of the lowest level (where nap.yaml declares
    levels, `parents` are the higher objectives it sits under, the highest first)."""

    id: str
    title: Text
    pillar: str
    parents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Level:
    id: str
    name: Text
    plural: Text | None = None


@dataclass(frozen=True)
class Category:
    id: str
    name: Text


@dataclass(frozen=True)
class Dimension:
    """A dimension indicators are broken down by (sex, age group) and its categories."""

    id: str
    name: Text
    categories: tuple[Category, ...]

    @property
    def category_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.categories)


@dataclass(frozen=True)
class Pillar:
    id: str
    title: Text
    description: Text | None
    objectives: tuple[Objective, ...]

    @property
    def objective_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.objectives)


@dataclass(frozen=True)
class Body:
    id: str
    name: Text
    jurisdiction: str
    kind: str
    reviewers: tuple[str, ...]


@dataclass(frozen=True)
class Licence:
    """Under what terms the published data may be reused: a licence id (CC-BY-4.0),
    the address of its text, or both."""

    name: str | None
    path: str | None
    title: Text | None


@dataclass(frozen=True)
class PlanningRound:
    year: int
    drafts_returned: dt.date
    days_allowed: int

    @property
    def deadline(self) -> dt.date:
        return self.drafts_returned + dt.timedelta(days=self.days_allowed)


@dataclass(frozen=True)
class Framework:
    id: str
    title: Text
    description: Text | None
    first_year: int
    last_year: int
    languages: tuple[Language, ...]  # the main language first
    currency: str  # the reporting currency
    rates: Mapping[str, Mapping[str, float]]  # year -> currency -> units of `currency`
    decimals: Mapping[str, int]  # currency -> decimals of its amounts (2 when not listed)
    maintainers: tuple[str, ...]
    jurisdictions: tuple[Jurisdiction, ...]
    locations: Mapping[str, Location]  # code -> location, in nap.yaml's order
    pillars: Mapping[str, Pillar]  # id -> pillar, in nap.yaml's order
    bodies: Mapping[str, Body]  # id -> body, in bodies.yaml's order
    periods: tuple[str, ...]  # reporting periods of a year: "Q1", ...
    rounds: Mapping[int, PlanningRound]  # year -> its planning round
    year_starts: tuple[int, int] = (1, 1)  # month, day the plan year starts
    levels: tuple[Level, ...] = ()  # objective levels under a pillar, highest first
    outline: Mapping[str, Text] = dataclasses.field(default_factory=dict)  # higher objectives
    dimensions: Mapping[str, Dimension] = dataclasses.field(default_factory=dict)
    has_pillars: bool = True  # False: `pillars` are the highest objectives of nap.yaml
    licence: Licence | None = None  # of the published data
    country: str | None = None  # ISO 3166 code: the locale's region (ar_IQ)
    # language code -> CLDR numbering system its pages write numbers in (latn, arab);
    # a language not listed uses its locale's default
    digits: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def group_name(self, *, plural: bool = False) -> Text:
        """What readers call the plan's highest grouping: Pillar(s), or the name of the
        highest level of objectives in a plan without pillars."""
        if self.has_pillars:
            return "Pillars" if plural else "Pillar"
        if not self.levels:
            return "Objectives" if plural else "Objective"
        level = self.levels[0]
        return (level.plural or level.name) if plural else level.name

    @classmethod
    def from_data(cls, nap: dict[str, Any], bodies: dict[str, Any]) -> Framework:
        """Build from schema-valid data (the caller checks the schema first)."""
        outline: dict[str, Text] = {}
        if "pillars" in nap:
            pillars = {p["id"]: _pillar(p, outline) for p in nap["pillars"]}
        else:  # no pillars: the highest objectives group the plan where pillars would
            pillars = {o["id"]: _group(o, outline) for o in nap["objectives"]}
        starts = nap.get("plan_year", {}).get("starts", "01-01")
        return cls(
            id=nap["id"],
            title=nap["title"],
            description=nap.get("description"),
            first_year=nap["period"]["start"],
            last_year=nap["period"]["end"],
            languages=tuple(Language(x["code"], x["name"], x["dir"]) for x in nap["languages"]),
            currency=nap["currency"],
            rates={str(y): dict(r) for y, r in nap.get("exchange_rates", {}).items()},
            decimals=dict(nap.get("currency_decimals", {})),
            maintainers=tuple(nap.get("maintainers", ())),
            jurisdictions=tuple(
                Jurisdiction(j["id"], j["name"], tuple(j["chairs"])) for j in nap["jurisdictions"]
            ),
            locations={
                x["code"]: Location(x["code"], x["name"], x.get("jurisdiction"))
                for x in nap.get("locations", [])
            },
            pillars=pillars,
            bodies={b["id"]: _body(b) for b in bodies["bodies"]},
            periods=tuple(nap["reporting"]["periods"]),
            rounds=_rounds(nap["reporting"].get("rounds", [])),
            year_starts=(int(starts[:2]), int(starts[3:])),
            levels=tuple(Level(x["id"], x["name"], x.get("plural")) for x in nap.get("levels", ())),
            has_pillars="pillars" in nap,
            licence=_licence(nap.get("licence")),
            country=nap.get("country"),
            digits=dict(nap.get("digits", {})),
            outline=outline,
            dimensions={
                d["id"]: Dimension(
                    d["id"],
                    d["name"],
                    tuple(Category(c["id"], c["name"]) for c in d["categories"]),
                )
                for d in nap.get("disaggregations", ())
            },
        )

    def year_span(self, year: int) -> tuple[dt.date, dt.date]:
        """The first and last day of plan year `year` (a fiscal year is named by the
        calendar year it starts in)."""
        month, day = self.year_starts
        first = dt.date(year, month, day)
        return first, dt.date(year + 1, month, day) - dt.timedelta(days=1)

    def year_label(self, year: int) -> str:
        """How a plan year is written for readers: 2025, or 2025–26 for a fiscal year."""
        if self.year_starts == (1, 1):
            return str(year)
        return f"{year}\u2013{(year + 1) % 100:02d}"

    @cached_property
    def objective_pillar(self) -> dict[str, str]:
        """Objective id -> the id of its pillar (the rules ask it for every activity)."""
        return {o.id: p.id for p in self.pillars.values() for o in p.objectives}

    @cached_property
    def objective_parents(self) -> dict[str, tuple[str, ...]]:
        """Objective id -> the higher objectives it sits under (none with one level)."""
        return {o.id: o.parents for p in self.pillars.values() for o in p.objectives}

    def decimal_rates(self, year: int) -> dict[str, Decimal]:
        """Units of the reporting currency per unit of each currency of `year`, exact."""
        return {
            self.currency: Decimal(1),
            **{c: decimal(r) for c, r in self.rates.get(str(year), {}).items()},
        }

    @property
    def language_codes(self) -> tuple[str, ...]:
        return tuple(x.code for x in self.languages)

    @property
    def main_language(self) -> str:
        return self.languages[0].code

    def titles(self) -> dict[str, Text]:
        """Pillar and objective id -> its title."""
        out: dict[str, Text] = {}
        for p in self.pillars.values():
            out[p.id] = p.title
            for o in p.objectives:
                out.update({k: self.outline[k] for k in o.parents})
                out[o.id] = o.title
        return out

    def decimals_of(self, currency: str) -> int:
        return self.decimals.get(currency, 2)

    def has_rate(self, currency: str, year: int) -> bool:
        return currency == self.currency or currency in self.rates.get(str(year), {})


def _pillar(p: dict[str, Any], outline: dict[str, Text]) -> Pillar:
    objectives = tuple(_leaves(p["objectives"], p["id"], (), outline))
    return Pillar(p["id"], p["title"], p.get("description"), objectives)


def _group(o: dict[str, Any], outline: dict[str, Text]) -> Pillar:
    """A highest objective in the place of a pillar: its own objective when it has none
    below it."""
    if not o.get("objectives"):
        return Pillar(o["id"], o["title"], None, (Objective(o["id"], o["title"], o["id"]),))
    outline[o["id"]] = o["title"]
    leaves = tuple(_leaves(o["objectives"], o["id"], (o["id"],), outline))
    return Pillar(o["id"], o["title"], None, leaves)


def _leaves(
    items: list[dict[str, Any]], pillar: str, parents: tuple[str, ...], outline: dict[str, Text]
) -> Iterator[Objective]:
    """The objectives of the lowest level, each with the higher ones above it."""
    for o in items:
        if o.get("objectives"):
            outline[o["id"]] = o["title"]
            yield from _leaves(o["objectives"], pillar, (*parents, o["id"]), outline)
        else:
            yield Objective(o["id"], o["title"], pillar, parents)


def _body(b: dict[str, Any]) -> Body:
    return Body(b["id"], b["name"], b["jurisdiction"], b["kind"], tuple(b["reviewers"]))


def _rounds(rounds: list[dict[str, Any]]) -> dict[int, PlanningRound]:
    out: dict[int, PlanningRound] = {}
    for r in rounds:  # the first round of a year counts (a second is reported by the check)
        returned = dt.date.fromisoformat(str(r["drafts_returned"]))
        out.setdefault(r["year"], PlanningRound(r["year"], returned, r["days_allowed"]))
    return out


def _licence(data: dict[str, Any] | None) -> Licence | None:
    if data is None:
        return None
    return Licence(data.get("name"), data.get("path"), data.get("title"))
