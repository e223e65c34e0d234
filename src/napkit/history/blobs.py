"""Plan versions by blob id: read through one `git cat-file --batch` process, parsed
once, and cached on disk under .cache/napkit/ so that an unchanged history costs
almost nothing the second time."""

from __future__ import annotations

import marshal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from napkit.errors import OutputError
from napkit.load import LoadError, load_text
from napkit.output import replace_file

CACHE_DIR = Path(".cache") / "napkit" / "blobs"
# marshal: the fastest way to read plain data back (a third faster than JSON for a
# plan); its format belongs to the Python version, which is in the folder name.
CACHE_VERSION = f"2-py{sys.version_info[0]}{sys.version_info[1]}"


@dataclass(frozen=True)
class Parsed:
    """One version of a file: its data, or why it could not be read."""

    data: dict[str, Any] | None
    error: str | None = None


class BlobReader:
    """A long-lived `git cat-file --batch`: one process for every blob read."""

    def __init__(self, root: Path) -> None:
        self._proc = subprocess.Popen(
            ["git", "cat-file", "--batch"], cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )

    def read(self, blob: str) -> bytes:
        stdin, stdout = self._pipes()
        stdin.write(blob.encode() + b"\n")
        stdin.flush()
        header = stdout.readline().split()
        if len(header) != 3:
            raise KeyError(blob)
        data = stdout.read(int(header[2]))
        stdout.read(1)  # the newline after the content
        return data

    def _pipes(self) -> tuple[IO[bytes], IO[bytes]]:
        assert self._proc.stdin is not None and self._proc.stdout is not None
        return self._proc.stdin, self._proc.stdout

    def close(self) -> None:
        stdin, _ = self._pipes()
        stdin.close()
        self._proc.wait()

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class BlobStore:
    """Parsed versions by blob id: memory, then the disk cache, then git."""

    def __init__(self, root: Path, reader: BlobReader, *, cache: bool = True) -> None:
        self._reader = reader
        self._memory: dict[str, Parsed] = {}
        self._dir = (root / CACHE_DIR / CACHE_VERSION) if cache else None

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
