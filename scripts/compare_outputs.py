"""Prove that a refactor changed no behaviour: run every `nap` command, and build the
site, with two versions of the code on the same sample data, and show that the outputs
(exit status, standard output, standard error and every file written) are identical
byte for byte, or list every difference.

Usage (with the project's interpreter, which has napkit's dependencies):

    .venv/bin/python scripts/compare_outputs.py               # 73e61d3 against the work tree
    .venv/bin/python scripts/compare_outputs.py --base REV    # another base revision
    .venv/bin/python scripts/compare_outputs.py --head REV    # a revision instead of the work tree
    .venv/bin/python scripts/compare_outputs.py --keep DIR    # keep data, outputs and logs in DIR

Exit status: 0 every output identical, 1 some output differs, 2 setup error.

How it works. The base revision (and `--head REV`) is checked out with `git worktree add
--detach` into the temporary folder (removed at the end, even on error). Each version
runs as `sys.executable -c "...napkit.cli.main()" ARGS` with PYTHONPATH=<its src>, so
PYTHONPATH, not the editable install, decides which code runs; MkDocs finds the plugin
through the installed entry point, which imports napkit.mkdocs_plugin.plugin from that
same PYTHONPATH (checked once per version, before the commands run, and printed). The
data is a git repository made from the work tree's sample (plans/, docs/, mkdocs.yml,
schema/, .github/CODEOWNERS) in three commits with pinned names, e-mails and dates;
every version gets its own copy of it, and every command that changes files gets a
fresh copy of its own, so caches (.cache/napkit) and site/ never pass between versions.

Normalisations (nothing else is; everything else that differs is a difference):

- The temporary paths: the folder a command runs in becomes `<repo>`, the version's
  source folder `<src>`, the temporary folder `<tmp>`. They differ by construction
  (each version has its own copy and its own checkout).
- MkDocs' "Documentation built in N seconds" in standard error: the time taken.
- sitemap.xml `<lastmod>` dates equal to the UTC date while the command ran: MkDocs
  writes the build date there. Any other date stays as written.
- sitemap.xml.gz is compared decompressed (then as sitemap.xml): its gzip header holds
  the build time.
- XLSX files are zip archives: compared member by member (the names, order, dates and
  compression of the entries, and each member's bytes), not as one byte string, because
  XlsxWriter writes the time of writing into docProps/core.xml (dcterms:created and
  dcterms:modified, seen to differ between two runs of the base): those two timestamps
  become `<build-time>` when they fall within the run; any other timestamp stays.

Not compared: `nap serve` (a server that runs until stopped), and the history cache
in .cache/napkit (an internal file; the outputs made from it are compared).
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from codeversions import (
    GIT_CONFIG,
    Code,
    SetupError,
    add_worktree,
    check,
    git,
    remove_worktrees,
    work_tree,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BASE = "73e61d3"
SAMPLE = ("plans", "docs", "mkdocs.yml", "schema", ".github/CODEOWNERS")
COMMITS = (  # (date, message) of the sample repository's three commits
    ("2016-04-20T10:00:00+03:00", "Sample plans for 2016: federal plans still drafts"),
    ("2016-05-12T10:00:00+03:00", "Federal plans submitted and reviewed (#2)"),
    ("2016-06-01T10:00:00+03:00", "Ministry of Health: budget of A2 revised (#3)"),
)
EXCERPT_LINES = 40
LINE_WIDTH = 160
TIMEOUT = 900


# --- the two versions of the code -------------------------------------------------


def source_folder(path: Path) -> Path:
    """The folder holding the napkit package: PATH/src or PATH itself."""
    for candidate in (path / "src", path):
        if (candidate / "napkit" / "__init__.py").is_file():
            return candidate.resolve()
    raise SetupError(f"{path}: no napkit package in it or in its src/")


# --- the sample data repository ---------------------------------------------------


def draft_federal_plans(repo: Path) -> None:
    """The first commit's state: every federal plan still a draft."""
    for plan in sorted((repo / "plans").glob("*/fed-*.yaml")):
        text = plan.read_text("utf-8")
        plan.write_text(re.sub(r"(?m)^status: \w+$", "status: draft", text, count=1), "utf-8")


