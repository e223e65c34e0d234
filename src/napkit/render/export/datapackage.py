"""datapackage.json: the downloads described as a Frictionless Data Package (v2), so
that data portals (CKAN) and donors' tools can load them as they are.

Each year's CSV is a tabular resource whose Table Schema is made from the same
column definitions the CSV is written from (table.activity_fields), and master.json
a JSON resource that names its JSON Schema. Only what v1 readers know too (field
types string, integer, number and date; a CSV dialect; a primary key), so tools of
either version read it. Nothing in it depends on when it is built: no timestamps,
so a build of the same plans gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

from napkit.plans.framework import Framework, Licence
from napkit.plans.texts import text_in
from napkit.render.export import csvfile
from napkit.render.export.table import Column, activity_fields

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
MASTER_SCHEMA = "schema/master.schema.json"  # beside master.json in downloads/


def csv_name(year: int) -> str:
    return f"master-{year}.csv"


def package(
    fw: Framework,
    csvs: Mapping[int, bytes],
    master_json: bytes,
    *,
    repo_url: str | None = None,
    site_url: str | None = None,
) -> dict[str, Any]:
    """The descriptor of the downloads folder: `csvs` are the bytes of each year's
    CSV, as published (their size and hash let a reader check the copy it has)."""
    langs = fw.language_codes
    title = text_in(fw.title, langs)
    out: dict[str, Any] = {
        "$schema": PROFILE,
        "name": _name(fw.id),
        "title": title,
        "description": text_in(fw.description, langs)
        or f"{title}: the master plan as data, every activity of every body's yearly plan.",
    }
    if site_url:
        out["homepage"] = site_url
    if fw.licence is not None:
        out["licenses"] = [_licence(fw.licence, langs)]
    out["sources"] = [
        {"title": f"{title}: the yearly plans of its implementing bodies"},
        *([{"title": "The plans repository", "path": repo_url}] if repo_url else []),
    ]
    out["resources"] = [
        *(_table(fw, year, data) for year, data in sorted(csvs.items())),
        {
            # no type: the standard's only type is table; jsonSchema is the
            # Data Package recipe for JSON data
            "name": "master",
            "title": "Master plan, every year",
            "description": "Every year's master plan with its totals, indicators, funding "
            "and progress; amounts are exact decimals written as text. Described by the "
            "JSON Schema named in jsonSchema.",
            "path": "master.json",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
            **_size(master_json),
            "jsonSchema": MASTER_SCHEMA,
        },
    ]
    return out


def encode(descriptor: dict[str, Any]) -> bytes:
    return (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _table(fw: Framework, year: int, data: bytes) -> dict[str, Any]:
    label = fw.year_label(year)
    return {
        "name": f"master-{year}",
        "type": "table",
        "title": f"Master plan {label}: activities",
        "description": f"One row per activity of every body's plan for {label}, with its "
        f"budget and funding in the reporting currency ({fw.currency}), its latest "
        "progress and its indicators. plan_status tells a draft plan from an approved one.",
        "path": csv_name(year),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": csvfile.ENCODING,
        **_size(data),
        "dialect": dict(csvfile.DIALECT),
        "schema": {
            "fields": [_field(c) for c in activity_fields(fw)],
            "missingValues": [""],
            "primaryKey": ["id"],
        },
    }


def _field(c: Column) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": c.name,
        "type": c.type,
        "title": c.title,
        "description": c.description,
    }
    if c.constraints:
        out["constraints"] = dict(c.constraints)
    return out


def _size(data: bytes) -> dict[str, Any]:
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


def _licence(licence: Licence, langs: tuple[str, ...]) -> dict[str, str]:
    out = {
        "name": licence.name,
        "path": licence.path,
        "title": text_in(licence.title, langs),
    }
    return {k: v for k, v in out.items() if v}


def _name(plan_id: str) -> str:
    """A package name as the standard allows it: lower-case letters, digits, - . _"""
    return re.sub(r"[^a-z0-9._-]+", "-", plan_id.lower()).strip("-") or "nap"


__all__ = ["MASTER_SCHEMA", "PROFILE", "csv_name", "encode", "package"]
