"""Plan diffs between two revisions (or a revision and the working tree)."""

from __future__ import annotations

from pathlib import Path

from napkit.history.blobs import BlobReader, BlobStore, Parsed, parse_version
from napkit.history.diff import FileDiff, diff_data
from napkit.history.gitlog import (
    NULL_BLOB,
    Change,
    GitError,
    empty_tree,
    git,
    has_commits,
    parse_raw,
)


def file_diff(
    path: str,
    old: Parsed | None,
    new: Parsed | None,
    old_path: str | None = None,
    *,
    whole_new: bool = False,
) -> FileDiff:
    """`old`/`new` are None where the file did not exist. `whole_new`: a new file with
    all its content (what a reviewer approves in nap diff); else listed as added (the
    history pages, where the plan's page shows its content)."""
    if new is None and old is None:
        return FileDiff(path, "unchanged")
    broken = next((v for v in (new, old) if v is not None and v.error), None)
    if broken is not None:
        return FileDiff(path, "invalid", old_path, error=broken.error)
    if new is None:
        return FileDiff(path, "removed")  # listed whole
    if old is None and not whole_new:
        return FileDiff(path, "added")
    if old is None:  # a new plan: all of it, for the reviewer to approve
        fields, records = diff_data(None, new.data)
        return FileDiff(path, "added", None, fields, records)
    fields, records = diff_data(old.data, new.data)
    return FileDiff(path, "renamed" if old_path else "changed", old_path, fields, records)


def merge_base(root: Path, branch: str = "main") -> str:
    for candidate in (branch, f"origin/{branch}"):
        try:
            return git(root, "merge-base", "HEAD", candidate).decode().strip()
        except GitError:
            continue
    raise GitError(
        f"no branch {branch} or origin/{branch} to compare with: give the base revision, e.g. nap diff HEAD~1"
    )


def diff_revisions(
    root: Path, base: str, head: str | None, *, keep_empty: bool = False, read_added: bool = True
) -> list[FileDiff]:
    """Every plan file that differs between `base` and `head` (None: the working tree).
    `keep_empty`: also the files whose data did not change (comments, layout);
    `read_added=False`: a new file is listed as added without reading it (a caller
    that has checked the working tree already knows whether it can be read)."""
    args = [
        "diff",
        "-M",
        "--raw",
        "-z",
        "--no-abbrev",
        base,
        *([head] if head else []),
        "--",
        "plans/",
    ]
    changes = list(parse_raw(git(root, *args).decode("utf-8", "replace").split("\0")))
    if head is None:
        untracked = git(
            root, "ls-files", "--others", "--exclude-standard", "-z", "--", "plans/"
        ).decode()
        changes += [Change("A", p, None, NULL_BLOB) for p in untracked.split("\0") if p]
    out: list[FileDiff] = []
    with BlobReader(root) as reader:
        store = BlobStore(root, reader)
        for c in changes:
            if not c.path.endswith((".yaml", ".yml")):
                continue
            if c.status == "A" and not read_added:
                out.append(FileDiff(c.path, "added"))
                continue
            old = store.get(c.old_blob, c.old_path or c.path) if c.old_blob else None
            new = _version(root, store, c.path, c.blob) if c.status != "D" else None
            out.append(file_diff(c.path, old, new, c.old_path, whole_new=True))
    return [d for d in out if keep_empty or not d.empty]


def uncommitted(root: Path) -> list[FileDiff]:
    """The plan files of the working tree that differ from the last commit: new,
    modified (in their data or only in comments and layout) or deleted. In a
    repository with no commit yet, every plan file is new."""
    base = "HEAD" if has_commits(root) else empty_tree(root)
    # The site has checked every plan of the working tree: a new one needs no second read.
    return diff_revisions(root, base, None, keep_empty=True, read_added=False)


def _version(root: Path, store: BlobStore, path: str, blob: str | None) -> Parsed:
    if blob and blob != NULL_BLOB:
        return store.get(blob, path)
    file = root / path  # the working tree: not hashed by git diff
    return (
        parse_version(file.read_bytes(), path)
        if file.is_file()
        else Parsed(None, "the file cannot be read")
    )
