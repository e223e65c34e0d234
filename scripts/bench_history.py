"""Benchmark napkit's history extraction on a synthetic repository with a long history.

    .venv/bin/python scripts/bench_history.py [--commits 2000] [--bodies 50 --years 1]
        [--activities 30] [--runs 3] [--seed 0] [--per-file-limit N] [--out DIR]
        [--no-memory] [--no-gc] [--profile] [--base REV]

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
--base REV also times all_revisions(root) of revision REV (a detached worktree, see
scripts/codeversions.py) and of the work tree, cold and warm, in child processes taken
in turns, and prints work tree / base for each with its verdict (5 % band).

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

from benchkit import markdown_table, mib
from codeversions import Code, SetupError, add_base_option, interleaved, verdict
from codeversions import versions as code_versions
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
    total_commits: int = 0  # every commit in the repository, branch commits included


@dataclass
class FirstPlans:
    """What scripts/synth.py writes, as the first commit holds it."""

    nap_text: str
    bodies_text: str
    plans: list[Plan]


@dataclass
class Change:
    """One change on the first-parent line: its fast-import file operations, the notes
    its message is made of, and how it lands ("direct", "squash" or "merge")."""

    ops: list[str]
    notes: list[str]
    style: str


def synth_plans(bodies: int, years: int, activities: int, seed: int) -> FirstPlans:
    with tempfile.TemporaryDirectory(prefix="napbench-synth-") as tmp:
        files = generate(Path(tmp), bodies, years, activities, seed)
        nap_text = (Path(tmp) / "plans" / "nap.yaml").read_text("utf-8")
        bodies_text = (Path(tmp) / "plans" / "bodies.yaml").read_text("utf-8")
        plans = [Plan.parse(f.relative_to(tmp).as_posix(), f.read_text("utf-8")) for f in files]
    return FirstPlans(nap_text, bodies_text, plans)


class HistoryWriter:
    """The commits of the synthetic history, written into one fast-import stream. Every
    choice is drawn from one generator seeded with --seed, always in the same order,
    which is what makes the commit ids depend on the seed alone."""

    def __init__(self, stream: FastImport, first: FirstPlans, commits: int, seed: int) -> None:
        self.stream = stream
        self.rng = random.Random(f"{seed}/history")
        self.plans = first.plans
        self.nap_text = first.nap_text
        self.bodies_text = first.bodies_text
        self.commits = commits
        self.built = Built(0.0, 0, commits, 0, 0, 0, 0)
        self.pr = 0
        self.next_body = 0  # first_commit sets it: the number after the last body
        self.pending: Plan | None = None  # written broken: the next commit fixes it
        self.when = START
        self.head = 0
        # one broken commit at a random place in every 200 (never the last commit)
        self.break_at = {
            w + self.rng.randrange(min(200, commits - w)) for w in range(0, commits, 200)
        }

    def blob_op(self, text: str, path: str) -> str:
        return f"M 100644 :{self.stream.blob(text)} {path}"

    def first_commit(self, bodies: int, years: int) -> None:
        """The .gitignore and every plan as synth.py wrote them."""
        self.next_body = bodies + 1
        ops = [self.blob_op(".cache/\n", ".gitignore")]
        ops.append(self.blob_op(self.nap_text, "plans/nap.yaml"))
        ops.append(self.blob_op(self.bodies_text, "plans/bodies.yaml"))
        ops += [self.blob_op(p.text(), p.path) for p in self.plans]
        message = f"Import the {years}-year plans of {bodies} bodies\n"
        self.head = self.stream.commit(message, self.when, self.when, None, ops)

    def write(self) -> Built:
        """The --commits commits after the first."""
        for n in range(self.commits):
            self.when += self.rng.randint(600, 86_400)
            self.land(self.fix() if self.pending is not None else self.edits(n))
        return self.built

    def fix(self) -> Change:
        """The commit after a broken one: the plan as it should have been."""
        plan = self.pending
        assert plan is not None
        self.pending = None
        ops = [self.blob_op(plan.text(), plan.path)]
        notes = [f"Fix the YAML syntax of {plan.path}"]
        return Change(ops, notes, self.rng.choice(("direct", "squash")))

    def edits(self, n: int) -> Change:
        """Edits to one to three plans (after renaming a body, now and then); commit `n`
        may write the first of them broken."""
        rng = self.rng
        chosen = rng.sample(self.plans, rng.choice((1, 1, 1, 2, 2, 3)))
        ops: list[str] = []
        notes: list[str] = []
        if rng.random() < 0.01:
            ops, notes = self.rename(chosen)
        for plan in chosen:
            for _ in range(rng.choice((1, 1, 2))):
                notes.append(edit(plan, rng))
        breaks = n in self.break_at and n < self.commits - 1
        for k, plan in enumerate(chosen):
            text = broken_text(plan, rng) if breaks and k == 0 else plan.text()
            ops.append(self.blob_op(text, plan.path))
        if breaks:
            self.pending = chosen[0]
            self.built.broken += 1
        return Change(ops, notes, rng.choices(("merge", "squash", "direct"), (45, 40, 15))[0])

    def rename(self, chosen: list[Plan]) -> tuple[list[str], list[str]]:
        """Rename the body of the first chosen plan: git mv of its plan files, its id in
        bodies.yaml, in nap.yaml if it chairs, and in the partners of the plans that name
        it. Every plan this touches joins `chosen`. Returns (ops, notes)."""
        old_body, new_body = chosen[0].body, f"body-{self.next_body:04d}"
        self.next_body += 1
        ops = self.move_plans(old_body, new_body, chosen)
        self.built.renames += len(ops)
        word = re.compile(rf"(?<![\w-]){re.escape(old_body)}(?![\w-])")
        for plan in self.plans:  # other plans name the body among their partners
            if any(old_body in b for b in plan.blocks):
                plan.blocks = [word.sub(new_body, b) for b in plan.blocks]
                if plan not in chosen:
                    chosen.append(plan)
        self.bodies_text = self.bodies_text.replace(
            f"  - id: {old_body}\n", f"  - id: {new_body}\n"
        ).replace(f'/{old_body}"', f'/{new_body}"')
        ops.append(self.blob_op(self.bodies_text, "plans/bodies.yaml"))
        if word.search(self.nap_text):  # a chair of a jurisdiction
            self.nap_text = word.sub(new_body, self.nap_text)
            ops.append(self.blob_op(self.nap_text, "plans/nap.yaml"))
        return ops, [f"Rename {old_body} to {new_body}"]

    def move_plans(self, old_body: str, new_body: str, chosen: list[Plan]) -> list[str]:
        """The plans of `old_body` given to `new_body`: their rename operations."""
        renamed: list[str] = []
        for plan in [p for p in self.plans if p.body == old_body]:
            old_path = plan.path
            plan.body = new_body
            plan.header = plan.header.replace(f"\nbody: {old_body}\n", f"\nbody: {new_body}\n")
            plan.path = f"plans/{plan.year}/{new_body}.yaml"
            renamed.append(f"R {old_path} {plan.path}")
            if plan not in chosen:
                chosen.append(plan)
        return renamed

    def land(self, change: Change) -> None:
        """Commit `change` directly, squashed from a pull request, or as a pull request's
        branch commit and its merge."""
        rng, notes, ops = self.rng, change.notes, change.ops
        title = notes[0] + (f" and {len(notes) - 1} more" if len(notes) > 1 else "")
        details = "".join(f"* {note}\n" for note in notes) if len(notes) > 1 else ""
        if change.style == "direct":
            self.head = self.stream.commit(
                f"{title}\n\n{details}", self.when, self.when, self.head, ops
            )
            return
        self.pr += rng.randint(1, 3)
        opened = self.when - rng.randint(3600, 5 * 86_400)
        if change.style == "squash":
            self.built.squashes += 1
            message = f"{title} (#{self.pr})\n\n{details}"
            self.head = self.stream.commit(message, opened, self.when, self.head, ops)
            return
        self.built.merges += 1
        side = self.stream.commit(f"{title}\n\n{details}", opened, self.when, self.head, ops)
        self.when += rng.randint(300, 7200)
        user = rng.choice(USERS)
        branch = re.sub(r"[^a-z0-9]+", "-", notes[0].lower()).strip("-")[:40].strip("-")
        message = f"Merge pull request #{self.pr} from {user}/{branch}\n\n{title}\n"
        self.head = self.stream.commit(message, self.when, self.when, self.head, ops, merge=side)


def build_repository(
    root: Path, bodies: int, years: int, activities: int, commits: int, seed: int
) -> Built:
    start = time.perf_counter()
    first = synth_plans(bodies, years, activities, seed)
    _git(root, "init", "-q", "-b", "main")
    with tempfile.TemporaryFile() as errors:
        stream = FastImport(root, errors)
        writer = HistoryWriter(stream, first, commits, seed)
        writer.first_commit(bodies, years)
        built = writer.write()
        status = stream.close()
        if status != 0:
            errors.seek(0)
            raise RuntimeError(f"git fast-import failed: {errors.read().decode(errors='replace')}")
        built.stream_bytes = stream.bytes
    _git(root, "reset", "-q", "--hard")
    (root / ".git" / MARK_FILE).write_text("built by scripts/bench_history.py\n", "utf-8")
    built.seconds = time.perf_counter() - start
    built.total_commits = int(_git(root, "rev-list", "--count", "HEAD"))
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
                mib(m.peak_rss),
                mib(max(0, m.peak_rss - m.start_rss)) if m.peak_rss else "-",
                m.what,
            )
        )
    return markdown_table(rows)


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
    return markdown_table(rows)


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


# --- versions compared (--base) ----------------------------------------------

# all_revisions(root) in a child process of one napkit version: prints its wall and
# CPU seconds (this process only: git's own work is the same for both versions)
CHILD = """\
import gc, sys, time
from pathlib import Path
from napkit.history.timeline import all_revisions
root = Path(sys.argv[1])
gc.collect()
if sys.argv[2] == "no-gc":
    gc.disable()
