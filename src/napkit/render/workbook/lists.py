"""The closed lists behind the workbook's dropdowns, from the framework and the plan
schema (never written out in code), and the way back from an entry to its id."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from napkit.check.schema import schema
from napkit.i18n import N_, translate
from napkit.plans.framework import Body, Framework, Text
from napkit.plans.texts import text_in
from napkit.render.workbook.columns import SEPARATOR

YES, NO = "yes", "no"


@dataclass
class Lists:
    """Each list: name -> its entries as the dropdown shows them. `objectives` holds
    each pillar's objectives (a dropdown that follows the chosen pillar)."""

    entries: dict[str, list[str]] = field(default_factory=dict)
    objectives: dict[str, list[str]] = field(default_factory=dict)
    names: dict[str, dict[str, str]] = field(default_factory=dict)  # list -> name -> id

    def id_of(self, name: str, value: str) -> str:
        """The id in a dropdown entry ("IQ-BG · Baghdad" -> "IQ-BG"), or the id whose
        name was typed instead (in any of the framework's languages); else as typed."""
        head = value.split(SEPARATOR, 1)[0].strip()
        return self.names.get(name, {}).get(head.casefold(), head)


def _enum(definition: str, prop: str) -> list[str]:
    values: list[str] = schema("plan")["$defs"][definition]["properties"][prop]["enum"]
    return values


def _all_names(value: Text) -> list[str]:
    return [value] if isinstance(value, str) else list(value.values())


def _entry(code: str, name: Text, languages: tuple[str, ...]) -> str:
    return f"{code}{SEPARATOR}{text_in(name, languages)}"


def build(fw: Framework, year: int, plan: Mapping[str, Any] | None = None) -> Lists:
    langs = fw.language_codes
    lists = Lists()
    named: dict[str, dict[str, Text]] = {
        "bodies": body_names(fw),
        "pillars": {p.id: p.title for p in fw.pillars.values()},
        "objectives": {o.id: o.title for p in fw.pillars.values() for o in p.objectives},
        "locations": {x.code: x.name for x in fw.locations.values()},
    }
    for name, items in named.items():
        lists.entries[name] = [_entry(code, title, langs) for code, title in items.items()]
        if name == "bodies":  # a partner may be any organisation: a name stays a name
            continue
        lists.names[name] = {
            n.casefold(): code for code, title in items.items() for n in _all_names(title)
        }
    for p in fw.pillars.values():
        lists.objectives[p.id] = [_entry(o.id, o.title, langs) for o in p.objectives]
    lists.entries["plan_statuses"] = _plan_statuses()
    lists.entries["funding_statuses"] = _enum("funding", "status")
    lists.entries["sources"] = _enum("funding", "source")
    lists.entries["progress_statuses"] = _enum("progress", "status")
    lists.entries["units"] = _enum("indicator", "unit")
    lists.entries["no_budget"] = _enum("budget", "none")
    lists.entries["currencies"] = currencies(fw, year, plan)
    lists.entries["periods"] = periods(fw, year)
    lists.entries["yes_no"] = [YES, NO]
    lists.names["yes_no"] = {
        word: answer
        for answer, marked in ((YES, N_("yes")), (NO, N_("no")))
        for word in (
            answer,
            "true" if answer == YES else "false",
            *(translate(marked, code).casefold() for code in langs),
        )
    }
    return lists


def _plan_statuses() -> list[str]:
    values: list[str] = schema("plan")["properties"]["status"]["enum"]
    return values


def body_names(fw: Framework) -> dict[str, Text]:
    """Each body's name by its id, with its jurisdiction where another body has the
    same name: every view that names bodies asks once, for all of them."""
    langs = fw.language_codes
    shown = {b.id: text_in(b.name, langs) for b in fw.bodies.values()}
    shared = Counter(shown.values())
    places = {j.id: j.name for j in fw.jurisdictions}

    def placed(body: Body) -> Text:
        """The name with its jurisdiction's, in each language (the site's reader's)."""
        place = places.get(body.jurisdiction, body.jurisdiction)
        # only the languages the name is written in: a reader of another is shown one
        # of these, marked with its language, not a name in one language placed in another
        written = body.name if isinstance(body.name, dict) else {langs[0]: body.name}
        return {
            code: f"{written[code]} ({text_in(place, langs, code)})"
            for code in langs
            if written.get(code)
        }

    return {b.id: b.name if shared[shown[b.id]] < 2 else placed(b) for b in fw.bodies.values()}


def periods(fw: Framework, year: int) -> list[str]:
    """The reporting periods of `year`: 2016-Q1, ..."""
    return [f"{year}-{p}" for p in fw.periods]


def currencies(fw: Framework, year: int, plan: Mapping[str, Any] | None = None) -> list[str]:
    """The reporting currency, those with a rate in `year`, and any other that `plan`
    already uses (so that nothing it holds is refused)."""
    codes = [fw.currency, *sorted(fw.rates.get(str(year), {}))]
    for activity in (plan or {}).get("activities") or []:
        budget = activity.get("budget") if isinstance(activity, dict) else None
        currency = budget.get("currency") if isinstance(budget, dict) else None
        if isinstance(currency, str) and currency not in codes:
            codes.append(currency)
    return codes


__all__ = ["NO", "YES", "Lists", "body_names", "build", "currencies", "periods"]
