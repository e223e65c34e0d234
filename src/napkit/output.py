"""Writing results: to standard output, or to a file replaced in one step."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from napkit.errors import OutputError


def replace_file(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`:
    readers see the old file or the new one, never half of one."""
    folder = path.parent if str(path.parent) else Path()
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(
            f"{path}: cannot write here ({exc.strerror}): choose another output path"
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).chmod(mode if mode is not None else 0o644)
        Path(tmp).replace(path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(
            f"{path}: cannot write ({exc.strerror}): choose another output path"
        ) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def emit(data: bytes, out: Path | None) -> None:
    """To `out`, or to standard output when it is None or '-'."""
    if out is None or str(out) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    if out.is_dir():
        raise OutputError(f"{out} is a folder: give a file name")
    replace_file(out, data)
