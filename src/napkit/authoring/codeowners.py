"""`.github/CODEOWNERS` from plans/bodies.yaml and the maintainers in plans/nap.yaml:
each body's reviewers own that body's plan files in every year; the maintainers
own everything else. Lines are sorted and stable, so the file diffs cleanly."""

from __future__ import annotations

from napkit.plans.framework import Framework

PATH = ".github/CODEOWNERS"
MAINTAINED = (
    "/plans/nap.yaml",
    "/plans/bodies.yaml",
    "/schema/",
    "/src/",
    "/scripts/",
    "/tests/",
    "/docs/",
    "/.github/",
    "/.ci/",
    "/Makefile",
    "/pyproject.toml",
    "/mkdocs.yml",
)
HEADER = """\
# Written by `nap codeowners` from plans/bodies.yaml (reviewers) and plans/nap.yaml
# (maintainers). Do not edit by hand: change those files and run nap codeowners.
# The last matching line wins: each body's plans are owned by its reviewers only.
"""


def file_text(fw: Framework) -> str:
    """The whole CODEOWNERS file."""
    maintainers = " ".join(sorted(fw.maintainers))
    lines = [HEADER]
    if maintainers:
        lines.append(f"* {maintainers}")
        lines += [f"{path} {maintainers}" for path in MAINTAINED]
    lines.append("")
    for body_id in sorted(fw.bodies):
        reviewers = " ".join(sorted(fw.bodies[body_id].reviewers))
        if reviewers:
            lines.append(f"/plans/*/{body_id}.yaml {reviewers}")
    return "\n".join(lines) + "\n"
