"""The second core: work forked off returns what it would return here, a failure
comes back as a bug report, and with another thread running the work stays here."""

from __future__ import annotations

import os
import threading

import pytest

from napkit.errors import InternalError
from napkit.site.background import Background


def test_forked_work_returns_its_result_from_another_process() -> None:
    here = os.getpid()
    job = Background(lambda: (os.getpid(), [b"x" * 3_000_000, "العربية"]))
    pid, data = job.result()
    assert pid != here
    assert data == [b"x" * 3_000_000, "العربية"]  # larger than a pipe's buffer


def test_a_failure_in_the_child_is_raised_as_a_bug() -> None:
    def broken() -> int:
        raise ValueError("no rate for CAD")

    with pytest.raises(InternalError, match="no rate for CAD"):
        Background(broken).result()


def test_with_another_thread_running_the_work_is_done_here() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        job = Background(os.getpid)
        assert job.result() == os.getpid()
    finally:
        stop.set()
        other.join()