start, cpu = time.perf_counter(), time.process_time()
all_revisions(root)
print(time.perf_counter() - start, time.process_time() - cpu)
"""
WARM_RUNS = 3  # warm runs after each cold one: a warm run is short, so noisier


def child_seconds(code: Code, root: Path, scratch: Path, gc_off: bool) -> tuple[float, float]:
    """Wall and CPU seconds of one all_revisions(root) in a child process of `code`."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(root), "no-gc" if gc_off else "gc"],
        cwd=scratch,
        env=code.env(scratch),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 or len(done.stdout.split()) < 2:
        raise RuntimeError(f"{code.label}: all_revisions() failed: {done.stderr.strip()}")
    wall, cpu = done.stdout.split()[-2:]
    return float(wall), float(cpu)


def compare_versions(
    codes: Sequence[Code], root: Path, scratch: Path, runs: int, gc_off: bool
) -> list[str]:
    """all_revisions(root) of each version in child processes, cold (the cache deleted)
    then warm (the cache that version just wrote), in turns; a verdict line for each,
    in wall and in CPU seconds."""
    print("\nall_revisions() in child processes, base and work tree in turn:", flush=True)

    def one(code: Code) -> list[tuple[str, float, float]]:
        clear_cache(root)
        found = [("cold", *child_seconds(code, root, scratch, gc_off))]
        found += [("warm", *child_seconds(code, root, scratch, gc_off)) for _ in range(WARM_RUNS)]
        shown = ", ".join(f"{kind} {wall:.2f} s" for kind, wall, _ in found)
        print(f"  {code.label}: {shown}", flush=True)
        return found

    times = interleaved(codes, runs, one)
    clear_cache(root)  # no later run reads a cache the base wrote
    lines = []
    for kind in ("cold", "warm"):
        for i, unit in ((1, "wall"), (2, "CPU")):
            base = [float(t[i]) for turn in times["base"] for t in turn if t[0] == kind]
            head = [float(t[i]) for turn in times["head"] for t in turn if t[0] == kind]
            ratio, text = verdict(base, head)
            lines.append(
                f"work tree / base, history {kind}, {unit} seconds: {ratio:.2f}x: {text} "
                f"({len(head)} run(s) each)"
            )
    return lines


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


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
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
    add_base_option(parser)
    args = parser.parse_args(argv)
    if args.runs < 1 or args.commits < 1:
        parser.error("--runs and --commits must be at least 1")
    return args


