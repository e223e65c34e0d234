"""The command line contract: output forms, exit statuses, paths."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import PLAN, Repo

NAP_BIN = Path(sys.executable).with_name("nap")


def test_text_lines_follow_the_contract(mini: Repo) -> None:
    mini.edit(PLAN, ("pillar: protection", "pillar: protektion"))
    result = mini.nap("validate")
    first = result.output.splitlines()[0]
    assert first.startswith(
        f"{PLAN}:10:13: error [pillar-unknown] activities[0].pillar: 'protektion' is not a pillar"
    )
    assert result.output.splitlines()[-1] == "3 files checked: 1 error(s), 0 warning(s)"
    assert result.exit_code == 1


def test_clean_run_says_so(mini: Repo) -> None:
    result = mini.nap("validate")
    assert result.output == "3 files checked: no problems\n"
    assert result.exit_code == 0


def test_github_annotations_put_errors_first_and_escape(mini: Repo) -> None:
    mini.edit(
        PLAN,
        ("status: approved", "status: draft"),
        ("    budget: {amount: 10000, currency: USD}\n", ""),
    )
    mini.edit(PLAN, ("end: 2020-12-31", "end: 2020-02-30"))
    lines = mini.nap("validate", "--format", "github").output.splitlines()
    assert lines[0].startswith(
        f"::error file={PLAN},line=16,col=10,title=date-invalid activities[0].end::"
    )
    assert lines[1].startswith(
        f"::warning file={PLAN},line=33,col=5,title=plan-incomplete activities[1]::"
    )
    assert "%0A" not in lines[0] or "\n" not in lines[0]


def test_errors_come_before_warnings_in_every_output_format(mini: Repo) -> None:
    mini.edit(
        PLAN,
        ("status: approved", "status: draft"),
        ("    budget: {amount: 10000, currency: USD}\n", ""),  # a warning, early in the file
    )
    mini.edit(PLAN, ("end: 2020-12-31", "end: 2020-02-30"))
    mini.edit(PLAN, ("[XX-NO]", "[XX-NX]"))  # an error further down
    for fmt in ("text", "json", "markdown", "github"):
        out = mini.nap("validate", "--format", fmt).output
        kinds = [k for k in ("error", "warning", "❌", "⚠️") if k in out]
        assert kinds, fmt
        if fmt == "json":
            severities = [f["severity"] for f in json.loads(out)["findings"]]
        elif fmt == "markdown":
            severities = [
                "error" if "❌" in x else "warning"
                for x in out.splitlines()
                if x.startswith("| ❌") or x.startswith("| ⚠️")
            ]
        elif fmt == "github":
            severities = [x[2:].split(" ", 1)[0] for x in out.splitlines() if x.startswith("::")]
        else:
            severities = [x.split(": ", 2)[1].split(" ")[0] for x in out.splitlines()[:-1]]
        assert severities == sorted(severities, key=lambda s: s != "error"), (fmt, severities)
        assert "error" in severities and "warning" in severities, fmt


def test_a_body_typed_wrong_is_corrected_before_a_file_is_renamed(mini: Repo) -> None:
    mini.edit(PLAN, ("body: north-moi", "body: north-mio"))
    data = json.loads(mini.nap("validate", "--format", "json").output)
    rule = "body-file-mismatch"
    (found,) = [f for f in data["findings"] if f["rule"] == rule]
    assert found["message"].endswith("did you mean body: north-moi? Correct the body")
    mini.edit(PLAN, ("body: north-mio", "body: south-hc"))  # another known body
    data = json.loads(mini.nap("validate", "--format", "json").output)
    (found,) = [f for f in data["findings"] if f["rule"] == rule]
    assert "if this is north-moi's plan, write body: north-moi" in found["message"]
    assert "rename the file to south-hc.yaml" in found["message"]


def test_github_property_escaping() -> None:
    from napkit.findings import Finding, Report
    from napkit.render.findings_output import github

    report = Report([Finding("a,b:c.yaml", 1, 2, "error", "r", "x", "50% done\nnext")])
    line = github(report).splitlines()[0]
    assert line == "::error file=a%2Cb%3Ac.yaml,line=1,col=2,title=r x::50%25 done%0Anext"


def test_json_output(mini: Repo) -> None:
    mini.edit(PLAN, ("[XX-NO]", "[XX-NX]"))
    data = json.loads(mini.nap("validate", "--format", "json").output)
    assert data["summary"] == {"files": 3, "errors": 1, "warnings": 0}
    assert data["findings"][0] == {
        "file": PLAN,
        "line": 14,
        "col": 17,
        "severity": "error",
        "rule": "location-unknown",
        "path": "activities[0].locations[0]",
        "message": "'XX-NX' is not a location in plans/nap.yaml; did you mean 'XX-NO'?",
    }


def test_paths_limit_the_report(mini: Repo) -> None:
    other = "plans/2020/south-hc.yaml"
    mini.write(
        other, mini.read(PLAN).replace("north-moi", "south-hc").replace("[XX-NO]", "[XX-NX]")
    )
    mini.edit(PLAN, ("pillar: protection", "pillar: protektion"))
    assert {f["file"] for f in mini.validate(PLAN).findings} == {PLAN}
    assert {f["file"] for f in mini.validate(other).findings} == {other}
    assert {f["file"] for f in mini.validate("plans/2020").findings} == {PLAN, other}
    # the framework changes what every plan means: naming it checks everything
    assert {f["file"] for f in mini.validate("plans/nap.yaml").findings} == {PLAN, other}


def test_runs_from_a_subfolder(mini: Repo) -> None:
    proc = subprocess.run(
        [NAP_BIN, "validate"],
        cwd=mini.path("plans/2020"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_outside_a_repository_is_a_usage_error(tmp_path: Path) -> None:
    proc = subprocess.run(
        [NAP_BIN, "validate"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 2
    assert "no plan repository here" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_missing_path_is_a_usage_error(mini: Repo) -> None:
    result = mini.nap("validate", "plans/2020/nothing.yaml")
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr


def test_unknown_option_is_a_usage_error(mini: Repo) -> None:
    assert mini.nap("validate", "--formats", "x").exit_code == 2
    assert mini.nap("validate", "--format", "xml").exit_code == 2


def test_many_plans_are_checked_in_parallel_with_the_same_result(mini: Repo) -> None:
    base = mini.read(PLAN)
    for i in range(70):
        year = 2019 + i % 3
        text = base.replace("year: 2020", f"year: {year}").replace("2020-", f"{year}-")
        if i == 33:
            text = text.replace("pillar: protection", "pillar: protektion")
        mini.write(
            f"plans/{year}/north-moi-{i}.yaml",
            text.replace("body: north-moi", f"body: north-moi-{i}"),
        )
    serial = mini.validate("--jobs", "1")
    parallel = mini.validate("--jobs", "2")
    assert serial.findings == parallel.findings
    assert ("pillar-unknown", 10) in parallel.rules()
    assert len([f for f in parallel.findings if f["rule"] == "body-unknown"]) == 70


def test_a_named_misplaced_file_is_reported(mini: Repo) -> None:
    mini.write("plans/2020/notes.yml", "a: 1\n")
    assert [f["rule"] for f in mini.validate("plans/2020/notes.yml").findings] == ["file-misplaced"]
    assert mini.validate(PLAN).findings == []


def test_text_is_coloured_only_when_asked() -> None:
    from napkit.findings import Finding, Report
    from napkit.render.findings_output import text

    report = Report([Finding("f.yaml", 3, 4, "error", "r", "x", "m")], files_checked=1)
    plain = text(report)
    assert plain.splitlines()[0] == "f.yaml:3:4: error [r] x: m"
    assert "\x1b[" not in plain
    coloured = text(report, colour=True)
    assert "\x1b[31m" in coloured and "f.yaml:3:4" in coloured


def test_a_summary_that_cannot_be_written_is_a_message_not_a_traceback(mini: Repo) -> None:
    result = mini.nap("validate", "--summary", "no-such-folder/summary.md")
    assert result.exit_code == 2
    assert "no-such-folder/summary.md: cannot write the summary here" in result.stderr
    assert "Traceback" not in result.stderr
