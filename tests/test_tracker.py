"""The submission tracker on a repository whose history the test writes."""

from __future__ import annotations

import json
import marshal

from conftest import MINI, PLAN, Repo, commit_all

EXTRA_BODIES = """
  - {id: east-mop, name: Planning, jurisdiction: north, kind: ministry, reviewers: ["@t/east"]}
  - {id: west-moe, name: Education, jurisdiction: south, kind: ministry, reviewers: ["@t/west"]}
  - {id: late-moj, name: Justice, jurisdiction: south, kind: ministry, reviewers: ["@t/late"]}
  - {id: paper-mof, name: Finance, jurisdiction: north, kind: ministry, reviewers: ["@t/paper"]}
  - {id: none-moh, name: Health, jurisdiction: south, kind: ministry, reviewers: ["@t/none"]}
"""


TEMPLATE = (MINI / PLAN).read_text("utf-8")


def _plan(repo: Repo, body: str, status: str, extra: str = "") -> None:
    text = TEMPLATE.replace("body: north-moi", f"body: {body}").replace(
        "status: approved", f"status: {status}{extra}"
    )
    repo.write(f"plans/2020/{body}.yaml", text)


def _history(mini: Repo) -> None:
    bodies = mini.read("plans/bodies.yaml") + EXTRA_BODIES.lstrip("\n")
    mini.write("plans/bodies.yaml", bodies)
    from conftest import git

    git(mini.root, "init", "-q", "-b", "main")
    for body in ("north-moi", "south-hc", "east-mop", "west-moe", "late-moj"):
        _plan(mini, body, "draft")
    commit_all(mini.root, "Drafts as formatted by the Task Force", "2020-04-21T09:00:00+03:00")
    _plan(mini, "north-moi", "submitted")
    commit_all(
        mini.root, "Merge pull request #4 from north-moi/submit", "2020-04-28T12:00:00+03:00"
    )
    _plan(mini, "south-hc", "submitted")
    commit_all(mini.root, "Submit the South High Council plan (#5)", "2020-04-30T23:30:00+03:00")
    _plan(mini, "east-mop", "submitted")
    commit_all(mini.root, "Submit the planning plan", "2020-05-05T10:00:00+03:00")
    _plan(mini, "east-mop", "approved")
    _plan(mini, "late-moj", "draft", "\nnotes: still working")
    commit_all(mini.root, "Approve planning; justice notes", "2020-05-10T10:00:00+03:00")
    _plan(mini, "paper-mof", "approved", "\nsubmitted: 2020-04-25")
    commit_all(mini.root, "Import the finance plan submitted on paper", "2020-06-01T10:00:00+03:00")


def test_on_time_late_and_missing_from_history(mini: Repo) -> None:
    _history(mini)
    result = mini.nap("status", "--year", "2020", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = {r["body"]: r for r in json.loads(result.output)["2020"]}
    assert rows["north-moi"] | {} == {
        **rows["north-moi"],
        "submitted": "2020-04-28",
        "source": "history",
        "verdict": "on time",
        "deadline": "2020-04-30",
    }
    assert (rows["south-hc"]["submitted"], rows["south-hc"]["verdict"]) == (
        "2020-04-30",
        "on time",
    )  # on the day, in its own time zone
    assert (
        rows["east-mop"]["submitted"],
        rows["east-mop"]["status"],
        rows["east-mop"]["verdict"],
    ) == ("2020-05-05", "approved", "late")
    assert (rows["west-moe"]["status"], rows["west-moe"]["verdict"]) == ("draft", "not submitted")
    assert (rows["late-moj"]["submitted"], rows["late-moj"]["verdict"]) == (None, "not submitted")
    assert (
        rows["paper-mof"]["submitted"],
        rows["paper-mof"]["source"],
        rows["paper-mof"]["verdict"],
    ) == ("2020-04-25", "plan", "on time")
    assert (rows["none-moh"]["status"], rows["none-moh"]["verdict"]) == ("missing", "missing")


def test_text_groups_by_jurisdiction_and_chair(mini: Repo) -> None:
    _history(mini)
    text = mini.nap("status").output
    assert "Deadline: 2020-04-30" in text
    north = text.index("## north (reports to north-moi)")
    south = text.index("## south (reports to south-hc)")
    assert north < text.index("| east-mop | approved | 2020-05-05 | history | late |") < south
    assert text.index("| none-moh | missing | - | - | missing |") > south
    assert text.rstrip().endswith("7 bodies: 3 on time, 1 late, 2 not submitted, 1 no plan")


def test_without_history_the_plan_field_is_used(mini: Repo) -> None:
    mini.edit(PLAN, ("status: approved", "status: approved\nsubmitted: 2020-05-02"))
    rows = json.loads(mini.nap("status", "--format", "json").output)["2020"]
    north = next(r for r in rows if r["body"] == "north-moi")
    assert (north["submitted"], north["source"], north["verdict"]) == ("2020-05-02", "plan", "late")


def test_history_cache_makes_a_second_run_read_no_blob(mini: Repo) -> None:
    _history(mini)
    first = mini.nap("status", "--format", "json").output
    cache = mini.root / ".cache/napkit/blobs"
    entries = sorted(cache.rglob("*.marshal"))
    assert entries
    # a cached version is used as it is: change one entry and see it in the result
    for entry in entries:
        data = marshal.loads(entry.read_bytes())
        if (
            data["data"]
            and data["data"]["body"] == "west-moe"
            and data["data"]["status"] == "draft"
        ):
            data["data"]["status"] = "submitted"
            entry.write_bytes(marshal.dumps(data))
    second = json.loads(mini.nap("status", "--format", "json").output)["2020"]
    assert first != mini.nap("status", "--format", "json").output
    west = next(r for r in second if r["body"] == "west-moe")
    assert west["source"] == "history"


def test_unknown_year(mini: Repo) -> None:
    result = mini.nap("status", "--year", "1999")
    assert result.exit_code == 2
    assert "unknown year 1999" in result.stderr


def test_a_damaged_cache_entry_is_read_again_from_git(mini: Repo) -> None:
    _history(mini)
    first = mini.nap("status", "--format", "json").output
    for entry in (mini.root / ".cache/napkit/blobs").rglob("*.marshal"):
        entry.write_bytes(b"\x00garbage")
    assert mini.nap("status", "--format", "json").output == first
