"""Schema problems in plain words, at the line of the value (or of the unknown key)."""

from __future__ import annotations

import pytest

from conftest import PLAN, Repo

NAP = "plans/nap.yaml"
BODIES = "plans/bodies.yaml"

CASES = [
    (
        "missing-field",
        PLAN,
        [("    pillar: participation\n", "")],
        PLAN,
        33,
        "'pillar' is missing: add the id of the NAP pillar this activity serves, as listed in plans/nap.yaml",
    ),
    (
        "unknown-field",
        PLAN,
        [("    responsible:", "    responsable:")],
        PLAN,
        12,
        "'responsable' is not a field of an activity; did you mean 'responsible'?",
    ),
    (
        "wrong-type",
        PLAN,
        [("year: 2020", "year: twenty")],
        PLAN,
        2,
        "'twenty' is text; Year must be a whole number",
    ),
    (
        "wrong-type",
        PLAN,
        [("    responsible: {en: Directorate of Training}", "    responsible:")],
        PLAN,
        12,
        "has no value: fill it in, or remove the line",
    ),
    (
        "not-allowed-value",
        PLAN,
        [("status: approved", "status: aproved")],
        PLAN,
        3,
        "'aproved' is not allowed as plan status; did you mean 'approved'? Use one of: draft, submitted, finalized, approved",
    ),
    ("bad-id", PLAN, [("- id: A2", "- id: A 2")], PLAN, 33, "'A 2' is not a valid activity id"),
    (
        "bad-id",
        BODIES,
        [("- id: south-hc", "- id: South_HC")],
        BODIES,
        7,
        "'South_HC' is not a valid body id",
    ),
    (
        "bad-id",
        PLAN,
        [("values: {I1: 40,", "values: {i 1: 40,")],
        PLAN,
        30,
        "'i 1' cannot be used as a key here",
    ),
    (
        "bad-format",
        PLAN,
        [("start: 2020-05-01", "start: 1 May 2020")],
        PLAN,
        15,
        "'1 May 2020' is not a valid start date: A calendar date written YYYY-MM-DD",
    ),
    (
        "bad-format",
        PLAN,
        [("currency: XAF", "currency: xaf")],
        PLAN,
        19,
        "'xaf' is not a valid currency",
    ),
    (
        "bad-text",
        PLAN,
        [("    title: {en: Open a family protection unit}", "    title: [Open, unit]")],
        PLAN,
        34,
        "is a list; write text here, or the text in several languages",
    ),
    (
        "bad-id",
        PLAN,
        [("      ckb: ", "      Kurdish: ")],
        PLAN,
        9,
        "'Kurdish' cannot be used as a key here: use a language code from plans/nap.yaml",
    ),
    ("out-of-range", PLAN, [("amount: 50000000", "amount: -5")], PLAN, 18, "'-5' is out of range"),
    (
        "empty-value",
        PLAN,
        [("    title: {en: Open a family protection unit}", "    title: ''")],
        PLAN,
        34,
        "must not be empty",
    ),
    (
        "empty-value",
        NAP,
        [("periods: [Q1, Q2, Q3, Q4]", "periods: []")],
        NAP,
        33,
        "Reporting periods must not be empty",
    ),
    (
        "too-long",
        PLAN,
        [("    title: {en: Open a family protection unit}", "    title: " + "x" * 5001)],
        PLAN,
        34,
        "is too long",
    ),
    (
        "duplicate-item",
        NAP,
        [("periods: [Q1, Q2, Q3, Q4]", "periods: [Q1, Q2, Q2, Q4]")],
        NAP,
        33,
        "Reporting periods lists the same item twice",
    ),
]


@pytest.mark.parametrize(
    ("rule", "edit", "pairs", "where", "line", "message"),
    CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)],
)
def test_schema_message(
    mini: Repo,
    rule: str,
    edit: str,
    pairs: list[tuple[str, str]],
    where: str,
    line: int,
    message: str,
) -> None:
    mini.edit(edit, *pairs)
    result = mini.validate()
    hits = [f for f in result.findings if f["rule"] == rule]
    assert hits, result.findings
    assert (hits[0]["file"], hits[0]["line"]) == (where, line)
    assert message in hits[0]["message"]
    assert result.exit_code == 1


def test_missing_framework_file(mini: Repo) -> None:
    mini.path(BODIES).unlink()
    result = mini.validate()
    assert ("missing-file", 1) in result.rules()
    assert result.exit_code == 1


def test_extension_fields_are_allowed(mini: Repo) -> None:
    mini.edit(
        PLAN,
        ("    responsible:", "    x-iati-id: XM-DAC-1\n    responsible:"),
        ("status: approved", "status: approved\nx-note: anything"),
    )
    assert mini.validate().exit_code == 0
