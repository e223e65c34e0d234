"""GitHub review and publishing: workflow files, least privilege, the pull-request
checks run for real on a repository with a branch, code owners, and reuse for
another country's plan."""

from __future__ import annotations

import fnmatch
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import MINI, PLAN, ROOT, SAMPLE, Repo, commit_all, git

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.load(path.read_text("utf-8"), Loader=yaml.BaseLoader)
    return data


def _check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BIN / "check-jsonschema", "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_workflows_match_the_github_schema() -> None:
    assert [p.name for p in WORKFLOWS] == ["publish.yml", "pull-request.yml"]
    proc = _check_jsonschema("vendor.github-workflows", *WORKFLOWS)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_dependabot_and_issue_forms_match_their_schemas() -> None:
    assert _check_jsonschema("vendor.dependabot", ROOT / ".github/dependabot.yml").returncode == 0
    forms = sorted((ROOT / ".github/ISSUE_TEMPLATE").glob("*.yml"))
    forms = [f for f in forms if f.name != "config.yml"]
    assert len(forms) == 2
    proc = _check_jsonschema("vendor.github-issue-forms", *forms)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_least_privilege() -> None:
    for path in WORKFLOWS:
        data = _load(path)
        assert data["permissions"] == {"contents": "read"}, path.name
        assert "pull_request_target" not in data["on"], path.name
    pr = _load(ROOT / ".github/workflows/pull-request.yml")
    assert list(pr["on"]) == ["pull_request", "workflow_dispatch"]
    assert "permissions" not in pr["jobs"]["check"]  # reads only: it runs the branch's code
    # The one job that writes: only for a branch of this repository, after the checks,
    # and only when a workbook was converted.
    commit = pr["jobs"]["commit"]
    assert commit["permissions"] == {"contents": "write", "actions": "write"}
    assert commit["needs"] == "check"
    condition = commit["if"]
    assert "github.event.pull_request.head.repo.full_name == github.repository" in condition
    assert "github.event_name == 'pull_request'" in condition
    assert "needs.check.outputs.converted == 'true'" in condition
    assert [s["run"] for s in commit["steps"] if "run" in s] == [
        'make pr-inbox-commit BRANCH="$BRANCH"'
    ]
    assert set(pr["jobs"]) == {"check", "commit"}
    assert pr["concurrency"]["cancel-in-progress"] == "true"
    for path in WORKFLOWS:  # every action pinned to a commit
        for job in _load(path)["jobs"].values():
            for step in job["steps"]:
                if "uses" in step:
                    assert re.fullmatch(r"actions/[\w-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
        text = path.read_text("utf-8")
        assert "${{" not in "".join(  # expressions reach the shell only through env
            line for line in text.splitlines() if line.strip().startswith("run:")
        )
    publish = _load(ROOT / ".github/workflows/publish.yml")
    assert "permissions" not in publish["jobs"]["build"]
    assert publish["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert publish["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    uses = [s.get("uses", "") for job in publish["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    checkout = next(
        s
        for s in publish["jobs"]["build"]["steps"]
        if s.get("uses", "").startswith("actions/checkout@")
    )
    assert checkout["with"]["fetch-depth"] == "0"


def test_every_step_is_a_make_target_or_a_nap_command() -> None:
    make_targets = set()
    for line in (ROOT / "Makefile").read_text("utf-8").splitlines():
        if (
            line
            and not line.startswith(("\t", "#", " ", "."))
            and ":" in line
            and "=" not in line.split(":")[0]
        ):
            make_targets.add(line.split(":")[0].strip())
    for path in WORKFLOWS:
        for job in _load(path)["jobs"].values():
            for step in job["steps"]:
                if "run" in step:
                    words = step["run"].split()
                    assert words[0] in ("make", "nap"), step["run"]
                    if words[0] == "make":
                        assert words[1] in make_targets, step["run"]
                else:
                    assert step["uses"].split("@")[0].startswith("actions/"), step


def _make(repo: Path, target: str, **variables: str) -> subprocess.CompletedProcess[str]:
    args = [
        "make",
        "-s",
        "-f",
        str(ROOT / "Makefile"),
        "-o",
        ".venv/.installed",
        target,
        f"BIN={BIN}",
    ]
    args += [f"{k}={v}" for k, v in variables.items()]
    return subprocess.run(args, cwd=repo, capture_output=True, text=True, check=False)


@pytest.mark.slow
def test_pull_request_checks_on_a_branch(mini: Repo, tmp_path: Path) -> None:
    root = mini.root
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Plans", "2020-04-21T09:00:00+03:00")
    git(root, "checkout", "-q", "-b", "raise-budget")
    mini.edit(
        PLAN,
        ("amount: 50000000", "amount: 65000000"),
        ("objective: participation.1", "objective: protection.9"),
    )
    commit_all(root, "Raise the training budget", "2020-04-22T09:00:00+03:00")
    summary = tmp_path / "summary.md"

    validated = _make(root, "pr-validate", SUMMARY=str(summary))
    assert validated.returncode != 0
    annotations = [line for line in validated.stdout.splitlines() if line.startswith("::")]
    assert annotations == [
        f"::error file={PLAN},line=36,col=16,title=objective-unknown activities[1].objective::'protection.9' is not an objective; did you mean 'participation.2'? Known objectives of participation: participation.1, participation.2"
    ]

    diffed = _make(root, "pr-diff", BASE="main", SUMMARY=str(summary))
    assert diffed.returncode == 0, diffed.stderr
    text = summary.read_text("utf-8")
    assert (
        "| ❌ | plans/2020/north\\-moi.yaml | 36 | `objective-unknown` |" in text
        or "| ❌ | plans/2020/north-moi.yaml | 36 | `objective-unknown` |" in text
    )
    assert "**changed** activity A1: Train police officers" in text
    assert "budget amount: 50,000,000 XAF → 65,000,000 XAF" in text

    owners = _make(root, "pr-codeowners")
    assert (
        owners.returncode != 0 and "out of date" in owners.stderr
    )  # make reports the failure as 2
    assert mini.nap("codeowners").exit_code == 0
    assert _make(root, "pr-codeowners").returncode == 0


def _owners(codeowners: str, path: str) -> list[str]:
    """GitHub's rule: the last matching pattern wins."""
    owners: list[str] = []
    for line in codeowners.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *who = line.split()
        if (
            pattern == "*"
            or fnmatch.fnmatch("/" + path, pattern)
            or (("/" + path).startswith(pattern.rstrip("*")) and pattern.endswith("/"))
        ):
            owners = who
    return owners


def test_every_plan_is_owned_by_its_reviewers_only(tmp_path: Path) -> None:
    """This repository's CODEOWNERS against its own plans/ (a fork's, on a fork)."""
    own = Repo(tmp_path / "own")
    shutil.copytree(ROOT / "plans", own.path("plans"))
    shutil.copytree(ROOT / ".github", own.path(".github"))
    assert own.nap("codeowners", "--check").exit_code == 0
    text = (ROOT / ".github/CODEOWNERS").read_text("utf-8")
    bodies = yaml.safe_load((ROOT / "plans/bodies.yaml").read_text("utf-8"))["bodies"]
    nap = yaml.safe_load((ROOT / "plans/nap.yaml").read_text("utf-8"))
    for body in bodies:
        for year in (nap["period"]["start"], 2099):
            assert _owners(text, f"plans/{year}/{body['id']}.yaml") == sorted(body["reviewers"])
    maintainers = sorted(nap["maintainers"])
    assert _owners(text, "plans/nap.yaml") == maintainers
    assert _owners(text, "src/napkit/cli.py") == maintainers


@pytest.mark.slow
def test_another_countrys_plan_from_the_maintainers_guide(tmp_path: Path) -> None:
    """Follow 'Reuse the repository for another country's plan' with a made-up framework."""
    repo = tmp_path / "other-nap"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(repo)], check=True)
    shutil.rmtree(repo / "plans")
    shutil.copytree(MINI / "plans", repo / "plans")  # step 2-3: the made-up framework and bodies
    (repo / "plans/2020/north-moi.yaml").unlink()
    other = Repo(repo)
    assert other.nap("new", "south-hc", "2020").exit_code == 0  # step 4
    other.edit(
        "plans/2020/south-hc.yaml", ("Describe the activity in one sentence", "Train mediators")
    )
    assert other.nap("validate").exit_code == 0  # step 5
    assert other.nap("codeowners").exit_code == 0
    assert "/plans/*/south-hc.yaml @test-org/south-hc" in (repo / ".github/CODEOWNERS").read_text(
        "utf-8"
    )
    step5 = subprocess.run(
        [BIN / "nap", "build"], cwd=repo, capture_output=True, text=True, check=False
    )  # before anything is committed, as the guide orders the steps
    assert step5.returncode == 0, step5.stderr[-3000:]
    assert "Not committed yet" in (repo / "site/history/2020/south-hc.html").read_text("utf-8")
    config = (repo / "mkdocs.yml").read_text("utf-8")  # step 6
    config = re.sub(r"^site_name:.*$", "site_name: Test National Action Plan", config, flags=re.M)
    config = re.sub(r"^site_description:.*$", "site_description: The test", config, flags=re.M)
    (repo / "mkdocs.yml").write_text(config, "utf-8")
    commit_all(repo, "Our own plan", "2020-05-01T09:00:00+03:00")
    result = subprocess.run(
        [BIN / "nap", "build"], cwd=repo, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    home = (repo / "site/index.html").read_text("utf-8")
    assert "Test National Action Plan" in home
    assert "Iraq" not in (repo / "site/plan/2020.html").read_text("utf-8")


def _upload(root: Path, book: Path, name: str) -> None:
    """What GitHub's web page does with an uploaded file: a commit on a new branch."""
    (root / "inbox").mkdir(exist_ok=True)
    shutil.copy(book, root / "inbox" / name)
    commit_all(root, f"Upload {name}", "2020-04-23T09:00:00+03:00")


def _edited_workbook(repo: Repo, tmp_path: Path, amount: object) -> Path:
    import openpyxl

    book = tmp_path / "north-moi-2020.xlsx"
    assert repo.nap("workbook", "north-moi", "2020", "-o", str(book)).exit_code == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["Activities"]
    column = next(c.column for c in ws[1] if c.value == "budget_amount")
    ws.cell(3, column).value = amount
    wb.save(book)
    return book


@pytest.mark.slow
def test_a_workbook_uploaded_to_inbox_becomes_a_commit_on_the_branch(
    mini: Repo, tmp_path: Path
) -> None:
    root = mini.root
    (root / "inbox").mkdir()
    (root / "inbox/README.md").write_text("Upload workbooks here.\n", "utf-8")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Plans", "2020-04-21T09:00:00+03:00")
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(root), str(origin))
    git(root, "remote", "add", "origin", str(origin))
    git(root, "checkout", "-q", "-b", "upload-north-moi")
    _upload(root, _edited_workbook(mini, tmp_path, 65000000), "north-moi-2020.xlsx")
    git(root, "push", "-q", "origin", "upload-north-moi")
    before = git(root, "rev-parse", "HEAD").strip()

    # The check job: the workbook is converted in the work tree, the checks see the plan.
    summary, output, patch = tmp_path / "summary.md", tmp_path / "output", tmp_path / "p.patch"
    converted = _make(root, "pr-inbox", SUMMARY=str(summary), OUTPUT=str(output), PATCH=str(patch))
    assert converted.returncode == 0, converted.stdout + converted.stderr
    assert "inbox/north-moi-2020.xlsx: wrote plans/2020/north-moi.yaml" in converted.stdout
    assert output.read_text("utf-8") == "converted=true\n"
    assert "amount: 65000000" in mini.read(PLAN)
    assert not (root / "inbox/north-moi-2020.xlsx").exists()
    assert (root / "inbox/README.md").exists()
    assert "### nap import" in summary.read_text("utf-8")
    assert _make(root, "pr-validate", SUMMARY=str(summary)).returncode == 0

    # The commit job: a fresh checkout of the branch applies the patch and pushes.
    branch = tmp_path / "branch"
    git(tmp_path, "clone", "-q", "-b", "upload-north-moi", str(origin), str(branch))
    dispatched = tmp_path / "dispatched"
    committed = _make(
        branch, "pr-inbox-commit", PATCH=str(patch), BRANCH="upload-north-moi",
        DISPATCH=f"echo >{dispatched}",
    )  # fmt: skip
    assert committed.returncode == 0, committed.stdout + committed.stderr
    assert dispatched.read_text("utf-8").strip() == "upload-north-moi"
    log = git(origin, "log", "--format=%an|%s", "-2", "upload-north-moi").splitlines()
    assert (
        log[0]
        == "github-actions[bot]|Convert the workbooks uploaded to inbox/ into plan files (nap import)"
    )
    assert git(origin, "rev-parse", "upload-north-moi~1").strip() == before
    changed = git(origin, "diff", "--name-status", "upload-north-moi~1", "upload-north-moi")
    assert changed.splitlines() == ["D\tinbox/north-moi-2020.xlsx", f"M\t{PLAN}"]
    plan = git(origin, "show", f"upload-north-moi:{PLAN}")
    assert "amount: 65000000" in plan


@pytest.mark.slow
def test_a_workbook_with_errors_or_from_a_fork_is_reported_and_not_converted(
    mini: Repo, tmp_path: Path
) -> None:
    root = mini.root
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Plans", "2020-04-21T09:00:00+03:00")
    git(root, "checkout", "-q", "-b", "upload")
    _upload(root, _edited_workbook(mini, tmp_path, "50.000.000 XAF"), "bad.xlsx")
    output, patch = tmp_path / "output", tmp_path / "p.patch"
    failed = _make(root, "pr-inbox", OUTPUT=str(output), PATCH=str(patch))
    assert failed.returncode != 0
    assert "::error file=inbox/bad.xlsx,title=workbook-cell::Activities!" in failed.stdout
    assert (root / "inbox/bad.xlsx").exists() and not output.exists()

    git(root, "checkout", "-q", "main")
    git(root, "checkout", "-q", "-b", "fork-upload")
    _upload(root, _edited_workbook(mini, tmp_path, 65000000), "good.xlsx")
    fork = _make(root, "pr-inbox", FORK="true", OUTPUT=str(output), PATCH=str(patch))
    assert fork.returncode != 0
    rule = "workbook-from-fork"
    assert (
        f"::error file=inbox/good.xlsx,title={rule}::the workbook: this pull request comes from a fork"
        in fork.stdout
    )
    assert (root / "inbox/good.xlsx").exists() and not output.exists()
    assert "amount: 65000000" not in mini.read(PLAN)


@pytest.mark.slow
def test_a_new_plan_in_a_pull_request_is_shown_whole(mini: Repo, tmp_path: Path) -> None:
    """The yearly case: a reviewer approves a new plan from the summary alone."""
    root = mini.root
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Plans", "2020-04-21T09:00:00+03:00")
    git(root, "checkout", "-q", "-b", "plan-2020-south-hc")
    new_plan = "plans/2020/south-hc.yaml"
    mini.write(new_plan, mini.read(PLAN).replace("body: north-moi", "body: south-hc"))
    commit_all(root, "The 2020 plan", "2020-04-22T09:00:00+03:00")
    summary = tmp_path / "summary.md"
    assert _make(root, "pr-diff", BASE="main", SUMMARY=str(summary)).returncode == 0
    text = summary.read_text("utf-8")
    assert f"### {new_plan}\n\n- file added: " in text
    part = text.split(f"### {new_plan}", 1)[1]
    for line in (
        "- body: south-hc",
        "- **added** activity A1: Train police officers",
        "  - budget: 50,000,000 XAF",
        "  - funding gap: ",
        "  - indicator I1: ",
        "  - pillar participation · objective participation.1",
    ):
        assert line in part, line


@pytest.mark.slow
def test_the_computer_route_of_the_editors_guide_as_written(tmp_path: Path) -> None:
    """Every command of "Work on your computer", in a clone of this repository (its
    .venv the one under test, as `make install` would have made it)."""
    import os

    guide = (ROOT / "docs/editors-guide.md").read_text("utf-8")
    section = guide.split("## Work on your computer", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("  #", 1)[0].strip() for line in block.splitlines() if line.strip()]
    assert commands[0].startswith("git switch -c") and commands[-1] == "nap diff"
    repo = tmp_path / "plans-repo"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(".venv", "site", ".cache", ".git"))
    shutil.rmtree(repo / "plans")  # the guide's examples are the Iraqi sample's (a fork's too)
    shutil.copytree(SAMPLE / "plans", repo / "plans")
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "The repository", "2017-04-01T09:00:00+03:00")
    (repo / ".venv").symlink_to(BIN.parent)
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}", "HOME": str(tmp_path)}
    outputs = []
    for command in commands:
        done = subprocess.run(
            command, shell=True, cwd=repo, env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, f"{command}: {done.stdout}{done.stderr}"
        outputs.append(done.stdout + done.stderr)
    assert "### plans/2017/fed-moh.yaml" in outputs[-1]  # nap diff shows the new plan
    assert (
        "nap validate"
        in outputs[commands.index(next(c for c in commands if c.startswith("git commit")))]
    )


def test_the_checks_speak_the_language_of_the_repository_variable() -> None:
    """The steps that talk to editors take NAP_LANG from the repository variable (empty:
    English), through env like every expression; nothing else changes for them."""
    pr = _load(ROOT / ".github/workflows/pull-request.yml")
    steps = {s.get("name", ""): s for s in pr["jobs"]["check"]["steps"]}
    for name in ("Validate the plans", "Convert the workbooks uploaded to inbox/"):
        assert steps[name]["env"]["NAP_LANG"] == "${{ vars.NAP_LANG }}", name
        assert "NAP_LANG" not in steps[name]["run"]
    talking = {n for n, s in steps.items() if "NAP_LANG" in s.get("env", {})}
    assert talking == {"Validate the plans", "Convert the workbooks uploaded to inbox/"}
    assert "permissions" not in pr["jobs"]["check"]


@pytest.mark.slow
def test_pr_validate_speaks_nap_lang(
    mini: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = mini.root
    git(root, "init", "-q", "-b", "main")
    mini.edit(PLAN, ("objective: participation.1", "objective: protection.9"))
    commit_all(root, "Plans", "2020-04-21T09:00:00+03:00")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("NAP_LANG", "ar")  # what the workflow sets from vars.NAP_LANG
    validated = _make(root, "pr-validate", SUMMARY=str(summary))
    assert validated.returncode != 0
    (annotation,) = [line for line in validated.stdout.splitlines() if line.startswith("::")]
    assert annotation.startswith(
        f"::error file={PLAN},line=36,col=16,title=objective-unknown activities[1].objective::"
    )
    assert "ليس هدفاً" in annotation
    assert "| القاعدة |" in summary.read_text("utf-8")
    monkeypatch.setenv("NAP_LANG", "")  # the variable unset: English
    english = _make(root, "pr-validate", SUMMARY=str(summary))
    assert "is not an objective" in english.stdout
