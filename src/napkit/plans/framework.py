"""A typed view of plans/nap.yaml and plans/bodies.yaml: what every plan is checked against."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Framework:
    nap: dict[str, Any]
    bodies: dict[str, dict[str, Any]]  # body id -> body
    pillars: dict[str, tuple[str, ...]]  # pillar id -> its objective ids
    objective_pillar: dict[str, str]
    languages: tuple[str, ...]
    locations: frozenset[str]
    currency: str
    rates: dict[str, dict[str, float]]  # year -> currency -> rate
    periods: tuple[str, ...]
    first_year: int
    last_year: int

    @classmethod
    def from_data(cls, nap: dict[str, Any], bodies: dict[str, Any]) -> Framework:
        """Build from schema-valid data (the caller checks the schema first)."""
        pillars = {p["id"]: tuple(o["id"] for o in p["objectives"]) for p in nap["pillars"]}
        return cls(
            nap=nap,
            bodies={b["id"]: b for b in bodies["bodies"]},
            pillars=pillars,
            objective_pillar={o: p for p, objs in pillars.items() for o in objs},
            languages=tuple(lang["code"] for lang in nap["languages"]),
            locations=frozenset(loc["code"] for loc in nap.get("locations", [])),
            currency=nap["currency"],
            rates={str(y): dict(r) for y, r in nap.get("exchange_rates", {}).items()},
            periods=tuple(nap["reporting"]["periods"]),
            first_year=nap["period"]["start"],
            last_year=nap["period"]["end"],
        )

    def has_rate(self, currency: str, year: int) -> bool:
        return currency == self.currency or currency in self.rates.get(str(year), {})
