"""downloads/datapackage.json: the site's downloads as a Frictionless Data Package,
validated by the frictionless library as a data portal would (every CSV read, every
cell checked against its field's type and constraints), with no network."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import socket
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest
import yaml
from frictionless import Report, validate

from conftest import SAMPLE, SITE_SETTINGS, Repo

OTHER = Path(__file__).resolve().parent / "data" / "other"
TYPES = {"string", "integer", "number", "date"}  # read alike by v1 and v2 tools


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """The profiles of the standard ship with frictionless: validating must not
    fetch anything."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"network connection attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _validate(downloads: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    # frictionless reads only files under the working directory unless told to trust
    monkeypatch.chdir(downloads)
    return validate("datapackage.json")


def _errors(report: Report) -> list[str]:
    return [e.message for e in report.errors] + [
        f"{task.name}: {e.message}" for task in report.tasks for e in task.errors
    ]


def _descriptor(downloads: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((downloads / "datapackage.json").read_text("utf-8"))
    return data


def _tables(descriptor: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in descriptor["resources"] if r.get("type") == "table"]


def _check_package(downloads: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What every built package must satisfy; returns its descriptor."""
    descriptor = _descriptor(downloads)
    report = _validate(downloads, monkeypatch)
    assert report.valid, _errors(report)
    assert _errors(report) == []
    tables = _tables(descriptor)
    # one tabular resource per year's CSV, and every one of them read to the end
    csvs = sorted(p.name for p in downloads.glob("master-*.csv"))
    assert sorted(r["path"] for r in tables) == csvs and csvs
    rows = {task.name: task.stats["rows"] for task in report.tasks if task.type == "table"}
    for table in tables:
        data = (downloads / table["path"]).read_bytes()
        lines = list(csv.reader(io.StringIO(data.decode(table["encoding"]), newline="")))
        assert rows[table["name"]] == len(lines) - 1 > 0
        _check_described(table, data)
    # master.json follows the JSON Schema its resource names (frictionless reads
    # only Table Schemas: this is the check it leaves to others)
    (master,) = [r for r in descriptor["resources"] if r["path"] == "master.json"]
    schema = json.loads((downloads / master["jsonSchema"]).read_text("utf-8"))
    jsonschema.validate(json.loads((downloads / "master.json").read_bytes()), schema)
    return descriptor


def _check_described(table: dict[str, Any], data: bytes) -> None:
    """Every column of the CSV, in order, is a field of the schema with a type, a
    title and a description; read with the declared encoding and dialect, the
    header is exactly the field names (no byte-order mark left on the first)."""
    fields = table["schema"]["fields"]
    dialect = table["dialect"]
    text = data.decode(table["encoding"])
    header = next(
        csv.reader(
            io.StringIO(text, newline=""),
            delimiter=dialect["delimiter"],
            quotechar=dialect["quoteChar"],
            doublequote=dialect["doubleQuote"],
        )
    )
    assert header == [f["name"] for f in fields]
    assert text.split("\n", 1)[0].endswith("\r") == (dialect["lineTerminator"] == "\r\n")
    for f in fields:
        assert f["type"] in TYPES and f["title"] and f["description"], f
    assert table["schema"]["primaryKey"] == ["id"]


@pytest.mark.slow
def test_the_sample_sites_package_validates(
    sample_site: Path, monkeypatch: pytest.MonkeyPatch, offline: None
) -> None:
    downloads = sample_site / "downloads"
    descriptor = _check_package(downloads, monkeypatch)
    nap = yaml.safe_load((SAMPLE / "plans/nap.yaml").read_text("utf-8"))
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert descriptor["name"] == nap["id"]
    assert descriptor["title"] == nap["title"][nap["languages"][0]["code"]]
    assert descriptor["licenses"] == [nap["licence"]]
    assert {"title": "The plans repository", "path": SITE_SETTINGS["repo_url"]} in descriptor[
        "sources"
    ]
    assert descriptor["homepage"] == SITE_SETTINGS["site_url"]
    # the downloads page lists it and names the licence
    page = (sample_site / "downloads.html").read_text("utf-8")
    assert 'href="downloads/datapackage.json"' in page
    assert f'<a href="{nap["licence"]["path"]}">{nap["licence"]["title"]}' in page
    # the statuses and the money columns are typed and constrained as the plans are
    fields = {f["name"]: f for f in _tables(descriptor)[0]["schema"]["fields"]}
    assert fields["status"]["constraints"]["enum"][-1] == "no-report"
    assert fields["id"]["constraints"] == {"required": True, "unique": True}
    assert {fields[n]["type"] for n in ("amount", "budget", "gap", "spent")} == {"number"}
    assert fields["start"]["type"] == "date"


@pytest.mark.slow
def test_a_cell_that_breaks_its_field_fails_validation(
    sample_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, offline: None
) -> None:
    """The validation above can fail: a status outside the enum, a column the
    schema does not describe and a changed file are each reported."""
    for change, error in (
        (lambda b: b.replace(b",on-track,", b",on track,", 1), "constraint-error"),
        (lambda b: re.sub(rb"\r\n", b",extra\r\n", b), "extra-label"),
    ):
        downloads = tmp_path / error
        shutil.copytree(sample_site / "downloads", downloads)
        target = downloads / "master-2016.csv"
        target.write_bytes(change(target.read_bytes()))
        report = _validate(downloads, monkeypatch)
        types = {e.type for task in report.tasks for e in task.errors}
        assert error in types and "hash-count" in types, types


def _render(root: Path, out: Path) -> Path:
    result = Repo(root).nap("render", "--out", str(out), "--no-history")
    assert result.exit_code == 0, result.output + result.stderr
    return out / "downloads"


def _without_pillars(root: Path) -> None:
    from test_format_extensions import _without_pillars as rewrite

    rewrite(Repo(root))


@pytest.mark.parametrize("pillars", [True, False], ids=["pillars", "no-pillars"])
def test_another_countrys_package_validates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, offline: None, pillars: bool
) -> None:
    """Northland: fiscal years, two languages, other currencies, activities that
    continue earlier ones, supporting bodies, no licence; with and without pillars."""
    root = tmp_path / "other"
    shutil.copytree(OTHER, root)
    if not pillars:
        _without_pillars(root)
    downloads = _render(root, tmp_path / "pages")
    descriptor = _check_package(downloads, monkeypatch)
    assert "licenses" not in descriptor  # nap.yaml gives none
    assert "may be reused under" not in (downloads.parent / "downloads.md").read_text("utf-8")
    titles = [r["title"] for r in _tables(descriptor)]
    assert titles == ["Master plan 2022–23: activities", "Master plan 2023–24: activities"]
    # the same plans give the same bytes: nothing in it depends on when it is built
    again = _render(root, tmp_path / "again")
    assert (again / "datapackage.json").read_bytes() == (
        downloads / "datapackage.json"
    ).read_bytes()


def test_the_licence_is_escaped_on_the_downloads_page(tmp_path: Path) -> None:
    """nap.yaml's licence is plan text: its title is shown as text and its address
    cannot end the link or open a tag."""
    import markdown

    root = tmp_path / "other"
    shutil.copytree(OTHER, root)
    title = "<script>alert(1)</script> **Open** [x](javascript:alert(2))"
    address = "https://example.org/l)<b>x</b>[a](javascript:alert(3))"
    Repo(root).edit(
        "plans/nap.yaml",
        ("\nperiod:", f"\nlicence: {json.dumps({'path': address, 'title': title})}\nperiod:"),
    )
    downloads = _render(root, tmp_path / "pages")
    assert _descriptor(downloads)["licenses"] == [{"path": address, "title": title}]
    (line,) = [
        x
        for x in (downloads.parent / "downloads.md").read_text("utf-8").splitlines()
        if "may be reused under" in x
    ]
    page = markdown.markdown(line)
    assert re.findall(r"<(\w+)", page) == ["p", "a"]
    (href,) = re.findall(r'href="([^"]*)"', page)
    assert unquote(href) == address and not set(href) & set("()[]<>'\" ")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; **Open** [x](javascript:alert(2))" in page
