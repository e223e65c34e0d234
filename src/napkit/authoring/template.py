"""`nap new`: a commented plan template for one body and year."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path
from string import Template

from napkit.check.examples import Examples
from napkit.errors import UsageError
from napkit.plans.framework import Framework
from napkit.plans.layout import plan_path
from napkit.plans.texts import text_in

# From a plan file (plans/YEAR/BODY.yaml) to its schema, for editors that read it.
SCHEMA_PATH = "../../schema/plan.schema.json"


def plan_text(fw: Framework, body: str, year: int) -> str:
    """The commented template of BODY's plan for YEAR."""
    if body not in fw.bodies:
        raise UsageError(f"'{body}' is not a body in plans/bodies.yaml: add it there first")
    if not fw.first_year <= year <= fw.last_year:
        raise UsageError(
            f"{year} is outside the plan period {fw.first_year}-{fw.last_year} in plans/nap.yaml"
        )
    pillar = next(iter(fw.pillars.values()))
    objectives = pillar.objective_ids
    text = files("napkit.authoring").joinpath("templates", "plan.yaml").read_text("utf-8")
    return Template(text).substitute(
        schema=SCHEMA_PATH,
        body=body,
        body_name=text_in(fw.bodies[body].name, fw.language_codes),
        year=year,
        path=plan_path(year, body),
        pillar=pillar.id,
        pillars=", ".join(fw.pillars),
        objective=objectives[0],
        objectives=", ".join(objectives),
        location=min(fw.locations, default="XX"),
        currency=fw.currency,
        period=fw.periods[-1],
        by_language=Examples.of(fw).text_by_language(),
        main=fw.main_language,
    )


def write_new(root: Path, fw: Framework, body: str, year: int) -> Path:
    """Write plans/<year>/<body>.yaml; refuses to overwrite an existing file."""
    text = plan_text(fw, body, year)
    path = root / plan_path(year, body)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise UsageError(
            f"{path.relative_to(root)} already exists: nap new never overwrites a plan"
        ) from None
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return path
