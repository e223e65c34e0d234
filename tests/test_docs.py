"""Docs that cannot drift: every rule documented and tested, every command documented,
the site's reference pages built by real MkDocs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, build_site
from napkit.check import schema
from napkit.check.rules.catalogue import RULES
from napkit.cli import cli

# Every module of the package, wherever it sits: moving a file cannot hide its rules.
SOURCES = sorted((ROOT / "src/napkit").rglob("*.py"))
EMITTED = re.compile(
    r'(?:finding|LoadError|Finding|Problem\.at)\(\s*(?:[\w.]+,\s*){0,4}"([a-z]+(?:-[a-z]+)*)"'
)
TESTS = "\n".join(p.read_text("utf-8") for p in (ROOT / "tests").glob("test_*.py"))


def _emitted() -> set[str]:
    found: set[str] = set()
    for path in SOURCES:
        found |= set(EMITTED.findall(path.read_text("utf-8")))
    return found - {"error", "warning"}


def test_every_emitted_rule_is_in_the_catalogue() -> None:
    assert _emitted() - set(RULES) == set()


def test_every_catalogue_rule_is_emitted_by_the_code() -> None:
    """Read from the catalogue: a rule whose code moved out of sight fails here."""
    emitted = _emitted() | _mentioned_by_id()
    assert set(RULES) - emitted == set()


def _mentioned_by_id() -> set[str]:
    """Rules the code names through a variable or a mapping rather than a literal call."""
    code = "\n".join(p.read_text("utf-8") for p in SOURCES if p.name != "catalogue.py")
    return {rule for rule in RULES if f'"{rule}"' in code}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_rule_is_exercised_by_a_test(rule: str) -> None:
    if rule == "schema":
        pytest.skip("the fallback for schema keywords the schemas do not use")
    assert f'"{rule}"' in TESTS, f"no test names rule {rule}"


def test_every_command_is_documented_with_an_example() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    for name, command in cli.commands.items():
        assert f"`nap {name}" in readme, f"nap {name} is not in the README"
        assert re.search(rf"^nap {name}\b", readme, re.MULTILINE), f"no example of nap {name}"
        assert "Example:" in (command.help or ""), f"nap {name} --help has no example"


@pytest.mark.slow
def test_mkdocs_builds_the_reference_pages(tmp_path: Path) -> None:
    out = build_site(ROOT, tmp_path / "site")  # strict, and no warning
    rules_html = (out / "rules.html").read_text("utf-8")
    for rule in RULES:
        assert f"<code>{rule}</code>" in rules_html
    format_html = (out / "format.html").read_text("utf-8")
    for kind in schema.KINDS:
        for name in schema.schema(kind)["properties"]:
            assert f"<code>{name}</code>" in format_html
    assert "plans/&lt;year&gt;/&lt;body&gt;.yaml" in format_html  # escaped, not an HTML tag
    assert not list((ROOT / "docs").glob("rules.md")), "generated pages are never committed"


def test_every_dependency_says_why_in_the_readme() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Why each dependency is there", 1)[1].split("\n## ", 1)[0].lower()
    missing = []
    for requirement in wanted:
        name = re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower()
        shown = "types-*" if name.startswith("types-") else name
        if shown not in section:
            missing.append(name)
    assert not missing, f"say in README.md why these are needed: {missing}"


def test_the_pull_request_template_and_the_check_agree_on_complete_plans() -> None:
    from napkit.plans.model import FINAL_STATUSES  # what the completeness rule uses

    template = (ROOT / ".github/pull_request_template.md").read_text("utf-8")
    line = next(x for x in template.splitlines() if "indicator with a target" in x)
    must = line.split("every activity", 1)[0]
    assert {s for s in ("draft", "submitted", "finalized", "approved") if f"`{s}`" in must} == set(
        FINAL_STATUSES
    )


def test_every_link_in_the_guides_works_on_the_site_and_on_github() -> None:
    """A relative link must name a file that is in docs/ itself: generated pages
    (rules, format, changes) exist only in the built site, so the guides name them."""
    broken = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text("utf-8")):
            if "://" in target or target.startswith("mailto:"):
                continue
            if not (page.parent / target).is_file():
                broken.append(f"{page.name}: {target}")
    assert not broken, broken
    template = (ROOT / "src/napkit/authoring/templates/plan.yaml").read_text("utf-8")
    for path in re.findall(r"\b((?:schema|docs|plans)/[\w./-]+\.\w+)", template):
        assert (ROOT / path).is_file() or "<" in path or "$" in path, path
