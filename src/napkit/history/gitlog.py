"""One `git log` over plans/: every first-parent commit of the branch that touched a
plan file, with the blobs it added, changed, renamed or deleted."""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from napkit.errors import NapError

_PR = re.compile(r"^Merge pull request #(\d+)\b|\(#(\d+)\)\s*$")
NULL_BLOB = "0" * 40

SHALLOW_CLONE = "this is a shallow clone, so the plans' history is incomplete: fetch the full history (git fetch --unshallow; in GitHub Actions: fetch-depth: 0)"


class GitError(NapError):
    """git is missing, or the folder is not a git repository, or a revision is unknown."""


@dataclass(frozen=True)
class Commit:
    sha: str
    parents: tuple[str, ...]
    author: str
    author_date: str  # ISO 8601 with offset
    date: str  # committer date: when it landed on the branch
    subject: str

    @property
    def pull_request(self) -> int | None:
        """The pull request number from a merge commit's or squash commit's subject."""
        match = _PR.search(self.subject)
        if not match:
            return None
        return int(match.group(1) or match.group(2))


@dataclass(frozen=True)
class Change:
    status: str  # A added, M modified, D deleted, R renamed (a copy counts as added)
    path: str  # the path after the change (before it, for a deletion)
    old_path: str | None  # for a rename
    blob: (
        str | None
    )  # the new content; None when deleted (all zeros: not hashed, in the working tree)
    old_blob: str | None = None  # the content before; None when added


def git(root: Path, *args: str, input: bytes | None = None, check: bool = True) -> bytes:
    """git's output; `check=False`: its output even when it fails (a question git
    answers by its exit status, such as whether a revision exists)."""
    try:
        proc = subprocess.run(
            ["git", *args], cwd=root, input=input, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise GitError("git is not installed: install git to read the plans' history") from None
    if check and proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} failed: {message[-1] if message else proc.returncode}")
    return proc.stdout


def is_repository(root: Path) -> bool:
    try:
        return git(root, "rev-parse", "--is-inside-work-tree").strip() == b"true"
    except GitError:
        return False


def has_commits(root: Path, rev: str = "HEAD") -> bool:
    """False in a new repository, before its first commit."""
    return bool(
        git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", check=False).strip()
    )


def empty_tree(root: Path) -> str:
    """The id of the empty tree (what a repository holds before its first commit)."""
    return git(root, "hash-object", "-t", "tree", "/dev/null").decode().strip()


def is_shallow(root: Path) -> bool:
    return git(root, "rev-parse", "--is-shallow-repository").strip() == b"true"


def log(
    root: Path, rev: str = "HEAD", path: str = "plans/"
) -> Iterator[tuple[Commit, list[Change]]]:
    """Newest first, as git writes it: each commit of the branch's first-parent line
    that touched `path`. Streamed, so that the caller can start reading the blobs of
    the newest commits while git is still diffing the older ones."""
    if not has_commits(root, rev):
        return  # no commit yet (a new repository), or no such revision: no history
    args = [
        "git", "log", "--first-parent", "--diff-merges=first-parent", "-M", "--raw", "-z",
        "--no-abbrev", "--format=%x1e%H%x00%P%x00%an%x00%aI%x00%cI%x00%s", rev, "--", path,
    ]  # fmt: skip
    with (
        tempfile.TemporaryFile() as errors,
        subprocess.Popen(args, cwd=root, stdout=subprocess.PIPE, stderr=errors, bufsize=0) as proc,
    ):
        assert proc.stdout is not None
        for record in _records(proc.stdout):
            yield _commit(record.decode("utf-8", "replace"))
        proc.wait()
        errors.seek(0)
        message = errors.read().decode("utf-8", "replace").strip().splitlines()
    if proc.returncode != 0:
        raise GitError(f"git log failed: {message[-1] if message else proc.returncode}")


def _records(stream: IO[bytes]) -> Iterator[bytes]:
    """The records of a `--format=%x1e...` log as they arrive (one per commit), from
    an unbuffered pipe, whose read() returns whatever git has written so far."""
    rest = b""
    while chunk := stream.read(1 << 16):
        *done, rest = (rest + chunk).split(b"\x1e")
        yield from (r for r in done if r)
    if rest:
        yield rest


def _commit(record: str) -> tuple[Commit, list[Change]]:
    sha, parents, author, author_date, date, subject, rest = record.split("\0", 6)
    commit = Commit(sha, tuple(parents.split()), author, author_date, date, subject)
    return commit, list(parse_raw(rest.lstrip("\n").split("\0")))


def parse_raw(tokens: list[str]) -> Iterator[Change]:
    """The entries of `git log/diff --raw -z` output, split on NUL."""
    i = 0
    while i < len(tokens):
        meta = tokens[i]
        if not meta.startswith(":"):
            i += 1
            continue
        _, _, old_blob, new_blob, status = meta[1:].split(" ")
        kind = status[0]
        if kind in "RC":
            old, new = tokens[i + 1], tokens[i + 2]
            i += 3
            renamed = kind == "R"
            yield Change(
                "R" if renamed else "A",
                new,
                old if renamed else None,
                new_blob,
                old_blob if renamed else None,
            )
            continue
        path = tokens[i + 1]
        i += 2
        status = {"A": "A", "D": "D"}.get(kind, "M")
        yield Change(
            status,
            path,
            None,
            None if status == "D" else new_blob,
            None if status == "A" else old_blob,
        )
