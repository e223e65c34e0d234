"""The `nap` command: a thin face over the library. Each command returns its exit status:
0 success, 1 the data has errors (or --check found a change), 2 usage or environment."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec

import click

from napkit import __version__, formatting, reporting, template, validation
from napkit.errors import NapError
from napkit.load import DEFAULT_MAX_BYTES, LoadError, load_error_finding
from napkit.repo import find_root, scan

P = ParamSpec("P")


def _exits(command: Callable[P, int]) -> Callable[P, None]:
    """Turn a command's returned status, or a NapError, into the process exit status."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            status = command(*args, **kwargs)
        except NapError as exc:
            click.echo(f"nap: {exc}", err=True)
            status = exc.exit_code
        sys.exit(status)

    return run


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
@_exits
def validate(
    paths: tuple[Path, ...], fmt: str, strict: bool, max_bytes: int, jobs: int | None
) -> int:
    """Check every plan (or the PATHS given) against the schemas and the rules.

    \b
    Example:
        nap validate
        nap validate plans/2016/fed-moh.yaml --format github
    """
    root = find_root()
    report = validation.validate(root, paths, validation.Options(max_bytes=max_bytes, jobs=jobs))
    colour = fmt == "text" and sys.stdout.isatty()
    click.echo(reporting.FORMATS[fmt](report, colour=colour), nl=False)
    return report.exit_code(strict=strict)


@cli.command()
@click.argument("body")
@click.argument("year", type=int)
@_exits
def new(body: str, year: int) -> int:
    """Write a commented template for BODY's plan for YEAR (never overwrites).

    \b
    Example:
        nap new fed-moh 2017
    """
    root = find_root()
    path = template.write_new(root, validation.load_framework(root), body, year)
    click.echo(f"wrote {path.relative_to(root).as_posix()}: fill it in, then run nap validate")
    return 0


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if a file would change.")
@_exits
def fmt(paths: tuple[Path, ...], check: bool) -> int:
    """Rewrite plan files (or the PATHS given) in the canonical layout, keeping comments
    and text exactly.

    \b
    Example:
        nap fmt
        nap fmt --check plans/2016/fed-moh.yaml
    """
    root = find_root()
    targets = _yaml_files(root, paths)
    status = 0
    for path, display in targets:
        try:
            changed = formatting.format_file(path, display, check=check)
        except LoadError as exc:
            f = load_error_finding(display, exc)
            click.echo(
                f"{f.file}:{f.line}:{f.col}: error [{f.rule}] {f.message} (not formatted)", err=True
            )
            status = 1
            continue
        if changed:
            click.echo(f"{'would reformat' if check else 'reformatted'} {display}")
            status = status or (1 if check else 0)
    if not targets:
        click.echo("no plan files to format")
    return status


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
