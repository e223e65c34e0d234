"""Editors' messages in their language: `nap validate`, its annotations and job summary,
and `nap import`, in Arabic, Sorani or English (--lang, then NAP_LANG, then the locale),
with the same rule ids, files and lines in every language, and values that keep their
own direction inside right-to-left text."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import PLAN, Repo, commit_all, git
from napkit.check.schema import KINDS, schema
from napkit.check.schema_errors import required_hint
from napkit.check.schema_words import HINTS, TITLES
from napkit.check.validation import Options, check_plan, load_framework
from napkit.findings import FSI, PDI, RLI, Message
from napkit.i18n import catalogue, languages, messages_language
from napkit.plans.layout import scan

NAP = Path(sys.executable).parent / "nap"
ARABIC_LETTERS = re.compile(r"[\u0600-\u06ff]")
# Letters only Sorani writes (ڕ ڵ ێ ۆ ە), never Arabic.
SORANI_LETTERS = re.compile(r"[\u0695\u06b5\u06ce\u06c6\u06d5]")
LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>\w+) \[(?P<rule>[\w-]+)\]"
)


@pytest.fixture
def broken(mini: Repo) -> Repo:
    """A real repository whose plan has an unknown objective and a body with a typo."""
    git(mini.root, "init", "-q", "-b", "main")
    commit_all(mini.root, "Plans", "2020-04-21T09:00:00+03:00")
    mini.edit(
        PLAN,
        ("objective: participation.1", "objective: protection.9"),
        ("body: north-moi", "body: north-mio"),
    )
    commit_all(mini.root, "Break the plan", "2020-04-22T09:00:00+03:00")
    return mini


def _nap(repo: Repo, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """nap as an editor runs it, in its own process with its own environment."""
    return subprocess.run(
        [str(NAP), *args],
        cwd=repo.root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env},
    )


def _places(text: str) -> list[tuple[str, str, str, str]]:
    return [
        (m["file"], m["line"], m["col"], m["rule"])
        for m in map(LINE.match, text.splitlines())
        if m is not None
    ]


def _messages(text: str) -> list[str]:
    return [line.split("]", 1)[1] for line in text.splitlines() if LINE.match(line)]


def test_the_language_is_chosen_by_flag_then_nap_lang_then_the_locale() -> None:
    env = {"NAP_LANG": "ckb", "LC_ALL": "", "LANG": "ar_IQ.UTF-8"}
    assert messages_language("ar", env) == "ar"
    assert messages_language(None, env) == "ckb"
    assert messages_language(None, {**env, "NAP_LANG": ""}) == "ar"  # empty: unset
    assert messages_language(None, {"LC_ALL": "ckb_IQ.UTF-8", "LANG": "ar_IQ"}) == "ckb"
    assert messages_language(None, {"LC_MESSAGES": "ar_IQ.UTF-8", "LANG": "C"}) == "ar"
    assert messages_language(None, {"LANG": "ar-IQ"}) == "ar"
    assert messages_language("AR", {}) == "ar"
    for unknown in ("fr", "fr_FR.UTF-8", "C", "POSIX", "x", ""):
        assert messages_language(unknown or None, {"LANG": unknown}) == "en"
    assert messages_language(None, {"NAP_LANG": "fr", "LANG": "ar_IQ.UTF-8"}) == "en"
    assert set(languages()) >= {"en", "ar", "ckb"}


def test_nap_validate_lang_ar_says_the_same_finding_in_arabic(broken: Repo) -> None:
    english = _nap(broken, "validate")
    arabic = _nap(broken, "validate", "--lang", "ar")
    assert (english.returncode, arabic.returncode) == (1, 1)
    assert "Traceback" not in arabic.stderr
    # Rule ids, files, lines and columns are the same; only the words change.
    assert _places(arabic.stdout) == _places(english.stdout)
    assert {p[3] for p in _places(arabic.stdout)} >= {"objective-unknown", "body-unknown"}
    for said, was in zip(_messages(arabic.stdout), _messages(english.stdout), strict=True):
        assert ARABIC_LETTERS.search(said) and said != was
    line = next(x for x in arabic.stdout.splitlines() if "[objective-unknown]" in x)
    assert line.startswith(f"{PLAN}:36:16: error [objective-unknown] activities[1].objective: ")
    assert "ليس هدفاً" in line
    # The message is one right-to-left isolate after the file name; values keep their
    # own direction inside it.
    message = line.split("activities[1].objective: ", 1)[1]
    assert message.startswith(RLI) and message.endswith(PDI)
    assert f"«{FSI}protection.9{PDI}»" in message
    assert f"{FSI}participation.1, participation.2{PDI}" in message
    assert arabic.stdout.splitlines()[-1] == f"{RLI}فُحص 3 ملفات: 3 أخطاء، 0 تحذير{PDI}"


def test_nap_lang_gives_sorani_and_lang_gives_arabic(broken: Repo) -> None:
    sorani = _nap(broken, "validate", NAP_LANG="ckb")
    assert sorani.returncode == 1 and SORANI_LETTERS.search(sorani.stdout)
    assert "ئامانج نییە" in sorani.stdout
    arabic = _nap(broken, "validate", LANG="ar_IQ.UTF-8")
    assert arabic.returncode == 1 and "ليس هدفاً" in arabic.stdout
    assert not SORANI_LETTERS.search(arabic.stdout)
    # --lang wins over the environment.
    english = _nap(broken, "validate", "--lang", "en", NAP_LANG="ckb", LANG="ar_IQ.UTF-8")
    assert "is not an objective" in english.stdout
    assert not ARABIC_LETTERS.search(english.stdout)


@pytest.mark.parametrize("how", [("--lang", "fr"), ("NAP_LANG", "de_DE.UTF-8"), ("LANG", "fr")])
def test_a_language_napkit_does_not_speak_falls_back_to_english(
    broken: Repo, how: tuple[str, str]
) -> None:
    name, value = how
    args, env = (["--lang", value], {}) if name == "--lang" else ([], {name: value})
    result = _nap(broken, "validate", *args, **env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "is not an objective" in result.stdout and not ARABIC_LETTERS.search(result.stdout)
    if name != "LANG":  # asked for by name: the editor is told
        assert f"no messages in '{value}': using English" in result.stderr


def test_annotations_and_the_job_summary_are_translated(broken: Repo, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = _nap(
        broken, "validate", "--format", "github", "--summary", str(summary), NAP_LANG="ar"
    )
    annotation = next(x for x in result.stdout.splitlines() if "objective-unknown" in x)
    head, message = annotation.split("::", 2)[1:]
    assert head == (
        f"error file={PLAN},line=36,col=16,title=objective-unknown activities[1].objective"
    )
    assert message.startswith(RLI) and "ليس هدفاً" in message
    text = summary.read_text("utf-8")
    assert text.startswith("### nap validate\n\n" + RLI + "فُحص 3 ملفات")
    assert "| | الملف | السطر | القاعدة | الموضع | المشكلة |" in text
    assert "`objective-unknown`" in text and "ليس هدفاً" in text
    assert "problem" not in text


def test_json_keeps_its_keys_and_rule_ids(broken: Repo) -> None:
    english = json.loads(_nap(broken, "validate", "--format", "json").stdout)
    arabic = json.loads(_nap(broken, "validate", "--format", "json", "--lang", "ar").stdout)
    assert (english["language"], arabic["language"]) == ("en", "ar")
    assert arabic["summary"] == english["summary"]
    for a, e in zip(arabic["findings"], english["findings"], strict=True):
        assert a.keys() == e.keys()
        assert {k: v for k, v in a.items() if k != "message"} == {
            k: v for k, v in e.items() if k != "message"
        }
        assert ARABIC_LETTERS.search(a["message"])


def test_every_message_of_a_plan_broken_in_many_ways_is_translated(mini: Repo) -> None:
    """Each finding's sentence, and every sentence inside it, is in the catalogues."""
    mini.edit(
        PLAN,
        ("objective: participation.1", "objective: protection.9"),
        ("amount: 50000000", "amount: 50.000.000"),
        ("status: approved", "status: approve"),
        ("start: 2020-05-01", "start: 1/5/2020"),
        ("      currency: XAF\n", ""),
    )
    text = mini.read(PLAN)
    mini.write(PLAN, text.replace("\nactivities:", "\ncolour: red\nactivities:", 1))
    fw = load_framework(mini.root)
    (file,) = [f for f in scan(mini.root).plans if f.rel == PLAN]
    findings = check_plan(file, fw, Options(jobs=1)).findings
    assert len({f.rule for f in findings}) >= 3
    for language in ("ar", "ckb"):
        words = catalogue(language)
        for finding in findings:
            untranslated = [m for m in _sentences(finding.message) if m not in words]
            assert untranslated == [], (language, finding.rule)
            assert ARABIC_LETTERS.search(finding.message.text(language))


