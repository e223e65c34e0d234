"""napkit's own words in Arabic and Kurdish: every marked string translated in every
catalogue, with its placeholders kept; what the catalogues say reaches the workbook."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT, Repo

sys.path.insert(0, str(ROOT / "scripts"))
from catalogues import LOCALE, marked
from napkit.i18n import catalogue, plural, plurals, translate

LANGUAGES = sorted(p.name for p in LOCALE.iterdir() if p.is_dir())
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def test_there_are_catalogues_for_arabic_and_kurdish() -> None:
    assert LANGUAGES == ["ar", "ckb"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_is_translated(language: str) -> None:
    messages = marked()
    assert len(messages) > 40  # the extraction found the code's strings
    words = catalogue(language)
    forms = plurals(language)
    missing = [m for m in messages if not (words.get(m) if isinstance(m, str) else forms.get(m))]
    assert not missing, f"{language}: translate these (then run make catalogues): {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_are_kept(language: str) -> None:
    for message, translation in catalogue(language).items():
        assert sorted(PLACEHOLDER.findall(message)) == sorted(PLACEHOLDER.findall(translation)), (
            language,
            message,
        )


def test_the_catalogues_are_up_to_date_with_the_code() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts/catalogues.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_string_without_a_translation_stays_english() -> None:
    assert translate("Budget", "fr") == "Budget"
    assert translate("no such string", "ar") == "no such string"


def test_the_workbook_speaks_the_frameworks_languages(sample: Repo, tmp_path: Path) -> None:
    book = tmp_path / "b.xlsx"
    assert sample.nap("workbook", "fed-moh", "2016", "-o", str(book)).exit_code == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["Activities"]
    headings = {ws.cell(1, c).value: ws.cell(2, c).value for c in range(1, ws.max_column + 1)}
    assert headings["budget_amount"].split("\n") == ["Budget", "الميزانية", "بودجە"]
    assert headings["title_ar"].split("\n")[1] == "العنوان (العربية)"
    instructions = wb["Instructions"]
    row = [c.value for c in instructions[2]]
    assert row[1:4] == ["English", "العربية", "کوردی"]
    texts = [instructions.cell(r, 3).value for r in range(3, instructions.max_row + 1)]
    assert any("خطة" in (t or "") for t in texts)  # the Arabic column
    assert instructions.cell(3, 3).alignment.readingOrder == 2
    # and it still reads back as the same plan
    result = sample.nap("import", str(book))
    assert result.exit_code == 0 and "up to date" in result.output, result.stderr


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_forms_keep_their_placeholders(language: str) -> None:
    for (singular, _plural), forms in plurals(language).items():
        for form in forms:
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(singular))


def test_a_plural_without_a_catalogue_follows_english() -> None:
    assert plural("{n} plan", "{n} plans", 1, "fr") == "{n} plan"
    assert plural("{n} plan", "{n} plans", 2, "fr") == "{n} plans"
