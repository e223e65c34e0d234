"""Rules over plans/nap.yaml and plans/bodies.yaml."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from napkit.findings import Finding, JsonPath, Message, say
from napkit.i18n import N_
from napkit.plans.document import Document


def _duplicates(
    doc: Document, items: Iterable[tuple[JsonPath, Any]], what: str
) -> Iterator[Finding]:
    """`what` is a word marked with N_ (language, pillar...)."""
    seen: set[Any] = set()
    for path, value in items:
        if value in seen:
            yield doc.finding(
                "duplicate-id",
                path,
                say(
                    N_("the {what} '{value}' is listed twice: ids must be unique"),
                    what=Message(what),
                    value=str(value),
                ),
            )
        seen.add(value)


def nap_rules(nap: Document) -> Iterator[Finding]:
    data = nap.data
    yield from _duplicates(
        nap,
        ((("languages", i, "code"), x["code"]) for i, x in enumerate(data["languages"])),
        N_("language"),
    )
    yield from _duplicates(
        nap,
        ((("jurisdictions", i, "id"), x["id"]) for i, x in enumerate(data["jurisdictions"])),
        N_("jurisdiction"),
    )
    yield from _duplicates(
        nap,
        ((("locations", i, "code"), x["code"]) for i, x in enumerate(data.get("locations", []))),
        N_("location"),
    )
    yield from _pillars_or_objectives(nap)
    yield from _duplicates(
        nap,
        ((("pillars", i, "id"), x["id"]) for i, x in enumerate(data.get("pillars", []))),
        N_("pillar"),
    )
    yield from _objective_rules(nap)
    yield from _plan_year(nap)
    yield from _dimensions(nap)
    period = data["period"]
    if period["start"] > period["end"]:
        yield nap.finding(
            "period-order",
            ("period",),
            say(
                N_("the period ends ({end}) before it starts ({start})"),
                end=period["end"],
                start=period["start"],
            ),
        )
    jurisdictions = {j["id"] for j in data["jurisdictions"]}
    for i, location in enumerate(data.get("locations", [])):
        if "jurisdiction" in location and location["jurisdiction"] not in jurisdictions:
            yield nap.finding(
                "jurisdiction-unknown",
                ("locations", i, "jurisdiction"),
                _unknown_jurisdiction(location["jurisdiction"], jurisdictions),
            )


def _objective_rules(nap: Document) -> Iterator[Finding]:
    data = nap.data
    objectives = list(_objectives(data))
    yield from _duplicates(nap, ((path, o["id"]) for path, o, _, _ in objectives), N_("objective"))
    depth = len(data.get("levels", ())) or 1
    for path, objective, parent, level in objectives:
        if parent and not objective["id"].startswith(parent + "."):
            yield nap.finding(
                "objective-prefix",
                (*path, "id"),
                say(
                    N_(
                        "objective '{objective}' must start with the id above it and a dot, "
                        "like {example}"
                    ),
                    objective=objective["id"],
                    example=f"{parent}.1",
                ),
            )
        if not objective.get("objectives") and level != depth:
            yield nap.finding(
                "objective-level",
                path,
                say(
                    N_(
                        "objective '{objective}' is at level {level}, but plans/nap.yaml "
                        "declares {depth} levels of objectives: {fix}"
                    )
                    if depth > 1
                    else N_(
                        "objective '{objective}' is at level {level}, but plans/nap.yaml "
                        "declares one level of objectives: {fix}"
                    ),
                    objective=objective["id"],
                    level=level,
                    depth=depth,
                    fix=Message(
                        N_("add the objectives below it")
                        if level < depth
                        else N_("move it up, or add a level to levels")
                    ),
                ),
            )


def _objectives(data: dict[str, Any]) -> Iterator[tuple[JsonPath, dict[str, Any], str, int]]:
    """Every objective at every level: its path, itself, the id above it, its level."""
    todo: list[tuple[JsonPath, list[dict[str, Any]], str, int]] = [
        (("pillars", i, "objectives"), p["objectives"], p["id"], 1)
        for i, p in enumerate(data.get("pillars", []))
    ]
    if "objectives" in data:  # a plan without pillars: the highest have no id above them
        todo.append((("objectives",), data["objectives"], "", 1))
    while todo:
        path, items, parent, level = todo.pop(0)
        for j, o in enumerate(items):
            yield (*path, j), o, parent, level
            if o.get("objectives"):
                todo.append(((*path, j, "objectives"), o["objectives"], o["id"], level + 1))


def _pillars_or_objectives(nap: Document) -> Iterator[Finding]:
    given = [k for k in ("pillars", "objectives") if k in nap.data]
    if len(given) != 1:
        yield nap.finding(
            "pillars-or-objectives",
            (given[-1],) if given else (),
            Message(
                N_(
                    "give pillars (each with its objectives), or, for a plan without pillars, "
                    "objectives, not both"
                )
                if given
                else N_(
                    "give pillars (each with its objectives), or, for a plan without pillars, "
                    "objectives: one of the two is needed"
                )
            ),
        )


def _plan_year(nap: Document) -> Iterator[Finding]:
    starts = nap.data.get("plan_year", {}).get("starts")
    if starts is None:
        return
    try:
        dt.date(2001, int(starts[:2]), int(starts[3:]))  # not a leap year: 02-29 is refused
    except ValueError:
        yield nap.finding(
            "plan-year-invalid",
            ("plan_year", "starts"),
            say(
                N_(
                    "'{starts}' is not a day of every year: write the month and day the plan "
                    "year starts, for example 04-01"
                ),
                starts=str(starts),
            ),
        )


def _dimensions(nap: Document) -> Iterator[Finding]:
    dimensions = nap.data.get("disaggregations", [])
    yield from _duplicates(
        nap,
        ((("disaggregations", i, "id"), d["id"]) for i, d in enumerate(dimensions)),
        N_("dimension"),
    )
    for i, d in enumerate(dimensions):
        yield from _duplicates(
            nap,
            (
                (("disaggregations", i, "categories", j, "id"), c["id"])
                for j, c in enumerate(d["categories"])
            ),
            N_("category"),
        )


def bodies_rules(bodies: Document, nap: dict[str, Any]) -> Iterator[Finding]:
    items = bodies.data["bodies"]
    yield from _duplicates(
        bodies, ((("bodies", i, "id"), b["id"]) for i, b in enumerate(items)), N_("body")
    )
    jurisdictions = {j["id"] for j in nap["jurisdictions"]}
    for i, body in enumerate(items):
        if body["jurisdiction"] not in jurisdictions:
            yield bodies.finding(
                "jurisdiction-unknown",
                ("bodies", i, "jurisdiction"),
                _unknown_jurisdiction(body["jurisdiction"], jurisdictions),
            )
        if not body["reviewers"]:
            yield bodies.finding(
                "reviewers-missing",
                ("bodies", i, "reviewers"),
                say(
                    N_(
                        "body '{body}' has no reviewers: add the GitHub team "
                        "(@organisation/team) that approves its plans"
                    ),
                    body=body["id"],
                ),
            )


def chair_rules(nap: Document, body_ids: set[str]) -> Iterator[Finding]:
    for i, jurisdiction in enumerate(nap.data["jurisdictions"]):
        for j, chair in enumerate(jurisdiction["chairs"]):
            if chair not in body_ids:
                yield nap.finding(
                    "chair-unknown",
                    ("jurisdictions", i, "chairs", j),
                    say(
                        N_(
                            "chair '{chair}' is not a body in plans/bodies.yaml: add it there "
                            "or use a body's id"
                        ),
                        chair=chair,
                    ),
                )


def _unknown_jurisdiction(value: str, known: set[str]) -> Message:
    return say(
        N_("'{value}' is not a jurisdiction in plans/nap.yaml; known: {known}"),
        value=value,
        known=", ".join(sorted(known)),
    )
