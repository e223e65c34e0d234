"""`nap cms`: the form editor's configuration (the config.yml of Sveltia CMS, which
reads Decap CMS's format), made from plans/nap.yaml, plans/bodies.yaml and the plan
schema, never kept by hand.

A collection per year folder (and the next year of the period), so a new year appears
by itself; a field per property of the plan schema, its label, hint, pattern and
whether it is required read from the schema; a select for every closed list (plan
and progress statuses, pillars, objectives, locations, currencies, funding source and
status, units, bodies); every text as parallel fields, one per language of nap.yaml.

The CMS has no select whose options follow another field. Activities are therefore a
list of variable types, one type per pillar, whose type key is `pillar`: the editor
picks the pillar when adding the activity, and the objective select of that type
lists that pillar's objectives only. Indicators are typed the same way by `unit`, so
the baseline and target widgets match the unit (a number, yes or no, or words).

What the form cannot hold is left out, and the CMS keeps it in the file as it was
(it writes the fields it does not know after the ones it does): indicator values by
period (`values`, `values_by`), breakdowns (`target_by`) and milestones, whose keys
are ids the editor chose, `carry_over` (see NOT_IN_FORM) and extension fields (`x-...`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from napkit.check.schema import schema
from napkit.plans.document import LoadError, load_file
from napkit.plans.framework import Framework, Objective, Pillar, Text
from napkit.plans.layout import PLANS, scan
from napkit.plans.texts import text_in
from napkit.render.labels import word
from napkit.render.workbook import lists as workbook_lists
from napkit.render.workbook.columns import SEPARATOR  # as the workbook's dropdowns read

HEADER = """\
# The form editor's configuration, written by `nap cms` from plans/nap.yaml,
# plans/bodies.yaml and the plan schema. Do not edit it by hand: change those files
# and run nap cms again.
"""
BRANCH = "main"
MEDIA_FOLDER = "docs/uploads"
NO_REPO = "OWNER/REPOSITORY"  # until mkdocs.yml's repo_url names the GitHub repository
# Texts written as paragraphs rather than a line.
LONG_TEXTS = frozenset({"description", "notes", "note"})
# Left out of the form; the CMS keeps what the file has. The keys of the first four
# are ids the editor invents (indicator ids, categories, years), which a form cannot
# offer. carry_over is a switch, and Sveltia CMS writes `false` for a switch nobody
# touched: every plan saved from the form would show it as a change.
NOT_IN_FORM = frozenset({"values", "values_by", "target_by", "milestones", "carry_over"})
_YEAR = re.compile(r"^[0-9]{4}$")
_GITHUB = re.compile(r"^https://github\.com/([\w.-]+/[\w.-]+?)(?:\.git)?/?$")

Field = dict[str, Any]


def years(root: Path, fw: Framework) -> list[int]:
    """Each year folder of plans/, and the year after the last one while it lies in
    the period (so the next round's plans can be started in the form)."""
    folder = root / PLANS
    found = {int(p.name) for p in folder.iterdir() if p.is_dir() and _YEAR.match(p.name)}
    last = max(found, default=fw.first_year - 1)
    if fw.first_year <= last + 1 <= fw.last_year:
        found.add(last + 1)
    return sorted(found)


def repository(root: Path) -> str | None:
    """owner/name of the GitHub repository in mkdocs.yml's repo_url, if it names one.
    Read as a line: mkdocs.yml may hold tags a plain YAML loader refuses."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return None
    line = re.search(r"^repo_url:\s*['\"]?([^'\"\s#]+)", path.read_text("utf-8"), re.MULTILINE)
    found = _GITHUB.match(line.group(1)) if line else None
    return found.group(1) if found else None


def plan_data(root: Path) -> list[Any]:
    """The data of every plan that loads (nap validate reports the others)."""
    found = []
    for file in scan(root).plans:
        try:
            found.append(load_file(file.path, file.rel).data)
        except LoadError:
            continue
    return found


def partner_names(plans: Iterable[Any], fw: Framework) -> list[str]:
    """Organisations (not bodies) already named as partners in any of `plans` (their
    data): the select offers them beside the bodies."""
    names: set[str] = set()
    for data in plans:
        if not isinstance(data, Mapping):
            continue
        for activity in data.get("activities") or []:
            partners = activity.get("partners") if isinstance(activity, dict) else None
            for name in partners if isinstance(partners, list) else []:
                if isinstance(name, str) and name and name not in fw.bodies:
                    names.add(name)
    return sorted(names, key=lambda n: (n.casefold(), n))


def auth_service(root: Path) -> str | None:
    """The address of the GitHub sign-in service (Sveltia's auth worker), if mkdocs.yml
    names one as the napkit plugin's `form_editor_auth`. Read as a line, as repo_url."""
    path = root / "mkdocs.yml"
    text = path.read_text("utf-8") if path.is_file() else ""
    found = re.search(r"^\s*form_editor_auth:\s*['\"]?(https://[^'\"\s#]+)", text, re.MULTILINE)
    return found.group(1) if found else None


def _backend(repo: str | None, auth: str | None) -> dict[str, Any]:
    """Sign-in with a personal access token; with GitHub too when there is a sign-in
    service (without one, Sveltia's GitHub button would go to a third party's)."""
    backend: dict[str, Any] = {"name": "github", "repo": repo or NO_REPO, "branch": BRANCH}
    if auth:
        backend.update({"base_url": auth, "auth_methods": ["oauth", "token"]})
    else:
        backend["auth_methods"] = ["token"]
    return backend


def config(
    fw: Framework,
    year_list: Iterable[int],
    repo: str | None,
    partners: Iterable[str] = (),
    auth: str | None = None,
) -> dict[str, Any]:
    """The whole configuration, in the order it is written."""
    lists = _Lists(fw, list(partners))
    return {
        "backend": _backend(repo, auth),
        "publish_mode": "editorial_workflow",
        # Plans have no images or files, but Sveltia CMS refuses to start without
        # a media folder: one beside the guides, where nothing is put.
        "media_folder": MEDIA_FOLDER,
        "app_title": text_in(fw.title, fw.language_codes),
        # An empty optional field would be written as '' (or {}), which the schema
        # refuses; Sveltia CMS leaves it out. Lists indented as napkit writes them.
        "output": {
            "omit_empty_optional_fields": True,
            "yaml": {"indent_size": 2, "indent_sequences": True, "quote": "none"},
        },
        "collections": [_collection(fw, lists, year) for year in year_list],
    }


def of_repository(root: Path, fw: Framework, plans: Iterable[Any] | None = None) -> dict[str, Any]:
    """The configuration of the repository at `root`: what `nap cms` writes and what
    the site serves at /admin/config.yml. `plans`: their data, when the caller has
    loaded them already (the site has)."""
    known = plan_data(root) if plans is None else plans
    return config(
        fw, years(root, fw), repository(root), partner_names(known, fw), auth_service(root)
    )


def file_text(config_data: Mapping[str, Any]) -> str:
    """The configuration as YAML: keys in the order given, every run the same."""
    body = yaml.dump(
        config_data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=1_000_000,
        default_flow_style=False,
    )
    return HEADER + body


# libyaml's writer where PyYAML has it: the configuration of a large plan is a
# megabyte, which PyYAML's own writer takes four times as long to write. Both write
# the same text (PyYAML's is a port of libyaml's), so nap cms gives the same file.
_Base: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_Base):  # type: ignore[valid-type,misc]
    """Writes a list used twice out in full (an alias would puzzle whoever reads the
    file)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


# ---------------------------------------------------------------------------
# The closed lists


class _Lists:
    def __init__(self, fw: Framework, partners: list[str]) -> None:
        self.fw = fw
        langs = fw.language_codes
        self.bodies = [_option(b, name, langs) for b, name in workbook_lists.body_names(fw).items()]
        self.partners = [*self.bodies, *({"label": n, "value": n} for n in partners)]
        self.locations = [_option(x.code, x.name, langs) for x in fw.locations.values()]

    def objectives(self, pillar: Pillar | None) -> list[dict[str, str]]:
        chosen = [pillar] if pillar is not None else list(self.fw.pillars.values())
        return [self._objective(o) for p in chosen for o in p.objectives]

    def _objective(self, o: Objective) -> dict[str, str]:
        # The higher objectives say where an objective of the lowest level sits.
        langs = self.fw.language_codes
        above = [text_in(self.fw.outline[k], langs) for k in o.parents if k in self.fw.outline]
        name = " › ".join([*above, text_in(o.title, langs)])
        return {"label": f"{o.id}{SEPARATOR}{name}", "value": o.id}

    def currencies(self, year: int) -> list[str]:
        return workbook_lists.currencies(self.fw, year)

    def periods(self, year: int) -> list[str]:
        return workbook_lists.periods(self.fw, year)


def _option(code: str, name: Text, languages: tuple[str, ...]) -> dict[str, str]:
    return {"label": f"{code}{SEPARATOR}{text_in(name, languages)}", "value": code}


def _words(values: Iterable[str]) -> list[dict[str, str]]:
    return [{"label": word(v), "value": v} for v in values]


# ---------------------------------------------------------------------------
# The schema, read property by property


def _defs() -> dict[str, Any]:
    found: dict[str, Any] = schema("plan")["$defs"]
    return found


def _ref_name(prop: Mapping[str, Any]) -> str | None:
    ref = prop.get("$ref")
    return str(ref).rsplit("/", 1)[-1] if ref else None


def _resolved(prop: Mapping[str, Any]) -> dict[str, Any]:
    """A property with its $ref's keywords under its own (its title and description
    win); `refs` holds the names of the definitions it went through."""
    ref = _ref_name(prop)
    if ref is None:
        return {**prop, "refs": []}
    inner = _resolved(_defs()[ref])
    return {
        **inner,
        **{k: v for k, v in prop.items() if k != "$ref"},
        "refs": [ref, *inner["refs"]],
    }


def _properties(definition: Mapping[str, Any]) -> list[tuple[str, dict[str, Any], bool]]:
    required = set(definition.get("required", ()))
    return [(name, prop, name in required) for name, prop in definition["properties"].items()]


def _base(name: str, prop: Mapping[str, Any], required: bool, widget: str) -> Field:
    field: Field = {"name": name, "label": prop.get("title", name), "widget": widget}
    field["required"] = required
    return field


def _with_hint(field: Field, prop: Mapping[str, Any]) -> Field:
    if prop.get("description"):
        field["hint"] = prop["description"]
    return field


def _pattern(field: Field, prop: Mapping[str, Any]) -> None:
    """The schema's pattern, with the definition's description as the message."""
    if "pattern" not in prop:
        return
    message = prop.get("description", "")
    for ref in prop["refs"]:
        if "pattern" in _defs()[ref]:
            message = _defs()[ref].get("description", message)
            break
    field["pattern"] = [prop["pattern"], message]


# ---------------------------------------------------------------------------
# Fields


class _Form:
    """The fields of one year's collection."""

    def __init__(self, fw: Framework, lists: _Lists, year: int) -> None:
        self.fw, self.lists, self.year = fw, lists, year

    def plan(self) -> list[Field]:
        plan = schema("plan")
        fields: list[Field] = []
        for name, prop, required in _properties(plan):
            p = _resolved(prop)
            if name == "body":
                fields.append(self._select(name, p, required, self.lists.bodies))
            elif name == "year":  # the collection's: a hidden field has no hint
                fields.append(
                    {"name": name, "label": p["title"], "widget": "hidden", "default": self.year}
                )
            elif name == "activities":
                fields.append(self._activities(name, p, required))
            else:
                fields += self._field("plan", name, p, required)
        return fields

    def _field(self, where: str, name: str, p: dict[str, Any], required: bool) -> list[Field]:
        """The form field of a schema property (none for what the form cannot hold)."""
        refs = p["refs"]
        if name in NOT_IN_FORM:
            return []
        if "text" in refs:
            return [self._text(name, p, required)]
        if "enum" in p:
            return [self._select(name, p, required, _words(p["enum"]))]
        if where in ("budget", "funding") and name == "currency":
            return [self._select(name, p, required, self.lists.currencies(self.year))]
        if where == "progress" and name == "period":
            return [self._select(name, p, required, self.lists.periods(self.year))]
        if where == "activity" and name == "locations":
            return [self._select(name, p, required, self.lists.locations, multiple=True)]
        if where == "activity" and name == "supporting":
            return [self._select(name, p, required, self.lists.bodies, multiple=True)]
        if where == "activity" and name == "partners":
            field = self._select(name, p, required, self.lists.partners, multiple=True)
            field["hint"] += (
                " The list holds every body and the organisations already named in a "
                "plan; for a new organisation, write its name in the plan file."
            )
            return [field]
        if "date" in refs:
            field = _base(name, p, required, "datetime")
            field.update(
                {"format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
            )
            field["picker_utc"] = True  # a date, not a moment: no shift by time zone
            return [_with_hint(field, p)]
        kind = p.get("type")
        if kind in ("number", "integer"):
            field = _base(name, p, required, "number")
            field["value_type"] = "int" if kind == "integer" else "float"
            for key, option in (("minimum", "min"), ("maximum", "max")):
                if key in p:
                    field[option] = p[key]
            return [_with_hint(field, p)]
        if kind == "boolean":
            field = _base(name, p, required, "boolean")
            if "default" in p:
                field["default"] = p["default"]
            return [_with_hint(field, p)]
        if kind == "string":
            field = _base(name, p, required, "string")
            _pattern(field, p)
            return [_with_hint(field, p)]
        if kind == "object" and "properties" in p:
            return [self._object(name, p, required, p["refs"][-1])]
        if kind == "array" and _ref_name(p.get("items", {})):
            item = _ref_name(p["items"])
            assert item is not None
            return [self._list(name, p, required, item)]
        return []  # a shape the form cannot hold: left as the file has it

    def _select(
        self,
        name: str,
        p: Mapping[str, Any],
        required: bool,
        options: list[Any],
        *,
        multiple: bool = False,
    ) -> Field:
        field = _base(name, p, required, "select")
        if multiple:
            field["multiple"] = True
        field["options"] = options
        return _with_hint(field, p)

    def _text(self, name: str, p: Mapping[str, Any], required: bool) -> Field:
        """An object with a field per language; the main language is needed when the
        text is. The labels name each language as nap.yaml does."""
        widget = "text" if name in LONG_TEXTS else "string"
        main = self.fw.main_language
        fields = []
        for language in self.fw.languages:
            sub: Field = {
                "name": language.code,
                "label": f"{p.get('title', name)} ({language.name})",
                "widget": widget,
                "required": required and language.code == main,
            }
            fields.append(sub)
        field = _base(name, p, required, "object")
        field["fields"] = fields
        return _with_hint(field, p)

    def _members(self, definition: str, skip: Iterable[str] = ()) -> list[Field]:
        fields: list[Field] = []
        for name, prop, required in _properties(_defs()[definition]):
            if name not in skip:
                fields += self._field(definition, name, _resolved(prop), required)
        return fields

    def _object(self, name: str, p: Mapping[str, Any], required: bool, definition: str) -> Field:
        field = _base(name, p, required, "object")
        field["fields"] = self._members(definition)
        return _with_hint(field, p)

    def _list(self, name: str, p: Mapping[str, Any], required: bool, definition: str) -> Field:
        if definition == "indicator":
            return self._indicators(name, p, required)
        field = _base(name, p, required, "list")
        field["label_singular"] = _defs()[definition].get("title", name)
        field["fields"] = self._members(definition)
        return _with_hint(field, p)

    def _activities(self, name: str, p: Mapping[str, Any], required: bool) -> Field:
        """One type per pillar, stored in `pillar`; without pillars, one set of fields
        whose objective select lists every objective."""
        field = _base(name, p, required, "list")
        field["label_singular"] = _defs()["activity"]["title"]
        if not self.fw.has_pillars:
            field["fields"] = self._activity_fields(None)
            field["summary"] = "{{fields.id}}"
            return _with_hint(field, p)
        field["typeKey"] = "pillar"
        langs = self.fw.language_codes
        field["types"] = [
            {
                "name": pillar.id,
                "label": f"{pillar.id}{SEPARATOR}{text_in(pillar.title, langs)}",
                "widget": "object",
                "summary": "{{fields.id}}",
                "fields": self._activity_fields(pillar),
            }
            for pillar in self.fw.pillars.values()
        ]
        return _with_hint(field, p)

    def _activity_fields(self, pillar: Pillar | None) -> list[Field]:
        fields: list[Field] = []
        for name, prop, required in _properties(_defs()["activity"]):
            p = _resolved(prop)
            if name == "pillar":
                continue  # the type key, or absent in a plan without pillars
            if name == "objective":
                fields.append(self._select(name, p, required, self.lists.objectives(pillar)))
            else:
                fields += self._field("activity", name, p, required)
        return fields

    def _indicators(self, name: str, p: Mapping[str, Any], required: bool) -> Field:
        """One type per unit, stored in `unit`: baseline and target take a number
        (0 to 100 for a percent), yes or no, or words."""
        field = _base(name, p, required, "list")
        field["label_singular"] = _defs()["indicator"]["title"]
        field["typeKey"] = "unit"
        unit_prop = _defs()["indicator"]["properties"]["unit"]
        field["types"] = [
            {
                "name": unit,
                "label": f"{_defs()['indicator']['title']} ({word(unit)})",
                "widget": "object",
                "summary": "{{fields.id}}",
                "fields": self._indicator_fields(unit),
            }
            for unit in unit_prop["enum"]
        ]
        return _with_hint(field, p)

    def _indicator_fields(self, unit: str) -> list[Field]:
        fields: list[Field] = []
        for name, prop, required in _properties(_defs()["indicator"]):
            p = _resolved(prop)
            if name == "unit":
                continue  # the type key
            if "value" in p["refs"]:
                fields.append(self._value(name, p, required, unit))
            else:
                fields += self._field("indicator", name, p, required)
        return fields

    def _value(self, name: str, p: dict[str, Any], required: bool, unit: str) -> Field:
        if unit == "text":
            return self._text(name, p, required)
        if unit == "yes-no":
            return _with_hint(_base(name, p, required, "boolean"), p)
        field = _base(name, p, required, "number")
        field["value_type"] = "float"
        if unit == "percent":
            field.update({"min": 0, "max": 100})
        return _with_hint(field, p)


def _collection(fw: Framework, lists: _Lists, year: int) -> dict[str, Any]:
    label = fw.year_label(year)
    return {
        "name": f"plans-{year}",
        "label": f"Plans {label}",
        "label_singular": f"Plan {label}",
        "folder": f"{PLANS}/{year}",
        "extension": "yaml",
        "format": "yaml",
        "create": True,
        "delete": False,
        # Saving opens a pull request; it is merged on GitHub after review, never
        # from the form.
        "publish": False,
        "identifier_field": "body",
        "slug": "{{body}}",  # the file name is the body's id
        "summary": "{{body}}",
        "fields": _Form(fw, lists, year).plan(),
    }


__all__ = [
    "HEADER",
    "NOT_IN_FORM",
    "auth_service",
    "config",
    "file_text",
    "of_repository",
    "partner_names",
    "repository",
    "years",
]
