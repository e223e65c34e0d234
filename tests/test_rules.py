"""Every cross-file rule, on a small valid repository changed in one place."""

from __future__ import annotations

import pytest

from conftest import PLAN, Repo

NAP = "plans/nap.yaml"
BODIES = "plans/bodies.yaml"

# (rule, file to edit, replacements, file the finding is in, line, severity)
CASES = [
    ("body-unknown", PLAN, [("body: north-moi", "body: north-mo")], PLAN, 1, "error"),
    ("body-file-mismatch", PLAN, [("body: north-moi", "body: south-hc")], PLAN, 1, "error"),
    ("year-folder-mismatch", PLAN, [("year: 2020", "year: 2019")], PLAN, 2, "error"),
    (
        "year-outside-period",
        NAP,
        [("period: {start: 2019, end: 2021}", "period: {start: 2021, end: 2022}")],
        PLAN,
        2,
        "error",
    ),
    ("pillar-unknown", PLAN, [("pillar: protection", "pillar: protektion")], PLAN, 10, "error"),
    (
        "objective-unknown",
        PLAN,
        [("objective: protection.2", "objective: protection.7")],
        PLAN,
        11,
        "error",
    ),
    (
        "objective-pillar-mismatch",
        PLAN,
        [("objective: protection.2", "objective: participation.2")],
        PLAN,
        11,
        "error",
    ),
    ("activity-id-duplicate", PLAN, [("- id: A2", "- id: a1")], PLAN, 33, "error"),
    ("indicator-id-duplicate", PLAN, [("{id: I2,", "{id: I1,")], PLAN, 25, "error"),
    ("date-invalid", PLAN, [("start: 2020-05-01", "start: 2020-02-30")], PLAN, 15, "error"),
    (
        "dates-order",
        PLAN,
        [("start: 2020-05-01", "start: 2020-12-31"), ("end: 2020-12-31", "end: 2020-06-01")],
        PLAN,
        16,
        "error",
    ),
    ("dates-outside-year", PLAN, [("end: 2020-12-31", "end: 2021-03-31")], PLAN, 16, "error"),
    (
        "funding-exceeds-budget",
        PLAN,
        [("amount: 20000000, status: committed", "amount: 45000000, status: committed")],
        PLAN,
        20,
        "error",
    ),
    ("spent-exceeds-budget", PLAN, [("spent: 12000000", "spent: 60000000")], PLAN, 31, "warning"),
    ("currency-no-rate", PLAN, [("currency: USD}", "currency: EUR}")], PLAN, 37, "error"),
    ("progress-period-invalid", PLAN, [("period: 2020-Q3", "period: 2020-Q5")], PLAN, 28, "error"),
    (
        "progress-period-duplicate",
        PLAN,
        [
            (
                "        note: {en: Two courses held}\n",
                "        note: {en: Two courses held}\n      - {period: 2020-Q3, status: delayed}\n",
            )
        ],
        PLAN,
        33,
        "error",
    ),
    (
        "progress-indicator-unknown",
        PLAN,
        [("values: {I1: 40,", "values: {I9: 40,")],
        PLAN,
        30,
        "error",
    ),
    ("percent-range", PLAN, [("I2: 10,", "I2: 140,")], PLAN, 30, "error"),
    ("unit-value-mismatch", PLAN, [("I3: false}", "I3: 0}")], PLAN, 30, "error"),
    ("location-unknown", PLAN, [("[XX-NO]", "[XX-NX]")], PLAN, 14, "error"),
    (
        "partner-unknown",
        PLAN,
        [("[south-hc, UN Women]", "[south-hq, UN Women]")],
        PLAN,
        13,
        "error",
    ),
    ("language-unknown", PLAN, [("      ckb: ", "      fr: ")], PLAN, 9, "error"),
    (
        "plan-incomplete",
        PLAN,
        [("    budget: {amount: 10000, currency: USD}\n", "")],
        PLAN,
        33,
        "error",
    ),
    (
        "reviewers-missing",
        BODIES,
        [('reviewers: ["@test-org/south-hc"]', "reviewers: []")],
        BODIES,
        11,
        "error",
    ),
    ("chair-unknown", NAP, [("chairs: [south-hc]", "chairs: [south-hcx]")], NAP, 16, "error"),
    (
        "jurisdiction-unknown",
        BODIES,
        [("jurisdiction: south", "jurisdiction: east")],
        BODIES,
        9,
        "error",
    ),
    ("duplicate-id", NAP, [("{id: participation.2,", "{id: participation.1,")], NAP, 26, "error"),
    ("objective-prefix", NAP, [("{id: protection.1,", "{id: prot.1,")], NAP, 30, "error"),
    (
        "period-order",
        NAP,
        [("period: {start: 2019, end: 2021}", "period: {start: 2019, end: 2018}")],
        NAP,
        5,
        "error",
    ),
]


