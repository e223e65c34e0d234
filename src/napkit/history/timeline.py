"""Every revision of a plan with what changed in it: `nap history` and the site's
history pages."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from napkit.history.blobs import BlobReader, BlobStore, Parsed
from napkit.history.compare import file_diff
from napkit.history.diff import FileDiff
from napkit.history.gitlog import Commit
from napkit.history.versions import FileHistory, History, read_history


@dataclass(frozen=True)
class Revision:
    commit: Commit
    path: str
    diff: FileDiff  # against the revision before (kind "added" for the first)
    version: Parsed | None  # None when the file was deleted here


def revisions(file: FileHistory, store: BlobStore) -> list[Revision]:
    """Oldest first. A revision whose YAML is broken is kept, shown with its error,
    and the next valid one is compared with the last valid one before it."""
    out: list[Revision] = []
    last_valid: Parsed | None = None
    for version in file.versions:
        current = store.get(version.blob, version.path) if version.blob else None
        renamed = version.renamed_from if version.renamed_from != version.path else None
        if current is None:
            diff = file_diff(version.path, last_valid or Parsed({}), None)
        else:
            diff = file_diff(version.path, last_valid, current, renamed)
        out.append(Revision(version.commit, version.path, diff, current))
        if current is None or current.error is None:
            last_valid = current
    return out


def plan_histories(
    root: Path, body: str, year: int | None = None, history: History | None = None
) -> list[tuple[FileHistory, list[Revision]]]:
    """The histories of every file that was ever plans/<year>/<body>.yaml."""
    history = history or read_history(root)
    wanted = [f for f in history.files if any(_is_plan_of(v.path, body, year) for v in f.versions)]
    with BlobReader(root) as reader, collector_paused():
        store = BlobStore(root, reader)
        store.request([v.blob for f in wanted for v in reversed(f.versions) if v.blob])
        store.fill()
        return [(f, revisions(f, store)) for f in wanted]


def _is_plan_of(path: str, body: str, year: int | None) -> bool:
    parts = path.split("/")
    return (
        len(parts) == 3 and parts[2] == f"{body}.yaml" and (year is None or parts[1] == str(year))
    )


def all_revisions(root: Path, *, cache: bool = True) -> list[tuple[FileHistory, list[Revision]]]:
    """Every file under plans/ with every revision and what changed in it: one git log,
    whose blobs are read as it streams, each distinct version parsed once (and cached
    on disk)."""
    with BlobReader(root) as reader, collector_paused():
        store = BlobStore(root, reader, cache=cache)
        history = read_history(root, on_blobs=store.request)
        store.fill()
        return [(f, revisions(f, store)) for f in history.files]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Parsed versions are trees without cycles, kept until the end: the cyclic garbage
    collector would only scan them again and again (more than half the time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