def revise_budget(repo: Path) -> None:
    """The third commit: a larger budget for one activity of the Ministry of Health."""
    plan = repo / "plans" / "2016" / "fed-moh.yaml"
    text = plan.read_text("utf-8")
    new, count = re.subn(
        r"(?m)^(    budget:\n      amount: )150000000$", r"\g<1>160000000", text, count=1
    )
    if count != 1:
        raise SetupError(f"{plan}: the budget to revise (150000000) is not there")
    plan.write_text(new, "utf-8")


def copy_sample(dest: Path) -> None:
    """The sample files of the work tree into `dest`."""
    for rel in SAMPLE:
        source, target = ROOT / rel, dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
    (dest / ".gitignore").write_text("/site/\n/.cache/\n/out/\n", "utf-8")


def commit(repo: Path, date: str, message: str) -> None:
    env = {**os.environ, **GIT_CONFIG, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    env.update(GIT_AUTHOR_NAME="Sample Author", GIT_AUTHOR_EMAIL="author@example.invalid")
    env.update(GIT_COMMITTER_NAME="Sample Committer", GIT_COMMITTER_EMAIL="ci@example.invalid")
    git("add", "--all", cwd=repo, env=env)
    git("commit", "--quiet", "--no-verify", "--no-gpg-sign", "-m", message, cwd=repo, env=env)


def make_sample(dest: Path, code: Code, tmp: Path) -> None:
    """The data repository: drafts, then the sample as it is, then one revised budget; each
    state must validate without errors (checked with `code`)."""
    copy_sample(dest)
    git("init", "--quiet", "--initial-branch=main", str(dest), env={**os.environ, **GIT_CONFIG})
    steps: tuple[Callable[[Path], None], ...] = (draft_federal_plans, restore_plans, revise_budget)
    for step, (date, message) in zip(steps, COMMITS, strict=True):
        step(dest)
        result = run_nap(code, dest, ("validate",), tmp)
        if result.returncode != 0:
            output = result.stdout.decode("utf-8", "replace")
            raise SetupError(f"sample data before '{message}' does not validate:\n{output}")
        commit(dest, date, message)


def restore_plans(repo: Path) -> None:
    """The second commit: the plans exactly as in the work tree."""
    shutil.rmtree(repo / "plans")
    shutil.copytree(ROOT / "plans", repo / "plans")


# --- the commands -----------------------------------------------------------------


Edit = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    """One command; `edit` set: it runs in a fresh copy of the data, changed by edit."""

    args: tuple[str, ...]
    outputs: tuple[str, ...] = ()  # files or folders it writes, relative to where it runs
    edit: Edit | None = None
    note: str = ""

    @property
    def name(self) -> str:
        shown = " ".join(self.args)
        return f"nap {shown}" + (f"  [{self.note}]" if self.note else "")


def keep_as_is(repo: Path) -> None:
    """A fresh copy, unchanged."""


def replace_once(rel: str, old: str, new: str) -> Edit:
    def edit(repo: Path) -> None:
        path = repo / rel
        text = path.read_text("utf-8")
        if old not in text:
            raise SetupError(f"{rel}: {old!r} is not there")
        path.write_text(text.replace(old, new, 1), "utf-8")

    return edit


def without_git(repo: Path) -> None:
    shutil.rmtree(repo / ".git")


def remove_codeowners(repo: Path) -> None:
    (repo / ".github" / "CODEOWNERS").unlink()


MOH = "plans/2016/fed-moh.yaml"
BROKEN = replace_once(MOH, "status: approved", "status: [approved")
MESSY = replace_once(MOH, "    partners: [UNFPA, WHO]\n", "    partners:\n    - UNFPA\n    - WHO\n")
STALE = replace_once(".github/CODEOWNERS", "@iraq-nap-1325/fed-moh", "@someone-else")


def shared_cases() -> list[Case]:
    """Commands that change no data: run one after another in the version's data copy."""
    return [
        Case(("--help",)),
        Case(("--version",)),
        Case(("validate",)),
        Case(("validate", "--format", "json")),
        Case(("validate", "--format", "github", "--summary", "out/summary.md"), ("out",)),
        Case(("validate", "--format", "markdown")),
        Case(("validate", "--strict")),
        Case(("validate", MOH)),
        Case(("validate", "plans/2016/fed-pmo.yaml", "--format", "github")),
        Case(("fmt", "--check")),
        Case(("assemble",)),
        Case(("assemble", "--year", "2016", "-o", "out/master-2016.json"), ("out",)),
        *export_cases(),
        Case(("report",)),
        Case(("report", "--year", "2016", "-o", "out/report-2016.md"), ("out",)),
        Case(("status",)),
        Case(("status", "--year", "2016", "--format", "json")),
        Case(("diff", "HEAD~2", "HEAD")),
        Case(("diff", "HEAD~2", "HEAD", "--format", "json")),
        Case(("diff", "HEAD~1")),
        Case(("diff",)),
        Case(("history", "fed-moh")),
        Case(("history", "fed-mof", "--year", "2016")),
        Case(("codeowners", "--check")),
        Case(("render", "--out", "out/pages"), ("out",)),
        Case(("render", "--out", "out/pages-no-history", "--no-history"), ("out",)),
        Case(("build",), ("site",)),
    ]


def export_cases() -> list[Case]:
    made = [
        Case(
            ("export", "--year", "2016", "--format", fmt, "-o", f"out/master-2016.{fmt}"), ("out",)
        )
        for fmt in ("csv", "xlsx", "json")
    ]
    return [*made, Case(("export", "--year", "2016", "--format", "csv"))]


def scratch_cases() -> list[Case]:
    """Commands that write, and error cases: each in a fresh copy of the data."""
    return [
        Case(("new", "fed-moh", "2017"), ("plans",), keep_as_is),
        Case(("fmt",), ("plans",), MESSY, "a plan not in the canonical layout"),
        Case(("fmt", "--check"), ("plans",), MESSY, "a plan not in the canonical layout"),
        Case(("codeowners",), (".github",), remove_codeowners, "no CODEOWNERS"),
        Case(("codeowners",), (".github",), STALE, "CODEOWNERS out of date"),
        Case(("codeowners", "--check"), (".github",), STALE, "CODEOWNERS out of date"),
        Case(("assemble", "--year", "1999")),
        Case(("export", "--year", "1999", "--format", "csv")),
        Case(("status", "--year", "1999")),
        Case(("new", "no-such-body", "2016"), ("plans",), keep_as_is),
        Case(("new", "fed-moh", "2016"), ("plans",), keep_as_is, "the plan exists"),
        Case(("history", "no-such-body")),
        Case(("history", "fed-moh"), (), without_git, "not a git repository"),
        Case(("diff", "HEAD~1", "HEAD"), (), without_git, "not a git repository"),
        Case(("validate",), (), BROKEN, "broken YAML"),
        Case(("validate", "--format", "json"), (), BROKEN, "broken YAML"),
        Case(("assemble", "--year", "2016"), (), BROKEN, "broken YAML"),
        Case(("assemble", "--year", "2016", "--skip-invalid"), (), BROKEN, "broken YAML"),
        Case(("build",), ("site",), BROKEN, "broken YAML"),
        Case(("no-such-command",)),
    ]


# --- running and collecting -------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """When a command ran (UTC)."""

    start: datetime
    end: datetime

    def dates(self) -> set[str]:
        day, last, out = self.start.date(), self.end.date(), set()
        while day <= last:
            out.add(day.isoformat())
            day += timedelta(days=1)
        return out

    def holds(self, stamp: str) -> bool:
        try:
            when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except ValueError:
            return False
        slack = timedelta(seconds=2)
        return self.start - slack <= when <= self.end + slack


def run_nap(
    code: Code, cwd: Path, args: tuple[str, ...], tmp: Path
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        code.nap(*args),
        cwd=cwd,
        env=code.env(tmp),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )


def files_under(root: Path, rels: tuple[str, ...]) -> Iterator[tuple[str, bytes]]:
    """Every file of the folders or files `rels`, as (relative path, bytes), sorted."""
    found: list[Path] = []
    for rel in rels:
        path = root / rel
        found += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for path in found:
        if path.is_file():
            yield path.relative_to(root).as_posix(), path.read_bytes()


def run_case(case: Case, code: Code, cwd: Path, tmp: Path) -> dict[str, bytes]:
    """The normalised outputs of one command: name -> bytes."""
    start = datetime.now(UTC)
    done = run_nap(code, cwd, case.args, tmp)
    window = Window(start, datetime.now(UTC))
    parts = {"exit status": f"{done.returncode}\n".encode(), "stdout": done.stdout}
    parts["stderr"] = re.sub(rb"(built in )[0-9.]+( seconds)", rb"\1N\2", done.stderr)
    for rel, data in files_under(cwd, case.outputs):
        parts.update(file_parts(rel, data, window))
    paths = ((cwd, b"<repo>"), (code.src, b"<src>"), (tmp, b"<tmp>"))
    for path, mark in paths:
        parts = {k: v.replace(str(path).encode(), mark) for k, v in parts.items()}
    return parts


def file_parts(rel: str, data: bytes, window: Window) -> dict[str, bytes]:
    """What is compared of one written file (see the module docstring)."""
    if rel.endswith(".gz"):
        return file_parts(f"{rel} (decompressed)", gzip.decompress(data), window)
    if rel.endswith("sitemap.xml"):
        return {rel: build_dates(data, window)}
    if rel.endswith(".xlsx"):
        return zip_parts(rel, data, window)
    return {rel: data}


def build_dates(sitemap: bytes, window: Window) -> bytes:
    dates = window.dates()

    def mark(match: re.Match[bytes]) -> bytes:
        known = match.group(1).decode() in dates
        return b"<lastmod><build-date></lastmod>" if known else match.group(0)

    return re.sub(rb"<lastmod>([0-9-]+)</lastmod>", mark, sitemap)


def zip_parts(rel: str, data: bytes, window: Window) -> dict[str, bytes]:
    """An XLSX file member by member, with its list of entries."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        listing = "".join(f"{i.filename} {i.date_time} {i.compress_type}\n" for i in infos)
        parts = {f"{rel} (entries)": listing.encode()}
        for info in infos:
            member = archive.read(info)
            if info.filename == "docProps/core.xml":
                member = writing_time(member, window)
            parts[f"{rel}!{info.filename}"] = member
    return parts


def writing_time(core: bytes, window: Window) -> bytes:
    def mark(match: re.Match[bytes]) -> bytes:
        inside = window.holds(match.group(2).decode())
        return match.group(1) + b"<build-time>" + match.group(3) if inside else match.group(0)

    pattern = rb"(<dcterms:(?:created|modified)[^>]*>)([^<]*)(</dcterms:)"
    return re.sub(pattern, mark, core)


# --- comparing and reporting ------------------------------------------------------


def differences(base: dict[str, bytes], head: dict[str, bytes]) -> list[str]:
    """The names of the parts that differ (or exist on one side only)."""
    names = list(base) + [k for k in head if k not in base]
    return [k for k in names if base.get(k) != head.get(k)]


def excerpt(name: str, base: bytes | None, head: bytes | None) -> list[str]:
    """A unified diff of one part (lines cut to LINE_WIDTH), with where it first differs."""
    if base is None or head is None:
        return [f"    {name}: only in {'head' if base is None else 'base'}"]
    at = next((i for i, (x, y) in enumerate(zip(base, head, strict=False)) if x != y), None)
    at = min(len(base), len(head)) if at is None else at
    lines = [f"    {name}: {len(base)} vs {len(head)} bytes, first difference at byte {at}"]
    old = base.decode("utf-8", "replace").splitlines()
    new = head.decode("utf-8", "replace").splitlines()
    diff = difflib.unified_diff(old, new, "base", "head", n=2, lineterm="")
    return lines + ["      " + line[:LINE_WIDTH] for line in diff]


def report(name: str, base: dict[str, bytes], head: dict[str, bytes]) -> bool:
    """Print the summary of one command; True when every part is identical."""
    differing = differences(base, head)
    if not differing:
        print(f"same       {name}")
        return True
    print(f"DIFFERENT  {name}: {len(differing)} part(s): {', '.join(differing)}")
    lines: list[str] = []
    for part in differing:
        lines += excerpt(part, base.get(part), head.get(part))
    for line in lines[:EXCERPT_LINES]:
        print(line)
    if len(lines) > EXCERPT_LINES:
        print(f"    ... {len(lines) - EXCERPT_LINES} more line(s) of differences")
    return False


# --- the whole comparison ---------------------------------------------------------


def run_version(code: Code, sample: Path, tmp: Path) -> list[dict[str, bytes]]:
    """Every case with one version: shared cases in one copy, the others in fresh copies."""
    here = tmp / "runs" / code.label  # never inside a checkout, where git would look
    shared = here / "repo"
    shutil.copytree(sample, shared, symlinks=True)
    results = [run_case(case, code, shared, tmp) for case in shared_cases()]
    for number, case in enumerate(scratch_cases(), 1):
        scratch = here / "scratch" / f"{number:02d}"
        shutil.copytree(sample, scratch, symlinks=True)
        (case.edit or keep_as_is)(scratch)
        results.append(run_case(case, code, scratch, tmp))
    save_logs(here / "logs", results)
    return results


def save_logs(folder: Path, results: list[dict[str, bytes]]) -> None:
    """Each command's exit status, stdout and stderr as files (for --keep)."""
    folder.mkdir(parents=True)
    for number, parts in enumerate(results, 1):
        for part in ("exit status", "stdout", "stderr"):
            (folder / f"{number:02d}.{part.replace(' ', '-')}").write_bytes(parts[part])


def compare(base: Code, head: Code, tmp: Path) -> int:
    """Run both versions and print the report; the exit status."""
    for code in (base, head):
        print(f"{code.label}: {code.describe}: {check(code, tmp)}")
    sample = tmp / "sample"
    make_sample(sample, base, tmp)
    started = time.monotonic()
    cases = shared_cases() + scratch_cases()
    outcomes = [run_version(code, sample, tmp) for code in (base, head)]
    same = sum(report(c.name, b, h) for c, b, h in zip(cases, *outcomes, strict=True))
    print(f"({time.monotonic() - started:.0f} s for {2 * len(cases)} commands)")
    print(f"compare_outputs: {len(cases)} outputs, {same} identical, {len(cases) - same} different")
    return 0 if same == len(cases) else 1


def versions(args: argparse.Namespace, tmp: Path, made: list[Path]) -> tuple[Code, Code]:
    """The base and head code (worktrees added to `made`)."""
    made.append(tmp / "base")
    base = add_worktree(args.base, tmp / "base", "base")
    if args.head is not None:
        made.append(tmp / "head")
        return base, add_worktree(args.head, tmp / "head", "head")
    if args.head_path is not None:
        return base, Code("head", f"folder {args.head_path}", source_folder(Path(args.head_path)))
    return base, work_tree()


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--base", default=DEFAULT_BASE, help=f"base revision ({DEFAULT_BASE})")
    heads = parser.add_mutually_exclusive_group()
    heads.add_argument("--head", metavar="REV", help="a revision instead of the work tree")
    heads.add_argument("--head-path", metavar="DIR", help=argparse.SUPPRESS)  # a source folder
    parser.add_argument("--keep", metavar="DIR", help="keep the temporary folder as DIR")
    return parser.parse_args(argv)


def temporary(keep: str | None) -> Path:
    if keep is None:
        return Path(tempfile.mkdtemp(prefix="compare-outputs-")).resolve()
    path = Path(keep).resolve()
    if path.exists() and any(path.iterdir()):
        raise SetupError(f"{path} exists and is not empty")
    path.mkdir(parents=True, exist_ok=True)
    return path


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    made: list[Path] = []
    tmp: Path | None = None
    try:
        tmp = temporary(args.keep)
        return compare(*versions(args, tmp, made), tmp)
    except (SetupError, OSError, subprocess.SubprocessError) as error:
        print(f"compare_outputs: setup error: {error}", file=sys.stderr)
        return 2
    finally:
        remove_worktrees(made)
        if tmp is not None and args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
        elif tmp is not None:
            print(f"compare_outputs: kept {tmp}")


if __name__ == "__main__":
    sys.exit(main())
