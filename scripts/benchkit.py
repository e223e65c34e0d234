"""What the benchmark scripts share: measuring a process (wall time, exit status,
peak memory of the process and of its whole tree), finding the tools of this
environment, and printing versions and Markdown tables.

The scripts import it, and scripts/synth.py, from beside themselves: run them as
`.venv/bin/python scripts/bench_*.py`, which puts this folder on the path."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path


def tool(name: str) -> str | None:
    """The command from the same environment as this Python, else from PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


# --- measuring one process ---------------------------------------------------


class TreeSampler(threading.Thread):
    """Samples the summed resident memory of a process and its descendants from /proc
    (Linux only; nothing elsewhere). Worker processes count, which wait4's figure
    for the largest single process does not show."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak = 0
        self.stopped = threading.Event()
        self.page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

    def run(self) -> None:
        while not self.stopped.is_set():
            self.peak = max(self.peak, self._tree_rss())
            self.stopped.wait(self.interval)

    def _tree_rss(self) -> int:
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        try:
            entries = [e for e in Path("/proc").iterdir() if e.name.isdigit()]
        except OSError:
            return 0
        for entry in entries:
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rfind(")") + 2 :].split()
            pid = int(entry.name)
            parents[pid] = int(fields[1])  # field 4: ppid
            rss[pid] = int(fields[21]) * self.page  # field 24: rss in pages
        total, todo = 0, [self.pid]
        children: dict[int, list[int]] = {}
        for pid, parent in parents.items():
            children.setdefault(parent, []).append(pid)
        while todo:
            pid = todo.pop()
            total += rss.get(pid, 0)
            todo += children.get(pid, [])
        return total


@dataclass
class Run:
    seconds: float
    status: int
    max_rss: int  # bytes, the largest single process (wait4)
    tree_rss: int  # bytes, the sampled sum over the process tree (0 if unknown)
    output: str
    # user + system seconds of the process and the children it waited for (wait4): on a
    # shared machine, where wall time follows the neighbours' load, the steadier figure
    cpu: float = 0.0


def run_once(command: list[str], cwd: Path, env: Mapping[str, str] | None = None) -> Run:
    """Run `command` to completion: wall time, exit status, peak memory, output."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _, wait_status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        sampler.stopped.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(wait_status)
        out.seek(0)
        text = out.read().decode("utf-8", errors="replace")
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS
    scale = 1 if sys.platform == "darwin" else 1024
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, proc.returncode, usage.ru_maxrss * scale, sampler.peak, text, cpu)


# --- reporting ---------------------------------------------------------------


def mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB" if n else "-"


def dist_version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def platform_rows() -> list[tuple[str, str]]:
    """The Python and the machine, for the end of a script's versions list."""
    return [
        ("Python", f"{platform.python_version()} ({platform.python_implementation()})"),
        ("machine", f"{platform.machine()}, {os.cpu_count()} CPU(s), {platform.system()}"),
    ]


def markdown_table(rows: Sequence[Sequence[str]]) -> str:
    """`rows[0]` is the header; columns padded so that the text reads as a table too."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)
