"""`nap cms`: the form editor's configuration, made from the framework and the plan
schema. Checked on the Iraqi sample and on the Northland framework (a fiscal year,
objectives in levels, English and French), with and without pillars: the lists the
form offers are the framework's and the schema's, and a plan written the way the CMS
writes it from this configuration passes nap validate and nap fmt --check."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, Repo
from napkit.check.schema import schema
from napkit.check.validation import load_framework
from napkit.plans.framework import Framework
from test_format_extensions import OTHER
from test_format_extensions import _without_pillars as without_pillars

DEFS = schema("plan")["$defs"]


@pytest.fixture(params=["sample", "other", "other-without-pillars"])
def repo(request: pytest.FixtureRequest, tmp_path: Path) -> Repo:
    if request.param == "sample":
        shutil.copytree(ROOT / "tests/data/sample/plans", tmp_path / "r/plans")
    else:
        shutil.copytree(OTHER, tmp_path / "r")
    r = Repo(tmp_path / "r")
    if request.param == "other-without-pillars":
        without_pillars(r)
    return r


def _config(repo: Repo) -> dict[str, Any]:
    result = repo.nap("cms")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = yaml.safe_load(result.output)
    return data


def _fields(fields: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every field, at every depth (the fields of every type of a typed list too)."""
    for f in fields:
        yield f
        yield from _fields(f.get("fields", []))
        for t in f.get("types", []):
            yield from _fields(t["fields"])


