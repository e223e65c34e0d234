"""A typed view of plans/nap.yaml and plans/bodies.yaml: what every plan is checked
against and every page is made from. Built once from schema-valid data; nothing
outside loading looks into the raw dicts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

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
    id: str
    title: Text
    pillar: str


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

    @classmethod
    def from_data(cls, nap: dict[str, Any], bodies: dict[str, Any]) -> Framework:
        """Build from schema-valid data (the caller checks the schema first)."""
        pillars = {p["id"]: _pillar(p) for p in nap["pillars"]}
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
        )

    @cached_property
    def objective_pillar(self) -> dict[str, str]:
        """Objective id -> the id of its pillar (the rules ask it for every activity)."""
        return {o.id: p.id for p in self.pillars.values() for o in p.objectives}

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
                out[o.id] = o.title
        return out

    def decimals_of(self, currency: str) -> int:
        return self.decimals.get(currency, 2)

    def has_rate(self, currency: str, year: int) -> bool:
        return currency == self.currency or currency in self.rates.get(str(year), {})


def _pillar(p: dict[str, Any]) -> Pillar:
    objectives = tuple(Objective(o["id"], o["title"], p["id"]) for o in p["objectives"])
    return Pillar(p["id"], p["title"], p.get("description"), objectives)


def _body(b: dict[str, Any]) -> Body:
    return Body(b["id"], b["name"], b["jurisdiction"], b["kind"], tuple(b["reviewers"]))


def _rounds(rounds: list[dict[str, Any]]) -> dict[int, PlanningRound]:
    out: dict[int, PlanningRound] = {}
    for r in rounds:  # the first round of a year counts (a second is reported by the check)
        returned = dt.date.fromisoformat(str(r["drafts_returned"]))
        out.setdefault(r["year"], PlanningRound(r["year"], returned, r["days_allowed"]))
    return out
