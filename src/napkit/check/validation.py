"""Validation of a whole plan repository: load, schema, rules; every problem in one report."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from napkit.check import schema
from napkit.check.examples import Examples
from napkit.check.rules.framework_files import bodies_rules, chair_rules, nap_rules
from napkit.check.rules.links import continued_target
from napkit.check.rules.plan import PlanContext, plan_rules
from napkit.check.rules.text import language_unknown
from napkit.errors import FrameworkInvalid, UsageError
from napkit.findings import Finding, Message, Report, say
from napkit.i18n import N_
from napkit.plans.document import (
    DEFAULT_MAX_BYTES,
    Document,
    LoadError,
    load_error_finding,
    load_file,
    load_text,
)
from napkit.plans.framework import Framework
from napkit.plans.layout import BODIES_FILE, NAP_FILE, Layout, PlanFile, scan

# Below this many plans, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 64


@dataclass(frozen=True)
class Options:
    max_bytes: int = DEFAULT_MAX_BYTES
    jobs: int | None = None  # None: one per core when there are many plans
    keep_data: bool = False  # return each plan's data too (assembly needs it)


@dataclass
class Checked:
    """One plan file after checking: its findings, its status and submission date
    (for the tracker, even when other parts are broken), and its data when asked for."""

    file: PlanFile
    findings: list[Finding]
    data: dict[str, Any] | None = None
    loaded: bool = False
    status: str | None = None
    submitted: str | None = None
    activity_ids: frozenset[str] = frozenset()
    # (plan file, activity id) an activity continues, and what to report if it is not there
    continues: tuple[tuple[tuple[str, str], Finding], ...] = ()

    @property
    def valid(self) -> bool:
        return self.loaded and not any(f.severity == "error" for f in self.findings)


@dataclass
class Repository:
    """A checked plan repository: the framework (if valid), every plan, the report."""

    root: Path
    framework: Framework | None
    plans: list[Checked]
    report: Report


def validate(root: Path, paths: Iterable[Path] = (), options: Options | None = None) -> Report:
    return check_repository(root, paths, options).report


def check_repository(
    root: Path, paths: Iterable[Path] = (), options: Options | None = None
) -> Repository:
    options = options or Options()
    layout = scan(root)
    selected = _select(layout, list(paths))
    report = Report()
    report.extend(_layout_findings(layout, selected))
    nap, bodies, findings = _load_framework(layout, options)
    fw = (
        Framework.from_data(nap.data, bodies.data)
        if nap and bodies and not _errors(findings)
        else None
    )
    report.extend(f for f in findings if selected is None or f.file in selected)
    plans = [p for p in layout.plans if selected is None or p.rel in selected]
    if fw is None and plans:
        report.extend([_framework_invalid()])
    checked = list(_check_plans(plans, fw, options))
    for item in checked:
        report.extend(item.findings)
    report.extend(_continued(checked, {p.rel for p in layout.plans}))
    report.files_checked = len(plans) + sum(1 for f in layout.files if f.kind != "plan")
    return Repository(root, fw, checked, report)


def _continued(checked: list[Checked], plan_files: set[str]) -> Iterator[Finding]:
    """An activity continues one that exists: looked up once every plan is read. A plan
    not checked this time (a chosen file) is not looked into; a missing one is reported."""
    ids = {c.file.rel: c.activity_ids for c in checked if c.loaded}
    for item in checked:
        for (file, activity), finding in item.continues:
            if activity not in ids.get(file, frozenset()) and (
                file in ids or file not in plan_files
            ):
                yield finding


def _select(layout: Layout, paths: list[Path]) -> set[str] | None:
    """The repository-relative names to report on, or None for everything."""
    if not paths:
        return None
    known = {f.rel for f in layout.files} | {m[0] for m in layout.misplaced} | set(layout.outside)
    root = Path(os.path.abspath(layout.root))  # noqa: PTH100
    chosen: set[str] = set()
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise UsageError(say(N_("{path}: no such file or folder"), path=str(path)))
        full = Path(os.path.abspath(path))  # noqa: PTH100 - a link is named, not followed
        if not full.is_relative_to(root):
            raise UsageError(
                say(
                    N_("{path}: not inside the plan repository {root}"),
                    path=str(path),
                    root=str(layout.root),
                )
            )
        name = full.relative_to(root).as_posix()
        prefix = "" if name == "." else name + "/"
        chosen |= {k for k in known if k == name or k.startswith(prefix)}
    if chosen & {NAP_FILE, BODIES_FILE}:
        return None  # every plan depends on these two: check everything
    return chosen


def _layout_findings(layout: Layout, selected: set[str] | None) -> Iterator[Finding]:
    for name, why in layout.misplaced:
        if selected is None or name in selected:
            yield Finding(name, 1, 1, "error", "file-misplaced", ".", why)
    for name in layout.outside:
        if selected is not None and name not in selected:
            continue
        yield Finding(
            name,
            1,
            1,
            "error",
            "link-outside-repo",
            ".",
            Message(N_("this link points outside the repository: replace it with the file itself")),
        )
    for name in (NAP_FILE, BODIES_FILE):
        if not any(f.rel == name for f in layout.files):
            yield Finding(
                name,
                1,
                1,
                "error",
                "missing-file",
                ".",
                say(N_("{file} is missing: every plan repository needs it"), file=name),
            )


def _read(file: PlanFile, options: Options) -> tuple[Document | None, list[Finding]]:
    try:
        return load_file(file.path, file.rel, max_bytes=options.max_bytes), []
    except LoadError as exc:
        return None, [load_error_finding(file.rel, exc)]


def _load_framework(
    layout: Layout, options: Options
) -> tuple[Document | None, Document | None, list[Finding]]:
    read = {f.kind: (f, *_read(f, options)) for f in layout.files if f.kind in ("nap", "bodies")}
    # The hints' examples come from nap.yaml as written, before it is checked.
    nap_doc = read["nap"][1] if "nap" in read else None
    examples = Examples.from_data(nap_doc.data if nap_doc is not None else None)
    docs: dict[str, Document | None] = {"nap": None, "bodies": None}
    findings: list[Finding] = []
    for kind, (file, doc, found) in read.items():
        if doc is not None:
            found = found + schema.check(doc, file.kind, examples)[0]
        findings += found
        docs[kind] = doc if not _errors(found) else None
    nap, bodies = docs["nap"], docs["bodies"]
    if nap:
        findings += nap_rules(nap)
    if nap and bodies:
        findings += bodies_rules(bodies, nap.data)
        findings += chair_rules(nap, {b["id"] for b in bodies.data["bodies"]})
        languages = tuple(lang["code"] for lang in nap.data["languages"])
        findings += language_unknown(nap, schema.schema("nap"), languages)
        findings += language_unknown(bodies, schema.schema("bodies"), languages)
    return nap, bodies, findings


def _errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


def _framework_invalid() -> Finding:
    return Finding(
        NAP_FILE,
        1,
        1,
        "error",
        "framework-invalid",
        ".",
        Message(
            N_(
                "plans were checked against the schema only: fix the errors in plans/nap.yaml "
                "and plans/bodies.yaml first"
            )
        ),
    )


def check_plan(file: PlanFile, fw: Framework | None, options: Options) -> Checked:
    doc, findings = _read(file, options)
    return check_document(file, doc, fw, options, findings)


def check_plan_text(file: PlanFile, raw: bytes, fw: Framework) -> Checked:
    """Check plan text that is not (yet) on disk as `file`: what an import would write."""
    try:
        doc: Document | None = load_text(raw, file.rel)
        findings: list[Finding] = []
    except LoadError as exc:
        doc, findings = None, [load_error_finding(file.rel, exc)]
    return check_document(file, doc, fw, Options(keep_data=True), findings)


def check_document(
    file: PlanFile,
    doc: Document | None,
    fw: Framework | None,
    options: Options,
    findings: list[Finding],
) -> Checked:
    if doc is None:
        return Checked(file, findings)
    found, bad = schema.check(doc, file.kind, Examples.of(fw))
    findings = findings + found
    if fw is None:
        return Checked(file, findings)
    ctx = PlanContext(doc, fw, file.body or "", str(file.year), frozenset(bad))
    findings += plan_rules(ctx)
    findings += language_unknown(doc, schema.schema("plan"), fw.language_codes)
    status, submitted = doc.data.get("status"), doc.data.get("submitted")
    return Checked(
        file,
        findings,
        doc.data if options.keep_data else None,
        loaded=True,
        status=status if ctx.has("status") else None,
        submitted=submitted if ctx.has("submitted") and _real_date(submitted) else None,
        activity_ids=frozenset(
            a["id"] for _, a in ctx.activities() if isinstance(a.get("id"), str)
        ),
        continues=tuple(_continues(ctx)),
    )


def _continues(ctx: PlanContext) -> Iterator[tuple[tuple[str, str], Finding]]:
    for i, act in ctx.activities():
        if not ctx.sound(i, "continues"):
            continue
        target = continued_target(act["continues"])
        if target is not None:
            message = say(
                N_(
                    "'{activity}' is not an activity of {file}: check the body, year and id "
                    "of the activity this one continues"
                ),
                activity=act["continues"],
                file=target[0],
            )
            yield (
                target,
                ctx.doc.finding("continues-unknown", ("activities", i, "continues"), message),
            )


def _real_date(value: Any) -> bool:
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


_worker_state: tuple[Framework | None, Options] | None = None


def _init_worker(fw: Framework | None, options: Options) -> None:
    global _worker_state
    _worker_state = (fw, options)


def _check_in_worker(file: PlanFile) -> Checked:
    assert _worker_state is not None
    return check_plan(file, *_worker_state)


def _check_plans(
    plans: list[PlanFile], fw: Framework | None, options: Options
) -> Iterator[Checked]:
    jobs = options.jobs or os.cpu_count() or 1
    if jobs == 1 or len(plans) < PARALLEL_THRESHOLD:
        for file in plans:
            yield check_plan(file, fw, options)
        return
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(fw, options)) as pool:
        yield from pool.map(_check_in_worker, plans, chunksize=max(1, len(plans) // (jobs * 8)))


def load_framework(root: Path, options: Options | None = None) -> Framework:
    """The framework of a repository whose nap.yaml and bodies.yaml are valid."""
    nap, bodies, findings = _load_framework(scan(root), options or Options())
    if nap is None or bodies is None or _errors(findings):
        raise FrameworkInvalid(
            Message(
                N_(
                    "plans/nap.yaml or plans/bodies.yaml has errors: run nap validate and fix "
                    "them first"
                )
            )
        )
    return Framework.from_data(nap.data, bodies.data)
