"""Benchmark napkit's history extraction on a synthetic repository with a long history.

    .venv/bin/python scripts/bench_history.py [--commits 2000] [--bodies 50 --years 1]
        [--activities 30] [--runs 3] [--seed 0] [--per-file-limit N] [--out DIR]
        [--no-memory] [--no-gc] [--profile]

builds a git repository (in a temporary folder unless --out DIR: a new or empty
folder, or one this script built before) whose first commit holds the plans
written by scripts/synth.py (50 bodies x 1 year, 30 activities each, by
default), followed by --commits commits on the first-parent line of main. Each
touches one to three plans with the edits people make: a budget amount, an
indicator target, a new quarterly progress entry, a status, an activity added
or removed, two activities swapped. One commit in every 200 (at a random place)
writes a plan that is not valid YAML and the next commit fixes it; about one in
100 renames a body (git mv of its plan files, its id in bodies.yaml, in nap.yaml
if it chairs, and in the partners of the plans that name it). Commits come as
"Merge pull request #N from ..." merges (with their branch commit), squashed
"Title (#N)" commits and direct commits. The whole history is written with one
`git fast-import` stream (blobs inline), with the author, committer and
increasing dates pinned, so the same --seed gives the same commit ids.

It then times, in this process, the median of --runs runs of:

  napkit cold     napkit.history.timeline.all_revisions(root) after deleting
                  root/.cache/napkit: every revision of every plan file with its
                  semantic diff, each distinct blob parsed once, the cache written
  floor           `git log --first-parent --raw -z --no-abbrev -M` over plans/, every
                  distinct blob it names read through one `git cat-file --batch`
                  (requests fed by a thread) and parsed once with yaml.CSafeLoader;
                  no diffs, no cache: about the least any tool can do
  napkit warm     all_revisions(root) again, with the cache in place
  napkit git      read_history(root) streaming every version's blob into napkit's
                  BlobReader (its cat-file workers read while git log runs), as
                  all_revisions() does
  git alone       the same git log, streamed, and every blob it names unpacked
                  meanwhile by as many cat-file processes as napkit starts, into
                  /dev/null: git's own share of the git part, nothing reading it
  per-file loop   for every plan path ever seen, GitPython's
                  repo.iter_commits(paths=path) and (commit.tree / path).data_stream
                  .read() for each commit: what git-date plugins do. It is slow:
                  --per-file-limit N runs it on N paths (spread over the list) and
                  scales the time to all paths (marked as extrapolated)

napkit git and the per-file loop read the same blobs and parse nothing: they
compare the git part only; the loop's time over git alone's is about the highest
ratio any reader of git's output could show, printed as the ceiling. Peak memory comes from one more run of each in a forked child (ru_maxrss
of the child, which starts as a copy of this process: the table shows its peak
and the growth over its size at the fork); --no-memory skips these runs.
--no-gc disables Python's cyclic garbage collector during each measured call
(napkit and the floor keep every version's data, so with the collector on, its
full collections over a growing heap are a large share of both figures).
--profile prints the top of a cProfile of one napkit cold run and one warm run.

It prints the versions, the repository's facts, a Markdown table of the figures,
and three ratios against their goals: cold / floor (<= 2x), warm / cold (< 10%),
per-file loop / napkit git (>= 10x), each PASS or MISS. It exits 0 either way.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import math
import os
import platform
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import IO, Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from napkit.history.blobs import MAX_WORKERS, WINDOW, BlobReader
from napkit.history.timeline import all_revisions
from napkit.history.versions import History, read_history
from synth import generate

MARK_FILE = "napkit-bench-history"  # in .git: this script built the repository

NAME, EMAIL = "NAP Bench", "bench@napkit.invalid"
START = 1_641_200_400  # 2022-01-03 09:00 UTC
ZONE = "+0300"
PINNED_ENV = {
    "GIT_AUTHOR_NAME": NAME,
    "GIT_AUTHOR_EMAIL": EMAIL,
    "GIT_COMMITTER_NAME": NAME,
    "GIT_COMMITTER_EMAIL": EMAIL,
    "GIT_AUTHOR_DATE": f"{START} {ZONE}",
    "GIT_COMMITTER_DATE": f"{START} {ZONE}",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_TERMINAL_PROMPT": "0",
}

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _git(root: Path, *args: str, input: bytes | None = None) -> bytes:
    proc = subprocess.run(["git", *args], cwd=root, input=input, capture_output=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"git {args[0]} failed: {proc.stderr.decode(errors='replace')}")
    return proc.stdout


# --- the edits ---------------------------------------------------------------

_ID = re.compile(r"  - id: (\S+)")
_AMOUNTS = re.compile(r"amount: (\d+)")  # the budget's first, then its funding
_BUDGET = re.compile(r"(?m)^(      amount: )(\d+)$")
_CURRENCY = re.compile(r"(?m)^      currency: (\w+)$")
_SPENT = re.compile(r"(?m)^        spent: (\d+)$")
_INDICATOR = re.compile(
    r"(?m)^        unit: (number|percent|yes-no)\n        baseline: (\S+)\n        target: (\S+)$"
)
_PERIOD = re.compile(r"(?m)^      - period: \d{4}-Q(\d)$")
_START = re.compile(r"(?m)^    start: \d{4}-(\d\d)-")
_END = re.compile(r"(?m)^    end: \d{4}-(\d\d)-")
_PROGRESS_STATUS = re.compile(
    r"(?m)^(        status: )(not-started|on-track|delayed|completed|cancelled)$"
)
_PLAN_STATUS = re.compile(r"(?m)^(status: )(submitted|finalized|approved)$")
_TITLE = re.compile(r"(?m)^(    title: )(.+)$")
_TITLE_EN = re.compile(r"(?m)^(      en: )(.+)$")
_FLOW_LIST = re.compile(r"(?m)^(    (?:partners|locations): \[.*)\]$")
_RESPONSIBLE = re.compile(r"(?m)^(    responsible: )(.+)$")
_PILLAR = re.compile(r"(?m)^    (pillar: .+)$")

PROGRESS_STATES = ("not-started", "on-track", "delayed", "completed", "cancelled")
PLAN_STATES = ("submitted", "finalized", "approved")
NEW_TITLES = (
    "Follow-up training for the gender focal points of the directorates",
    "Second round of awareness sessions in the governorates",
    "Map the services open to women survivors of violence",
    "Joint monitoring visits with the Cross Sector Task Force",
    "Peer-learning workshop for women police officers",
    "Translate the NAP guidance for staff into Arabic and Kurdish",
)
USERS = (
    "moh-gender-unit",
    "moi-focal-point",
    "krg-hcw",
    "nap-secretariat",
    "mowa-planning",
    "unwomen-iq",
)


@dataclass
class Plan:
    """One plan file, kept as its header and one text block per activity."""

    path: str
    body: str
    year: int
    header: str  # up to and including "activities:\n"
    blocks: list[str]
    next_id: int

    @classmethod
    def parse(cls, path: str, text: str) -> Plan:
        cut = text.index("\nactivities:\n") + len("\nactivities:\n")
        header, rest = text[:cut], text[cut:]
        blocks = [b for b in re.split(r"(?m)^(?=  - id: )", rest) if b]
        body = re.search(r"(?m)^body: (\S+)$", header)
        year = re.search(r"(?m)^year: (\d+)$", header)
        assert body is not None and year is not None, path
        return cls(path, body.group(1), int(year.group(1)), header, blocks, len(blocks) + 1)

    def text(self) -> str:
        return self.header + "".join(self.blocks)


def _act_id(block: str) -> str:
    match = _ID.match(block)
    return match.group(1) if match else "?"


def edit_budget(plan: Plan, rng: random.Random) -> str | None:
    i = rng.randrange(len(plan.blocks))
    block = plan.blocks[i]
    match = _BUDGET.search(block)
    if match is None:
        return None
    old = int(match.group(2))
    currency = _CURRENCY.search(block)
    step = 1000 if currency and currency.group(1) == "USD" else 500_000
    funded = sum(int(a) for a in _AMOUNTS.findall(block)[1:])
    spent = max((int(s) for s in _SPENT.findall(block)), default=0)
    least = max(funded, spent, step)
    new = max(old + step * rng.randint(-20, 40), math.ceil(least / step) * step)
    if new == old:
        new += step
    plan.blocks[i] = block[: match.start(2)] + str(new) + block[match.end(2) :]
    return f"{'Raise' if new > old else 'Cut'} the budget of {_act_id(block)} in {plan.body}'s plan"


def edit_target(plan: Plan, rng: random.Random) -> str | None:
    i = rng.randrange(len(plan.blocks))
    block = plan.blocks[i]
    found = [m for m in _INDICATOR.finditer(block) if m.group(1) != "yes-no"]
    if not found:
        return None
    match = rng.choice(found)
    base, old = int(match.group(2)), int(match.group(3))
    if match.group(1) == "percent":
        new = rng.randint(min(base + 1, 100), 100)
    else:
        new = max(base + 1, old + rng.randint(-old // 4, old // 2 + 1))
    if new == old:
        new = old + 1
    plan.blocks[i] = block[: match.start(3)] + str(new) + block[match.end(3) :]
    return f"Set a new target for {_act_id(block)} in {plan.body}'s plan"


def edit_progress(plan: Plan, rng: random.Random) -> str | None:
    i = rng.randrange(len(plan.blocks))
    block = plan.blocks[i]
    quarters = [int(q) for q in _PERIOD.findall(block)]
    states = [m.group(2) for m in _PROGRESS_STATUS.finditer(block)]
    if states and states[-1] in ("completed", "cancelled"):
        return None
    start, end = _START.search(block), _END.search(block)
    first = (int(start.group(1)) - 1) // 3 + 1 if start else 1
    last = (int(end.group(1)) - 1) // 3 + 1 if end else 4
    quarter = max(quarters) + 1 if quarters else first
    if quarter > 4:
        return None
    share = min(1.0, (quarter - first + 1) / max(1, last - first + 1))
    state = "completed" if quarter >= last else rng.choices(("on-track", "delayed"), (80, 20))[0]
    values = []
    for k, m in enumerate(_INDICATOR.finditer(block), 1):
        unit, base, target = m.groups()
        if unit == "yes-no":
            values.append(f"I{k}: {'true' if state == 'completed' else 'false'}")
        else:
            value = int(base) + round((int(target) - int(base)) * share)
            values.append(f"I{k}: {min(value, 100) if unit == 'percent' else value}")
    amounts = _AMOUNTS.findall(block)
    amount = int(amounts[0]) if amounts else 0
    spent = max((int(s) for s in _SPENT.findall(block)), default=0)
    spent = min(amount, max(spent, int(round(amount * share * rng.uniform(0.7, 1.0), -3))))
    entry = f"      - period: {plan.year}-Q{quarter}\n        status: {state}\n"
    if values:
        entry += f"        values: {{{', '.join(values)}}}\n"
    entry += f"        spent: {int(spent)}\n"
    if "\n    progress:\n" not in block:
        entry = "    progress:\n" + entry
    plan.blocks[i] = block + entry  # progress is an activity's last field
    return f"Q{quarter} progress of {_act_id(block)} in {plan.body}'s plan"


def edit_status(plan: Plan, rng: random.Random) -> str | None:
    i = rng.randrange(len(plan.blocks))
    block = plan.blocks[i]
    found = list(_PROGRESS_STATUS.finditer(block))
    if found:
        match = rng.choice(found)
        new = rng.choice([s for s in PROGRESS_STATES if s != match.group(2)])
        plan.blocks[i] = block[: match.start(2)] + new + block[match.end(2) :]
        return f"Mark {_act_id(block)} {new} in {plan.body}'s plan"
    top = _PLAN_STATUS.search(plan.header)
    if top is None:
        return None
    new = rng.choice([s for s in PLAN_STATES if s != top.group(2)])
    plan.header = plan.header[: top.start(2)] + new + plan.header[top.end(2) :]
    return f"{plan.body}'s plan is {new}"


def edit_add(plan: Plan, rng: random.Random) -> str | None:
    new_id = f"A{plan.next_id}"
    plan.next_id += 1
    block = re.sub(r"^  - id: \S+", f"  - id: {new_id}", rng.choice(plan.blocks), count=1)
    title = rng.choice(NEW_TITLES)
    if _TITLE.search(block):
        block = _TITLE.sub(lambda m: m.group(1) + title, block, count=1)
    else:
        block = _TITLE_EN.sub(lambda m: m.group(1) + title, block, count=1)
    at = len(plan.blocks) if rng.random() < 0.8 else rng.randrange(len(plan.blocks))
    plan.blocks.insert(at, block)
    return f"Add activity {new_id} to {plan.body}'s plan"


def edit_remove(plan: Plan, rng: random.Random) -> str | None:
    if len(plan.blocks) <= 10:
        return None
    block = plan.blocks.pop(rng.randrange(len(plan.blocks)))
    return f"Drop activity {_act_id(block)} from {plan.body}'s plan"


def edit_reorder(plan: Plan, rng: random.Random) -> str | None:
    if len(plan.blocks) < 2:
        return None
    i, j = rng.sample(range(len(plan.blocks)), 2)
    plan.blocks[i], plan.blocks[j] = plan.blocks[j], plan.blocks[i]
    return f"Reorder {_act_id(plan.blocks[j])} and {_act_id(plan.blocks[i])} in {plan.body}'s plan"


EDITS: tuple[tuple[Callable[[Plan, random.Random], str | None], int], ...] = (
    (edit_budget, 25),
    (edit_target, 15),
    (edit_progress, 25),
    (edit_status, 15),
    (edit_add, 7),
    (edit_remove, 5),
    (edit_reorder, 8),
)


def edit(plan: Plan, rng: random.Random) -> str:
    funcs = [f for f, _ in EDITS]
    weights = [w for _, w in EDITS]
    while True:
        done = rng.choices(funcs, weights)[0](plan, rng)
        if done is not None:
            return done


def broken_text(plan: Plan, rng: random.Random) -> str:
    """The plan with one YAML syntax error in one activity: an unclosed flow list, a
    colon in a plain value, or a tab in the indentation."""
    blocks = list(plan.blocks)
    i = rng.randrange(len(blocks))
    block = blocks[i]
    for kind in rng.sample(("flow", "colon", "tab"), 3):
        if kind == "flow" and _FLOW_LIST.search(block):
            blocks[i] = _FLOW_LIST.sub(lambda m: m.group(1), block, count=1)
            break
        if kind == "colon" and _RESPONSIBLE.search(block):
            blocks[i] = _RESPONSIBLE.sub(
                lambda m: m.group(1) + "Gender Unit: Director's Office", block, count=1
            )
            break
        if kind == "tab" and _PILLAR.search(block):
            blocks[i] = _PILLAR.sub(lambda m: "\t" + m.group(1), block, count=1)
            break
    return plan.header + "".join(blocks)


# --- the repository ----------------------------------------------------------


class FastImport:
    """A `git fast-import` stream: blobs inline with marks, commits on refs/heads/main."""

    def __init__(self, root: Path, errors: IO[bytes]) -> None:
        self.proc = subprocess.Popen(
            ["git", "fast-import", "--quiet"],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            bufsize=1 << 20,
        )
        assert self.proc.stdin is not None
        self.out = self.proc.stdin
        self.mark = 0
        self.bytes = 0

    def _write(self, data: bytes) -> None:
        self.out.write(data)
        self.bytes += len(data)

    def blob(self, text: str) -> int:
        data = text.encode()
        self.mark += 1
        self._write(b"blob\nmark :%d\ndata %d\n" % (self.mark, len(data)) + data + b"\n")
        return self.mark

    def commit(
        self,
        message: str,
        authored: int,
        committed: int,
        parent: int | None,
        ops: list[str],
        merge: int | None = None,
    ) -> int:
        self.mark += 1
        msg = message.encode()
        lines = [
            "commit refs/heads/main",
            f"mark :{self.mark}",
            f"author {NAME} <{EMAIL}> {authored} {ZONE}",
            f"committer {NAME} <{EMAIL}> {committed} {ZONE}",
            f"data {len(msg)}",
        ]
        tail = []
        if parent is not None:
            tail.append(f"from :{parent}")
        if merge is not None:
            tail.append(f"merge :{merge}")
        tail += ops
        self._write(
            "\n".join(lines).encode() + b"\n" + msg + b"\n" + "\n".join(tail).encode() + b"\n\n"
        )
        return self.mark

    def close(self) -> int:
        self.out.close()
        return self.proc.wait()


@dataclass
class Built:
    seconds: float
    stream_bytes: int
    first_parent: int  # commits after the first, on the first-parent line
    merges: int
    squashes: int
    broken: int
    renames: int  # plan files renamed


def build_repository(
    root: Path, bodies: int, years: int, activities: int, commits: int, seed: int
) -> Built:
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="napbench-synth-") as tmp:
        files = generate(Path(tmp), bodies, years, activities, seed)
        nap_text = (Path(tmp) / "plans" / "nap.yaml").read_text("utf-8")
        bodies_text = (Path(tmp) / "plans" / "bodies.yaml").read_text("utf-8")
        plans = [Plan.parse(f.relative_to(tmp).as_posix(), f.read_text("utf-8")) for f in files]
    _git(root, "init", "-q", "-b", "main")
    rng = random.Random(f"{seed}/history")
    with tempfile.TemporaryFile() as errors:
        stream = FastImport(root, errors)
        ignore = stream.blob(".cache/\n")
        ops = [f"M 100644 :{ignore} .gitignore"]
        ops.append(f"M 100644 :{stream.blob(nap_text)} plans/nap.yaml")
        ops.append(f"M 100644 :{stream.blob(bodies_text)} plans/bodies.yaml")
        ops += [f"M 100644 :{stream.blob(p.text())} {p.path}" for p in plans]
        when = START
        head = stream.commit(
            f"Import the {years}-year plans of {bodies} bodies\n", when, when, None, ops
        )
        built = Built(0.0, 0, commits, 0, 0, 0, 0)
        pr = 0
        next_body = bodies + 1
        pending: Plan | None = None  # written broken: the next commit fixes it
        # one broken commit at a random place in every 200 (never the last commit)
        break_at = {w + rng.randrange(min(200, commits - w)) for w in range(0, commits, 200)}
        for n in range(commits):
            when += rng.randint(600, 86_400)
            ops, notes = [], []
            if pending is not None:
                ops.append(f"M 100644 :{stream.blob(pending.text())} {pending.path}")
                notes.append(f"Fix the YAML syntax of {pending.path}")
                pending = None
                style = rng.choice(("direct", "squash"))
            else:
                chosen = rng.sample(plans, rng.choice((1, 1, 1, 2, 2, 3)))
                renamed: list[str] = []
                if rng.random() < 0.01:
                    old_body, new_body = chosen[0].body, f"body-{next_body:04d}"
                    next_body += 1
                    for plan in [p for p in plans if p.body == old_body]:
                        old_path = plan.path
                        plan.body = new_body
                        plan.header = plan.header.replace(
                            f"\nbody: {old_body}\n", f"\nbody: {new_body}\n"
                        )
                        plan.path = f"plans/{plan.year}/{new_body}.yaml"
                        renamed.append(f"R {old_path} {plan.path}")
                        if plan not in chosen:
                            chosen.append(plan)
                    word = re.compile(rf"(?<![\w-]){re.escape(old_body)}(?![\w-])")
                    for plan in plans:  # other plans name the body among their partners
                        if any(old_body in b for b in plan.blocks):
                            plan.blocks = [word.sub(new_body, b) for b in plan.blocks]
                            if plan not in chosen:
                                chosen.append(plan)
                    bodies_text = bodies_text.replace(
                        f"  - id: {old_body}\n", f"  - id: {new_body}\n"
                    ).replace(f'/{old_body}"', f'/{new_body}"')
                    ops += renamed
                    ops.append(f"M 100644 :{stream.blob(bodies_text)} plans/bodies.yaml")
                    if word.search(nap_text):  # a chair of a jurisdiction
                        nap_text = word.sub(new_body, nap_text)
                        ops.append(f"M 100644 :{stream.blob(nap_text)} plans/nap.yaml")
                    notes.append(f"Rename {old_body} to {new_body}")
                    built.renames += len(renamed)
                for plan in chosen:
                    for _ in range(rng.choice((1, 1, 2))):
                        notes.append(edit(plan, rng))
                breaks = n in break_at and n < commits - 1
                for k, plan in enumerate(chosen):
                    text = broken_text(plan, rng) if breaks and k == 0 else plan.text()
                    ops.append(f"M 100644 :{stream.blob(text)} {plan.path}")
                if breaks:
                    pending = chosen[0]
                    built.broken += 1
                style = rng.choices(("merge", "squash", "direct"), (45, 40, 15))[0]
            title = notes[0] + (f" and {len(notes) - 1} more" if len(notes) > 1 else "")
            details = "".join(f"* {note}\n" for note in notes) if len(notes) > 1 else ""
            if style == "direct":
                head = stream.commit(f"{title}\n\n{details}", when, when, head, ops)
                continue
            pr += rng.randint(1, 3)
            opened = when - rng.randint(3600, 5 * 86_400)
            if style == "squash":
                built.squashes += 1
                message = f"{title} (#{pr})\n\n{details}"
                head = stream.commit(message, opened, when, head, ops)
                continue
            built.merges += 1
            side = stream.commit(f"{title}\n\n{details}", opened, when, head, ops)
            when += rng.randint(300, 7200)
            user = rng.choice(USERS)
            branch = re.sub(r"[^a-z0-9]+", "-", notes[0].lower()).strip("-")[:40].strip("-")
            message = f"Merge pull request #{pr} from {user}/{branch}\n\n{title}\n"
            head = stream.commit(message, when, when, head, ops, merge=side)
        status = stream.close()
        if status != 0:
            errors.seek(0)
            raise RuntimeError(f"git fast-import failed: {errors.read().decode(errors='replace')}")
        built.stream_bytes = stream.bytes
    _git(root, "reset", "-q", "--hard")
    (root / ".git" / MARK_FILE).write_text("built by scripts/bench_history.py\n", "utf-8")
    built.seconds = time.perf_counter() - start
    return built


def prepare_out(out: Path) -> None:
    """--out must be new, empty, or a repository this script built (replaced)."""
    if out.exists() and any(out.iterdir()):
        if not (out / ".git" / MARK_FILE).is_file():
            raise FileExistsError(f"{out} is not empty and was not built by bench_history.py")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


# --- what is measured --------------------------------------------------------


def clear_cache(root: Path) -> None:
    shutil.rmtree(root / ".cache" / "napkit", ignore_errors=True)


def cold_run(root: Path) -> Any:
    clear_cache(root)
    return all_revisions(root)


def floor(root: Path) -> tuple[int, int, int]:
    """git log, one cat-file for every distinct blob, each parsed with CSafeLoader.
    Returns (distinct blobs, their bytes, those that are not valid YAML)."""
    out = _git(
        root, "log", "--first-parent", "--raw", "-z", "--no-abbrev", "-M",
        "--format=%x1e%H", "--", "plans/",
    )  # fmt: skip
    null = b"0" * 40
    wanted = [b for b in dict.fromkeys(_RAW_NEW_BLOB.findall(out)) if b != null]
    proc = subprocess.Popen(
        ["git", "cat-file", "--batch"], cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert proc.stdin is not None and proc.stdout is not None
    stdin, stdout = proc.stdin, proc.stdout

    def feed() -> None:
        stdin.write(b"".join(b + b"\n" for b in wanted))
        stdin.close()

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    parsed: dict[bytes, Any] = {}
    size = errors = 0
    for blob in wanted:
        header = stdout.readline().split()
        data = stdout.read(int(header[2]))
        stdout.read(1)
        size += len(data)
        try:
            parsed[blob] = yaml.load(data, Loader=_Loader)
        except yaml.YAMLError:
            parsed[blob] = None
            errors += 1
    feeder.join()
    stdout.close()
    proc.wait()
    return len(parsed), size, errors


_RAW_NEW_BLOB = re.compile(rb":\d{6} \d{6} [0-9a-f]{40} ([0-9a-f]{40}) [A-Z]")


def napkit_git(root: Path) -> tuple[int, int]:
    """napkit's git part, as all_revisions() does it: read_history() streams the log
    and hands each commit's blobs to BlobReader.request(), whose cat-file workers read
    them meanwhile; results() gives them all back."""
    reads = size = 0
    with BlobReader(root) as reader:
        read_history(root, on_blobs=reader.request)
        for _blob, data in reader.results():
            size += len(data)
            reads += 1
    return reads, size


def git_alone(root: Path) -> None:
    """git's own share of the git part, with nothing reading its output: the same log,
    streamed, and every blob it names unpacked meanwhile by as many cat-file processes
    as napkit starts (windows of blob ids handed out in turn), into /dev/null. No
    reader of git's output can beat it by much, so the per-file loop's time over this
    is about the highest ratio any tool could show."""
    count = max(1, min(MAX_WORKERS, os.cpu_count() or 1))
    procs = [
        subprocess.Popen(
            ["git", "cat-file", "--batch"],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
        )
        for _ in range(count)
    ]
    log = subprocess.Popen(
        [
            "git", "log", "--first-parent", "--diff-merges=first-parent", "-M", "--raw", "-z",
            "--no-abbrev", "--format=%x1e%H", "HEAD", "--", "plans/",
        ],
        cwd=root,
        stdout=subprocess.PIPE,
        bufsize=0,
    )  # fmt: skip
    assert log.stdout is not None
    null, rest, window, sent = b"0" * 40, b"", [], 0

    def send(ids: list[bytes]) -> None:
        nonlocal sent
        stdin = procs[sent % count].stdin
        assert stdin is not None
        stdin.write(b"".join(b + b"\n" for b in ids))
        stdin.flush()
        sent += 1

    while chunk := log.stdout.read(1 << 16):
        *done, rest = (rest + chunk).split(b"\x1e")
        for record in done:
            window += [b for b in _RAW_NEW_BLOB.findall(record) if b != null]
        if len(window) >= WINDOW:
            send(window)
            window = []
    window += [b for b in _RAW_NEW_BLOB.findall(rest) if b != null]
    if window:
        send(window)
    log.wait()
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait()


def per_file_loop(root: Path, paths: Sequence[str]) -> tuple[int, int]:
    """GitPython, one file at a time, the way git-date plugins read history."""
    from git import Repo

    repo = Repo(root)
    reads = size = 0
    try:
        for path in paths:
            for commit in repo.iter_commits(paths=path):
                try:
                    data = (commit.tree / path).data_stream.read()
                except KeyError:
                    continue  # deleted (or renamed away) in this commit
                size += len(data)
                reads += 1
    finally:
        repo.close()
    return reads, size


# --- timing and memory ---------------------------------------------------------


@dataclass
class Measure:
    name: str
    what: str
    seconds: list[float] = field(default_factory=list)
    scale: float = 1.0  # > 1: measured on part of the work, scaled to all of it
    peak_rss: int = 0  # bytes; 0: not measured
    start_rss: int = 0

    @property
    def extrapolated(self) -> bool:
        return self.scale != 1.0

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) * self.scale


def call(fn: Callable[[], Any], gc_off: bool) -> Any:
    """fn(), with the cyclic garbage collector disabled while it runs if `gc_off`."""
    if not gc_off:
        return fn()
    gc.disable()
    try:
        return fn()
    finally:
        gc.enable()


def timed(fn: Callable[[], Any], gc_off: bool = False) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    result = call(fn, gc_off)
    return time.perf_counter() - start, result


def _rss_now() -> int:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def forked_peak(fn: Callable[[], Any], gc_off: bool = False) -> tuple[int, int]:
    """(peak RSS, RSS at the start) of one run of `fn` in a forked child; (0, 0) where
    fork or the resource module is missing."""
    try:
        import resource
    except ImportError:
        return 0, 0
    if not hasattr(os, "fork"):
        return 0, 0
    gc.collect()
    sys.stdout.flush()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        code = 1
        try:
            os.close(read_end)
            start = _rss_now()
            call(fn, gc_off)
            scale = 1 if sys.platform == "darwin" else 1024
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
            os.write(write_end, f"{peak} {start}".encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        answer = pipe.read().split()
    os.waitpid(pid, 0)
    return (int(answer[0]), int(answer[1])) if len(answer) == 2 else (0, 0)


# --- reporting -----------------------------------------------------------------


def _mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB" if n else "-"


def versions() -> list[tuple[str, str]]:
    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "not installed"

    libyaml = "with libyaml" if getattr(yaml, "__with_libyaml__", False) else "no libyaml"
    try:
        git_version = _git(Path.cwd(), "--version").decode().strip()
    except (OSError, RuntimeError):
        git_version = "not found"
    return [
        ("napkit", version("napkit")),
        ("PyYAML", f"{yaml.__version__} ({libyaml}; floor loader {_Loader.__name__})"),
        ("GitPython", version("GitPython")),
        ("git", git_version),
        ("Python", f"{platform.python_version()} ({platform.python_implementation()})"),
        ("machine", f"{platform.machine()}, {os.cpu_count()} CPU(s), {platform.system()}"),
    ]


def markdown(measures: list[Measure], runs: int) -> str:
    rows = [
        (
            "measurement",
            f"seconds (median of {runs})",
            "min-max",
            "peak RSS",
            "growth",
            "what",
        )
    ]
    for m in measures:
        star = " *" if m.extrapolated else ""
        lo, hi = min(m.seconds) * m.scale, max(m.seconds) * m.scale
        rows.append(
            (
                m.name + star,
                f"{m.median:.2f}{star}",
                f"{lo:.2f}-{hi:.2f}",
                _mib(m.peak_rss),
                _mib(max(0, m.peak_rss - m.start_rss)) if m.peak_rss else "-",
                m.what,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def verdicts(
    cold: Measure, floor_: Measure, warm: Measure, ngit: Measure, loop: Measure | None
) -> str:
    rows = [("ratio", "value", "goal", "result")]
    ratio = cold.median / floor_.median
    rows.append(("napkit cold / floor", f"{ratio:.2f}x", "<= 2x", "PASS" if ratio <= 2 else "MISS"))
    ratio = warm.median / cold.median
    rows.append(("napkit warm / cold", f"{ratio:.1%}", "< 10%", "PASS" if ratio < 0.10 else "MISS"))
    if loop is not None:
        ratio = loop.median / ngit.median
        star = " (extrapolated)" if loop.extrapolated else ""
        rows.append(
            (
                "per-file loop / napkit git",
                f"{ratio:.1f}x{star}",
                ">= 10x",
                "PASS" if ratio >= 10 else "MISS",
            )
        )
    else:
        rows.append(("per-file loop / napkit git", "not run", ">= 10x", "-"))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def profile(root: Path, *, warm: bool, top: int = 25) -> str:
    """The top of a cProfile of one all_revisions() run, by own time and by cumulative
    time: cold (the cache deleted first) or warm (the cache as it is)."""
    if not warm:
        clear_cache(root)
    prof = cProfile.Profile()
    prof.runcall(all_revisions, root)
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# --- main --------------------------------------------------------------------


def _facts(history: History, revisions: list[Any]) -> dict[str, int]:
    versions_ = [v for f in history.files for v in f.versions]
    return {
        "commits": len(history.commits),
        "merges": sum(len(c.parents) > 1 for c in history.commits),
        "with_pr": sum(c.pull_request is not None for c in history.commits),
        "files": len(history.files),
        "paths": len({v.path for v in versions_}),
        "live": sum(not f.deleted for f in history.files),
        "versions": sum(v.blob is not None for v in versions_),
        "renamed": sum(v.renamed_from is not None for v in versions_),
        "invalid": sum(r.diff.kind == "invalid" for _, revs in revisions for r in revs),
        "revisions": sum(len(revs) for _, revs in revisions),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--commits", type=int, default=2000, help="commits after the first (default 2000)"
    )
    parser.add_argument("--bodies", type=int, default=50, help="bodies (default 50)")
    parser.add_argument("--years", type=int, default=1, help="years (default 1)")
    parser.add_argument(
        "--activities", type=int, default=30, help="activities per plan (default 30)"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (default 3)")
    parser.add_argument(
        "--per-file-limit",
        type=int,
        default=None,
        metavar="N",
        help="run the per-file loop on N paths only and scale its time to all (0 skips it)",
    )
    parser.add_argument("--out", type=Path, help="build the repository here and keep it")
    parser.add_argument(
        "--no-memory", action="store_true", help="skip the forked runs that measure peak memory"
    )
    parser.add_argument(
        "--no-gc",
        action="store_true",
        help="disable Python's cyclic garbage collector during each measured call, as a tool "
        "could: shows how much of each figure is the collector's",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="print a cProfile of one napkit cold run and one warm run",
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.commits < 1:
        parser.error("--runs and --commits must be at least 1")
    os.environ.update(PINNED_ENV)

    print("versions:")
    for name, value in versions():
        print(f"  {name:10} {value}")
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}", flush=True)

    with tempfile.TemporaryDirectory(prefix="napbench-history-") as tmp:
        root = args.out.resolve() if args.out else Path(tmp)
        try:
            if args.out:
                prepare_out(root)
            built = build_repository(
                root, args.bodies, args.years, args.activities, args.commits, args.seed
            )
        except (OSError, RuntimeError, ValueError) as exc:
            print(f"bench_history.py: {exc}", file=sys.stderr)
            return 2
        total_commits = int(_git(root, "rev-list", "--count", "HEAD"))
        print(
            f"\nbuilt {root} in {built.seconds:.1f} s: {total_commits} commits "
            f"(fast-import stream {built.stream_bytes / 2**20:.0f} MiB)",
            flush=True,
        )

        history = read_history(root)
        all_paths = sorted({v.path for f in history.files for v in f.versions})
        limit = len(all_paths) if args.per_file_limit is None else args.per_file_limit
        limit = max(0, min(limit, len(all_paths)))
        step = len(all_paths) / limit if limit else 1.0
        loop_paths = [all_paths[int(i * step)] for i in range(limit)]

        cold = Measure("napkit cold", "all_revisions(), no cache: parse + diff + write cache")
        floor_ = Measure("floor", "git log + cat-file --batch + CSafeLoader per distinct blob")
        warm = Measure("napkit warm", "all_revisions() with the cache in place")
        ngit = Measure("napkit git", "read_history() streaming every version into BlobReader")
        alone = Measure("git alone", "the same log and cat-file work, output to /dev/null")
        loop: Measure | None = None
        if limit:
            what = "GitPython iter_commits(paths=f) + tree / f per commit"
            if limit < len(all_paths):
                what += f" ({limit} of {len(all_paths)} paths, scaled)"
            loop = Measure("per-file loop", what, scale=len(all_paths) / limit)
        facts: dict[str, int] = {}
        floor_facts = (0, 0, 0)
        git_facts = (0, 0)
        loop_facts = (0, 0)

        for run in range(1, args.runs + 1):
            print(f"\nrun {run}/{args.runs}:", flush=True)
            clear_cache(root)
            seconds, result = timed(lambda: all_revisions(root), args.no_gc)
            cold.seconds.append(seconds)
            if not facts:
                facts = _facts(history, result)
            del result
            print(f"  napkit cold    {seconds:8.2f} s", flush=True)
            seconds, result = timed(lambda: all_revisions(root), args.no_gc)
            warm.seconds.append(seconds)
            del result
            print(f"  napkit warm    {seconds:8.2f} s", flush=True)
            seconds, floor_facts = timed(lambda: floor(root), args.no_gc)
            floor_.seconds.append(seconds)
            print(f"  floor          {seconds:8.2f} s", flush=True)
            seconds, git_facts = timed(lambda: napkit_git(root), args.no_gc)
            ngit.seconds.append(seconds)
            print(f"  napkit git     {seconds:8.2f} s", flush=True)
            seconds, _ = timed(lambda: git_alone(root))
            alone.seconds.append(seconds)
            print(f"  git alone      {seconds:8.2f} s", flush=True)
            if loop is not None:
                seconds, loop_facts = timed(lambda: per_file_loop(root, loop_paths), args.no_gc)
                loop.seconds.append(seconds)
                note = f" (measured on {limit} paths)" if loop.extrapolated else ""
                print(f"  per-file loop  {seconds:8.2f} s{note}", flush=True)

        if not args.no_memory:
            print("\npeak memory (one forked run each):", flush=True)
            runs: list[tuple[Measure, Callable[[], Any]]] = [
                (cold, lambda: cold_run(root)),
                (warm, lambda: all_revisions(root)),
                (floor_, lambda: floor(root)),
                (ngit, lambda: napkit_git(root)),
            ]
            if loop is not None:
                runs.append((loop, lambda: per_file_loop(root, loop_paths)))
            for m, fn in runs:
                m.peak_rss, m.start_rss = forked_peak(fn, args.no_gc)
                print(f"  {m.name:14} {_mib(m.peak_rss)}", flush=True)

        print("\nrepository:")
        print(f"  root: {root}{'' if args.out else ' (temporary, deleted at exit)'}")
        print(
            f"  plans at the start: {args.bodies} bodies x {args.years} year(s) x "
            f"{args.activities} activities, seed {args.seed}"
        )
        print(
            f"  commits: {total_commits} in all; {facts['commits']} on the first-parent line touch "
            f"plans/ (the first + {built.first_parent}): {facts['merges']} merges, "
            f"{built.squashes} squashed, {facts['with_pr']} with a PR number; "
            f"{built.merges} branch commits off that line"
        )
        print(
            f"  plan files: {facts['files']} ({len(all_paths)} paths ever seen, {facts['live']} "
            f"now); {facts['renamed']} renamed versions; {built.broken} broken revisions "
            f"(napkit shows {facts['invalid']} as invalid; {floor_facts[2]} distinct blobs "
            "fail CSafeLoader)"
        )
        print(
            f"  versions: {facts['versions']} ({facts['revisions']} revisions with deletions); "
            f"distinct blobs: {floor_facts[0]}"
        )
        print(
            f"  YAML: {git_facts[1] / 1e6:.1f} MB across all versions, "
            f"{floor_facts[1] / 1e6:.1f} MB in distinct blobs "
            f"({floor_facts[1] / max(1, floor_facts[0]) / 1e3:.1f} kB each on average)"
        )
        if loop is not None:
            print(
                f"  per-file loop read {loop_facts[0]} blobs ({loop_facts[1] / 1e6:.1f} MB) "
                f"from {limit} of {len(all_paths)} paths; napkit git read {git_facts[0]}"
            )

        measures = [cold, floor_, warm, ngit, alone, *([loop] if loop is not None else [])]
        collector = "off (--no-gc)" if args.no_gc else "on, as by default"
        print(
            f"\nresults (seconds: median of {args.runs} runs, in this process; "
            f"garbage collector {collector}):\n"
        )
        print(markdown(measures, args.runs))
        if loop is not None and loop.extrapolated:
            print(
                f"\n* per-file loop measured on {limit} of {len(all_paths)} paths (spread over the "
                f"sorted list) and EXTRAPOLATED linearly to all {len(all_paths)}."
            )
        if not args.no_memory:
            print(
                "\npeak RSS: ru_maxrss of a forked child doing one run (git's own processes not "
                "counted); growth: over the child's size when forked."
            )
        print("\ngoals:\n")
        print(verdicts(cold, floor_, warm, ngit, loop))
        if loop is not None:
            print(
                f"\nceiling: per-file loop / git alone = {loop.median / alone.median:.1f}x, about "
                "the most any reader of git's output could show here; napkit git reaches "
                f"{alone.median / ngit.median:.0%} of git alone's speed."
            )

        if args.profile:
            print("\ncProfile of one napkit cold run:\n")
            print(profile(root, warm=False))
            print("\ncProfile of one napkit warm run:\n")
            print(profile(root, warm=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
