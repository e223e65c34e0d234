"""The workbook round trip over generated plans: whatever a plan holds (texts in the
framework's languages and in others, names that look like numbers or formulas,
multi-line notes, yes-no indicators, many partners), `nap workbook` then `nap import`
gives the same plan: the same file when it exists, the same data when it does not."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE, Repo
from napkit.authoring import formatting, plan_yaml, repairs
from napkit.authoring.workbook import importing
from napkit.authoring.workbook.merging import normalized
from napkit.check.validation import load_framework
from napkit.plans.document import load_file, load_text

pytestmark = pytest.mark.slow

FRAMEWORK = load_framework(SAMPLE)
PILLARS = {p.id: p.objective_ids for p in FRAMEWORK.pillars.values()}
LOCATIONS = sorted(FRAMEWORK.locations)
BODIES = sorted(FRAMEWORK.bodies)

# Text as people write it: any letters, digits and punctuation, in any script, with
# lines; never only spaces, and no spaces around it (a spreadsheet drops those).
_chars = st.characters(
    codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs"), exclude_characters="\u2028\u2029"
)
_line = st.text(_chars, min_size=1, max_size=40).map(str.strip).filter(bool)
plain = st.one_of(
    _line,
    st.lists(_line, min_size=2, max_size=3).map("\n".join),
    st.sampled_from(["2016", "1e5", "=SUM(A1:A2)", "yes", "-", "0012", "TRUE", "#N/A text"]),
)
text = st.one_of(
    plain,
    st.dictionaries(st.sampled_from(["en", "ar", "ckb", "fr"]), plain, min_size=1, max_size=4),
)
money = st.one_of(st.integers(0, 10**13), st.decimals(0, 10**9, places=2).map(float))
date = st.dates(min_value=__import__("datetime").date(2014, 1, 1)).map(lambda d: d.isoformat())
measure = st.one_of(
    st.integers(0, 10**6),
    st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 3)),
    st.booleans(),
)


def _optional(draw: st.DrawFn, out: dict[str, Any], key: str, strategy: Any) -> None:
    if draw(st.booleans()):
        out[key] = draw(strategy)


@st.composite
def activity(draw: st.DrawFn, n: int) -> dict[str, Any]:
    pillar = draw(st.sampled_from(sorted(PILLARS)))
    out: dict[str, Any] = {"id": f"A{n}", "title": draw(text)}
    _optional(draw, out, "description", text)
    out["pillar"] = pillar
    out["objective"] = draw(st.sampled_from(PILLARS[pillar]))
    _optional(draw, out, "responsible", text)
    _optional(
        draw,
        out,
        "partners",
        st.lists(st.one_of(st.sampled_from(BODIES), _line), min_size=1, max_size=7, unique=True),
    )
    _optional(
        draw,
        out,
        "locations",
        st.lists(st.sampled_from(LOCATIONS), min_size=1, max_size=8, unique=True),
    )
    _optional(draw, out, "start", date)
    _optional(draw, out, "end", date)
    if draw(st.booleans()):
        budget: dict[str, Any] = {
            "amount": draw(money),
            "currency": draw(st.sampled_from(["IQD", "USD"])),
        }
        funds = draw(st.lists(st.builds(dict), max_size=3))
        if funds:
            budget["funding"] = []
            for _ in funds:
                fund: dict[str, Any] = {
                    "source": draw(st.sampled_from(["government", "donor", "other"]))
                }
                _optional(draw, fund, "funder", text)
                fund["amount"] = draw(money)
                fund["status"] = draw(st.sampled_from(["committed", "pledged", "requested"]))
                budget["funding"].append(fund)
        out["budget"] = budget
    indicators = draw(st.integers(0, 3))
    if indicators:
        out["indicators"] = []
        for i in range(1, indicators + 1):
            ind: dict[str, Any] = {"id": f"I{i}", "title": draw(text)}
            ind["unit"] = draw(st.sampled_from(["number", "percent", "yes-no"]))
            _optional(draw, ind, "baseline", measure)
            _optional(draw, ind, "target", measure)
            _optional(draw, ind, "verification", text)
            out["indicators"].append(ind)
    periods = draw(st.lists(st.sampled_from(["Q1", "Q2", "Q3", "Q4"]), unique=True, max_size=4))
    if periods:
        out["progress"] = []
        for period in periods:
            report: dict[str, Any] = {
                "period": f"2016-{period}",
                "status": draw(
                    st.sampled_from(["not-started", "on-track", "delayed", "completed"])
                ),
            }
            if indicators and draw(st.booleans()):
                report["values"] = {
                    f"I{i}": draw(measure) for i in range(1, indicators + 1) if draw(st.booleans())
                } or {"I1": 0}
            _optional(draw, report, "spent", money)
            _optional(draw, report, "note", text)
            out["progress"].append(report)
    return out


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    plan: dict[str, Any] = {
        "body": "fed-moh",
        "year": 2016,
        "status": draw(st.sampled_from(["draft", "submitted", "finalized", "approved"])),
    }
    _optional(draw, plan, "submitted", date)
    _optional(draw, plan, "carry_over", st.booleans())
    _optional(draw, plan, "contact_unit", text)
    _optional(draw, plan, "notes", text)
    count = draw(st.integers(0, 6))
    plan["activities"] = [draw(activity(n)) for n in range(1, count + 1)]
    return plan


def _yaml(plan: dict[str, Any]) -> str:
    import io

    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.allow_unicode = True
    yaml.width = 10**6
    out = io.StringIO()
    yaml.dump(plan, out)
    return out.getvalue()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=plans())
def test_any_plan_survives_workbook_and_import(tmp_path: Path, plan: dict[str, Any]) -> None:
    root = tmp_path / "repo"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(SAMPLE / "plans", root / "plans")
    for old in root.glob("plans/2016/*.yaml"):
        old.unlink()
    repo = Repo(root)
    rel = "plans/2016/fed-moh.yaml"
    repo.write(rel, _yaml(plan))
    assert repo.nap("fmt", rel).exit_code == 0
    before_text = repo.read(rel)
    # napkit's own writer gives the canonical layout, holding the same data
    written = plan_yaml.plan_text(plan)
    assert formatting.format_text(written) == written
    same = load_text(written.encode("utf-8"), rel).data
    repairs.texts_by_language(same, "en")  # what nap fmt did to the plan's texts
    assert same == load_file(repo.path(rel), rel).data
    before = normalized(load_file(repo.path(rel), rel).data, "en")
    book = root / "plan.xlsx"
    assert repo.nap("workbook", "fed-moh", "2016", "-o", str(book)).exit_code == 0
    fw = load_framework(root)
    # into the existing file: unchanged, byte for byte (the plan's own rules may find
    # errors in a generated plan; what matters here is that nothing moves)
    outcome = importing.import_workbook(root, fw, book, check=True)
    assert not [p for p in outcome.problems if p.rule.startswith("workbook-")], outcome.problems
    assert not outcome.changed
    assert repo.read(rel) == before_text
    # as a new file: the same data
    imported = importing.read_plan(book, fw)
    assert not imported.problems, imported.problems
    assert normalized(imported.plan, "en") == before
