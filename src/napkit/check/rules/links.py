"""Rules over what links an activity to other bodies and other years: the bodies
that support it, and the earlier activity it continues."""

from __future__ import annotations

from collections.abc import Iterator

from napkit.check.rules.context import PlanContext, suggest
from napkit.findings import Finding, say
from napkit.i18n import N_
from napkit.plans.layout import plan_path
from napkit.plans.model import split_global_id


def supporting_bodies(ctx: PlanContext) -> Iterator[Finding]:
    own = ctx.plan.get("body")
    bodies = sorted(ctx.fw.bodies)
    for i, act in ctx.activities():
        for j, body in enumerate(act["supporting"] if ctx.sound(i, "supporting") else []):
            path = ("activities", i, "supporting", j)
            if body == own:
                yield ctx.doc.finding(
                    "supporting-invalid",
                    path,
                    say(
                        N_(
                            "{body} is this plan's own body, which leads the activity: list only "
                            "the other bodies"
                        ),
                        body=body,
                    ),
                )
            elif body not in ctx.fw.bodies:
                yield ctx.doc.finding(
                    "supporting-invalid",
                    path,
                    say(
                        N_("'{body}' is not a body in plans/bodies.yaml{hint}"),
                        body=body,
                        hint=suggest(body, bodies),
                    ),
                )


def continues_earlier(ctx: PlanContext) -> Iterator[Finding]:
    """The activity continued is of a known body and an earlier year; whether it exists
    is checked once every plan is read (validation's `continued`)."""
    year = ctx.year
    for i, act in ctx.activities():
        if not ctx.sound(i, "continues"):
            continue
        ref = act["continues"]
        parts = split_global_id(ref)
        path = ("activities", i, "continues")
        if parts is None or parts[0] not in ctx.fw.bodies:
            yield ctx.doc.finding(
                "continues-invalid",
                path,
                say(
                    N_(
                        "'{ref}' does not start with a body id from plans/bodies.yaml: write "
                        "body-year-id, for example {example}"
                    ),
                    ref=ref,
                    example=f"{ctx.plan.get('body', 'body')}-{(year or 2000) - 1}-A1",
                ),
            )
        elif year is not None and parts[1] >= year:
            yield ctx.doc.finding(
                "continues-invalid",
                path,
                say(
                    N_(
                        "'{ref}' is of {of}: an activity can only continue one of an earlier "
                        "year than {year}"
                    ),
                    ref=ref,
                    of=parts[1],
                    year=year,
                ),
            )


def continued_target(ref: str) -> tuple[str, str] | None:
    """The plan file and activity id that a valid `continues` names."""
    parts = split_global_id(ref)
    return None if parts is None else (plan_path(parts[1], parts[0]), parts[2])
