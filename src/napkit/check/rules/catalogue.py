"""Every rule id napkit reports, with what it means and how to fix it.

The ids are stable: tools, docs and people refer to them. docs/rules.md is
generated from this table, and a test checks that every id here is exercised.
"""

from __future__ import annotations

from typing import NamedTuple


class Rule(NamedTuple):
    group: str
    summary: str


RULES: dict[str, Rule] = {
    # Reading the file
    "file-too-large": Rule(
        "file",
        "The file is bigger than the size limit (2 MiB unless --max-bytes says otherwise). Split it.",
    ),
    "file-misplaced": Rule(
        "file",
        "A YAML file under plans/ that is not plans/nap.yaml, plans/bodies.yaml or plans/<year>/<body>.yaml, or that ends in .yml. Move or rename it.",
    ),
    "link-outside-repo": Rule(
        "file",
        "A link under plans/ points outside the repository. Replace it with the file itself.",
    ),
    "missing-file": Rule("file", "plans/nap.yaml or plans/bodies.yaml is missing."),
    "yaml-encoding": Rule("yaml", "The file is not UTF-8 text. Save it as UTF-8."),
    "yaml-tab": Rule("yaml", "A tab is used for indentation. YAML needs spaces."),
    "yaml-syntax": Rule(
        "yaml",
        "The file is not valid YAML: usually indentation, a missing colon or an unclosed quote or bracket.",
    ),
    "yaml-duplicate-key": Rule("yaml", "The same field is given twice in one place. Keep one."),
    "yaml-empty": Rule("yaml", "The file is empty."),
    "yaml-not-mapping": Rule("yaml", "The file holds a list or a single value instead of fields."),
    "yaml-tag": Rule(
        "yaml",
        "A YAML tag such as !!python/object is used. Tags are never run or built; remove them.",
    ),
    "yaml-alias": Rule(
        "yaml", "An anchor (&name) or alias (*name) is used. Write values out in full."
    ),
    # The schema
    "missing-field": Rule("schema", "A required field is missing."),
    "unknown-field": Rule(
        "schema", "A field the format does not have (often a typo). Extension fields start with x-."
    ),
    "wrong-type": Rule(
        "schema",
        "A value of the wrong kind: text where a number is needed, a list where fields are needed, or an empty value.",
    ),
    "number-format": Rule(
        "schema", "A number written with separators, such as 50,000,000. Write 50000000."
    ),
    "not-allowed-value": Rule(
        "schema",
        "A value that is not one of the allowed choices, such as a plan status or funding status.",
    ),
    "bad-id": Rule(
        "schema",
        "An id that is not a lowercase slug (letters, digits, single hyphens), or a key that is not a known kind of code.",
    ),
    "bad-format": Rule(
        "schema",
        "A value not written the expected way, such as a date that is not YYYY-MM-DD or a currency that is not three capital letters.",
    ),
    "bad-text": Rule("schema", "A text field that is neither text nor language code: text pairs."),
    "out-of-range": Rule("schema", "A number below its minimum or above its maximum."),
    "empty-value": Rule("schema", "A text or list that must not be empty."),
    "too-long": Rule("schema", "A text longer than the limit."),
    "duplicate-item": Rule("schema", "A list gives the same item twice."),
    "schema": Rule("schema", "Any other schema problem."),
    # The framework and bodies
    "framework-invalid": Rule(
        "framework",
        "plans/nap.yaml or plans/bodies.yaml has errors, so plans could not be checked against it. Fix those first.",
    ),
    "duplicate-id": Rule(
        "framework",
        "Two pillars, objectives, languages, locations, jurisdictions or bodies share an id.",
    ),
    "objective-prefix": Rule(
        "framework",
        "An objective id does not start with the id of its pillar (or of the objective above it) and a dot, like protection.2.",
    ),
    "pillars-or-objectives": Rule(
        "framework",
        "plans/nap.yaml gives neither pillars nor objectives, or both: give pillars, or objectives for a plan without pillars.",
    ),
    "objective-level": Rule(
        "framework",
        "An objective without objectives below it is not at the lowest of the levels that plans/nap.yaml declares (levels).",
    ),
    "plan-year-invalid": Rule(
        "framework",
        "plan_year: starts is not a day every year has (02-30, or 02-29). Write the month and day the plan year starts, like 04-01.",
    ),
    "period-order": Rule("framework", "The NAP period ends before it starts."),
    "jurisdiction-unknown": Rule(
        "framework", "A body or location names a jurisdiction that plans/nap.yaml does not list."
    ),
    "chair-unknown": Rule("framework", "A Task Force chair is not a body in plans/bodies.yaml."),
    "reviewers-missing": Rule(
        "framework", "A body has no reviewers, so nobody can approve changes to its plans."
    ),
    # One plan
    "body-unknown": Rule("plan", "The plan's body is not in plans/bodies.yaml."),
    "body-file-mismatch": Rule(
        "plan", "The plan's body is not the file name: plans/<year>/<body>.yaml."
    ),
    "year-folder-mismatch": Rule("plan", "The plan's year is not the folder it is in."),
    "year-outside-period": Rule("plan", "The plan's year is outside the NAP period."),
    "pillar-unknown": Rule("plan", "An activity names a pillar that plans/nap.yaml does not list."),
    "objective-unknown": Rule(
        "plan", "An activity names an objective that plans/nap.yaml does not list."
    ),
    "objective-pillar-mismatch": Rule(
        "plan", "An activity's objective belongs to another pillar than the activity's."
    ),
    "activity-id-duplicate": Rule(
        "plan", "Two activities of one plan share an id (ids are compared ignoring case)."
    ),
    "indicator-id-duplicate": Rule("plan", "Two indicators of one activity share an id."),
    "date-invalid": Rule("plan", "A date that does not exist, such as the 30th of February."),
    "dates-order": Rule("plan", "An activity ends before it starts."),
    "dates-outside-year": Rule(
        "plan",
        "An activity starts or ends outside the plan year (a warning when the plan sets carry_over: true).",
    ),
    "funding-exceeds-budget": Rule(
        "plan", "The funding of an activity adds up to more than its budget."
    ),
    "spent-exceeds-budget": Rule(
        "plan", "A progress report says more was spent than the budget (a warning)."
    ),
    "amount-thousands-dot": Rule(
        "plan",
        "An amount such as 80.000 or 1.500, read as 80 or 1.5 because the dot is the decimal point: an error in a currency used without fractions (currency_decimals: 0 in plans/nap.yaml), else a warning. Write 80000.",
    ),
    "amount-fraction": Rule(
        "plan",
        "An amount with a fraction in a currency used without fractions (currency_decimals: 0 in plans/nap.yaml).",
    ),
    "currency-no-rate": Rule(
        "plan", "A budget's currency has no exchange rate for the plan year in plans/nap.yaml."
    ),
    "progress-period-invalid": Rule(
        "plan", "A progress report names a period that is not a reporting period of the plan year."
    ),
    "progress-period-duplicate": Rule(
        "plan", "Two progress reports of one activity name the same period."
    ),
    "progress-indicator-unknown": Rule(
        "plan", "A progress report gives a value for an indicator the activity does not have."
    ),
    "percent-range": Rule("plan", "A percent baseline, target or value outside 0 to 100."),
    "unit-value-mismatch": Rule(
        "plan",
        "A value that does not fit the indicator's unit: a yes-no indicator with a number, a number or percent indicator with true/false or words, a text indicator with a number.",
    ),
    "location-unknown": Rule("plan", "A location code that plans/nap.yaml does not list."),
    "supporting-invalid": Rule(
        "plan",
        "A supporting body that is not in plans/bodies.yaml, or is the plan's own body (which leads the activity).",
    ),
    "continues-invalid": Rule(
        "plan",
        "continues does not name an activity of a known body and an earlier year (body-year-id).",
    ),
    "continues-unknown": Rule(
        "plan",
        "continues names an activity that the plan of that body and year does not have, or a plan that does not exist.",
    ),
    "budget-none-conflict": Rule(
        "plan",
        "A budget that says none but gives an amount or funding too (an error), or none: other without a note saying why (a warning).",
    ),
    "target-year-invalid": Rule("plan", "An indicator's target year is before the plan year."),
    "milestone-year-invalid": Rule(
        "plan",
        "A milestone for a year before the plan year or after the indicator's target year.",
    ),
    "breakdown-unit": Rule(
        "plan",
        "A breakdown by category (target_by, values_by) of a yes-no or text indicator: only numbers can be broken down.",
    ),
    "dimension-unknown": Rule(
        "plan", "A breakdown by a dimension that disaggregations in plans/nap.yaml does not list."
    ),
    "category-unknown": Rule("plan", "A breakdown names a category its dimension does not have."),
    "category-missing": Rule(
        "plan", "A breakdown leaves out a category of its dimension: give every one, 0 where none."
    ),
    "breakdown-total": Rule(
        "plan",
        "The categories of a number indicator's breakdown do not add up to its target or value.",
    ),
    "partner-unknown": Rule(
        "plan",
        "A partner written as an id (lowercase with hyphens) that is not a body in plans/bodies.yaml. Write an organisation's name in full.",
    ),
    "language-unknown": Rule("plan", "Text in a language that plans/nap.yaml does not list."),
    "plan-incomplete": Rule(
        "plan",
        "An activity without a budget or without an indicator with a target: a warning in a draft or submitted plan, an error in a finalized or approved one.",
    ),
    # Reading a workbook (nap import)
    "workbook-cell": Rule(
        "workbook",
        "A cell that cannot be read as what its column holds (a number, a date, yes or no, or a cell showing an error such as #REF!). The message says what to type.",
    ),
    "workbook-formula": Rule(
        "workbook",
        "A formula whose result was never saved, so its value is unknown. Open the workbook in Excel or LibreOffice and save it, or type the value.",
    ),
    "workbook-sheet-missing": Rule(
        "workbook", "A sheet of the workbook is missing. Copy it back from a fresh workbook."
    ),
    "workbook-columns-missing": Rule(
        "workbook",
        "A sheet has lost its first row, the column names that say what each column holds. Copy it back from a fresh workbook.",
    ),
    "workbook-column-missing": Rule(
        "workbook",
        "A column was deleted. Put it back, so that what the plan holds in it is not lost.",
    ),
    "workbook-column-twice": Rule("workbook", "The same column name is on a sheet twice."),
    "workbook-column-unknown": Rule(
        "workbook",
        "A column napkit does not know, such as one added for remarks: not read (a warning).",
    ),
    "workbook-plan-rows": Rule("workbook", "The Plan sheet has more than its one row."),
    "workbook-plan-unknown": Rule(
        "workbook",
        "The Plan sheet does not say which body and year the plan is for, and no file was named with --to.",
    ),
    "workbook-activity-missing": Rule(
        "workbook", "A funding, indicator or progress row without the id of its activity."
    ),
    "workbook-activity-unknown": Rule(
        "workbook", "A row names an activity id that is not on the Activities sheet."
    ),
    "workbook-period-unknown": Rule(
        "workbook",
        "A progress value for a period that has no row of its own on the Progress sheet.",
    ),
    "workbook-value-incomplete": Rule(
        "workbook", "A progress value row without its indicator id or its value."
    ),
    "workbook-external-links": Rule(
        "workbook",
        "The workbook links to other files: the values saved with it were used (a warning).",
    ),
    "workbook-refused": Rule(
        "workbook",
        "A file napkit does not read as a workbook: with macros (.xlsm), an old or other format, damaged, protected by a password, or too large. Save it again as a plain .xlsx or .ods.",
    ),
    "workbook-from-fork": Rule(
        "workbook",
        "A workbook uploaded in a pull request from a fork: it is checked, but it cannot be turned into its plan file there. Commit the YAML file (nap import on your computer), or upload the workbook on a branch of the repository.",
    ),
}
