"""Plan versions by blob id: read by long-lived `git cat-file --batch` processes (a
few in parallel for a whole history), parsed once, and cached on disk under
.cache/napkit/ so that an unchanged history costs almost nothing the second time."""

from __future__ import annotations

import marshal
import os
import queue
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from napkit.errors import OutputError
from napkit.history.gitlog import GitError
from napkit.output import replace_file
from napkit.plans.document import LoadError, load_text

CACHE_DIR = Path(".cache") / "napkit" / "blobs"
# marshal: the fastest way to read plain data back (a third faster than JSON for a
# plan); its format belongs to the Python version, which is in the folder name.
CACHE_VERSION = f"2-py{sys.version_info[0]}{sys.version_info[1]}"


# Windows of blobs, handed to the workers in turn: large enough that a worker reads
# runs of neighbouring versions (their deltas share bases), small enough to keep both busy.
WINDOW = 256
MAX_WINDOW = 1024  # 1,024 ids (42 kB) fit in a 64 kB pipe before git answers the first
STREAM_BUFFER = 1 << 20  # Linux's limit for a pipe that an ordinary user may set
MAX_WORKERS = 4  # git log runs beside them: more would only take turns on the cores


@dataclass(frozen=True)
class Parsed:
    """One version of a file: its data, or why it could not be read."""

    data: dict[str, Any] | None
    error: str | None = None


class BlobReader:
    """`git cat-file --batch` processes: one long-lived process for single reads
    (`read`), and for a whole history (`request`, then `results`) a few more that read
    in parallel, so that unpacking keeps every core busy."""

    def __init__(self, root: Path, *, workers: int | None = None, window: int = WINDOW) -> None:
        self._root = root
        self._window = max(1, min(window, MAX_WINDOW))
        self._proc: subprocess.Popen[bytes] | None = None
        self._workers: list[_Worker] = []
        self._count = workers or max(1, min(MAX_WORKERS, os.cpu_count() or 1))
        self._pending: list[str] = []
        self._sent: deque[_Worker] = deque()  # who reads each window sent, in order

    def read(self, blob: str) -> bytes:
        if self._proc is None:
            self._proc = _cat_file(self._root)
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._proc.stdin.write(blob.encode() + b"\n")
        self._proc.stdin.flush()
        return _answer(self._proc.stdout, blob)

    def request(self, blobs: list[str]) -> None:
        """Start reading these blobs in the background; `results` gives them back."""
        self._pending.extend(blobs)
        while len(self._pending) >= self._window:
            self._send(self._pending[: self._window])
            del self._pending[: self._window]

    def results(self) -> Iterator[tuple[str, bytes]]:
        """Every blob requested so far with its content, in the order requested."""
        if self._pending:
            self._send(self._pending)
            self._pending = []
        while self._sent:
            answer = self._sent.popleft().answers.get()
            if isinstance(answer, BaseException):
                raise answer
            yield from answer

    def _send(self, window: list[str]) -> None:
        if not self._workers:
            self._workers = [_Worker(self._root) for _ in range(self._count)]
        worker = self._workers[len(self._sent) % len(self._workers)]
        worker.windows.put(window)
        self._sent.append(worker)

    def close(self) -> None:
        for worker in self._workers:
            worker.stop()
        if self._proc is not None:
            assert self._proc.stdin is not None
            self._proc.stdin.close()
            self._proc.wait()

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Worker(threading.Thread):
    """One more cat-file process and the thread that feeds it windows of blob ids and
    queues what it answers (or the error that stopped it)."""

    def __init__(self, root: Path) -> None:
        super().__init__(daemon=True)
        self.proc = _cat_file(root, stream=True)
        self.windows: queue.SimpleQueue[list[str] | None] = queue.SimpleQueue()
        self.answers: queue.Queue[list[tuple[str, bytes]] | BaseException] = queue.Queue(4)
        self.start()

    def run(self) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        try:
            while (window := self.windows.get()) is not None:
                # the window's ids fit in the pipe, so they all go before the first answer
                self.proc.stdin.write(b"".join(b.encode() + b"\n" for b in window))
                self.proc.stdin.flush()
                self.answers.put([(b, _answer(self.proc.stdout, b)) for b in window])
        except Exception as exc:  # handed to the reader, which raises it
            self.answers.put(exc)
        finally:
            # closing stdout too stops git if it still has answers after an error
            for pipe in (self.proc.stdin, self.proc.stdout):
                with suppress(OSError):
                    pipe.close()
            self.proc.wait()

    def stop(self) -> None:
        self.windows.put(None)
        while self.is_alive():  # it may be waiting to hand over answers nobody wants
            with suppress(queue.Empty):
                self.answers.get_nowait()
            self.join(0.01)


