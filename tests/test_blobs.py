"""Reading a plan file's versions from git: the streamed log and the cat-file workers
that read every blob it names, on real repositories."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Repo, commit_all, git
from napkit.history.blobs import BlobReader, BlobStore
from napkit.history.gitlog import GitError
from napkit.history.timeline import all_revisions
from napkit.history.versions import read_history

PLAN = "plans/2020/north-moi.yaml"


def _edits(mini: Repo, count: int) -> list[str]:
    """`count` commits, each giving one activity a new budget amount: the blob ids of
    the plan, oldest first."""
    git(mini.root, "init", "-q", "-b", "main")
    commit_all(mini.root, "Import", "2020-01-01T10:00:00+03:00")
    blobs = []
    for n in range(count):
        text = mini.read(PLAN)
        mini.write(PLAN, text.replace("amount: ", f"amount: {n + 1}", 1))
        commit_all(mini.root, f"Edit {n}", f"2020-02-{n % 27 + 1:02d}T10:00:00+03:00")
        blobs.append(git(mini.root, "rev-parse", f"HEAD:{PLAN}").strip())
    return blobs


def _within(seconds: float, fn: Callable[[], object]) -> object:
    """fn() in a thread, failing the test if it has not returned in time (a hang);
    what it raises is raised here."""
    out: list[object] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            out.append(fn())
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    if errors:
        raise errors[0]
    return out[0]


@pytest.mark.parametrize(("workers", "window"), [(1, 1), (3, 2), (2, 256)])
def test_every_requested_blob_comes_back_in_order(mini: Repo, workers: int, window: int) -> None:
    blobs = _edits(mini, 9)
    with BlobReader(mini.root, workers=workers, window=window) as reader:
        history = read_history(mini.root, on_blobs=reader.request)
        got = list(reader.results())
    plan = history.of(PLAN)
    assert plan is not None
    assert [v.blob for v in plan.versions][1:] == blobs
    # newest commit first, as the log names them; the first commit adds every file
    ours = [b for b, _ in got if b in blobs]
    assert ours == blobs[::-1]
    for blob, data in got:
        expected = subprocess.run(
            ["git", "cat-file", "blob", blob], cwd=mini.root, capture_output=True, check=True
        ).stdout
        assert data == expected


def test_a_missing_blob_is_an_error_not_a_hang(mini: Repo) -> None:
    blobs = _edits(mini, 3)
    missing = "0123456789" * 4

    def read_all() -> None:
        with BlobReader(mini.root, workers=2, window=64) as reader:
            # git still has more answers than a pipe holds after the missing one
            reader.request([blobs[0], missing, *blobs * 20])
            list(reader.results())

    with pytest.raises(GitError, match="fetch-depth: 0"):
        _within(30, read_all)
    with BlobReader(mini.root) as reader, pytest.raises(GitError, match=missing):
        reader.read(missing)


def test_closing_with_answers_unread_returns(mini: Repo) -> None:
    blobs = _edits(mini, 12)

    def abandon() -> None:
        with BlobReader(mini.root, workers=2, window=1) as reader:
            reader.request(blobs * 4)  # more windows than the workers may queue
            next(reader.results())

    _within(30, abandon)


def test_a_log_record_longer_than_a_pipe_read(mini: Repo) -> None:
    git(mini.root, "init", "-q", "-b", "main")
    commit_all(mini.root, "Import", "2020-01-01T10:00:00+03:00")
    names = [f"plans/2021/notes-{'x' * 80}-{n:04d}.txt" for n in range(800)]
    for name in names:
        mini.write(name, name)
    commit_all(mini.root, "Many files (#12)", "2020-03-01T10:00:00+03:00")
    raw = git(mini.root, "log", "-1", "--raw", "--no-abbrev", "--format=")
    assert len(raw) > 2 * 65536  # the commit's record spans several reads of the pipe
    history = read_history(mini.root)
    assert [c.subject for c in history.commits] == ["Import", "Many files (#12)"]
    assert history.commits[1].pull_request == 12
    assert {f.path for f in history.files} >= set(names)


def test_cold_warm_and_uncached_runs_agree(mini: Repo) -> None:
    _edits(mini, 5)
    mini.write(PLAN, mini.read(PLAN).replace("activities:", "activities: [", 1))  # broken
    commit_all(mini.root, "Broken", "2020-03-01T10:00:00+03:00")

    def shown(root: Path, cache: bool = True) -> list[tuple[str, str, str, str | None]]:
        return [
            (r.path, r.commit.subject, r.diff.kind, r.version.error if r.version else None)
            for _, revs in all_revisions(root, cache=cache)
            for r in revs
        ]

    cold = shown(mini.root)
    assert any((mini.root / ".cache/napkit/blobs").rglob("*.marshal"))
    assert shown(mini.root) == cold
    assert shown(mini.root, cache=False) == cold
    plan = [r for r in cold if r[0] == PLAN]
    assert [r[2] for r in plan] == ["added"] + ["changed"] * 5 + ["invalid"]
    assert "YAML syntax" in str(plan[-1][3])


class _Recording(BlobReader):
    """A real reader that also notes what it was asked to read in the background."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.requested: list[str] = []

    def request(self, blobs: list[str]) -> None:
        self.requested.extend(blobs)
        super().request(blobs)


def test_after_one_more_commit_only_its_versions_are_read(mini: Repo) -> None:
    _edits(mini, 4)
    all_revisions(mini.root)  # cold: every version parsed and cached
    mini.write(PLAN, mini.read(PLAN).replace("amount: ", "amount: 7", 1))
    commit_all(mini.root, "One more", "2020-03-02T10:00:00+03:00")
    new = git(mini.root, "rev-parse", f"HEAD:{PLAN}").strip()
    with _Recording(mini.root) as reader:
        store = BlobStore(mini.root, reader)
        read_history(mini.root, on_blobs=store.request)
        store.fill()
        assert reader.requested == [new]
        assert store.get(new, PLAN).data is not None