def print_versions() -> None:
    print("versions:")
    for name, value in versions():
        print(f"  {name:10} {value}")
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}", flush=True)


def make_repository(args: argparse.Namespace, root: Path) -> Built:
    """The synthetic repository at `root` (emptied first if it is --out)."""
    if args.out:
        prepare_out(root)
    built = build_repository(
        root, args.bodies, args.years, args.activities, args.commits, args.seed
    )
    print(
        f"\nbuilt {root} in {built.seconds:.1f} s: {built.total_commits} commits "
        f"(fast-import stream {built.stream_bytes / 2**20:.0f} MiB)",
        flush=True,
    )
    return built


@dataclass
class Bench:
    """The in-process measurements on one repository, and what they found in it."""

    root: Path
    gc_off: bool
    history: History
    all_paths: list[str]  # every plan path ever seen
    loop_paths: list[str]  # those the per-file loop reads, spread over all_paths
    cold: Measure
    floor_: Measure
    warm: Measure
    ngit: Measure
    alone: Measure
    loop: Measure | None
    facts: dict[str, int] = field(default_factory=dict)
    floor_facts: tuple[int, int, int] = (0, 0, 0)  # distinct blobs, their bytes, invalid
    git_facts: tuple[int, int] = (0, 0)  # blobs read, their bytes
    loop_facts: tuple[int, int] = (0, 0)

    @property
    def limit(self) -> int:
        return len(self.loop_paths)

    @property
    def measures(self) -> list[Measure]:
        loop = [self.loop] if self.loop is not None else []
        return [self.cold, self.floor_, self.warm, self.ngit, self.alone, *loop]