def _cat_file(root: Path, *, stream: bool = False) -> subprocess.Popen[bytes]:
    """`stream`: for a worker, whose thread may wait its turn for the interpreter while
    git keeps writing. A 1 MiB pipe and read buffer (instead of 64 KiB and 8 KiB) let
    git run ahead by some thirty versions and cut the system calls; about 6% faster."""
    proc = subprocess.Popen(
        ["git", "cat-file", "--batch"],
        cwd=root,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        bufsize=STREAM_BUFFER if stream else -1,
    )
    set_pipe_size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl else None
    if stream and set_pipe_size is not None and proc.stdout is not None:
        with suppress(OSError):  # above the system's limit: keep the default
            fcntl.fcntl(proc.stdout.fileno(), set_pipe_size, STREAM_BUFFER)
    return proc


def _answer(stdout: IO[bytes], blob: str) -> bytes:
    header = stdout.readline().split()
    if len(header) != 3:
        raise GitError(
            f"git cannot read {blob}: the repository is incomplete (a partial or shallow "
            "clone); fetch its whole history (fetch-depth: 0, no --filter)"
        )
    data = stdout.read(int(header[2]))
    stdout.read(1)  # the newline after the content
    return data


class BlobStore:
    """Parsed versions by blob id: memory, then the disk cache, then git."""

    def __init__(self, root: Path, reader: BlobReader, *, cache: bool = True) -> None:
        self._reader = reader
        self._memory: dict[str, Parsed] = {}
        self._requested: set[str] = set()
        self._dir = (root / CACHE_DIR / CACHE_VERSION) if cache else None

    def request(self, blobs: list[str]) -> None:
        """Have git start reading the versions that are in no cache yet."""
        wanted = [b for b in blobs if b not in self._requested and not self._on_disk(b)]
        self._requested.update(wanted)
        self._reader.request(wanted)

    def fill(self) -> None:
        """Parse every version requested, as git hands them over."""
        for blob, raw in self._reader.results():
            if blob not in self._memory:
                parsed = parse_version(raw, blob)
                self._to_disk(blob, parsed)
                self._memory[blob] = parsed

    def get(self, blob: str, name: str) -> Parsed:
        if blob in self._memory:
            return self._memory[blob]
        parsed = self._from_disk(blob)
        if parsed is None:
            parsed = parse_version(self._reader.read(blob), name)
            self._to_disk(blob, parsed)
        self._memory[blob] = parsed
        return parsed

    def _path(self, blob: str) -> Path | None:
        return None if self._dir is None else self._dir / blob[:2] / f"{blob[2:]}.marshal"

    def _on_disk(self, blob: str) -> bool:
        path = self._path(blob)
        return path is not None and path.is_file()

    def _from_disk(self, blob: str) -> Parsed | None:
        path = self._path(blob)
        if path is None or not path.is_file():
            return None
        try:
            raw = marshal.loads(path.read_bytes())
            return Parsed(raw.get("data"), raw.get("error"))
        except (OSError, ValueError, EOFError, TypeError):
            return None  # a damaged cache entry is read again from git

    def _to_disk(self, blob: str, parsed: Parsed) -> None:
        path = self._path(blob)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            payload = {"data": parsed.data, "error": parsed.error}
            replace_file(path, marshal.dumps(payload))
        except (OSError, OutputError):
            self._dir = None  # a read-only checkout: go on without the cache


def parse_version(raw: bytes, name: str) -> Parsed:
    """One version of a file, read as napkit reads any plan file."""
    try:
        return Parsed(load_text(raw, name).data)
    except LoadError as exc:
        return Parsed(None, f"line {exc.line}: {exc.message}")
