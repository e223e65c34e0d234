"""The sample checks: the Iraqi sample in plans/ is valid, illustrative, and as
rich as the issue asks. These are the only tests that read plans/ itself (the
others use tests/data/), so a fork that puts its own plan in plans/ replaces this
file with checks of its own."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from conftest import ROOT, Repo
from conftest import SAMPLE as SAMPLE_COPY
from napkit.plans.document import load_file

PLANS = sorted((ROOT / "plans").glob("[0-9][0-9][0-9][0-9]/*.yaml"))
SAMPLE = [load_file(p, p.name).data for p in PLANS]


def test_the_sample_validates(tmp_path: Path) -> None:
    sample = Repo(tmp_path / "sample")
    shutil.copytree(ROOT / "plans", sample.path("plans"))
    result = sample.validate()
    assert result.exit_code == 0, [f for f in result.findings if f["severity"] == "error"]
    assert all(f["rule"] == "plan-incomplete" for f in result.findings)  # drafts only
    assert sample.validate("--strict").exit_code == 1


def test_every_attending_body_has_a_2016_plan() -> None:
    bodies = load_file(ROOT / "plans/bodies.yaml", "b").data["bodies"]
    assert len(bodies) == 17
    assert {p.stem for p in PLANS if p.parent.name == "2016"} == {b["id"] for b in bodies}


def test_each_plan_says_it_is_illustrative() -> None:
    for path in [*PLANS, ROOT / "plans/nap.yaml", ROOT / "plans/bodies.yaml"]:
        head = path.read_text("utf-8")[:600]
        if path.parent.name == "2016":
            assert re.search(r"^#.*[Ii]llustrative", head, re.MULTILINE), path


def test_sample_is_varied() -> None:
    statuses = {plan["status"] for plan in SAMPLE}
    assert statuses == {"draft", "submitted", "finalized", "approved"}
    activities = [a for plan in SAMPLE for a in plan["activities"]]
    assert all(5 <= len(plan["activities"]) <= 15 for plan in SAMPLE)
    languages = {lang for a in activities if isinstance(a["title"], dict) for lang in a["title"]}
    assert {"ar", "ckb"} <= languages
    currencies = {a["budget"]["currency"] for a in activities if "budget" in a}
    assert currencies == {"IQD", "USD"}
    sources = {f["source"] for a in activities for f in a.get("budget", {}).get("funding", [])}
    assert {"government", "donor"} <= sources
    assert any("budget" in a and not a["budget"].get("funding") for a in activities)  # unfunded
    assert any(a.get("progress") for a in activities)


def test_no_personal_data() -> None:
    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    phone = re.compile(
        r"\+\d[\d -]{7,}\d|\b07\d{2}[ -]?\d{3}[ -]?\d{4}\b"
    )  # international, Iraqi mobile
    for path in (ROOT / "plans").rglob("*.yaml"):
        text = path.read_text("utf-8")
        assert not email.search(text), path
        dates_removed = re.sub(r"\d{4}-\d{2}-\d{2}", "", text)
        numbers_removed = re.sub(r"(amount|spent|baseline|target|I\d): \d+", "", dates_removed)
        assert not phone.search(numbers_removed), path


def test_schema_copies_match_the_package() -> None:
    for path in sorted((ROOT / "src/napkit/schemas").glob("*.json")):
        copy = ROOT / "schema" / path.name
        assert copy.read_bytes() == path.read_bytes(), f"run make schemas: {copy} differs"
    assert sorted(p.name for p in (ROOT / "schema").glob("*.json")) == sorted(
        p.name for p in (ROOT / "src/napkit/schemas").glob("*.json")
    )


def test_schemas_document_every_property() -> None:
    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                ref = prop.get("$ref", "#/$defs/").removeprefix("#/$defs/")
                full = {**data["$defs"].get(ref, {}), **prop}
                assert "title" in full and "description" in full, f"{where}.{name}"
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}[{i}]")

    for kind in ("nap", "bodies", "plan"):  # the schemas editors work with
        path = ROOT / "schema" / f"{kind}.schema.json"
        data = json.loads(path.read_text("utf-8"))
        assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        walk(data, path.name)


def test_shared_definitions_are_identical_across_schemas() -> None:
    schemas = [
        json.loads(p.read_text("utf-8")) for p in sorted(Path(ROOT / "schema").glob("*.json"))
    ]
    for name in ("slug", "date", "text"):
        shared = {
            json.dumps(s["$defs"][name], sort_keys=True) for s in schemas if name in s["$defs"]
        }
        assert len(shared) == 1, name


def test_the_tests_copy_of_the_sample_is_the_sample() -> None:
    """tests/data/sample is what the tool's tests run on; upstream it is plans/."""
    ours = {p.relative_to(ROOT / "plans"): p.read_bytes() for p in (ROOT / "plans").rglob("*.yaml")}
    copy = {
        p.relative_to(SAMPLE_COPY / "plans"): p.read_bytes()
        for p in (SAMPLE_COPY / "plans").rglob("*.yaml")
    }
    assert ours == copy, "plans/ changed: copy it to tests/data/sample/plans as well"