def new_bench(root: Path, per_file_limit: int | None, gc_off: bool) -> Bench:
    history = read_history(root)
    all_paths = sorted({v.path for f in history.files for v in f.versions})
    limit = len(all_paths) if per_file_limit is None else per_file_limit
    limit = max(0, min(limit, len(all_paths)))
    step = len(all_paths) / limit if limit else 1.0
    loop: Measure | None = None
    if limit:
        what = "GitPython iter_commits(paths=f) + tree / f per commit"
        if limit < len(all_paths):
            what += f" ({limit} of {len(all_paths)} paths, scaled)"
        loop = Measure("per-file loop", what, scale=len(all_paths) / limit)
    return Bench(
        root,
        gc_off,
        history,
        all_paths,
        [all_paths[int(i * step)] for i in range(limit)],
        Measure("napkit cold", "all_revisions(), no cache: parse + diff + write cache"),
        Measure("floor", "git log + cat-file --batch + CSafeLoader per distinct blob"),
        Measure("napkit warm", "all_revisions() with the cache in place"),
        Measure("napkit git", "read_history() streaming every version into BlobReader"),
        Measure("git alone", "the same log and cat-file work, output to /dev/null"),
        loop,
    )


def run_measures(bench: Bench) -> None:
    """One run of every measurement, in this process."""
    root, gc_off = bench.root, bench.gc_off
    clear_cache(root)
    seconds, result = timed(lambda: all_revisions(root), gc_off)
    bench.cold.seconds.append(seconds)
    if not bench.facts:
        bench.facts = _facts(bench.history, result)
    del result
    print(f"  napkit cold    {seconds:8.2f} s", flush=True)
    seconds, result = timed(lambda: all_revisions(root), gc_off)
    bench.warm.seconds.append(seconds)
    del result
    print(f"  napkit warm    {seconds:8.2f} s", flush=True)
    seconds, bench.floor_facts = timed(lambda: floor(root), gc_off)
    bench.floor_.seconds.append(seconds)
    print(f"  floor          {seconds:8.2f} s", flush=True)
    seconds, bench.git_facts = timed(lambda: napkit_git(root), gc_off)
    bench.ngit.seconds.append(seconds)
    print(f"  napkit git     {seconds:8.2f} s", flush=True)
    seconds, _ = timed(lambda: git_alone(root))
    bench.alone.seconds.append(seconds)
    print(f"  git alone      {seconds:8.2f} s", flush=True)
    if bench.loop is not None:
        seconds, bench.loop_facts = timed(lambda: per_file_loop(root, bench.loop_paths), gc_off)
        bench.loop.seconds.append(seconds)
        note = f" (measured on {bench.limit} paths)" if bench.loop.extrapolated else ""
        print(f"  per-file loop  {seconds:8.2f} s{note}", flush=True)


def measure_memory(bench: Bench) -> None:
    """Peak memory of one more run of each measurement, in a forked child."""
    root = bench.root
    print("\npeak memory (one forked run each):", flush=True)
    runs: list[tuple[Measure, Callable[[], Any]]] = [
        (bench.cold, lambda: cold_run(root)),
        (bench.warm, lambda: all_revisions(root)),
        (bench.floor_, lambda: floor(root)),
        (bench.ngit, lambda: napkit_git(root)),
    ]
    if bench.loop is not None:
        runs.append((bench.loop, lambda: per_file_loop(root, bench.loop_paths)))
    for m, fn in runs:
        m.peak_rss, m.start_rss = forked_peak(fn, bench.gc_off)
        print(f"  {m.name:14} {mib(m.peak_rss)}", flush=True)


