"""Rules over plans/nap.yaml and plans/bodies.yaml."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from napkit.findings import Finding, JsonPath
from napkit.plans.document import Document


def _duplicates(
    doc: Document, items: Iterable[tuple[JsonPath, Any]], what: str
) -> Iterator[Finding]:
    seen: set[Any] = set()
    for path, value in items:
        if value in seen:
            yield doc.finding(
                "duplicate-id", path, f"the {what} '{value}' is listed twice: ids must be unique"
            )
        seen.add(value)


def nap_rules(nap: Document) -> Iterator[Finding]:
    data = nap.data
    yield from _duplicates(
        nap,
        ((("languages", i, "code"), x["code"]) for i, x in enumerate(data["languages"])),
        "language",
    )
    yield from _duplicates(
        nap,
        ((("jurisdictions", i, "id"), x["id"]) for i, x in enumerate(data["jurisdictions"])),
        "jurisdiction",
    )
    yield from _duplicates(
        nap,
        ((("locations", i, "code"), x["code"]) for i, x in enumerate(data.get("locations", []))),
        "location",
    )
    yield from _duplicates(
        nap, ((("pillars", i, "id"), x["id"]) for i, x in enumerate(data["pillars"])), "pillar"
    )
    objectives = [
        (("pillars", i, "objectives", j, "id"), o["id"])
        for i, p in enumerate(data["pillars"])
        for j, o in enumerate(p["objectives"])
    ]
    yield from _duplicates(nap, objectives, "objective")
    for i, pillar in enumerate(data["pillars"]):
        for j, objective in enumerate(pillar["objectives"]):
            if not objective["id"].startswith(pillar["id"] + "."):
                yield nap.finding(
                    "objective-prefix",
                    ("pillars", i, "objectives", j, "id"),
                    f"objective '{objective['id']}' must start with its pillar's id and a dot, like {pillar['id']}.1",
                )
    period = data["period"]
    if period["start"] > period["end"]:
        yield nap.finding(
            "period-order",
            ("period",),
            f"the period ends ({period['end']}) before it starts ({period['start']})",
        )
    jurisdictions = {j["id"] for j in data["jurisdictions"]}
    for i, location in enumerate(data.get("locations", [])):
        if "jurisdiction" in location and location["jurisdiction"] not in jurisdictions:
            yield nap.finding(
                "jurisdiction-unknown",
                ("locations", i, "jurisdiction"),
                _unknown_jurisdiction(location["jurisdiction"], jurisdictions),
            )


def bodies_rules(bodies: Document, nap: dict[str, Any]) -> Iterator[Finding]:
    items = bodies.data["bodies"]
    yield from _duplicates(
        bodies, ((("bodies", i, "id"), b["id"]) for i, b in enumerate(items)), "body"
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
                f"body '{body['id']}' has no reviewers: add the GitHub team (@organisation/team) that approves its plans",
            )


def chair_rules(nap: Document, body_ids: set[str]) -> Iterator[Finding]:
    for i, jurisdiction in enumerate(nap.data["jurisdictions"]):
        for j, chair in enumerate(jurisdiction["chairs"]):
            if chair not in body_ids:
                yield nap.finding(
                    "chair-unknown",
                    ("jurisdictions", i, "chairs", j),
                    f"chair '{chair}' is not a body in plans/bodies.yaml: add it there or use a body's id",
                )


def _unknown_jurisdiction(value: str, known: set[str]) -> str:
    return f"'{value}' is not a jurisdiction in plans/nap.yaml; known: {', '.join(sorted(known))}"
