"""Hostile and broken files: a clear message at a line, exit 1, no traceback, nothing harmed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PLAN, Repo

GOOD = b"body: north-moi\nyear: 2020\nstatus: draft\nactivities: []\n"

CASES = [
    ("yaml-syntax", b"body: north-moi\nyear: [2020\nstatus: draft\n", 3),
    ("yaml-tab", b"body: north-moi\nactivities:\n\t- id: A1\n", 3),
    ("yaml-duplicate-key", b"body: north-moi\nyear: 2020\nbody: north-moi\n", 3),
    ("yaml-empty", b"", 1),
    ("yaml-empty", b"# only a comment\n", 1),
    ("yaml-not-mapping", b"- body: north-moi\n", 1),
    ("yaml-not-mapping", b"just text\n", 1),
    ("yaml-encoding", b"body: north-moi\nyear: 2020\nstatus: dr\xe9ft\n", 3),
    ("yaml-tag", b"body: north-moi\nyear: !!python/object/apply:os.system ['touch pwned']\n", 2),
    ("yaml-tag", b"body: !custom north-moi\n", 1),
    ("yaml-alias", b"body: &b north-moi\nyear: 2020\nstatus: *b\n", 1),
    ("yaml-syntax", b"body: north-moi\n---\nbody: again\n", 2),
    (
        "number-format",
        GOOD.replace(
            b"activities: []",
            b"activities:\n  - id: A1\n    title: t\n    pillar: protection\n    objective: protection.1\n    budget: {amount: '50,000,000', currency: XAF}\n",
        ),
        9,
    ),
    (
        "number-format",
        GOOD.replace(
            b"activities: []",
            b"activities:\n  - id: A1\n    title: t\n    pillar: protection\n    objective: protection.1\n    budget:\n      amount: 50,000,000\n      currency: XAF\n",
        ),
        10,
    ),
    ("date-invalid", GOOD.replace(b"status: draft", b"status: draft\nsubmitted: 2016-02-30"), 4),
]


@pytest.mark.parametrize(
    ("rule", "content", "line"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_hostile_file(mini: Repo, rule: str, content: bytes, line: int) -> None:
    mini.write(PLAN, content)
    result = mini.validate()
    assert result.exit_code == 1
    hits = [(f["rule"], f["line"], f["file"]) for f in result.findings]
    assert (rule, line, PLAN) in hits, hits
    assert not (mini.root / "pwned").exists()


def test_alias_bomb_is_refused_quickly(mini: Repo) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    mini.write(PLAN, "\n".join(lines) + "\n")
    result = mini.validate()
    assert [(f["rule"], f["line"]) for f in result.findings] == [("yaml-alias", 1)]


def test_file_over_the_size_limit(mini: Repo) -> None:
    mini.write(PLAN, GOOD + b"# " + b"x" * 3000 + b"\n")
    result = mini.validate("--max-bytes", "2048")
    assert [(f["rule"], f["line"]) for f in result.findings] == [("file-too-large", 1)]
    assert result.exit_code == 1
    assert mini.validate().exit_code == 0  # under the default 2 MiB


def test_default_size_limit_is_two_mebibytes(mini: Repo) -> None:
    mini.write(PLAN, GOOD + b"# " + b"x" * (2 * 1024 * 1024) + b"\n")
    assert [f["rule"] for f in mini.validate().findings] == ["file-too-large"]


def test_link_pointing_outside_the_repository(mini: Repo, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_bytes(GOOD)
    mini.path("plans/2020/south-hc.yaml").symlink_to(secret)
    mini.path("plans/2020/elsewhere").symlink_to(tmp_path)
    result = mini.validate()
    hits = {(f["rule"], f["file"]) for f in result.findings}
    assert hits == {
        ("link-outside-repo", "plans/2020/south-hc.yaml"),
        ("link-outside-repo", "plans/2020/elsewhere"),
    }
    assert result.exit_code == 1


def test_bom_and_crlf_are_accepted(mini: Repo) -> None:
    text = mini.read(PLAN).replace("\n", "\r\n")
    mini.write(PLAN, b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = mini.validate()
    assert result.exit_code == 0, result.findings


def test_yaml_1_2_keeps_no_and_on_as_text(mini: Repo) -> None:
    mini.edit(
        PLAN,
        ("responsible: {en: Directorate of Training}", "responsible: NO"),
        ("[south-hc, UN Women]", "[on, UN Women]"),
    )
    result = mini.validate()
    assert result.exit_code == 1
    # 'on' stays the text "on": a partner name that looks like an id but is no body
    assert [(f["rule"], f["path"]) for f in result.findings] == [
        ("partner-unknown", "activities[0].partners[0]")
    ]


def test_misplaced_and_yml_files(mini: Repo) -> None:
    mini.write("plans/2020/notes.yml", GOOD)
    mini.write("plans/drafts/x.yaml", GOOD)
    result = mini.validate()
    assert {(f["rule"], f["file"]) for f in result.findings} == {
        ("file-misplaced", "plans/2020/notes.yml"),
        ("file-misplaced", "plans/drafts/x.yaml"),
    }


def test_nothing_is_written_by_validate(mini: Repo) -> None:
    before = {p: p.read_bytes() for p in mini.root.rglob("*") if p.is_file()}
    mini.write(PLAN, b"body: [\n")
    before[mini.path(PLAN)] = b"body: [\n"
    mini.validate()
    after = {p: p.read_bytes() for p in mini.root.rglob("*") if p.is_file()}
    assert after == before


@pytest.mark.parametrize("content", [c[1] for c in CASES[:11]])
def test_real_process_gives_no_traceback(mini: Repo, content: bytes) -> None:
    mini.write(PLAN, content)
    nap = Path(sys.executable).with_name("nap")
    proc = subprocess.run(
        [nap, "validate"], cwd=mini.root, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stdout.startswith(f"{PLAN}:")


def _plan_with(line: bytes) -> bytes:
    return GOOD.replace(
        b"activities: []",
        b"activities:\n  - id: A1\n    title: t\n    pillar: protection\n"
        b"    objective: protection.1\n" + line + b"\n",
    )


MESSAGES = [
    (  # a colon and a space inside text
        GOOD.replace(b"activities: []", b"notes: Training: the police\nactivities: []"),
        "yaml-syntax",
        'put the text in quotes, for example notes: "Training: the police"',
    ),
    (  # the template's {...} style with thousands separators
        _plan_with(b"    budget: {amount: 1,000,000, currency: XAF}"),
        "yaml-duplicate-key",
        "inside {…} a comma separates fields",
    ),
    (
        _plan_with(b"    budget: {amount: 1.500.000 XAF, currency: XAF}"),
        "number-format",
        "'1.500.000 XAF' is text, not a number: remove the currency (XAF) and the dots "
        "between thousands; write 1500000",
    ),
    (
        _plan_with(b'    budget: {amount: "80000", currency: XAF}'),
        "number-format",
        "'80000' is text, not a number: remove the quotes; write 80000",
    ),
    (
        _plan_with(b"    budget: {amount: 60 000, currency: XAF}"),
        "number-format",
        "remove the spaces; write 60000",
    ),
    (
        GOOD.replace(b"status: draft", "status: “draft”".encode()),
        "not-allowed-value",
        "remove the curly quotes (“ ” are letters to YAML, not quotes): write draft.",
    ),
]


@pytest.mark.parametrize(("content", "rule", "words"), MESSAGES)
def test_messages_say_what_to_write(mini: Repo, content: bytes, rule: str, words: str) -> None:
    mini.write(PLAN, content)
    result = mini.validate()
    messages = [f["message"] for f in result.findings if f["rule"] == rule]
    assert any(words in m for m in messages), result.findings


def test_the_whole_file_reads_as_the_top_of_the_file(mini: Repo) -> None:
    mini.write(PLAN, b"")
    assert f"{PLAN}:1:1: error [yaml-empty] the top of the file: " in mini.nap("validate").output