def _sentences(message: Message) -> list[str]:
    """The message's own sentence and those of the messages filling it (field titles too)."""
    inner = [s for _, v in message.args if isinstance(v, Message) for s in _sentences(v)]
    return [message.template, *inner] if message.template else inner


def test_every_title_of_the_schemas_is_marked_for_the_catalogues() -> None:
    titles: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("title"), str):
                titles.add(node["title"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for kind in KINDS:
        walk(schema(kind))
    assert len(titles) > 50
    assert sorted(titles - set(TITLES)) == []


def test_every_description_a_message_quotes_is_marked_for_the_catalogues() -> None:
    """What a missing field needs (its description's first sentence) and how a value is
    written (a pattern's description) are told in the reader's words."""
    quoted: set[str] = set()

    def walk(node: object, root: dict[str, Any]) -> None:
        if isinstance(node, dict):
            fields = node.get("properties", {})
            for part in (node, node.get("then", {}), node.get("else", {})):
                for name in part.get("required", []) if isinstance(part, dict) else []:
                    quoted.add(required_hint(fields.get(name, {}), root))
            if "pattern" in node:
                quoted.add(node.get("description", ""))
            for value in node.values():
                walk(value, root)
        elif isinstance(node, list):
            for value in node:
                walk(value, root)

    for kind in KINDS:
        walk(schema(kind), schema(kind))
    assert len(quoted) > 40
    assert sorted(quoted - {""} - set(HINTS) - set(TITLES)) == []


def test_nap_import_reports_a_workbook_problem_in_arabic(mini: Repo, tmp_path: Path) -> None:
    book = tmp_path / "north-moi-2020.xlsx"
    assert mini.nap("workbook", "north-moi", "2020", "-o", str(book)).exit_code == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["Activities"]
    column = next(c.column for c in ws[1] if c.value == "budget_amount")
    ws.cell(3, column).value = "50.000.000 XAF"
    wb.save(book)
    english = _nap(mini, "import", str(book))
    arabic = _nap(mini, "import", str(book), "--lang", "ar")
    assert (english.returncode, arabic.returncode) == (1, 1)
    (problem,) = [x for x in arabic.stderr.splitlines() if "[workbook-cell]" in x]
    # The cell and the rule as in English; the column's heading and the message in Arabic.
    assert problem.startswith(f"{book}: Activities!")
    assert "(الميزانية): error [workbook-cell] " in problem
    assert "ليس رقماً" in problem and f"{FSI}50000000{PDI}" in problem
    assert "[workbook-cell]" in english.stderr and "(Budget)" in english.stderr
    assert f"{book}: {RLI}خطأ واحد (1): لم يُكتب شيء{PDI}" in arabic.stderr
    assert f"nap: {RLI}خطأ واحد (1): صحّحه في المصنف" in arabic.stderr
    assert "Traceback" not in arabic.stderr


def test_the_import_summary_speaks_the_language_too(mini: Repo, tmp_path: Path) -> None:
    (mini.root / "inbox").mkdir()
    (mini.root / "inbox" / "old.xls").write_bytes(b"not a workbook")
    summary = tmp_path / "summary.md"
    result = _nap(mini, "import", "inbox", "--summary", str(summary), NAP_LANG="ckb")
    assert result.returncode == 1
    text = summary.read_text("utf-8")
    assert "| | پەڕگەی ئێکسڵ | شوێن | یاسا | کێشە |" in text
    assert "`workbook-refused`" in text and "ناخوێنرێنەوە" in text
