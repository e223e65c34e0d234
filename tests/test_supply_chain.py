"""The supply chain: every package comes from the lock with its hashes, and every
action in the workflows is pinned to a commit, with its version beside it."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

LOCK = ROOT / "requirements/dev.txt"
WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


def _lock() -> dict[str, list[tuple[str, list[str]]]]:
    """name -> [(version, hashes)]: one pin, or one per marker where the lock forks."""
    entries: dict[str, list[tuple[str, list[str]]]] = {}
    text = LOCK.read_text("utf-8").replace("\\\n", " ")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        assert not line.startswith("-"), f"the lock holds only pins: {line}"
        pin, *options = line.split(" --")
        name, version = pin.split(";", 1)[0].strip().split("==")
        hashes = [o.removeprefix("hash=") for o in options if o.startswith("hash=sha256:")]
        assert len(hashes) == len(options), f"{name}: only --hash options in the lock"
        entries.setdefault(canonicalize_name(name), []).append((version, hashes))
    return entries


def _wanted() -> list[Requirement]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    project = pyproject["project"]
    return [
        Requirement(r)
        for r in [
            *project["dependencies"],
            *project["optional-dependencies"]["dev"],
            *pyproject["build-system"]["requires"],  # for --no-build-isolation
        ]
    ]


def test_every_dependency_is_in_the_lock_with_hashes() -> None:
    lock = _lock()
    missing = [str(r) for r in _wanted() if canonicalize_name(r.name) not in lock]
    assert not missing, f"run `make lock`: {missing} are not in {LOCK.name}"
    for requirement in _wanted():
        for version, hashes in lock[canonicalize_name(requirement.name)]:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"run `make lock`: {requirement.name}=={version} is outside {requirement}"
            )
            assert hashes, f"{requirement.name} has no hash in the lock"
    assert "pip" in lock  # `make install` upgrades pip from the lock too


def test_install_uses_the_lock() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert "$(STAMP): pyproject.toml requirements/dev.txt\n" in makefile
    assert "pip install --quiet --require-hashes -r requirements/dev.txt\n" in makefile
    assert "pip install --quiet --no-deps --no-build-isolation -e .\n" in makefile
    assert "\ntest: lint audit\n" in makefile
    assert "\t$(BIN)/zizmor --offline .github/workflows\n" in makefile


def test_every_action_is_pinned_to_a_commit() -> None:
    uses = 0
    for path in WORKFLOWS:
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            found = re.match(r"^\s*(?:-\s+)?uses:\s*(.*?)\s*$", line)
            if found:
                uses += 1
                assert PINNED.match(found[1]), (
                    f"{path.name}:{number}: pin to a commit, `owner/repo@<40-hex sha> # vX.Y.Z`"
                )
    assert uses >= 8


def test_workflows_install_from_the_lock() -> None:
    for path in WORKFLOWS:
        text = path.read_text("utf-8")
        assert "run: make install" in text, path.name
        assert "pyproject.toml" not in text, f"{path.name}: cache by the lock, not pyproject.toml"
    pr = (ROOT / ".github/workflows/pull-request.yml").read_text("utf-8")
    assert re.search(r"cache-dependency-path: requirements/dev\.txt\b", pr)
    # The job that builds what is published restores no pip cache (cache poisoning).
    publish = (ROOT / ".github/workflows/publish.yml").read_text("utf-8")
    assert "cache: pip" not in publish


def test_dependabot_updates_the_pinned_actions() -> None:
    text = (ROOT / ".github/dependabot.yml").read_text("utf-8")
    assert "package-ecosystem: github-actions" in text
