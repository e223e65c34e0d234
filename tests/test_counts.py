"""One set of numbers: the headline figures of each page of the built sample site,
recomputed from the master plan JSON it publishes (downloads/master.json) and its
CSV. A page that counted plans or summed money its own way would disagree here."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow  # a real build of the sample site

YEAR = 2016


def _text(site: Path, rel: str) -> str:
    """The page's article as a reader reads it: tags gone, spaces folded."""
    page = (site / rel).read_text("utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", article)))


def _n(value: str | int) -> str:
    """An amount as every page writes it."""
    return f"{Decimal(value).quantize(Decimal(1)):,}"


@pytest.fixture(scope="module")
def year(sample_site: Path) -> dict[str, Any]:
    data = json.loads((sample_site / "downloads/master.json").read_text("utf-8"))
    (found,) = (y for y in data["years"] if y["year"] == YEAR)
    return dict(found)


def _figures(t: dict[str, Any]) -> str:
    """The figures table's row: activities, budget, funding gap, committed, pledged, spent."""
    money = (_n(t[k]) for k in ("budget", "gap", "committed", "pledged", "spent"))
    return " ".join([str(t["activities"]), *money])


def _drafts(t: dict[str, Any]) -> str:
    return (
        f"These totals include {t['draft_activities']} activities "
        f"({_n(t['draft_budget'])} IQD) from"
    )


def test_the_sample_has_drafts_so_the_notes_are_tested(year: dict[str, Any]) -> None:
    assert year["plans"]["drafts"] > 0 and year["totals"]["draft_activities"] > 0
    assert year["plans"]["submitted"] < year["plans"]["plans"]


def test_home_page(sample_site: Path, year: dict[str, Any]) -> None:
    text, plans, t = _text(sample_site, "index.html"), year["plans"], year["totals"]
    assert (
        f"{plans['submitted']} of {plans['bodies']} bodies have submitted their {YEAR} plan; "
        f"{plans['drafts']} more are still in draft" in text
    )
    assert _figures(t) in text
    assert _drafts(t) + f" the {plans['drafts']} draft plans" in text


def test_master_plan_index(sample_site: Path, year: dict[str, Any]) -> None:
    text, plans, t = _text(sample_site, "plan/index.html"), year["plans"], year["totals"]
    assert (
        f"{plans['plans']} of {plans['bodies']} bodies have a plan for {YEAR} "
        f"({plans['submitted']} submitted, {plans['drafts']} still in draft), "
        f"with {t['activities']} activities" in text
    )
    assert _figures(t) in text
    assert _drafts(t) in text


def test_master_plan_page(sample_site: Path, year: dict[str, Any]) -> None:
    text, t = _text(sample_site, f"plan/{YEAR}.html"), year["totals"]
    assert f"All {t['activities']} activities of the {YEAR} plans" in text
    assert _figures(t) in text
    assert _drafts(t) in text


def test_annual_report(sample_site: Path, year: dict[str, Any]) -> None:
    plans, t = year["plans"], year["totals"]
    for rel in (f"report/{YEAR}.html", "report/index.html"):
        text = _text(sample_site, rel)
        assert f"Assembled from the plans of {plans['plans']} of {plans['bodies']}" in text
        assert f"({plans['submitted']} submitted, {plans['drafts']} still in draft)" in text
        assert f"plans submitted {plans['submitted']} of {plans['bodies']}" in text
        assert f"plans finalized or approved {plans['final']} of {plans['bodies']}" in text
        assert f"activities {t['activities']} " in text
        for label, key in (("budget", "budget"), ("funding gap", "gap"), ("spent", "spent")):
            assert f"{label} {_n(t[key])} IQD" in text
        assert f"committed funding {_n(t['committed'])} IQD" in text
        assert _drafts(t) in text


def test_funding_gaps(sample_site: Path, year: dict[str, Any]) -> None:
    t = year["totals"]
    text = _text(sample_site, "funding-gaps.html")
    assert f"Total funding gap: {_n(t['gap'])} IQD of a budget of {_n(t['budget'])} IQD" in text
    assert _drafts(t) in text
    # the activities listed are those with a gap, and their gaps add up to the total
    gaps = {
        a["id"]: Decimal(a["budget"]["reporting"]["gap"])
        for a in year["activities"]
        if a.get("budget") and "reporting" in a["budget"]
    }
    assert all(g >= 0 for g in gaps.values())
    listed = [i for i, g in gaps.items() if g > 0]
    assert all(f" {i} " in text for i in listed)
    assert sum(gaps.values()) == Decimal(t["gap"])


def test_tracker_counts_the_same_plans_as_submitted(
    sample_site: Path, year: dict[str, Any]
) -> None:
    plans = year["plans"]
    text = _text(sample_site, "tracker.html")
    found = re.search(r"(\d+) bodies: (\d+) on time, (\d+) late, (\d+) not submitted", text)
    assert found is not None, text[:400]
    bodies, on_time, late, not_submitted = (int(g) for g in found.groups())
    assert bodies == plans["bodies"]
    assert on_time + late == plans["submitted"]
    assert not_submitted == plans["drafts"]


def test_pillar_pages(sample_site: Path, year: dict[str, Any]) -> None:
    for pillar in year["pillars"]:
        text = _text(sample_site, f"pillars/{pillar['id']}.html")
        t = pillar["totals"]
        money = " ".join(_n(t[k]) for k in ("budget", "gap", "committed", "spent"))
        assert f"{YEAR} {t['activities']} {money}" in text, pillar["id"]
        if t["draft_activities"]:
            assert f"{YEAR}: These totals include {t['draft_activities']} activit" in text


def test_the_csv_adds_up_to_the_same_totals(sample_site: Path, year: dict[str, Any]) -> None:
    raw = (sample_site / f"downloads/master-{YEAR}.csv").read_text("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    t = year["totals"]
    assert len(rows) == t["activities"]
    for key in ("budget", "committed", "gap", "spent"):
        assert sum(Decimal(r[key] or 0) for r in rows) == Decimal(t[key]), key
    drafts = [r for r in rows if r["plan_status"] == "draft"]
    assert len(drafts) == t["draft_activities"]
    assert sum(Decimal(r["budget"] or 0) for r in drafts) == Decimal(t["draft_budget"])
    assert len({r["body"] for r in drafts}) == year["plans"]["drafts"]