def _named(collection: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return [f for f in _fields(collection["fields"]) if f["name"] == name]


def _values(field: dict[str, Any]) -> list[Any]:
    return [o["value"] if isinstance(o, dict) else o for o in field["options"]]


def _year_folders(root: Path) -> set[int]:
    return {int(p.name) for p in (root / "plans").iterdir() if re.fullmatch(r"\d{4}", p.name)}


def test_a_collection_per_year_folder_and_the_next_year(repo: Repo) -> None:
    fw = load_framework(repo.root)
    present = _year_folders(repo.root)
    config = _config(repo)
    folders = [c["folder"] for c in config["collections"]]
    assert folders == [f"plans/{y}" for y in sorted(present | {max(present) + 1})]
    # a new year's folder brings its collection by itself, up to the end of the period
    (repo.root / f"plans/{fw.last_year}").mkdir()
    folders = [c["folder"] for c in _config(repo)["collections"]]
    assert f"plans/{fw.last_year}" in folders
    assert f"plans/{fw.last_year + 1}" not in folders
    for c in config["collections"]:
        assert c["slug"] == "{{body}}" and c["identifier_field"] == "body"
        (year,) = _named(c, "year")
        assert c["folder"] == f"plans/{year['default']}"
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["name"] == "github" and config["backend"]["branch"] == "main"
    assert config["media_folder"]  # Sveltia CMS does not start without one


def test_every_closed_list_is_offered_as_the_framework_and_schema_have_it(repo: Repo) -> None:
    fw = load_framework(repo.root)
    bodies = list(fw.bodies)
    for c in _config(repo)["collections"]:
        year = _named(c, "year")[0]["default"]
        # the plan's, the funding's and the progress report's statuses are all `status`
        enums = {
            "status": [
                schema("plan")["properties"]["status"]["enum"],
                DEFS["funding"]["properties"]["status"]["enum"],
                DEFS["progress"]["properties"]["status"]["enum"],
            ],
            "source": [DEFS["funding"]["properties"]["source"]["enum"]],
            "none": [DEFS["budget"]["properties"]["none"]["enum"]],
        }
        for name, lists in enums.items():
            offered = {tuple(_values(f)) for f in _named(c, name)}
            assert offered == {tuple(x) for x in lists}, name
        (body,) = _named(c, "body")
        assert _values(body) == bodies
        for f in _named(c, "locations"):
            assert f["multiple"] and _values(f) == list(fw.locations)
        for f in _named(c, "supporting"):
            assert _values(f) == bodies
        for f in _named(c, "partners"):
            assert _values(f)[: len(bodies)] == bodies
        for f in _named(c, "currency"):
            assert _values(f) == [fw.currency, *sorted(fw.rates.get(str(year), {}))]
        for f in _named(c, "period"):
            assert _values(f) == [f"{year}-{p}" for p in fw.periods]
        for f in _named(c, "indicators"):
            assert f["typeKey"] == "unit"
            assert [t["name"] for t in f["types"]] == DEFS["indicator"]["properties"]["unit"][
                "enum"
            ]
        _objectives_follow_the_pillar(fw, c)


def _objectives_follow_the_pillar(fw: Framework, collection: dict[str, Any]) -> None:
    (activities,) = _named(collection, "activities")
    if fw.has_pillars:
        assert activities["typeKey"] == "pillar"
        assert [t["name"] for t in activities["types"]] == list(fw.pillars)
        for t in activities["types"]:
            (objective,) = [f for f in t["fields"] if f["name"] == "objective"]
            assert _values(objective) == list(fw.pillars[t["name"]].objective_ids)
    else:
        assert "types" not in activities and not _named(collection, "pillar")
        (objective,) = _named(collection, "objective")
        assert _values(objective) == list(fw.objective_pillar)


def test_required_fields_patterns_and_hints_come_from_the_schema(repo: Repo) -> None:
    c = _config(repo)["collections"][0]
    (activities,) = _named(c, "activities")
    shapes = {
        "plan": (schema("plan"), c["fields"]),
        "activity": (DEFS["activity"], _item_fields(activities)),
        "budget": (DEFS["budget"], _named(c, "budget")[0]["fields"]),
        "funding": (DEFS["funding"], _named(c, "funding")[0]["fields"]),
        "indicator": (DEFS["indicator"], _item_fields(_named(c, "indicators")[0])),
        "progress": (DEFS["progress"], _named(c, "progress")[0]["fields"]),
    }
    for where, (definition, fields) in shapes.items():
        required = {f["name"] for f in fields if f.get("required", True)}
        typed = {"pillar", "unit"}  # a typed list's key: always written, by the type
        wanted = set(definition.get("required", ())) - typed
        assert required - {"year"} == wanted - {"year"}, where
        for f in fields:
            prop = _own(definition["properties"][f["name"]])
            assert f["label"] == prop["title"], (where, f["name"])
            if f["widget"] != "hidden":
                assert f["hint"].startswith(prop["description"]), (where, f["name"])
    (activity_id,) = {json.dumps(f["pattern"]) for f in _named(c, "id")}
    assert json.loads(activity_id)[0] == DEFS["code"]["pattern"]
    (continues,) = {json.dumps(f["pattern"]) for f in _named(c, "continues")}
    assert json.loads(continues)[0] == DEFS["activity"]["properties"]["continues"]["pattern"]


def _own(prop: dict[str, Any]) -> dict[str, Any]:
    """A property's title and description: its own, else its definition's."""
    ref = DEFS[prop["$ref"].rsplit("/", 1)[-1]] if "$ref" in prop else {}
    return {**ref, **prop}


def _item_fields(field: dict[str, Any]) -> list[dict[str, Any]]:
    fields: list[dict[str, Any]] = (
        field["types"][0]["fields"] if "types" in field else field["fields"]
    )
    return fields


def test_every_text_has_a_field_per_language(repo: Repo) -> None:
    fw = load_framework(repo.root)
    texts = {
        name
        for definition in [schema("plan"), *DEFS.values()]
        for name, prop in definition.get("properties", {}).items()
        if prop.get("$ref") == "#/$defs/text"
    }
    c = _config(repo)["collections"][0]
    seen = set()
    for f in _fields(c["fields"]):
        if f["name"] in texts:
            seen.add(f["name"])
            assert f["widget"] == "object"
            assert [x["name"] for x in f["fields"]] == list(fw.language_codes)
            languages = {x.code: x.name for x in fw.languages}
            for x in f["fields"]:
                assert x["label"].endswith(f"({languages[x['name']]})")
                # only the main language is needed, and only for a needed text
                assert x["required"] == (f["required"] and x["name"] == fw.main_language)
    assert seen == texts


def test_what_the_form_cannot_hold_is_left_to_the_file(repo: Repo) -> None:
    from napkit.authoring.cms import NOT_IN_FORM

    for c in _config(repo)["collections"]:
        assert not {f["name"] for f in _fields(c["fields"])} & NOT_IN_FORM


def test_the_output_is_the_same_every_time_and_says_it_is_generated(repo: Repo) -> None:
    first = repo.nap("cms").output
    assert first == repo.nap("cms").output
    assert first.startswith("# The form editor's configuration, written by `nap cms`")
    assert "&id" not in first and "*id" not in first  # no YAML aliases
    out = repo.root / "config.yml"
    assert repo.nap("cms", "-o", str(out)).exit_code == 0
    assert out.read_text("utf-8") == first


def test_the_repository_comes_from_mkdocs_repo_url(repo: Repo) -> None:
    result = repo.nap("cms")
    assert "repo_url names no GitHub repository" in result.stderr
    assert yaml.safe_load(result.output)["backend"]["repo"] == "OWNER/REPOSITORY"
    repo.write("mkdocs.yml", "site_name: X\nrepo_url: https://github.com/some-org/nap-plans\n")
    result = repo.nap("cms")
    assert result.stderr == ""
    assert yaml.safe_load(result.output)["backend"]["repo"] == "some-org/nap-plans"


def test_organisations_already_named_as_partners_are_offered(repo: Repo) -> None:
    fw = load_framework(repo.root)
    name = "Women's Shelter Network"

    def partners() -> list[Any]:
        (field, *_) = _named(_config(repo)["collections"][0], "partners")
        return _values(field)

    assert name not in partners()
    rel = next((repo.root / "plans").glob("*/*.yaml")).relative_to(repo.root).as_posix()
    plan = yaml.safe_load(repo.read(rel))
    plan["activities"][0]["partners"] = [name]
    repo.write(rel, yaml.safe_dump(plan, sort_keys=False, allow_unicode=True))
    offered = partners()
    assert offered[: len(fw.bodies)] == list(fw.bodies) and name in offered


# ---------------------------------------------------------------------------
# What the CMS writes


# Optional fields the round trip leaves empty: each names something else in the
# repository (an earlier activity, another body, a later year, an alternative to the
# amount) that a made-up value would get wrong.
LEFT_EMPTY = {"submitted", "continues", "supporting", "target_year", "none"}


class _Writer:
    """Fills the form as an editor would: every field the config offers, from the
    config's own options, then the entry as a plain YAML dump (no comments)."""

    def __init__(self, fw: Framework, year: int, body: str) -> None:
        self.fw, self.year, self.body = fw, year, body
        self.first, self.last = fw.year_span(year)

    def entry(self, fields: list[dict[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields:
            if f["name"] in LEFT_EMPTY:
                continue
            out[f["name"]] = self.value(f)
        return out

    def value(self, f: dict[str, Any]) -> Any:
        widget = f["widget"]
        if f["name"] == "body":
            assert self.body in _values(f)
            return self.body
        if widget == "hidden":
            return f["default"]
        if widget == "select":
            options = _values(f)
            return [options[-1]] if f.get("multiple") else options[0]
        if widget in ("string", "text"):
            if "pattern" in f:
                return next(v for v in ("A1", "x-1") if re.fullmatch(f["pattern"][0], v))
            return f"{f['label']} as written in the form"
        if widget == "number":
            return max(f.get("min", 0), min(f.get("max", 10), 10))
        if widget == "boolean":
            return True
        if widget == "datetime":
            day = self.first if f["name"] != "end" else self.last
            return day.isoformat()
        if widget == "object":
            return self.entry(f["fields"])
        assert widget == "list", widget
        if "types" in f:
            items = []
            for n, t in enumerate(f["types"], start=1):
                item = {f["typeKey"]: t["name"], **self.entry(t["fields"])}
                item["id"] = f"{'A' if f['typeKey'] == 'pillar' else 'I'}{n}"
                items.append(item)
            return items
        return [self.entry(f["fields"])]


def test_a_plan_written_as_the_cms_writes_it_passes_the_checks(repo: Repo) -> None:
    fw = load_framework(repo.root)
    config = _config(repo)
    for collection in (config["collections"][0], config["collections"][-1]):
        year = _named(collection, "year")[0]["default"]
        folder = repo.root / collection["folder"]
        # a new plan where a body has none yet, else a plan rewritten from the form
        body = next(
            (b for b in fw.bodies if not (folder / f"{b}.yaml").exists()), next(iter(fw.bodies))
        )
        entry = _Writer(fw, year, body).entry(collection["fields"])
        rel = f"{collection['folder']}/{body}.{collection['extension']}"
        repo.write(rel, yaml.safe_dump(entry, sort_keys=False, allow_unicode=True))
        result = repo.validate("--strict", rel)
        assert result.exit_code == 0, result.findings
        assert repo.nap("fmt", rel).exit_code == 0
        assert repo.nap("fmt", "--check", rel).exit_code == 0
        assert yaml.safe_load(repo.read(rel)) == entry  # formatting kept every value


# The JSON Schema Sveltia CMS ships for its configuration (schema/sveltia-cms.json of
# the npm package), kept at the version of the vendored bundle (src/napkit/site/admin).
SVELTIA_SCHEMA = ROOT / "tests/data/sveltia-cms-0.221.1.schema.json"


def test_the_config_is_valid_for_sveltia_cms(repo: Repo) -> None:
    import jsonschema

    manifest = json.loads((ROOT / "src/napkit/site/admin/manifest.json").read_text("utf-8"))
    assert manifest["version"] in SVELTIA_SCHEMA.name  # the schema of the bundle we serve
    validator = jsonschema.Draft7Validator(json.loads(SVELTIA_SCHEMA.read_text("utf-8")))
    errors = [e.message[:200] for e in validator.iter_errors(_config(repo))]
    assert errors == []
