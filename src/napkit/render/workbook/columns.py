"""The workbook's shape: its sheets, and for each the columns, what plan field each
column holds and how its cells are read. One definition for writing and for reading,
so that a plan survives the round trip. Built from the framework (its languages,
lists) and, when there is one, the plan (how many partners and locations to allow)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from napkit.i18n import N_, translate
from napkit.plans.framework import Framework

# How a cell is read: text; a code or id (text, a number becomes its digits); one of a
# closed list (a dropdown: "id · name" entries, the id is kept); a number; a whole
# year; a date; yes or no; a measure (a number, or yes / no for yes-no indicators).
Kind = Literal["text", "code", "choice", "number", "integer", "date", "yes-no", "measure"]

SEPARATOR = " · "  # between an id and its name in a dropdown entry
KEY_ROW = 0  # the columns' names: what the import reads (hidden in plain sight, grey)
HEADING_ROW = 1  # the headings people read
FIRST_DATA_ROW = 2
MIN_LIST_COLUMNS = {"partners": 3, "locations": 5, "supporting": 2}


@dataclass(frozen=True)
class Column:
    key: str  # the column's name in the key row: title_ar, budget_amount, location_2
    heading: str  # what a person reads
    kind: Kind
    field: tuple[str, ...]  # where in the record: ("budget", "amount")
    language: str | None = None  # a text column's language
    language_name: str | None = None  # as plans/nap.yaml names it, in that language
    rtl: bool = False
    index: int | None = None  # the n-th item of a list field (partners, locations)
    choices: str | None = None  # the name of its list on the hidden Lists sheet
    strict: bool = True  # a dropdown that refuses other values
    required: bool = False
    width: int = 14

    @property
    def label(self) -> str:
        """The heading in English, for messages: Title (العربية), Location 2."""
        if self.language_name is not None:
            return f"{self.heading} ({self.language_name})"
        return f"{self.heading} {self.index + 1}" if self.index is not None else self.heading

    def heading_in(self, fw: Framework) -> str:
        """The heading cell: the label in each of the framework's languages that napkit
        has words for, one per line (the same line once)."""
        lines: list[str] = []
        for code in fw.language_codes:
            label = translate(self.heading, code)
            if self.language_name is not None:
                label = f"{label} ({self.language_name})"
            elif self.index is not None:
                label = f"{label} {self.index + 1}"
            if label not in lines:
                lines.append(label)
        return "\n".join(lines)


@dataclass(frozen=True)
class Sheet:
    name: str
    record: str  # "plan" | "activity" | "funding" | "indicator" | "progress" | "value"
    columns: tuple[Column, ...]
    instructions: str

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)


def _texts(fw: Framework, field: str, heading: str, languages: Iterable[str]) -> list[Column]:
    rtl = {x.code for x in fw.languages if x.dir == "rtl"}
    names = {x.code: x.name for x in fw.languages}
    return [
        Column(
            f"{field}_{code}",
            heading,
            "text",
            (field,),
            language=code,
            language_name=names.get(code, code),
            rtl=code in rtl,
            width=40,
        )
        for code in languages
    ]


def _listed(field: str, heading: str, count: int, choices: str, *, strict: bool) -> list[Column]:
    return [
        Column(
            f"{field}_{n}",
            heading,
            "choice",
            (field,),
            index=n - 1,
            choices=choices,
            strict=strict,
            width=24,
        )
        for n in range(1, count + 1)
    ]


def text_languages(fw: Framework, plan: Mapping[str, Any] | None) -> list[str]:
    """The framework's languages, then any other language the plan's texts are in (so
    that nothing written in the plan is lost on the way through)."""
    codes = list(fw.language_codes)
    for value in _texts_of(plan or {}):
        if isinstance(value, dict):
            codes += [c for c in value if isinstance(c, str) and c not in codes]
    return codes


def _texts_of(node: Any) -> Iterable[Any]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in TEXT_FIELDS:
                yield value
            else:
                yield from _texts_of(value)
    elif isinstance(node, list):
        for item in node:
            yield from _texts_of(item)


TEXT_FIELDS = {
    "title",
    "description",
    "responsible",
    "contact_unit",
    "notes",
    "funder",
    "verification",
    "note",
}


def _count(plan: Mapping[str, Any] | None, field: str) -> int:
    activities = (plan or {}).get("activities")
    longest = max(
        (
            len(a[field])
            for a in (activities if isinstance(activities, list) else [])
            if isinstance(a, dict) and isinstance(a.get(field), list)
        ),
        default=0,
    )
    return max(MIN_LIST_COLUMNS[field], longest)


def sheets(fw: Framework, plan: Mapping[str, Any] | None = None) -> tuple[Sheet, ...]:
    """Every data sheet of the workbook for `fw`, sized for `plan`."""
    langs = text_languages(fw, plan)
    return (
        _plan_sheet(fw, langs),
        _activities_sheet(fw, langs, plan),
        Sheet(
            "Funding",
            "funding",
            (
                _ACTIVITY,
                Column("source", N_("Source"), "choice", ("source",), choices="sources", width=12),
                *_texts(fw, "funder", N_("Funder"), langs),
                Column("amount", N_("Amount"), "number", ("amount",), width=16),
                Column(
                    "currency",
                    N_("Currency"),
                    "choice",
                    ("currency",),
                    choices="currencies",
                    width=10,
                ),
                Column("status", N_("Status"), "choice", ("status",), choices="funding_statuses"),
            ),
            N_(
                "A row for each source of money of an activity, in the activity's currency "
                "unless the row gives its own."
            ),
        ),
        _indicators_sheet(fw, langs),
        _progress_sheet(fw, langs),
        Sheet(
            "Progress values",
            "value",
            (
                _ACTIVITY,
                _PERIOD,
                Column("indicator", N_("Indicator id"), "code", ("indicator",), width=12),
                Column("value", N_("Value"), "measure", ("value",), width=12),
            ),
            N_("A row for each indicator's value in a reporting period."),
        ),
    )


_ACTIVITY = Column("activity", N_("Activity id"), "code", ("activity",), required=True, width=10)
_PERIOD = Column("period", N_("Period"), "code", ("period",), choices="periods", strict=False)


def _plan_sheet(fw: Framework, langs: list[str]) -> Sheet:
    return Sheet(
        "Plan",
        "plan",
        (
            Column(
                "body", N_("Body"), "choice", ("body",), choices="bodies", required=True, width=36
            ),
            Column("year", N_("Year"), "integer", ("year",), required=True, width=8),
            Column(
                "status", N_("Status"), "choice", ("status",), choices="plan_statuses", width=12
            ),
            Column("submitted", N_("Submitted on"), "date", ("submitted",), width=14),
            Column("carry_over", N_("Carried over"), "yes-no", ("carry_over",), choices="yes_no"),
            *_texts(fw, "contact_unit", N_("Contact unit"), langs),
            *_texts(fw, "notes", N_("Notes"), langs),
        ),
        N_("One row: the plan as a whole. Body and year say whose plan this is."),
    )


def _activities_sheet(fw: Framework, langs: list[str], plan: Mapping[str, Any] | None) -> Sheet:
    return Sheet(
        "Activities",
        "activity",
        (
            Column("id", N_("Activity id"), "code", ("id",), required=True, width=10),
            *(
                [Column("pillar", N_("Pillar"), "choice", ("pillar",), choices="pillars", width=28)]
                if fw.has_pillars
                else []
            ),
            Column(
                "objective",
                N_("Objective"),
                "choice",
                ("objective",),
                choices="objectives",
                width=36,
            ),
            *_texts(fw, "title", N_("Title"), langs),
            *_texts(fw, "description", N_("Description"), langs),
            *_texts(fw, "responsible", N_("Responsible unit"), langs),
            Column("start", N_("Start"), "date", ("start",), width=12),
            Column("end", N_("End"), "date", ("end",), width=12),
            Column("budget_amount", N_("Budget"), "number", ("budget", "amount"), width=16),
            Column(
                "budget_currency",
                N_("Currency"),
                "choice",
                ("budget", "currency"),
                choices="currencies",
                width=10,
            ),
            Column(
                "budget_none",
                N_("No budget, because"),
                "choice",
                ("budget", "none"),
                choices="no_budget",
                width=14,
            ),
            *_listed(
                "supporting",
                N_("Supporting body"),
                _count(plan, "supporting"),
                "bodies",
                strict=True,
            ),
            Column("continues", N_("Continues"), "code", ("continues",), width=22),
            *_listed("partners", N_("Partner"), _count(plan, "partners"), "bodies", strict=False),
            *_listed(
                "locations", N_("Location"), _count(plan, "locations"), "locations", strict=True
            ),
        ),
        N_(
            "A row for each activity. Its id (A1, A2, ...) is never reused. Pick the pillar "
            "first: the objective's list then shows that pillar's objectives."
        ),
    )


def _indicators_sheet(fw: Framework, langs: list[str]) -> Sheet:
    return Sheet(
        "Indicators",
        "indicator",
        (
            _ACTIVITY,
            Column("id", N_("Indicator id"), "code", ("id",), width=10),
            *_texts(fw, "title", N_("Indicator"), langs),
            Column("unit", N_("Unit"), "choice", ("unit",), choices="units", width=10),
            Column("baseline", N_("Baseline"), "measure", ("baseline",), width=10),
            Column("target", N_("Target"), "measure", ("target",), width=10),
            Column("target_year", N_("Target year"), "integer", ("target_year",), width=8),
            *_texts(fw, "verification", N_("Means of verification"), langs),
        ),
        N_(
            "A row for each indicator of an activity (I1, I2, ...). A yes-no indicator's "
            "baseline and target are yes or no; a text indicator's are words."
        ),
    )


def _progress_sheet(fw: Framework, langs: list[str]) -> Sheet:
    return Sheet(
        "Progress",
        "progress",
        (
            _ACTIVITY,
            _PERIOD,
            Column(
                "status", N_("Status"), "choice", ("status",), choices="progress_statuses", width=12
            ),
            Column("spent", N_("Spent"), "number", ("spent",), width=16),
            *_texts(fw, "note", N_("Note"), langs),
        ),
        N_("A row for each reporting period of an activity."),
    )


__all__ = ["SEPARATOR", "TEXT_FIELDS", "Column", "Kind", "Sheet", "sheets", "text_languages"]