def print_repository(bench: Bench, args: argparse.Namespace, built: Built) -> None:
    facts, floor_facts, git_facts = bench.facts, bench.floor_facts, bench.git_facts
    paths = len(bench.all_paths)
    print("\nrepository:")
    print(f"  root: {bench.root}{'' if args.out else ' (temporary, deleted at exit)'}")
    print(
        f"  plans at the start: {args.bodies} bodies x {args.years} year(s) x "
        f"{args.activities} activities, seed {args.seed}"
    )
    print(
        f"  commits: {built.total_commits} in all; {facts['commits']} on the first-parent line "
        f"touch plans/ (the first + {built.first_parent}): {facts['merges']} merges, "
        f"{built.squashes} squashed, {facts['with_pr']} with a PR number; "
        f"{built.merges} branch commits off that line"
    )
    print(
        f"  plan files: {facts['files']} ({paths} paths ever seen, {facts['live']} "
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
    if bench.loop is not None:
        print(
            f"  per-file loop read {bench.loop_facts[0]} blobs "
            f"({bench.loop_facts[1] / 1e6:.1f} MB) from {bench.limit} of {paths} paths; "
            f"napkit git read {git_facts[0]}"
        )


def print_results(bench: Bench, args: argparse.Namespace) -> None:
    """The table of figures, its notes, the goals and the ceiling."""
    loop, paths = bench.loop, len(bench.all_paths)
    collector = "off (--no-gc)" if args.no_gc else "on, as by default"
    print(
        f"\nresults (seconds: median of {args.runs} runs, in this process; "
        f"garbage collector {collector}):\n"
    )
    print(markdown(bench.measures, args.runs))
    if loop is not None and loop.extrapolated:
        print(
            f"\n* per-file loop measured on {bench.limit} of {paths} paths (spread over the "
            f"sorted list) and EXTRAPOLATED linearly to all {paths}."
        )
    if not args.no_memory:
        print(
            "\npeak RSS: ru_maxrss of a forked child doing one run (git's own processes not "
            "counted); growth: over the child's size when forked."
        )
    print("\ngoals:\n")
    print(verdicts(bench.cold, bench.floor_, bench.warm, bench.ngit, loop))
    if loop is not None:
        print(
            f"\nceiling: per-file loop / git alone = {loop.median / bench.alone.median:.1f}x, "
            "about the most any reader of git's output could show here; napkit git reaches "
            f"{bench.alone.median / bench.ngit.median:.0%} of git alone's speed."
        )


def print_profiles(root: Path) -> None:
    print("\ncProfile of one napkit cold run:\n")
    print(profile(root, warm=False))
    print("\ncProfile of one napkit warm run:\n")
    print(profile(root, warm=True))


def benchmark(
    args: argparse.Namespace, root: Path, built: Built, scratch: Path, codes: Sequence[Code]
) -> None:
    """Measure, compare the versions in `codes` if there are two, and print it all."""
    bench = new_bench(root, args.per_file_limit, args.no_gc)
    for run in range(1, args.runs + 1):
        print(f"\nrun {run}/{args.runs}:", flush=True)
        run_measures(bench)
    if not args.no_memory:
        measure_memory(bench)
    compared = compare_versions(codes, root, scratch, args.runs, args.no_gc) if codes else []
    print_repository(bench, args, built)
    print_results(bench, args)
    if compared:
        print("\nversions (all_revisions() in child processes, medians):\n")
        print("\n".join(compared))
    if args.profile:
        print_profiles(root)


def run(args: argparse.Namespace, root: Path, scratch: Path) -> int:
    built = make_repository(args, root)
    if args.base is None:
        benchmark(args, root, built, scratch, [])
        return 0
    print("\nnapkit versions compared (--base):", flush=True)
    with code_versions(args.base, scratch) as codes:
        benchmark(args, root, built, scratch, codes)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.update(PINNED_ENV)
    print_versions()
    try:
        with (
            tempfile.TemporaryDirectory(prefix="napbench-history-") as tmp,
            tempfile.TemporaryDirectory(prefix="napbench-scratch-") as scratch,
        ):
            root = args.out.resolve() if args.out else Path(tmp)
            return run(args, root, Path(scratch))
    except (OSError, RuntimeError, ValueError, SetupError) as exc:
        print(f"bench_history.py: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
