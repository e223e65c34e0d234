"""Work done on a second core while the pages are made: the XLSX downloads take
about as long as every other page together, and need nothing but the master plan.

A forked child inherits the data without copying it through a pipe; only the
result comes back. Where forking is not safe (another thread is running, as under
`mkdocs serve`) or not available, the work is done in this process when asked for.
"""

from __future__ import annotations

import multiprocessing
import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

from napkit.errors import InternalError

T = TypeVar("T")


class Background(Generic[T]):
    """`work()` run in a forked child; `result()` waits for it."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._conn: Connection | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            ours, theirs = context.Pipe(duplex=False)
            self._process = context.Process(target=_run, args=(work, theirs), daemon=True)
            self._process.start()
            theirs.close()
            self._conn = ours

    def result(self) -> T:
        if self._conn is None or self._process is None:
            return self._work()
        try:
            ok, payload = self._conn.recv()
        except EOFError:
            raise InternalError("the background worker ended without a result") from None
        finally:
            self._conn.close()
            self._process.join()
        if not ok:
            raise InternalError(f"the background worker failed:\n{payload}")
        result: T = payload
        return result


def _run(work: Callable[[], object], conn: Connection) -> None:
    try:
        message = (True, work())
    except BaseException:  # reported to the parent, which raises it as a bug
        message = (False, traceback.format_exc())
    conn.send(message)
    conn.close()
