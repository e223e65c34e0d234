"""Every version of every file under plans/, grouped by file across renames,
deletions and restorations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from napkit.history.gitlog import NULL_BLOB, Change, Commit, log


@dataclass(frozen=True)
class Version:
    commit: Commit
    path: str
    blob: str | None  # None: the file was deleted in this commit
    renamed_from: str | None = None


@dataclass
class FileHistory:
    """One file's versions, oldest first; `path` is where it is (or was) last."""

    path: str
    versions: list[Version] = field(default_factory=list)

    @property
    def deleted(self) -> bool:
        return bool(self.versions) and self.versions[-1].blob is None


@dataclass
class History:
    files: list[FileHistory]
    commits: list[Commit]

    def of(self, path: str) -> FileHistory | None:
        return next((f for f in self.files if f.path == path), None)


def read_history(
    root: Path, rev: str = "HEAD", *, on_blobs: Callable[[list[str]], None] | None = None
) -> History:
    """`on_blobs` is given the blobs of each commit as git names them, newest commit
    first: the order in which a packed repository reads them back fastest."""
    newest_first = []
    for commit, changes in log(root, rev):
        newest_first.append((commit, changes))
        if on_blobs is not None:
            on_blobs([c.blob for c in changes if c.blob and c.blob != NULL_BLOB])
    by_path: dict[str, FileHistory] = {}  # where each file is now (or was when deleted)
    files: list[FileHistory] = []
    commits: list[Commit] = []
    for commit, changes in reversed(newest_first):
        commits.append(commit)
        for change in changes:
            _apply(by_path, files, commit, change)
    return History(files, commits)


def _apply(
    by_path: dict[str, FileHistory], files: list[FileHistory], commit: Commit, change: Change
) -> None:
    if change.status == "R" and change.old_path is not None:
        history = by_path.pop(change.old_path, None)
        if history is None:  # renamed from outside plans/: a new file here
            history = FileHistory(change.path)
            files.append(history)
        history.path = change.path
    else:
        history = by_path.get(change.path)
        if history is None:
            history = FileHistory(change.path)
            files.append(history)
    by_path[change.path] = history
    history.versions.append(Version(commit, change.path, change.blob, change.old_path))
