"""The `nap` command: a thin face over the library. Each command returns its exit status:
0 success, 1 the data has errors (or --check found a change), 2 usage or environment."""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec

import click

from napkit import __version__
from napkit.authoring import codeowners, formatting, template
from napkit.build import tracker
from napkit.build.master import load_master
from napkit.check import validation
from napkit.check.validation import Checked
from napkit.errors import DataInvalid, NapError, OutputError, UsageError
from napkit.findings import Message, shown
from napkit.history import compare, gitlog, timeline
from napkit.history.submissions import read_submitted_dates
from napkit.i18n import LANGUAGE_VARIABLE, N_, languages, messages_language
from napkit.output import emit, replace_file
from napkit.plans.document import DEFAULT_MAX_BYTES, LoadError, load_error_finding
from napkit.plans.framework import Framework
from napkit.plans.layout import find_root, scan
from napkit.render import annual_report as annual
from napkit.render import changes, tracker_text
from napkit.render import findings_output as reporting
from napkit.render.export import csvfile, masterjson, xlsxfile
from napkit.site import inputs as site_inputs

P = ParamSpec("P")


def _exits(command: Callable[P, int]) -> Callable[P, None]:
    """Turn a command's returned status, or a NapError, into the process exit status."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            status = command(*args, **kwargs)
        except DataInvalid as exc:
            language = _spoken()
            click.echo(reporting.text(exc.report, language=language), err=True, nl=False)
            click.echo(f"nap: {shown(exc.said, language)}", err=True)
            status = exc.exit_code
        except NapError as exc:
            language = _spoken()
            click.echo(f"nap: {shown(exc.said, language)}", err=True)
            status = exc.exit_code
        sys.exit(status)

    return run


_year = click.option(
    "--year", type=int, default=None, help="Only this year (default: every year with plans)."
)
_output = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write to this file instead of standard output.",
)
_lang = click.option(
    "--lang",
    metavar="LANGUAGE",
    default=None,
    help=(
        "The language of the messages, as a code such as en: one napkit has words for "
        f"(default: ${LANGUAGE_VARIABLE}, then $LANG; else English)."
    ),
)


def _spoken() -> str:
    """The language the running command chose (`_language`), else the environment's."""
    context = click.get_current_context(silent=True)
    chosen = context.meta.get(_LANGUAGE_KEY) if context is not None else None
    return chosen if isinstance(chosen, str) else messages_language()


_LANGUAGE_KEY = "napkit.language"


def _language(flag: str | None) -> str:
    """The messages' language; a language napkit does not speak is said once, on stderr."""
    asked = flag or os.environ.get(LANGUAGE_VARIABLE, "")
    chosen = messages_language(flag)
    context = click.get_current_context(silent=True)
    if context is not None:
        context.meta[_LANGUAGE_KEY] = chosen
    if asked.strip() and chosen == "en" and not asked.lower().startswith("en"):
        click.echo(
            f"nap: no messages in '{asked}': using English (napkit speaks "
            f"{', '.join(languages())})",
            err=True,
        )
    return chosen


