"""Nothing Iraqi leaks into what another country's repository shows: its messages,
hints, `nap new` template, --help, format and rules references and generated
pages, checked against a made-up framework unlike the sample (tests/data/other:
one jurisdiction, English and French, CAD, foreign countries as locations)."""

from __future__ import annotations

import copy
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from conftest import Repo
from napkit.check.examples import Examples
from napkit.check.validation import Options, check_plan, load_framework
from napkit.cli import cli
from napkit.plans.layout import PlanFile
from napkit.site.reference import format_page, rules_page

OTHER = Path(__file__).resolve().parent / "data" / "other"
PLAN = "plans/2022/gac.yaml"
# Words that only the Iraqi sample has: its country, currency, places, language
# codes, body ids, plan id and years.
IRAQI = re.compile(
    r"iraq|\bIQD\b|\bIQ-|baghdad|erbil|kurd|\bckb\b|\bar:|`ar`|\bfed-|\bkrg-|iq-nap|\b201[4-8]\b",
    re.IGNORECASE,
)
# Values that break a field in every way the schema can tell: wrong types, bad keys.
BAD_VALUES: list[Any] = [None, [], [1], {"Not a key": 1}, {"zz": "x"}, "x y", 1.5, True, -1]


@pytest.fixture
def other(tmp_path: Path) -> Repo:
    root = tmp_path / "other"
    shutil.copytree(OTHER, root)
    return Repo(root)


def _leaks(text: str) -> list[str]:
    return sorted({m.group(0) for m in IRAQI.finditer(text)})


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path in a plan's data, containers included."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))


def _replaced(data: Any, path: tuple[Any, ...], new: Any) -> Any:
    out = copy.deepcopy(data)
    *parents, last = path
    target = out
    for key in parents:
        target = target[key]
    target[last] = new
    return out


def test_the_other_framework_is_valid(other: Repo) -> None:
    result = other.validate("--strict")
    assert result.exit_code == 0, result.findings


def test_every_plan_message_is_free_of_the_sample(other: Repo) -> None:
    """Each field of a plan broken in every way: all the messages and hints it gets."""
    fw = load_framework(other.root)
    data = yaml.safe_load(other.read(PLAN))
    path = other.path(PLAN)
    file = PlanFile(path, PLAN, "plan", 2022, "gac")
    messages: set[str] = set()
    for where in list(_leaves(data))[1:]:
        for bad in BAD_VALUES:
            path.write_text(json.dumps(_replaced(data, where, bad), default=str), "utf-8")
            messages |= {str(f.message) for f in check_plan(file, fw, Options(jobs=1)).findings}
    assert len(messages) > 60  # the mutations reach many different rules and hints
    assert any("such as en or fr" in m for m in messages)  # hints from this framework
    assert [(m, _leaks(m)) for m in messages if _leaks(m)] == []


def test_framework_file_messages_use_its_own_examples(other: Repo) -> None:
    nap = yaml.safe_load(other.read("plans/nap.yaml"))
    nap["title"]["Peace and Security"] = None
    nap["exchange_rates"]["next year"] = {"USD": 1}
    other.write("plans/nap.yaml", json.dumps(nap, default=str))
    messages = [f["message"] for f in other.validate().findings]
    assert any("such as en or fr" in m for m in messages), messages
    assert any("use a year such as 2021" in m for m in messages), messages
    assert [m for m in messages if _leaks(m)] == []


def test_the_template_help_and_references_are_free_of_the_sample(other: Repo) -> None:
    assert other.nap("new", "dnd", "2022").exit_code == 0
    template = other.read("plans/2022/dnd.yaml")
    assert "en: ..., fr: ..." in template
    fw = load_framework(other.root)
    runner = CliRunner()
    helps = [runner.invoke(cli, [name, "--help"]).output for name in cli.commands]
    texts = {
        "template": template,
        "format": format_page(Examples.of(fw)),
        "rules": rules_page(),
        "help": runner.invoke(cli, ["--help"]).output + "".join(helps),
        "usage errors": other.nap("new", "moh", "2022").stderr
        + other.nap("new", "dnd", "2030").stderr,
    }
    assert {name: found for name, text in texts.items() if (found := _leaks(text))} == {}


def test_generated_pages_are_free_of_the_sample(other: Repo, tmp_path: Path) -> None:
    out = tmp_path / "pages"
    assert other.nap("render", "--out", str(out), "--no-history").exit_code == 0
    leaks = {
        str(page.relative_to(out)): _leaks(page.read_text("utf-8"))
        for page in out.rglob("*")
        if page.suffix in (".md", ".json", ".csv", ".xml")
    }
    assert len(leaks) > 10
    assert {page: found for page, found in leaks.items() if found} == {}


def test_search_folds_the_scripts_of_the_frameworks_languages() -> None:
    from napkit.site.search_folding import fold, script, scripts

    assert scripts(["en", "ar", "ckb"]) == ("Latn", "Arab")
    assert scripts(["en", "fr"]) == ("Latn",)
    latin = scripts(["en", "fr"])
    assert fold("Sécurité des Œuvres, straße", latin) == "Securite des OEuvres, strasse"
    assert fold("الأسري", latin) == "الأسري"  # not this framework's script: left alone
    assert fold("الأسري", ("Latn", "Arab")) == "الاسری"  # the sample, as before
    js = script(latin)
    assert '"é": "e"' in js and "ی" not in js


@pytest.mark.slow
def test_the_other_frameworks_search_finds_french_typed_without_accents(
    tmp_path: Path, browser: Any
) -> None:
    from chromium import serve
    from conftest import build_site, site_source

    src = site_source(OTHER / "plans", tmp_path / "src")
    site = build_site(src, tmp_path / "site")
    docs = json.loads((site / "search/search_index.json").read_text("utf-8"))["docs"]
    text = " ".join(d["title"] + " " + d["text"] for d in docs)
    accented = [
        w for w in re.findall(r"\w+", (OTHER / "plans/nap.yaml").read_text("utf-8")) if "é" in w
    ]
    assert accented, "the other framework has French words with accents"
    word = accented[0]
    assert word in text  # the index keeps the plan's own spelling
    bare = word.replace("é", "e")
    server = serve(site)
    base = next(server)
    page = browser.new_page()
    try:
        page.goto(f"{base}/index.html")
        box = page.locator("input[data-md-component=search-query]")
        box.click()
        box.type(bare, delay=20)
        page.wait_for_selector(".md-search-result__item mark", timeout=10_000)
        marked = page.locator(".md-search-result__item mark").all_inner_texts()
        assert word.lower() in [m.lower() for m in marked]  # found, and shown as written
        assert box.input_value() == bare
    finally:
        page.close()
        server.close()
