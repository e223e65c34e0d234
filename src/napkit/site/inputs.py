"""Everything the site is made from, loaded once: the checked plans, the master plan,
every revision of every plan, what the working tree holds that is not committed
yet, and the submission tracker built from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from napkit.build import tracker
from napkit.build.master import Master, master_of
from napkit.check.validation import Options, Repository, check_repository
from napkit.history import gitlog
from napkit.history.compare import uncommitted
from napkit.history.diff import FileDiff
from napkit.history.submissions import read_submitted_dates, submitted_dates
from napkit.history.timeline import Revision, all_revisions
from napkit.history.versions import FileHistory

Revisions = list[tuple[FileHistory, list[Revision]]]


@dataclass
class SiteInputs:
    root: Path
    master: Master
    submissions: dict[int, list[tracker.Submission]]
    revisions: Revisions = field(default_factory=list)
    with_history: bool = True  # history pages asked for
    in_git: bool = True
    shallow: bool = False
    # Plan files that differ from the last commit: the site shows the working tree.
    uncommitted: list[FileDiff] = field(default_factory=list)
    # What is made once from these inputs and is the same in every language's build
    # (the workbooks, the form editor's configuration), by name.
    shared: dict[str, Any] = field(default_factory=dict)


def check(root: Path) -> Repository:
    """The check the site is built on (also what `nap build` reports before building)."""
    return check_repository(root, options=Options(keep_data=True))


def load_inputs(
    root: Path, *, with_history: bool = True, checked: Repository | None = None
) -> SiteInputs:
    """`checked`: the repository's check, when the caller has made it already."""
    master = master_of(checked or check(root))
    in_git = gitlog.is_repository(root)
    revisions: Revisions = all_revisions(root) if with_history and in_git else []
    years = tracker.years_tracked(master.framework, master.checked, None)
    if with_history and in_git:
        dates = submitted_dates(revisions)  # the same git log as the history pages
    else:
        dates = read_submitted_dates(root, tracker.tracked_paths(master.checked, years))
    return SiteInputs(
        root,
        master,
        tracker.by_year(master.framework, master.checked, years, dates),
        revisions,
        with_history,
        in_git,
        in_git and with_history and gitlog.is_shallow(root),
        uncommitted(root) if with_history and in_git else [],
    )
