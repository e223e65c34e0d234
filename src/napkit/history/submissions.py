"""When each plan was submitted, read from its history: the date of the first
commit in which its status became submitted or later, and whether it was so
already in its first version. The tracker takes these dates as data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from napkit.history.blobs import BlobReader, BlobStore, Parsed
from napkit.history.gitlog import Commit, is_repository
from napkit.history.timeline import Revision
from napkit.history.versions import FileHistory, read_history
from napkit.plans.model import SUBMITTED_STATUSES

SubmittedDates = dict[str, tuple[dt.date, bool]]


def read_submitted_dates(root: Path, paths: list[str]) -> SubmittedDates:
    """For the plans at `paths`: one git log, and only their versions read."""
    if not is_repository(root):
        return {}
    history = read_history(root)
    out: SubmittedDates = {}
    with BlobReader(root) as reader:
        store = BlobStore(root, reader)
        for path in paths:
            file = history.of(path)
            if file is not None and not file.deleted:
                versions = (
                    (v.commit, store.get(v.blob, v.path) if v.blob else None) for v in file.versions
                )
                found = _first_submitted(versions)
                if found is not None:
                    out[path] = found
    return out


def submitted_dates(histories: list[tuple[FileHistory, list[Revision]]]) -> SubmittedDates:
    """The same, from revisions already read (the site reads every revision once)."""
    out: SubmittedDates = {}
    for file, revisions in histories:
        if not file.deleted:
            found = _first_submitted((r.commit, r.version) for r in revisions)
            if found is not None:
                out[file.path] = found
    return out


def _first_submitted(
    versions: Iterable[tuple[Commit, Parsed | None]],
) -> tuple[dt.date, bool] | None:
    for index, (commit, version) in enumerate(versions):
        data = version.data if version is not None else None
        if data is not None and data.get("status") in SUBMITTED_STATUSES:
            return dt.datetime.fromisoformat(commit.date).date(), index == 0
    return None
