"""What the working tree holds that is not committed yet, as the site says it: the
site shows the plans as they are on disk, and says so where that differs from the
last commit (a notice on the plan's history page, a list on the recent changes)."""

from __future__ import annotations

from markupsafe import Markup

from napkit.history.diff import FileDiff
from napkit.i18n import N_, t
from napkit.render import changes as render
from napkit.render.markdown import text

TITLE = N_("Not committed yet")


def pending(diffs: list[FileDiff]) -> dict[str, FileDiff]:
    """Each uncommitted plan file by path; a file moved away counts as deleted where it was."""
    out = {d.path: d for d in diffs}
    for d in diffs:
        if d.kind == "renamed" and d.old_path and d.old_path not in out:
            out[d.old_path] = FileDiff(d.old_path, "removed")
    return out


def notice(d: FileDiff) -> Markup:
    """The top of a plan's history page: a Material admonition with what differs."""
    details = render.file_lines(d) if d.kind in ("changed", "renamed", "invalid") else []
    lines = [f'!!! warning "{t(TITLE)}"', "", f"    {_what(d)}"]
    if details:
        lines += ["", *(f"    {line}" for line in details)]
    return Markup("\n".join(lines))


def _what(d: FileDiff) -> str:
    if d.kind == "added":
        return t(
            "This plan is new: it has no commit yet. The site shows it as it is in the "
            "working tree; its history starts when it is committed."
        )
    if d.kind == "removed":
        return t(
            "This plan's file is deleted (or moved) in the working tree, and that is not "
            "committed yet. Below is its history as committed."
        )
    if d.kind == "renamed":
        return t("This plan was moved here from {path}, and that is not committed yet.").format(
            path=text(d.old_path or "")
        )
    if d.empty:
        return t(
            "This plan's file differs from the last commit in comments or layout only, "
            "not in its data. That change is not committed yet."
        )
    return t(
        "This plan has changes that are not committed yet: the site shows them. "
        "What differs from the last commit:"
    )


def summary(diffs: list[FileDiff], pages: dict[str, str]) -> Markup:
    """The list at the top of the recent changes; `pages`: plan path -> its history page."""
    if not diffs:
        return Markup("")
    lines = [
        f'!!! warning "{t(TITLE)}"',
        "",
        "    "
        + t(
            "The site shows the working tree. These files differ from the last commit; "
            "they join the list below and the feed once they are committed."
        ),
        "",
    ]
    for d in diffs:
        name = text(d.path)
        link = f"[{name}]({pages[d.path]})" if d.path in pages else name
        lines.append(f"    - {link}: {_kind(d)}")
    return Markup("\n".join(lines))


def _kind(d: FileDiff) -> str:
    if d.kind == "renamed":
        return t("moved from {path}").format(path=text(d.old_path or ""))
    if d.kind == "changed" and d.empty:
        return t("changed in comments or layout only")
    kinds = {"added": N_("new"), "removed": N_("deleted"), "invalid": N_("changed")}
    return t(kinds[d.kind]) if d.kind in kinds else d.kind
