"""The plan repository: where its root is and which files make it up."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from napkit.errors import RepoNotFound
from napkit.findings import Message, say
from napkit.i18n import N_

PLANS = "plans"
NAP_FILE = "plans/nap.yaml"
BODIES_FILE = "plans/bodies.yaml"
_YEAR = re.compile(r"^[0-9]{4}$")


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` holding plans/nap.yaml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / NAP_FILE).is_file():
            return folder
    raise RepoNotFound(
        say(
            N_(
                "no plan repository here: no {file} in {folder} or any folder above it. Run "
                "nap inside a plan repository."
            ),
            file=NAP_FILE,
            folder=str(here),
        )
    )


@dataclass(frozen=True)
class PlanFile:
    """A file under plans/ as the layout names it."""

    path: Path  # absolute
    rel: str  # relative to the root, with forward slashes: what messages show
    kind: str  # "nap" | "bodies" | "plan"
    year: int | None = None  # a plan's folder
    body: str | None = None  # a plan's file name: the body it should belong to


@dataclass
class Layout:
    """Every file of the repository's plans/ folder, sorted into what napkit reads and
    what it cannot place (reported, never silently ignored)."""

    root: Path
    files: list[PlanFile] = field(default_factory=list)
    misplaced: list[tuple[str, Message]] = field(default_factory=list)  # (rel, why)
    outside: list[str] = field(default_factory=list)  # links pointing out of the repository

    @property
    def plans(self) -> list[PlanFile]:
        return [f for f in self.files if f.kind == "plan"]


def plan_path(year: int, body: str) -> str:
    """Where BODY's plan for YEAR lives, as messages and git show it."""
    return f"{PLANS}/{year}/{body}.yaml"


def rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def scan(root: Path) -> Layout:
    layout = Layout(root)
    real_root = root.resolve()
    plans = root / PLANS
    for folder, dirs, names in os.walk(plans):  # never follows links into other folders
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(dirs + names):
            path = here / name
            if path.is_symlink() and not path.resolve().is_relative_to(real_root):
                layout.outside.append(rel(root, path))
        for name in sorted(names):
            path = here / name
            if name.startswith(".") or rel(root, path) in layout.outside:
                continue
            parts = path.relative_to(plans).parts
            kind = _kind(parts)
            if kind == "plan":
                layout.files.append(PlanFile(path, rel(root, path), kind, int(parts[0]), path.stem))
            elif kind is not None:
                layout.files.append(PlanFile(path, rel(root, path), kind))
            elif path.suffix in (".yaml", ".yml"):
                layout.misplaced.append((rel(root, path), _why(parts)))
    layout.files.sort(key=lambda f: f.rel)
    return layout


def _kind(parts: tuple[str, ...]) -> str | None:
    if parts == ("nap.yaml",):
        return "nap"
    if parts == ("bodies.yaml",):
        return "bodies"
    if len(parts) == 2 and _YEAR.match(parts[0]) and parts[1].endswith(".yaml"):
        return "plan"
    return None


def _why(parts: tuple[str, ...]) -> Message:
    if parts[-1].endswith(".yml"):
        return Message(N_("plan files end in .yaml, not .yml: rename the file"))
    return Message(
        N_("napkit reads plans/nap.yaml, plans/bodies.yaml and plans/<year>/<body>.yaml only")
    )
