"""What every rule over one plan reads: the plan, the framework, and which paths
the schema already found broken."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from napkit.findings import Arg, Finding, say
from napkit.i18n import N_
from napkit.plans.document import Document
from napkit.plans.framework import Framework

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class PlanContext:
    doc: Document
    fw: Framework
    file_body: str  # from the file name
    file_year: str  # from the folder name
    bad: frozenset[tuple[str | int, ...]] = frozenset()  # paths the schema found broken

    @property
    def plan(self) -> dict[str, Any]:
        return self.doc.data

    def has(self, field: str) -> bool:
        """The plan-level field is there and of the right type."""
        return field in self.plan and self._sound((field,))

    def _sound(self, path: tuple[str | int, ...]) -> bool:
        n = len(path)
        return not any(p[:n] == path or path[: len(p)] == p for p in self.bad)

    def sound(self, i: int, *fields: str) -> bool:
        """Every field named is in activity i and the schema found nothing wrong in it."""
        act = self.plan["activities"][i]
        if not self.bad:  # a schema-valid plan, nearly always: no path to look through
            return all(f in act for f in fields)
        return all(f in act and self._sound(("activities", i, f)) for f in fields)

    @property
    def year(self) -> int | None:
        return self.plan["year"] if self.has("year") else None

    def activities(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """The activities that are mappings; each rule then reads only fields that are
        `sound`, since the schema has already reported the others."""
        if "activities" not in self.plan or ("activities",) in self.bad:
            return
        for i, act in enumerate(self.plan["activities"]):
            if ("activities", i) not in self.bad:
                yield i, act


Check = Callable[[PlanContext], Iterator[Finding]]


def label(act: dict[str, Any], i: int) -> Arg:
    """How a message names an activity: its id, or its place in the list."""
    return str(act["id"]) if isinstance(act.get("id"), str) else say(N_("number {n}"), n=i + 1)


def suggest(value: str, known: list[str]) -> Arg:
    """A hint to append to a sentence ({hint}): the closest known value, or nothing."""
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    return say(N_("; did you mean '{value}'?"), value=close[0]) if close else ""
