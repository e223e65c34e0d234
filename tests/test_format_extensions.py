"""The format's optional parts, for plans shaped unlike the sample: a fiscal plan
year, objectives in levels, text and disaggregated indicators, targets for a later
year, activities that continue earlier ones or are shared, funding in its own
currency and activities that need no budget. Checked on the made-up Northland
framework (tests/data/other), which uses every one of them."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import Repo
from napkit.build.master import load_master
from napkit.check.validation import check_repository

OTHER = Path(__file__).resolve().parent / "data" / "other"
NAP = "plans/nap.yaml"
GAC = "plans/2023/gac.yaml"
DND = "plans/2023/dnd.yaml"


@pytest.fixture
def other(tmp_path: Path) -> Repo:
    shutil.copytree(OTHER, tmp_path / "other")
    return Repo(tmp_path / "other")


# (rule, file to edit, replacements, file the finding is in, line, severity)
CASES = [
    ("plan-year-invalid", NAP, [("starts: 04-01", "starts: 02-29")], NAP, 11, "error"),
    (
        "objective-level",
        NAP,
        [
            (
                "      - id: relief.1\n",
                "      - {id: relief.2, title: Shelters}\n      - id: relief.1\n",
            )
        ],
        NAP,
        None,
        "error",
    ),
    ("dates-outside-year", DND, [("end: 2024-02-29", "end: 2024-04-01")], DND, 10, "error"),
    (
        "objective-unknown",
        DND,
        [("objective: prevention.1.1", "objective: prevention.1")],
        DND,
        8,
        "error",
    ),
    ("supporting-invalid", GAC, [("supporting: [dnd]", "supporting: [gac]")], GAC, 10, "error"),
    ("supporting-invalid", GAC, [("supporting: [dnd]", "supporting: [dne]")], GAC, 10, "error"),
    (
        "continues-invalid",
        GAC,
        [("continues: gac-2022-A1", "continues: gac-2023-A2")],
        GAC,
        9,
        "error",
    ),
    (
        "continues-invalid",
        GAC,
        [("continues: gac-2022-A1", "continues: xyz-2022-A1")],
        GAC,
        9,
        "error",
    ),
    (
        "continues-unknown",
        GAC,
        [("continues: gac-2022-A1", "continues: gac-2022-A9")],
        GAC,
        9,
        "error",
    ),
    (
        "continues-unknown",
        GAC,
        [("continues: gac-2022-A1", "continues: dnd-2022-A1")],
        GAC,
        9,
        "error",
    ),
    (
        "budget-none-conflict",
        GAC,
        [("      none: policy\n", "      none: policy\n      amount: 5\n")],
        GAC,
        41,
        "error",
    ),
    (
        "budget-none-conflict",
        GAC,
        [
            (
                "none: policy\n      note: {en: Work of the negotiating teams, fr: Travail des équipes de négociation}\n",
                "none: other\n",
            )
        ],
        GAC,
        40,
        "warning",
    ),
    (
        "currency-no-rate",
        GAC,
        [("currency: EUR, status: pledged", "currency: GBP, status: pledged")],
        GAC,
        19,
        "error",
    ),
    (
        "funding-exceeds-budget",
        GAC,
        [("amount: 250000, status: committed", "amount: 350000, status: committed")],
        GAC,
        53,
        "error",
    ),
    ("unit-value-mismatch", GAC, [("unit: text", "unit: number")], GAC, 60, "error"),
    ("unit-value-mismatch", DND, [("baseline: 9,", "baseline: nine,")], DND, 13, "error"),
    ("target-year-invalid", GAC, [("target_year: 2025", "target_year: 2022")], GAC, 26, "error"),
    (
        "milestone-year-invalid",
        GAC,
        [("{2023: 60, 2024: 90}", "{2023: 60, 2026: 90}")],
        GAC,
        27,
        "error",
    ),
    (
        "breakdown-total",
        GAC,
        [("{women: 100, men: 20}", "{women: 100, men: 30}")],
        GAC,
        28,
        "error",
    ),
    ("breakdown-total", GAC, [("{women: 34, men: 6}", "{women: 34, men: 7}")], GAC, 33, "error"),
    ("category-missing", GAC, [("{women: 100, men: 20}", "{women: 120}")], GAC, 28, "error"),
    (
        "category-unknown",
        GAC,
        [("{women: 100, men: 20}", "{women: 100, men: 10, other: 10}")],
        GAC,
        28,
        "error",
    ),
    ("dimension-unknown", GAC, [("target_by: {sex:", "target_by: {age:")], GAC, 28, "error"),
    (
        "breakdown-unit",
        GAC,
        [
            (
                "unit: yes-no, baseline: false, target: true}",
                "unit: yes-no, baseline: false, target: true, target_by: {sex: {women: 1, men: 1}}}",
            )
        ],
        GAC,
        43,
        "error",
    ),
    ("progress-indicator-unknown", GAC, [("values_by: {I1:", "values_by: {I7:")], GAC, 33, "error"),
]


@pytest.mark.parametrize(
    ("rule", "edit", "pairs", "where", "line", "severity"), CASES, ids=[c[0] for c in CASES]
)
def test_rule(
    other: Repo,
    rule: str,
    edit: str,
    pairs: list[tuple[str, str]],
    where: str,
    line: int | None,
    severity: str,
) -> None:
    assert other.validate("--strict").exit_code == 0, "the fixture must start valid"
    other.edit(edit, *pairs)
    result = other.validate()
    hits = [f for f in result.findings if f["rule"] == rule]
    assert hits, f"no {rule} in {result.findings}"
    assert hits[0]["file"] == where and hits[0]["severity"] == severity, hits[0]
    if line is not None:
        assert hits[0]["line"] == line, hits[0]
    assert result.exit_code == (1 if severity == "error" else 0)


def test_a_fiscal_year_checks_dates_against_its_own_days(other: Repo) -> None:
    """2024-02-29 and 2024-03-31 lie in the plan year 2023 (April to March), not
    2024-04-01; the message names the days."""
    other.edit(DND, ("end: 2024-02-29", "end: 2024-03-31"))
    assert other.validate("--strict").exit_code == 0
    other.edit(DND, ("start: 2023-06-01", "start: 2023-03-31"))
    (hit,) = [f for f in other.validate().findings if f["rule"] == "dates-outside-year"]
    assert "2023–24 (2023-04-01 to 2024-03-31)" in hit["message"]


def test_continues_in_a_plan_checked_alone_is_not_looked_up_elsewhere(other: Repo) -> None:
    """`nap validate FILE` checks that file: an earlier plan it does not read is not
    reported; one that does not exist at all is."""
    other.edit(GAC, ("continues: gac-2022-A1", "continues: gac-2022-A9"))
    assert not [f for f in other.validate(GAC).findings if f["rule"] == "continues-unknown"]
    other.edit(GAC, ("continues: gac-2022-A9", "continues: gac-2021-A1"))
    assert [f for f in other.validate(GAC).findings if f["rule"] == "continues-unknown"]


def test_the_sample_formats_files_stay_valid_without_any_extension(sample: Repo) -> None:
    assert sample.validate().exit_code == 0


def test_money_in_another_currency_is_converted_exactly_and_kept(other: Repo) -> None:
    master = load_master(other.root, 2023)
    (y,) = master.years
    a3 = next(r for r in y.activities if r.id == "gac-2023-A3")
    assert a3.money is not None
    # 500,000 USD at 1.36; committed 270,000 CAD and 250,000 USD at 1.36
    assert a3.money.budget == Decimal("680000")
    assert a3.money.committed == Decimal("610000")
    assert a3.money.gap == Decimal("70000")
    assert a3.money.own_gap == Decimal("51470.59")  # 70,000 / 1.36 to the cent
    a1 = next(r for r in y.activities if r.id == "gac-2023-A1")
    assert a1.money is not None and a1.money.pledged == Decimal("294000")  # 200,000 EUR x 1.47
    data = json.loads(other.nap("assemble", "--year", "2023").output)
    (activity,) = [a for a in data["years"][0]["activities"] if a["id"] == "gac-2023-A1"]
    eur = activity["budget"]["funding"][1]
    assert (eur["amount"], eur["currency"], eur["reporting"]) == ("200000", "EUR", "294000")


def test_an_activity_with_no_budget_is_complete_and_counted_apart(other: Repo) -> None:
    other.edit(GAC, ("status: submitted", "status: approved"))
    assert other.validate("--strict").exit_code == 0  # no plan-incomplete for A2
    (y,) = load_master(other.root, 2023).years
    assert (y.totals.no_budget, y.totals.unbudgeted, y.totals.activities) == (1, 0, 4)
    report = other.nap("report", "--year", "2023").output
    assert "need no budget of their own (policy, in kind) | 1 |" in report


def test_a_shared_activity_is_counted_once_and_shown_as_supported(other: Repo) -> None:
    (y,) = load_master(other.root, 2023).years
    assert y.supports == {"dnd": ["gac-2023-A1"]}
    assert "gac-2023-A1" in y.bodies["gac"].activities
    assert "gac-2023-A1" not in y.bodies["dnd"].activities
    bodies = sum((g.totals.budget for g in y.bodies.values()), Decimal(0))
    assert (
        bodies
        == y.totals.budget
        == sum((r.money.budget for r in y.activities if r.money), Decimal(0))
    )


def test_a_later_target_is_rated_against_the_years_milestone(other: Repo) -> None:
    (y,) = load_master(other.root, 2023).years
    a1 = next(r for r in y.activities if r.id == "gac-2023-A1")
    (i1,) = a1.indicators
    assert i1.goal == Decimal(60) and i1.met is False
    assert i1.achieved == (Decimal(40) - 18) / (Decimal(60) - 18)
    assert i1.latest_by == {"sex": {"women": Decimal(34), "men": Decimal(6)}}
    other.edit(GAC, ("milestones: {2023: 60, 2024: 90}", "milestones: {2024: 90}"))
    (y,) = load_master(other.root, 2023).years
    (i1,) = next(r for r in y.activities if r.id == "gac-2023-A1").indicators
    assert i1.goal is None and i1.achieved is None  # no goal for this year: not rated


def test_a_text_indicator_is_shown_and_not_rated(other: Repo) -> None:
    (y,) = load_master(other.root, 2023).years
    (i1,) = next(r for r in y.activities if r.id == "gac-2023-A3").indicators
    assert i1.indicator.unit == "text" and i1.achieved is None and i1.met is None
    csv = other.nap("export", "--year", "2023", "--format", "csv").output
    assert "continues" in csv.splitlines()[0] and "gac-2022-A1" in csv


def test_objectives_in_levels_are_known_by_their_lowest_level(other: Repo) -> None:
    repo = check_repository(other.root)
    fw = repo.framework
    assert fw is not None
    assert fw.objective_parents["prevention.1.2"] == ("prevention.1",)
    assert fw.objective_pillar["relief.1.1"] == "relief"
    assert "prevention.1" not in fw.objective_pillar
    assert fw.titles()["prevention.1"]["en"].startswith("Conflict prevention")
    assert fw.year_label(2023) == "2023–24" and fw.year_label(1999) == "1999–00"


@pytest.mark.parametrize("rel", ["plans/2022/gac.yaml", GAC, DND])
def test_plans_using_the_extensions_survive_the_workbook(other: Repo, rel: str) -> None:
    body, year = Path(rel).stem, Path(rel).parent.name
    before = other.read(rel)
    book = other.root / f"{body}.xlsx"
    assert other.nap("workbook", body, year, "-o", str(book)).exit_code == 0
    assert other.nap("import", str(book)).exit_code == 0
    assert other.read(rel) == before


def test_an_import_keeps_what_the_workbook_has_no_cell_for(other: Repo) -> None:
    """A changed budget and a changed funding currency come in; milestones, targets
    by category, values by category, a budget's note and the text indicator's
    French words stay as the file has them."""
    import openpyxl

    book = other.root / "gac.xlsx"
    before = other.read(GAC)
    assert other.nap("workbook", "gac", "2023", "-o", str(book)).exit_code == 0
    wb = openpyxl.load_workbook(book)
    activities, funding = wb["Activities"], wb["Funding"]
    key = {c.value: c.column for c in activities[1]}
    assert activities.cell(3, 1).value == "A1"
    activities.cell(3, key["budget_amount"], 2100000)
    fkey = {c.value: c.column for c in funding[1]}
    eur = next(r for r in range(3, 10) if funding.cell(r, fkey["currency"]).value == "EUR")
    funding.cell(eur, fkey["currency"], "USD")
    wb.save(book)
    result = other.nap("import", str(book))
    assert result.exit_code == 0, result.output + result.stderr
    after = other.read(GAC)
    assert "amount: 2100000" in after
    assert "amount: 200000, currency: USD, status: pledged" in after
    for kept in (
        "milestones: {2023: 60, 2024: 90}",
        "target_by: {sex: {women: 100, men: 20}}",
        "values_by: {I1: {sex: {women: 34, men: 6}}}",
        "note: {en: Work of the negotiating teams, fr: Travail des équipes de négociation}",
        "target: {en: Every clinic refers survivors to legal aid, fr: Chaque clinique oriente",
    ):
        assert kept in after, kept
    changed = [x for x, y in zip(before.splitlines(), after.splitlines(), strict=True) if x != y]
    assert len(changed) == 2, changed  # the budget's amount and the funding row: nothing else


def test_words_where_a_number_is_needed_are_refused_on_their_cell(other: Repo) -> None:
    import openpyxl

    book = other.root / "dnd.xlsx"
    assert other.nap("workbook", "dnd", "2023", "-o", str(book)).exit_code == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["Indicators"]
    key = {c.value: c.column for c in ws[1]}
    ws.cell(3, key["target"], "fifteen")
    wb.save(book)
    result = other.nap("import", str(book))
    assert result.exit_code == 1
    assert "Indicators!" in result.output + result.stderr
    assert "'fifteen' is not a number, yes or no" in result.output + result.stderr


def _without_pillars(repo: Repo) -> None:
    """The Northland plan as a framework without pillars: its outcomes are the
    highest objectives, and activities name only their output."""
    import yaml

    nap = yaml.safe_load(repo.read(NAP))
    nap["objectives"] = [o for p in nap.pop("pillars") for o in p["objectives"]]
    nap["levels"][0]["plural"] = {"en": "Outcomes", "fr": "Résultats"}
    repo.write(NAP, yaml.safe_dump(nap, allow_unicode=True, sort_keys=False))
    for rel in ("plans/2022/gac.yaml", GAC, DND):
        text = repo.read(rel)
        for pillar in ("prevention", "relief"):
            text = text.replace(f"    pillar: {pillar}\n", "")
        repo.write(rel, text)


def test_a_plan_without_pillars_groups_by_its_highest_objectives(other: Repo) -> None:
    _without_pillars(other)
    assert other.validate("--strict").exit_code == 0, other.validate().findings
    (y,) = load_master(other.root, 2023).years
    assert set(y.pillars) == {"prevention.1", "relief.1"}
    a1 = next(r for r in y.activities if r.id == "gac-2023-A1")
    assert a1.activity.pillar == "prevention.1"
    assert y.pillars["prevention.1"].totals.activities == 3
    report = other.nap("report", "--year", "2023").output
    assert "## Progress by outcome" in report and "All outcomes" in report
    assert "pillar" not in report.lower()
    # a pillar given anyway is refused; so is a framework with both or neither
    other.edit(
        DND,
        (
            "    objective: prevention.1.1\n",
            "    pillar: prevention\n    objective: prevention.1.1\n",
        ),
    )
    assert {f["rule"] for f in other.validate().findings} == {"pillar-unknown"}
    other.edit(DND, ("    pillar: prevention\n", ""))
    import yaml

    nap = yaml.safe_load(other.read(NAP))
    del nap["objectives"]
    other.write(NAP, yaml.safe_dump(nap, allow_unicode=True, sort_keys=False))
    rules = {f["rule"] for f in other.validate().findings}
    assert "pillars-or-objectives" in rules


def test_a_plan_with_pillars_still_needs_the_pillar(other: Repo) -> None:
    other.edit(DND, ("    pillar: prevention\n", ""))
    (hit,) = other.validate().findings
    assert hit["rule"] == "missing-field" and hit["line"] == 5
    assert "'pillar' is missing" in hit["message"]


def test_the_workbook_of_a_plan_without_pillars_has_no_pillar_column(other: Repo) -> None:
    import openpyxl

    _without_pillars(other)
    for rel in ("plans/2022/gac.yaml", GAC, DND):
        body, year = Path(rel).stem, Path(rel).parent.name
        before = other.read(rel)
        book = other.root / f"{body}-{year}.xlsx"
        assert other.nap("workbook", body, year, "-o", str(book)).exit_code == 0
        assert "pillar" not in [c.value for c in openpyxl.load_workbook(book)["Activities"][1]]
        assert other.nap("import", str(book)).exit_code == 0
        assert other.read(rel) == before


@pytest.mark.slow
def test_the_site_of_a_plan_without_pillars_and_with_every_extension(tmp_path: Path) -> None:
    from conftest import build_site, site_source

    src = site_source(OTHER / "plans", tmp_path / "src")
    _without_pillars(Repo(src))
    site = build_site(src, tmp_path / "site")
    plan = (site / "plans/2023/gac.html").read_text("utf-8")
    assert "plan 2023–24" in plan
    for shown in ("Outcome", "Output", "Supported by", "Continues", "by 2025–26", "Women 100"):
        assert shown in plan, shown
    assert ">Pillar<" not in plan
    earlier = (site / "plans/2022/gac.html").read_text("utf-8")
    assert "Continued by" in earlier and "gac-2023-A1" in earlier
    dnd = (site / "plans/2023/dnd.html").read_text("utf-8")
    assert "Activities of other bodies this body supports" in dnd
    body = (site / "bodies/dnd.html").read_text("utf-8")
    assert "Activities of other bodies it supports" in body and "gac-2023-A1" in body
    assert '<h1 id="outcomes">Outcomes' in (site / "pillars/index.html").read_text("utf-8")