_skip = click.option(
    "--skip-invalid",
    is_flag=True,
    help="Leave out plans with errors (they are listed) instead of refusing.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="napkit")
def cli() -> None:
    """Keep a National Action Plan as YAML files in Git: validate, format, assemble, publish."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(reporting.FORMATS)),
    default="text",
    show_default=True,
    help="How to print the problems found.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Largest file accepted.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: one per core for large repositories).",
)
@click.option(
    "--summary",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also append every finding as a Markdown table to this file (a GitHub job summary).",
)
@_lang
@_exits
def validate(
    paths: tuple[Path, ...],
    fmt: str,
    strict: bool,
    max_bytes: int,
    jobs: int | None,
    summary: Path | None,
    lang: str | None,
) -> int:
    """Check every plan (or the PATHS given) against the schemas and the rules.

    \b
    Example:
        nap validate
        nap validate plans/2025/health.yaml --format github
        nap validate --lang ar
    """
    language = _language(lang)
    root = find_root()
    report = validation.validate(root, paths, validation.Options(max_bytes=max_bytes, jobs=jobs))
    colour = fmt == "text" and sys.stdout.isatty()
    click.echo(reporting.FORMATS[fmt](report, colour=colour, language=language), nl=False)
    if summary is not None:
        _append(summary, reporting.markdown(report, language=language))
    return report.exit_code(strict=strict)


@cli.command()
@click.argument("body")
@click.argument("year", type=int)
@_exits
def new(body: str, year: int) -> int:
    """Write a commented template for BODY's plan for YEAR (never overwrites).

    \b
    Example:
        nap new health 2025
    """
    root = find_root()
    path = template.write_new(root, validation.load_framework(root), body, year)
    click.echo(f"wrote {path.relative_to(root).as_posix()}: fill it in, then run nap validate")
    return 0


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if a file would change.")
@_lang
@_exits
def fmt(paths: tuple[Path, ...], check: bool, lang: str | None) -> int:
    """Rewrite plan files (or the PATHS given) in the canonical layout, keeping comments
    and text exactly.

    \b
    Example:
        nap fmt
        nap fmt --check plans/2025/health.yaml
    """
    language = _language(lang)
    root = find_root()
    targets = _yaml_files(root, paths)
    plans = {f.path.resolve() for f in scan(root).plans}
    main = _main_language(root) if plans else None
    status = 0
    for path, display in targets:
        try:
            texts_in = main if path.resolve() in plans else None
            done = formatting.format_file(path, display, check=check, main=texts_in)
        except LoadError as exc:
            f = load_error_finding(display, exc)
            click.echo(
                f"{f.file}:{f.line}:{f.col}: error [{f.rule}] "
                f"{shown(f.message, language)} (not formatted)",
                err=True,
            )
            status = 1
            continue
        if done.changed:
            repaired = f" ({'; '.join(done.notes)})" if done.notes else ""
            if check:
                click.echo(
                    f"{display} is not in the canonical layout{repaired}: run nap fmt {display}"
                )
                status = 1
            else:
                click.echo(f"reformatted {display}{repaired}")
    if not targets:
        click.echo("no plan files to format")
    return status


@cli.command("workbook")
@click.argument("body")
@click.argument("year", type=int)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Where to write it (default: BODY-YEAR.xlsx here).",
)
@_exits
def workbook_command(body: str, year: int, output: Path | None) -> int:
    """Write BODY's plan for YEAR as a workbook to fill in (Excel or LibreOffice), with a
    dropdown for every list; filled with the current plan when there is one.

    \b
    Example:
        nap workbook health 2025 -o health-2025.xlsx
    """
    # Imported here: the workbook's modules (XlsxWriter, calamine, the catalogues)
    # would slow every other command's start.
    from napkit.authoring.workbook.importing import workbook_plan
    from napkit.render.workbook import writer as workbook_writer

    root = find_root()
    fw = validation.load_framework(root)
    plan = workbook_plan(root, fw, body, year)
    out = output or Path(f"{body}-{year}.xlsx")
    replace_file(out, workbook_writer.workbook(fw, body, year, plan))
    state = "with the current plan" if plan is not None else "empty: there is no plan yet"
    click.echo(f"wrote {out} ({state}): fill it in, then run nap import {out}")
    return 0


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--to",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The plan file to write, for one workbook (default: plans/YEAR/BODY.yaml from its Plan sheet).",
)
@click.option("--check", is_flag=True, help="Report the problems; write nothing.")
@click.option("--remove", is_flag=True, help="Delete each workbook once its plan file is written.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="How to print the problems found.",
)
@click.option(
    "--summary",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also append what became of each workbook, as Markdown, to this file (a job summary).",
)
@click.option(
    "--fork",
    is_flag=True,
    help="For the pull-request check of a fork's branch: check only, and say what to do instead.",
)
@_lang
@_exits
def import_command(
    files: tuple[Path, ...],
    to: Path | None,
    check: bool,
    remove: bool,
    fmt: str,
    summary: Path | None,
    fork: bool,
    lang: str | None,
) -> int:
    """Read filled workbooks (.xlsx or .ods; a folder: every workbook in it) and write
    each one's plan file. Every problem is shown by sheet and cell; nothing is written
    for a workbook with errors.

    \b
    Example:
        nap import health-2025.xlsx
        nap import health-2025.ods --to plans/2025/health.yaml
        nap import inbox --remove
    """
    from napkit.authoring.workbook import importing, inbox  # as in nap workbook

    language = _language(lang)
    root = find_root()
    fw = validation.load_framework(root)
    paths = inbox.workbooks(files)
    if to is not None:
        if len(paths) != 1:
            raise UsageError(
                Message(N_("--to names the plan file of one workbook: give one workbook"))
            )
        outcome = importing.import_workbook(root, fw, paths[0], to, check=check)
        batch = inbox.Batch([(paths[0].as_posix(), outcome)])
    else:
        batch = inbox.import_all(root, fw, paths, check=check, remove=remove, fork=fork)
    for name, outcome in batch.outcomes:
        for problem in outcome.problems:
            if fmt == "github":
                click.echo(problem.github(name, language))
            else:
                click.echo(problem.text(name, language), err=True)
        click.echo(
            inbox.result_line(name, outcome, check=check, language=language),
            err=bool(outcome.errors),
        )
    if summary is not None:
        _append(summary, inbox.markdown(batch, check=check, language=language))
    if not paths:
        click.echo(inbox.nothing_to_import(language))
    if batch.errors:
        click.echo(f"nap: {inbox.errors_line(batch.errors, language)}", err=True)
        return 1
    return 0


@cli.command()
@_year
@_output
@_skip
@_exits
def assemble(year: int | None, output: Path | None, skip_invalid: bool) -> int:
    """The master plan as JSON: every activity of every body's plan, with money in the
    reporting currency, funding gaps, progress and totals by pillar and body.

    \b
    Example:
        nap assemble --year 2025 -o master-2025.json
    """
    master = load_master(find_root(), year, skip_invalid=skip_invalid)
    skipped = master.skipped_json()
    _report_skipped(skipped)
    data = masterjson.master(master.framework, master.years, skipped)
    emit(masterjson.encode(data), output)
    return 0


@cli.command()
@click.option("--year", type=int, required=True, help="The plan year to export.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "xlsx", "json"]),
    required=True,
    help="csv: one row per activity; xlsx: a workbook; json: as nap assemble.",
)
@_output
@_skip
@_exits
def export(year: int, fmt: str, output: Path | None, skip_invalid: bool) -> int:
    """The master plan of YEAR for spreadsheets and data users.

    \b
    Example:
        nap export --year 2025 --format xlsx -o master-2025.xlsx
        nap export --year 2025 --format csv -o master-2025.csv
    """
    if fmt == "xlsx" and output in (None, Path("-")) and sys.stdout.isatty():
        raise UsageError("an XLSX workbook is binary: give a file with -o FILE")
    master = load_master(find_root(), year, skip_invalid=skip_invalid)
    _report_skipped(master.skipped_json())
    fw, plan = master.framework, master.years[0]
    if fmt == "csv":
        data = csvfile.activities_csv(fw, plan)
    elif fmt == "xlsx":
        data = xlsxfile.workbook(fw, plan)
    else:
        body = masterjson.master(fw, master.years, master.skipped_json())
        data = masterjson.encode(body)
    emit(data, output)
    return 0


@cli.command()
@_year
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@_exits
def status(year: int | None, fmt: str) -> int:
    """Plan submissions against the deadline, by jurisdiction and chair.

    \b
    Example:
        nap status --year 2025
    """
    root = find_root()
    repo = validation.check_repository(root, options=validation.Options(keep_data=True))
    fw = repo.framework
    if fw is None:
        raise DataInvalid("plans/nap.yaml or plans/bodies.yaml has errors", repo.report)
    tables = _submissions(root, fw, repo.plans, tracker.years_tracked(fw, repo.plans, year))
    if fmt == "json":
        data = {str(y): [r.as_dict() for r in rows] for y, rows in tables.items()}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        text = "\n".join(tracker_text.markdown(fw, y, rows) for y, rows in tables.items())
        click.echo(text, nl=False)
    return 0


@cli.command()
@_year
@_output
@_skip
@_exits
def report(year: int | None, output: Path | None, skip_invalid: bool) -> int:
    """The annual implementation report (Markdown): headline figures, progress by pillar,
    objective and body, indicators, delays, spending, funding gaps, submissions.

    \b
    Example:
        nap report --year 2025 -o report-2025.md
    """
    root = find_root()
    master = load_master(root, year, skip_invalid=skip_invalid)
    _report_skipped(master.skipped_json())
    years = [y.year for y in master.years]
    submissions = _submissions(root, master.framework, master.checked, years)
    body = "\n".join(
        annual.report(master.framework, y, submissions.get(y.year, [])) for y in master.years
    )
    emit(body.encode("utf-8"), output)
    return 0


@cli.command()
@click.argument("base", required=False)
@click.argument("head", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
)
@_exits
def diff(base: str | None, head: str | None, fmt: str) -> int:
    """What changed in every plan between BASE and HEAD, in plan terms: plan fields,
    activities added, removed and changed, field by field. BASE defaults to the merge
    base with main, HEAD to the working tree.

    \b
    Example:
        nap diff                 # this branch's changes, for the pull request
        nap diff main HEAD --format json
    """
    root = _git_root("diff")
    diffs = compare.diff_revisions(root, base or compare.merge_base(root), head)
    if fmt == "json":
        click.echo(
            json.dumps(
                [dataclasses.asdict(d) for d in diffs], ensure_ascii=False, indent=2, default=str
            )
        )
    else:
        click.echo(changes.markdown(diffs), nl=False)
    return 0


def _git_root(command: str) -> Path:
    root = find_root()
    if not gitlog.is_repository(root):
        raise UsageError(
            f"{root} is not in a git repository, and nap {command} reads the history from "
            "git: run it in a clone of the plan repository"
        )
    return root


@cli.command()
@click.argument("body")
@_year
@_exits
def history(body: str, year: int | None) -> int:
    """Every revision of BODY's plans, newest first: date, commit, pull request,
    author and what changed.

    \b
    Example:
        nap history health --year 2025
    """
    root = _git_root("history")
    if gitlog.is_shallow(root):
        click.echo(f"nap: warning: {gitlog.SHALLOW_CLONE}", err=True)
    found = timeline.plan_histories(root, body, year)
    if not found:
        raise UsageError(
            f"no history for {body}{f' in {year}' if year else ''}: is the plan committed?"
        )
    pages = []
    for file, revisions in found:
        items = [
            (
                changes.revision_heading(
                    r.commit.date, r.commit.sha, r.commit.author, r.commit.pull_request
                ),
                r.diff,
            )
            for r in reversed(revisions)
        ]
        pages.append((file.path, items))
    click.echo(changes.history_markdown(pages), nl=False)
    return 0


@cli.command("render")
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder to write the pages into.",
)
@click.option(
    "--no-history", is_flag=True, help="Leave out the revision history pages (no git needed)."
)
@click.option(
    "--lang",
    "language",
    metavar="CODE",
    help="The pages' language, a code of plans/nap.yaml (default: the first).",
)
@_exits
def render_pages(out: Path, no_history: bool, language: str | None) -> int:
    """Write the site's generated pages and downloads to a folder, for any generator
    that reads mkdocs.yml (copy docs/ beside them).

    \b
    Example:
        nap render --out build/pages --lang ar
    """
    from napkit.site.inputs import load_inputs
    from napkit.site.pages import generate, write

    inputs = load_inputs(find_root(), with_history=not no_history)
    codes = inputs.master.framework.language_codes
    if language is not None and language not in codes:
        raise click.BadParameter(
            f"{language!r} is not a language of plans/nap.yaml ({', '.join(codes)})",
            param_hint="--lang",
        )
    site = generate(inputs, language=language)
    for warning in site.warnings:
        click.echo(f"nap: warning: {warning}", err=True)
    written = write(site, out)
    click.echo(f"wrote {len(written)} files to {out}")
    return 0


@cli.command()
@_exits
def build() -> int:
    """Validate, then build the site in every language of plans/nap.yaml, as mkdocs
    build --strict does: the first language into site/, each other one into
    site/<code>/. A shallow clone (incomplete history) fails the build: fetch the full
    history first.

    \b
    Example:
        nap build
    """
    return _build_site()


@cli.command()
@click.option(
    "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on."
)
@click.option(
    "--lang",
    "language",
    metavar="CODE",
    help="The language to preview, a code of plans/nap.yaml (default: the first).",
)
@_exits
def serve(dev_addr: str, language: str | None) -> int:
    """Validate, then preview the site in one language; pages are rebuilt when a plan
    changes. The language switcher's links lead to the other languages' sites, which
    only `nap build` makes.

    \b
    Example:
        nap serve --lang ar --dev-addr 127.0.0.1:8000
    """
    return _mkdocs("serve", "--dev-addr", dev_addr, language=language)


@cli.command("cms")
@_output
@_exits
def cms_command(output: Path | None) -> int:
    """The form editor's configuration (config.yml of Sveltia CMS): a collection per
    year, a select for every closed list, a field per language for every text; made
    from plans/nap.yaml, plans/bodies.yaml and the plan schema.

    \b
    Example:
        nap cms -o config.yml
    """
    from napkit.authoring import cms  # only this command needs it

    root = find_root()
    fw = validation.load_framework(root)
    repo = cms.repository(root)
    if repo is None:
        click.echo(
            "nap: warning: mkdocs.yml's repo_url names no GitHub repository: "
            f"the configuration says {cms.NO_REPO}",
            err=True,
        )
    emit(cms.file_text(cms.of_repository(root, fw)).encode("utf-8"), output)
    return 0


@cli.command("codeowners")
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if the file is not up to date.")
@_exits
def codeowners_command(check: bool) -> int:
    """Write .github/CODEOWNERS: each body's reviewers own its plans in every year, the
    maintainers from plans/nap.yaml own the rest.

    \b
    Example:
        nap codeowners --check
    """
    root = find_root()
    text = codeowners.file_text(validation.load_framework(root))
    target = root / codeowners.PATH
    current = target.read_text("utf-8") if target.is_file() else None
    if current == text:
        click.echo(f"{codeowners.PATH} is up to date")
        return 0
    if check:
        click.echo(f"{codeowners.PATH} is out of date: run nap codeowners and commit it", err=True)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    replace_file(target, text.encode("utf-8"))
    click.echo(f"wrote {codeowners.PATH}")
    return 0


def _mkdocs(*args: str, language: str | None = None) -> int:
    """Validate, then run MkDocs in the repository (the plugin generates the pages),
    in `language` (a code of nap.yaml; None: the first)."""
    root = find_root()
    report = validation.validate(root)
    if report.errors:
        click.echo(reporting.text(report), err=True, nl=False)
        return 1
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if language is not None:
        codes = validation.load_framework(root).language_codes
        if language not in codes:
            raise click.BadParameter(
                f"{language!r} is not a language of plans/nap.yaml ({', '.join(codes)})",
                param_hint="--lang",
            )
        env["NAP_SITE_LANGUAGE"] = language
    return subprocess.call([sys.executable, "-m", "mkdocs", *args], cwd=root, env=env)


def _build_site() -> int:
    """Check the plans once, then build in this process: the plugin takes the inputs
    loaded here instead of checking and reading the history again."""
    root = find_root()
    checked = site_inputs.check(root)
    if checked.report.errors:
        click.echo(reporting.text(checked.report), err=True, nl=False)
        return 1
    inputs = site_inputs.load_inputs(root, checked=checked)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.exceptions import Abort

    from napkit.mkdocs_plugin.builds import build_languages
    from napkit.mkdocs_plugin.languages import site_languages
    from napkit.mkdocs_plugin.plugin import forget, preload

    preload(inputs)
    try:
        built = build_languages(
            root / "mkdocs.yml", site_languages(inputs.master.framework.languages)
        )
    except Abort as exc:
        click.echo(f"nap: {exc}", err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    finally:
        forget(inputs)
    for done in built:
        where = (
            done.site_dir.relative_to(root) if done.site_dir.is_relative_to(root) else done.site_dir
        )
        click.echo(f"{done.language.code}: {where}", err=True)
        if done.fallbacks:
            click.echo(
                f"  shown in {built[0].language.name} for want of a translation "
                f"(docs/<name>.{done.language.code}.md): {', '.join(done.fallbacks)}",
                err=True,
            )
    return 0


def _submissions(
    root: Path, fw: Framework, plans: list[Checked], years: list[int]
) -> dict[int, list[tracker.Submission]]:
    """The tracker of `years`, with the submission dates of just those plans from git."""
    dates = read_submitted_dates(root, tracker.tracked_paths(plans, years))
    return tracker.by_year(fw, plans, years, dates)


def _append(path: Path, text: str) -> None:
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise OutputError(
            f"{path}: cannot write the summary here ({exc.strerror}): choose another path"
        ) from None


def _report_skipped(skipped: list[dict[str, Any]]) -> None:
    for item in skipped:
        click.echo(f"nap: skipped {item['file']} ({len(item['errors'])} error(s))", err=True)


def _main_language(root: Path) -> str | None:
    """The framework's main language; None while nap.yaml has errors (nap validate
    reports them, and plan texts are then left as they are)."""
    try:
        return validation.load_framework(root).main_language
    except NapError:
        return None


def _yaml_files(root: Path, paths: tuple[Path, ...]) -> list[tuple[Path, str]]:
    if not paths:
        return [(f.path, f.rel) for f in scan(root).files]
    out: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            out += [(p, p.as_posix()) for p in sorted(path.rglob("*.yaml"))]
        elif path.is_file():
            out.append((path, path.as_posix()))
        else:
            raise NapError(f"{path}: no such file or folder")
    return out


def main() -> None:
    cli(prog_name="nap")
