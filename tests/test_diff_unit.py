"""What changed between two versions of a plan, in plan terms: history/diff.py (the
data), history/compare.py (one file) and render/changes.py (the reviewer's
Markdown), on two hand-written versions of a tiny plan. No git."""

from __future__ import annotations

import copy
from typing import Any

from handmade import activity, budget, funding, plan_data, progress
from napkit.history.blobs import Parsed
from napkit.history.compare import file_diff
from napkit.history.diff import FieldChange, FileDiff, RecordChange, diff_data, flatten
from napkit.render.changes import change_line, file_lines, markdown, revision_heading

PATH = "plans/2020/moi.yaml"


def _base() -> dict[str, Any]:
    """moi's 2020 plan: A1 with a budget of 100 XAF and partners; A2 without a budget."""
    return plan_data(
        "moi",
        2020,
        "draft",
        activity(
            "A1",
            partners=["hc", "UN Women"],
            budget=budget(100, "XAF", funding(40, "committed", funder="Finance")),
            progress=[progress("2020-Q1", "on-track", spent=10)],
        ),
        activity("A2", "safety", "safety.1"),
    )


def _changed(old: dict[str, Any], new: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The Markdown lines of the diff, and the lines under each changed record."""
    fields, records = diff_data(old, new)
    lines = file_lines(FileDiff(PATH, "changed", None, fields, records))
    return lines, [line.strip() for line in lines if line.startswith("  - ")]


def _only(records: list[RecordChange]) -> RecordChange:
    assert len(records) == 1, records
    return records[0]


def test_a_budget_changed_from_100_to_150_is_one_field_change_of_that_activity() -> None:
    old, new = _base(), _base()
    new["activities"][0]["budget"]["amount"] = 150
    fields, records = diff_data(old, new)
    assert fields == []
    rec = _only(records)
    assert (rec.kind, rec.collection, rec.id, rec.title, rec.currency) == (
        "changed",
        "activities",
        "A1",
        "Activity A1",
        "XAF",
    )
    assert rec.fields == [FieldChange(("budget", "amount"), 100, 150)]
    lines, under = _changed(old, new)
    assert lines[0] == "- **changed** activity A1: Activity A1"
    assert under == ["- budget amount: 100 XAF → 150 XAF"]


def test_reordering_activities_and_partners_is_no_change() -> None:
    old, new = _base(), _base()
    new["activities"].reverse()
    new["activities"][1]["partners"].reverse()
    assert diff_data(old, new) == ([], [])
    assert file_diff(PATH, Parsed(old), Parsed(new)).empty


def test_plan_fields_changed_and_added() -> None:
    old, new = _base(), _base()
    new["status"] = "submitted"
    new["submitted"] = "2020-04-29"
    fields, records = diff_data(old, new)
    assert records == []
    assert [(f.path, f.kind) for f in fields] == [
        (("status",), "changed"),
        (("submitted",), "added"),
    ]
    assert [change_line(f) for f in fields] == [
        "status: draft → submitted",
        "submitted added: 2020-04-29",
    ]


def test_an_added_activity_is_shown_whole_and_a_removed_one_in_one_line() -> None:
    old, new = _base(), _base()
    del new["activities"][1]  # A2 removed
    new["activities"].append(activity("A3", budget=budget(2500, "USD")))
    _fields, records = diff_data(old, new)
    assert [(r.kind, r.id) for r in records] == [("added", "A3"), ("removed", "A2")]
    added, removed = records
    assert added.record is not None and added.record["budget"]["amount"] == 2500
    assert added.fields == [] and removed.title == "Activity A2"
    lines, _ = _changed(old, new)
    activity_a3 = new["activities"][-1]
    assert lines == [
        "- **added** activity A3: Activity A3 (budget 2,500 USD)",
        f"  - pillar {activity_a3['pillar']} · objective {activity_a3['objective']}",
        "  - budget: 2,500 USD",
        "  - funding gap: 2,500 USD",
        "- **removed** activity A2: Activity A2",
    ]


def test_partners_are_compared_as_a_set() -> None:
    old, new = _base(), _base()
    new["activities"][0]["partners"] = ["UN Women", "UNDP", "Red Crescent"]
    rec = _only(diff_data(old, new)[1])
    assert rec.fields == [
        FieldChange(("partners",), ("UN Women", "hc"), ("Red Crescent", "UN Women", "UNDP"))
    ]
    assert _changed(old, new)[1] == ["- partners: + Red Crescent, + UNDP, − hc"]


def test_a_progress_report_added_whole_is_one_line_with_its_money_in_the_currency() -> None:
    old, new = _base(), _base()
    new["activities"][0]["progress"].append(
        progress("2020-Q2", "delayed", spent=1500, values={"I1": 3})
    )
    rec = _only(diff_data(old, new)[1])
    assert rec.fields[0] == FieldChange(("progress", "2020-Q2"), None, {})
    assert _changed(old, new)[1] == [
        "- progress 2020-Q2 added: status delayed; value I1 3; spent 1,500 XAF"
    ]


def test_funding_entries_are_told_apart_by_source_and_funder() -> None:
    data = {
        "funding": [
            funding(1, "committed", "donor", "EU"),
            funding(2, "pledged", "donor", "EU"),
            funding(3, "requested", "government"),
        ]
    }
    flat = flatten(data)
    assert flat[("funding", "donor: EU", "amount")] == 1
    assert flat[("funding", "donor: EU #2", "amount")] == 2
    assert flat[("funding", "government", "status")] == "requested"
    old, new = _base(), _base()
    new["activities"][0]["budget"]["funding"][0]["amount"] = 60
    assert _changed(old, new)[1] == [
        "- budget funding from government: Finance amount: 40 XAF → 60 XAF"
    ]


def test_texts_in_several_languages_and_long_texts() -> None:
    old, new = _base(), _base()
    old["activities"][1]["title"] = {"en": "Open a unit", "ar": "فتح وحدة"}
    new["activities"][1]["title"] = {"en": "Open a unit", "ar": "فتح وحدتين"}
    words = "train the officers of every district in the north of the country"
    old["activities"][1]["description"] = words + " this year"
    new["activities"][1]["description"] = words + " next year"
    _, under = _changed(old, new)
    assert under == [
        "- title (ar): فتح وحدة → فتح وحدتين",
        f"- description: {words} ~~this~~ **next** year",
    ]


def test_a_field_removed_says_what_it_was() -> None:
    old, new = _base(), _base()
    old["activities"][1]["responsible"] = "Directorate of Training"
    rec = _only(diff_data(old, new)[1])
    assert rec.fields == [FieldChange(("responsible",), "Directorate of Training", None)]
    assert rec.fields[0].kind == "removed"
    assert _changed(old, new)[1] == ["- responsible removed (was Directorate of Training)"]


def test_a_planning_round_is_keyed_by_its_year_inside_the_framework() -> None:
    old = {
        "reporting": {
            "rounds": [{"year": 2020, "drafts_returned": "2020-04-20", "days_allowed": 10}]
        }
    }
    new = copy.deepcopy(old)
    new["reporting"]["rounds"][0]["days_allowed"] = 14
    new["reporting"]["rounds"].insert(
        0, {"year": 2021, "drafts_returned": "2021-04-20", "days_allowed": 10}
    )
    fields, _ = diff_data(old, new)
    assert [change_line(f) for f in fields] == [
        "reporting planning round 2021 added: (set)",  # rounds sit inside reporting: not grouped
        "reporting planning round 2021 drafts returned added: 2021-04-20",
        "reporting planning round 2021 days allowed added: 10",
        "reporting planning round 2020 days allowed: 10 → 14",
    ]


def test_file_diff_kinds() -> None:
    old, new = Parsed(_base()), Parsed(_base())
    assert file_diff(PATH, None, new).kind == "added"
    assert file_diff(PATH, old, None).kind == "removed"
    assert file_diff(PATH, None, None).kind == "unchanged"
    broken = file_diff(PATH, old, Parsed(None, "line 3: YAML syntax"))
    assert (broken.kind, broken.error, broken.records) == ("invalid", "line 3: YAML syntax", [])
    renamed = file_diff(PATH, old, new, old_path="plans/2020/mo.yaml")
    assert (renamed.kind, renamed.old_path, renamed.empty) == (
        "renamed",
        "plans/2020/mo.yaml",
        False,
    )
    assert file_lines(renamed) == ["- renamed from plans/2020/mo.yaml"]


def test_markdown_counts_the_files_by_kind() -> None:
    assert markdown([]) == "No plan changes.\n"
    old, new = _base(), _base()
    new["status"] = "finalized"
    diffs = [
        file_diff(PATH, Parsed(old), Parsed(new)),
        file_diff("plans/2020/hc.yaml", None, Parsed(plan_data("hc")), whole_new=True),
        file_diff("plans/2020/x.yaml", None, Parsed(None, "not YAML")),
    ]
    text = markdown(diffs)
    assert text.startswith("## Plan changes\n\n3 file(s): 1 changed, 1 added, 1 invalid.\n\n")
    assert "### plans/2020/moi.yaml\n\n- status: draft → finalized\n" in text
    assert (  # a new plan: all of it, as a reviewer approves it
        "### plans/2020/hc.yaml\n\n- file added: 1 activity\n- body: hc\n- year: 2020\n"
        "- status: draft\n- **added** activity A1: Activity A1\n"
        "  - pillar voice · objective voice.1\n  - budget: none\n"
    ) in text
    assert "### plans/2020/x.yaml\n\n- cannot be read: not YAML\n" in text


def test_revision_heading() -> None:
    sha = "0123456789abcdef0123456789abcdef01234567"
    assert revision_heading("2020-05-02T09:00:00+03:00", sha, "Ann", None) == (
        "2020-05-02 · 0123456 · Ann"
    )
    assert revision_heading("2020-05-02T09:00:00+03:00", sha, "Ann", 7) == (
        "2020-05-02 · 0123456 · #7 · Ann"
    )
    assert revision_heading("2020-05-02", sha, "A_n", 7, "https://x.invalid/pull/") == (
        "2020-05-02 · 0123456 · [#7](https://x.invalid/pull/7) · A\\_n"
    )