@pytest.mark.parametrize(
    ("rule", "edit", "pairs", "where", "line", "severity"), CASES, ids=[c[0] for c in CASES]
)
def test_rule(
    mini: Repo,
    rule: str,
    edit: str,
    pairs: list[tuple[str, str]],
    where: str,
    line: int,
    severity: str,
) -> None:
    assert mini.validate().exit_code == 0, "the fixture must start valid"
    mini.edit(edit, *pairs)
    result = mini.validate()
    hits = [f for f in result.findings if f["rule"] == rule]
    assert hits, f"no {rule} in {result.findings}"
    assert (hits[0]["file"], hits[0]["line"], hits[0]["severity"]) == (where, line, severity)
    assert result.exit_code == (1 if severity == "error" else 0)
    if severity == "warning":
        assert mini.validate("--strict").exit_code == 1


def test_carry_over_turns_dates_outside_the_year_into_warnings(mini: Repo) -> None:
    mini.edit(
        PLAN,
        ("end: 2020-12-31", "end: 2021-03-31"),
        ("status: approved", "status: approved\ncarry_over: true"),
    )
    result = mini.validate()
    assert ("dates-outside-year", 17) in result.rules()
    assert result.findings[0]["severity"] == "warning"
    assert result.exit_code == 0


def test_a_draft_may_be_incomplete(mini: Repo) -> None:
    mini.edit(
        PLAN,
        ("status: approved", "status: draft"),
        ("    budget: {amount: 10000, currency: USD}\n", ""),
    )
    result = mini.validate()
    assert [(f["rule"], f["severity"]) for f in result.findings] == [("plan-incomplete", "warning")]
    assert result.exit_code == 0
    assert mini.validate("--strict").exit_code == 1


def test_an_indicator_without_target_makes_a_finalized_plan_incomplete(mini: Repo) -> None:
    mini.edit(
        PLAN,
        ("status: approved", "status: finalized"),
        ("unit: number, baseline: 0, target: 1}", "unit: number, baseline: 0}"),
    )
    result = mini.validate()
    assert ("plan-incomplete", 33) in result.rules()
    assert "no indicator with a target" in result.findings[0]["message"]


def test_all_problems_of_all_files_in_one_run(mini: Repo) -> None:
    mini.edit(
        PLAN,
        ("pillar: protection", "pillar: protektion"),
        ("amount: 50000000", "amount: 50,000,000"),
        ("[XX-NO]", "[XX-NX]"),
    )
    mini.write(
        "plans/2020/south-hc.yaml",
        mini.read(PLAN).replace("north-moi", "south-hc").replace("- id: A2", "- id: A1"),
    )
    result = mini.validate()
    found = {(f["file"], f["rule"]) for f in result.findings}
    assert {
        (PLAN, "pillar-unknown"),
        (PLAN, "number-format"),
        (PLAN, "location-unknown"),
        ("plans/2020/south-hc.yaml", "activity-id-duplicate"),
        ("plans/2020/south-hc.yaml", "pillar-unknown"),
    } <= found


def test_pillar_message_suggests_and_lists(mini: Repo) -> None:
    mini.edit(PLAN, ("pillar: protection", "pillar: protektion"))
    message = mini.validate().findings[0]["message"]
    assert (
        message
        == "'protektion' is not a pillar; did you mean 'protection'? Known pillars: participation, protection"
    )


def test_broken_framework_is_reported_and_plans_still_get_schema_checks(mini: Repo) -> None:
    mini.edit(NAP, ("currency: XAF", "currency: xaf"))
    mini.edit(PLAN, ("status: approved", "status: aproved"))
    result = mini.validate()
    rules = {(f["file"], f["rule"]) for f in result.findings}
    assert (NAP, "bad-format") in rules
    assert (NAP, "framework-invalid") in rules
    assert (PLAN, "not-allowed-value") in rules
    assert result.exit_code == 1


def test_a_budget_without_its_amount_is_a_message_not_a_crash(mini: Repo) -> None:
    """Found by tests/test_neutral.py: the money rules read a budget whose amount
    was missing (a missing field did not mark its object unusable for the rules)."""
    mini.edit(PLAN, ("      amount: 50000000\n", ""))
    result = mini.validate()
    assert result.exit_code == 1
    assert ("missing-field", 17) in result.rules()


def test_amounts_written_with_dots_between_thousands(mini: Repo) -> None:
    """80.000 is 80 to YAML: a mistake in a currency used without fractions (an error),
    a likely one in another (a warning); a fraction of such a currency is an error."""
    mini.edit(NAP, ("currency: XAF\n", "currency: XAF\ncurrency_decimals: {XAF: 0}\n"))
    assert mini.validate().exit_code == 0
    mini.edit(
        PLAN,
        ("amount: 50000000", "amount: 50.000"),
        ("budget: {amount: 10000, currency: USD}", "budget: {amount: 10.000, currency: USD}"),
        ("amount: 20000000, status", "amount: 20000000.5, status"),
    )
    findings = mini.validate().findings
    dots = "amount-thousands-dot"
    got = [
        (f["rule"], f["line"], f["severity"]) for f in findings if f["rule"].startswith("amount")
    ]
    assert got == [(dots, 18, "error"), ("amount-fraction", 21, "error"), (dots, 37, "warning")]
    (first,) = [f for f in findings if f["line"] == 18]
    assert first["message"] == (
        "50.000 is read as 50 XAF (the dot is the decimal point): did you mean 50,000 XAF? "
        "Write it 50000, without dots"
    )
