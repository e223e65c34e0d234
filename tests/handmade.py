"""A tiny framework and tiny plans built by hand, for unit tests that need no files,
no CLI and no MkDocs. Plain functions: each call returns fresh data, so a test may
change what it gets without touching another test.

The framework: period 2020-2021 in XAF (1 USD = 500 XAF and 1 EUR = 1.1 XAF in
2020, no rates for 2021); pillars `voice` (objectives voice.1, voice.2) and `safety`
(safety.1); bodies `moi` (north) and `hc` (south); reporting periods Q1-Q4; one
planning round, 2020: drafts returned 2020-04-20 with 10 days, so the deadline is
2020-04-30.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jsonschema

from napkit.check.schema import schema
from napkit.check.validation import Checked, Repository
from napkit.findings import Finding, Report
from napkit.plans.framework import Framework
from napkit.plans.layout import PlanFile
from napkit.plans.model import Plan, plan_from_data

YEAR = 2020
DEADLINE = dt.date(2020, 4, 30)  # 2020-04-20 + 10 days
ROOT = Path("/handmade")  # never read: nothing here touches the disk


def nap_data() -> dict[str, Any]:
    """plans/nap.yaml as the loader gives it (year keys and dates are text)."""
    return {
        "id": "tiny-nap",
        "title": {"en": "Tiny Action Plan", "ar": "خطة صغيرة"},
        "period": {"start": 2020, "end": 2021},
        "languages": [
            {"code": "en", "name": "English", "dir": "ltr"},
            {"code": "ar", "name": "العربية", "dir": "rtl"},
        ],
        "currency": "XAF",
        "exchange_rates": {"2020": {"USD": 500, "EUR": 1.1}},
        "jurisdictions": [
            {"id": "north", "name": "North", "chairs": ["moi"]},
            {"id": "south", "name": "South", "chairs": ["hc"]},
        ],
        "locations": [
            {"code": "XX", "name": "Whole country"},
            {"code": "XX-NO", "name": "North Province", "jurisdiction": "north"},
        ],
        "pillars": [
            {
                "id": "voice",
                "title": "Voice",
                "objectives": [
                    {"id": "voice.1", "title": "Women in decisions"},
                    {"id": "voice.2", "title": "Women in peace talks"},
                ],
            },
            {
                "id": "safety",
                "title": {"en": "Safety", "ar": "الأمان"},
                "objectives": [{"id": "safety.1", "title": "Services for survivors"}],
            },
        ],
        "reporting": {
            "periods": ["Q1", "Q2", "Q3", "Q4"],
            "rounds": [{"year": 2020, "drafts_returned": "2020-04-20", "days_allowed": 10}],
        },
    }


def bodies_data() -> dict[str, Any]:
    return {
        "bodies": [
            {
                "id": "moi",
                "name": {"en": "Ministry of Interior", "ar": "وزارة الداخلية"},
                "jurisdiction": "north",
                "kind": "ministry",
                "reviewers": ["@tiny/moi"],
            },
            {
                "id": "hc",
                "name": "High Council",
                "jurisdiction": "south",
                "kind": "council",
                "reviewers": ["@tiny/hc"],
            },
        ]
    }


def framework(nap: dict[str, Any] | None = None, bodies: dict[str, Any] | None = None) -> Framework:
    return Framework.from_data(nap or nap_data(), bodies or bodies_data())


def schema_errors(kind: str, data: dict[str, Any]) -> list[str]:
    """What the format (src/napkit/schemas) says is wrong with `data`: keeps the
    hand-written data honest, since the library expects schema-valid input."""
    validator = jsonschema.Draft202012Validator(schema(kind))
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


# Plans, as the loader gives them -------------------------------------------------


def funding(
    amount: float, status: str = "committed", source: str = "government", funder: str | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {"source": source, "amount": amount, "status": status}
    if funder is not None:
        out["funder"] = funder
    return out


def budget(amount: float, currency: str = "XAF", *funds: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"amount": amount, "currency": currency}
    if funds:
        out["funding"] = list(funds)
    return out


def progress(
    period: str,
    status: str,
    *,
    spent: float | None = None,
    values: dict[str, Any] | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {"period": period, "status": status}
    if values is not None:
        out["values"] = values
    if spent is not None:
        out["spent"] = spent
    if note is not None:
        out["note"] = note
    return out


def indicator(
    id: str, baseline: Any = None, target: Any = None, unit: str = "number"
) -> dict[str, Any]:
    out: dict[str, Any] = {"id": id, "title": f"Indicator {id}", "unit": unit}
    if baseline is not None:
        out["baseline"] = baseline
    if target is not None:
        out["target"] = target
    return out


def activity(
    id: str = "A1", pillar: str = "voice", objective: str = "voice.1", **fields: Any
) -> dict[str, Any]:
    return {"id": id, "title": f"Activity {id}", "pillar": pillar, "objective": objective, **fields}


def plan_data(
    body: str = "moi",
    year: int = YEAR,
    status: str = "draft",
    *activities: dict[str, Any],
    submitted: str | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {"body": body, "year": year, "status": status}
    if submitted is not None:
        out["submitted"] = submitted
    out["activities"] = list(activities) or [activity()]
    return out


def rel(body: str, year: int = YEAR) -> str:
    return f"plans/{year}/{body}.yaml"


def plan(
    body: str = "moi",
    year: int = YEAR,
    status: str = "draft",
    *activities: dict[str, Any],
    submitted: str | None = None,
) -> Plan:
    """A model plan through the library's own constructor, as assembly gets it."""
    data = plan_data(body, year, status, *activities, submitted=submitted)
    return plan_from_data(data, rel(body, year))


# Checked plan files, as validation hands them on -----------------------------------


def plan_file(body: str, year: int = YEAR) -> PlanFile:
    return PlanFile(ROOT / rel(body, year), rel(body, year), "plan", year, body)


def finding(file: str, rule: str, severity: str = "error") -> Finding:
    return Finding(file, 1, 1, severity, rule, ".", f"{rule} (made by hand)")  # type: ignore[arg-type]


def checked(
    body: str,
    year: int = YEAR,
    status: str | None = "draft",
    *,
    submitted: str | None = None,
    data: dict[str, Any] | None = None,
    errors: tuple[str, ...] = (),
    warnings: tuple[str, ...] = (),
) -> Checked:
    """A checked plan file: loaded, with findings named by rule and, when given, its data."""
    name = rel(body, year)
    findings = [finding(name, r) for r in errors] + [finding(name, r, "warning") for r in warnings]
    return Checked(
        plan_file(body, year), findings, data, loaded=True, status=status, submitted=submitted
    )


def repository(*plans: Checked, fw: Framework | None = None, valid: bool = True) -> Repository:
    """A checked repository; `valid=False`: nap.yaml or bodies.yaml had errors."""
    return Repository(ROOT, (fw or framework()) if valid else None, list(plans), Report())


def checked_plan(
    data: dict[str, Any], *, errors: tuple[str, ...] = (), warnings: tuple[str, ...] = ()
) -> Checked:
    """`checked` for the plan `data` (from plan_data), keeping its data as assembly needs."""
    return checked(
        data["body"],
        data["year"],
        data["status"],
        submitted=data.get("submitted"),
        data=data,
        errors=errors,
        warnings=warnings,
    )
