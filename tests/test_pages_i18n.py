"""The site's pages in Arabic and Kurdish: napkit's own words from the catalogues,
numbers and dates in the reader's digits, plan text in the reader's language with a
note where it falls back, plurals by each language's rule. The sample's pages, made
for real by pages.generate from the sample plans."""

from __future__ import annotations

import io
import re
import shutil
import sys
from decimal import Decimal
from functools import cache
from importlib.resources import files
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT, SAMPLE

sys.path.insert(0, str(ROOT / "scripts"))
from catalogues import marked
from napkit.i18n import Reader, reading, tn, translate
from napkit.plans.framework import Language
from napkit.render.numbers import DIGITS, amount, day, share
from napkit.site import assets
from napkit.site.inputs import load_inputs
from napkit.site.languages import Languages
from napkit.site.pages import Site, generate

RTL = ("ar", "ckb")
INDIC = DIGITS["arab"]
# Pages napkit makes from words of its own; format.md and rules.md are the reference
# generated from the schemas and rules, in English like the guides.
REFERENCE = {"format.md", "rules.md"}


@cache
def _site(root: Path, language: str | None) -> Site:
    return generate(load_inputs(root, with_history=False), language=language)


def site(language: str | None) -> Site:
    return _site(SAMPLE, language)


def pages(s: Site) -> dict[str, str]:
    return {
        p: page.content
        for p, page in s.pages.items()
        if p.endswith(".md") and isinstance(page.content, str) and p not in REFERENCE
    }


def _msgids() -> list[str]:
    """Every English string of the catalogues, each plural form on its own."""
    out: list[str] = []
    for m in marked():
        out += [m] if isinstance(m, str) else list(m)
    return out


_FOREIGN = re.compile(r'<(span|p) lang="(?P<lang>[a-z]+)"[^>]*>.*?</\1>', re.DOTALL)
_LINK = re.compile(r"\]\([^)]*\)")
_CODE = re.compile(r"`[^`]*`|\{: #[^}]*\}")
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|\{[a-z_]+\}")


def interface_texts(page: str, language: str) -> list[str]:
    """A page's headings and table headings, as napkit wrote them: plan text in another
    language (marked with its lang), link targets and code taken out."""
    lines = page.splitlines()
    found = []
    for n, line in enumerate(lines):
        heading = line.startswith("#")
        header = line.startswith("|") and n + 1 < len(lines) and lines[n + 1].startswith("|--")
        if not (heading or header):
            continue
        shown = _FOREIGN.sub(lambda m: "" if m["lang"] != language else m.group(0), line)
        shown = _CODE.sub("", _LINK.sub("](x)", shown))
        parts = shown.strip("#").split("|") if header else [shown.lstrip("#")]
        found += [p.strip().replace("\\", "") for p in parts if p.strip()]
    return found


def _pattern(msgid: str) -> re.Pattern[str]:
    """A msgid as it reads once its placeholders are filled."""
    pieces = _PLACEHOLDER.split(msgid)
    return re.compile(".+?".join(re.escape(p) for p in pieces), re.DOTALL)


@pytest.mark.parametrize("language", RTL)
def test_no_heading_or_table_heading_is_left_in_english(language: str) -> None:
    # Words that read the same in both (a currency code, an id) are no interface string:
    # only msgids of a real English word or more are looked for.
    # A joiner such as "{items} and {item}" is matched by plan text in English (a body
    # name without a translation), so a msgid needs four letters of its own.
    english = [
        m
        for m in _msgids()
        if re.search(r"[A-Za-z]{3,}", _PLACEHOLDER.sub("", m))
        and len(re.findall(r"[A-Za-z]", _PLACEHOLDER.sub("", m))) >= 4
    ]
    patterns = [(m, _pattern(m)) for m in english]
    left = []
    seen = 0
    for path, page in pages(site(language)).items():
        for shown in interface_texts(page, language):
            seen += 1
            for msgid, pattern in patterns:
                if pattern.fullmatch(shown) or (len(msgid) > 3 and msgid == shown):
                    left.append((path, shown, msgid))
    assert seen > 500  # every page's headings and table headings were read
    assert not left, left[:20]


@pytest.mark.parametrize("language", RTL)
def test_headings_and_table_headings_are_the_catalogues(language: str) -> None:
    pages_ = pages(site(language))
    words = lambda m: translate(m, language)  # noqa: E731
    master = interface_texts(pages_["plan/2016.md"], language)
    assert any(words("Master plan %(year)s").split("%")[0].strip() in h for h in master)
    assert words("activity") in master and words("body") in master
    tracker = interface_texts(pages_["tracker.md"], language)
    assert words("verdict") in tracker and words("plan status") in tracker
    assert words("Submission tracker") in tracker
    home = pages_["index.md"]
    assert words("Find your way") in home
    # the status words of the tables are the catalogue's, never the codes' English
    assert (
        translate("on track", language) in pages_["plan/2016.md"]
        or translate("delayed", language) in pages_["plan/2016.md"]
    )


def test_english_pages_keep_their_words() -> None:
    english = pages(site(None))
    assert "# Master plan 2016" in english["plan/2016.md"]
    assert "| activity | body | status |" in english["plan/2016.md"]
    assert "193,050,000" in english["index.md"] or re.search(
        r"\d{1,3}(,\d{3})+", english["index.md"]
    )
    assert not any(d in english["index.md"] for d in INDIC)


@pytest.mark.parametrize("language", RTL)
def test_numbers_are_in_arabic_indic_digits_by_default(language: str) -> None:
    english, local = pages(site(None)), pages(site(language))
    figures = re.findall(r"\d{1,3}(?:,\d{3})+", english["index.md"])
    assert figures
    to_indic = str.maketrans("0123456789,", INDIC + "\u066c")
    for figure in figures[:5]:
        assert figure.translate(to_indic) in local["index.md"], figure
    # a plan year in a heading, the tracker's dates
    heading = next(line for line in local["plan/2016.md"].splitlines() if line.startswith("# "))
    assert "٢٠١٦" in heading
    assert re.search("[٠-٩]{4}-[٠-٩]{2}-[٠-٩]{2}", local["tracker.md"])
    # links and ids stay as they are
    assert "](../plans/2016/" in local["plan/2016.md"]


def _cells(data: bytes) -> list[list[object]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [[c.value for row in ws.iter_rows() for c in row] for ws in book.worksheets]


@pytest.mark.parametrize("language", RTL)
def test_the_downloads_are_the_same_in_every_language(language: str) -> None:
    english, local = site(None), site(language)
    compared = 0
    for path, page in english.pages.items():
        if not path.endswith((".csv", ".json", ".xlsx")):
            continue
        mine = local.pages[path].content
        assert isinstance(mine, bytes | str) and isinstance(page.content, bytes | str)
        if path.endswith(".xlsx") and page.content:  # a zip: its dates differ from build to build
            assert isinstance(mine, bytes) and isinstance(page.content, bytes)
            assert _cells(mine) == _cells(page.content), path
        else:
            assert mine == page.content, path
        compared += 1
    assert compared > 5


def test_nap_yaml_chooses_the_digits_of_a_language(tmp_path: Path) -> None:
    root = tmp_path / "sample"
    shutil.copytree(SAMPLE / "plans", root / "plans")
    nap = root / "plans/nap.yaml"
    nap.write_text(nap.read_text("utf-8") + "digits: {ar: latn}\n", "utf-8")
    chosen = _site(root, "ar")
    home = pages(chosen)["index.md"]
    default = pages(site("ar"))["index.md"]
    assert any(d in default for d in INDIC)
    figures = [line for line in home.splitlines() if line.startswith("| ") and "," in line]
    assert figures and not any(d in home.split("<figure")[0] for d in INDIC)
    # Arabic words still, and CLDR's Arabic separators for Latin digits
    assert translate("Find your way", "ar") in home
    assert re.search(r"\d{1,3}(,\d{3})+", home)
    # Kurdish keeps its default
    assert any(d in pages(_site(root, "ckb"))["index.md"] for d in INDIC)


def test_the_nap_yaml_schema_refuses_unknown_digits(tmp_path: Path) -> None:
    from conftest import Repo

    root = tmp_path / "sample"
    shutil.copytree(SAMPLE / "plans", root / "plans")
    nap = root / "plans/nap.yaml"
    nap.write_text(nap.read_text("utf-8") + "digits: {ar: roman}\n", "utf-8")
    result = Repo(root).validate()
    assert result.exit_code != 0 and "digits" in result.output


def test_numbers_and_dates_follow_the_reader() -> None:
    assert amount(Decimal("1234567.4")) == "1,234,567"
    assert day("2016-04-20T10:00:00+03:00") == "20 April 2016"
    assert share(Decimal(1), Decimal(8)) == "12.5%"
    with reading(Reader("ar", "IQ")):
        assert amount(1234567) == "١٬٢٣٤٬٥٦٧"
        assert day("2016-04-20") == "٢٠ نيسان ٢٠١٦"  # Iraq's month names (CLDR ar_IQ)
        assert share(Decimal(1), Decimal(8)) == "١٢٫٥٪\u061c" or share(
            Decimal(1), Decimal(8)
        ).startswith("١٢٫٥")
    with reading(Reader("ar", "IQ", "latn")):
        assert amount(1234567) == "1,234,567"
        assert day("2016-04-20") == "20 نيسان 2016"
    with reading(Reader("ckb", "IQ")):
        assert day("2016-04-20") == "٢٠ نیسان ٢٠١٦"


@pytest.mark.parametrize(("n", "form"), [(1, 1), (2, 2), (3, 3), (11, 4), (100, 5)])
def test_arabic_plurals_follow_the_catalogues_rule(n: int, form: int) -> None:
    singular = "from the {plans} draft plan, not yet submitted."
    plural = "from the {plans} draft plans, not yet submitted."
    with reading(Reader("ar", "IQ")):
        shown = tn(singular, plural, n)
    from napkit.i18n import plurals

    assert shown == plurals("ar")[(singular, plural)][form]
    with reading(Reader("ar", "IQ")):
        forms = {tn(singular, plural, k) for k in (1, 2, 3, 11)}
    assert len(forms) == 4  # one, two, few, many: four different sentences


def test_a_plural_on_the_page_follows_the_count() -> None:
    home = pages(site("ar"))["index.md"]
    # 3 draft plans in the sample's 2016: Arabic's "few" form
    few = translate("; %(num)s more is still in draft", "ar")
    assert few == "; %(num)s more is still in draft"  # a plural has no singular entry
    from napkit.i18n import plurals

    forms = plurals("ar")[("; %(num)s more is still in draft", "; %(num)s more are still in draft")]
    assert forms[3].replace("%(num)s", "٣") in home


def _languages() -> list[Language]:
    return [Language("en", "English", "ltr"), Language("ar", "العربية", "rtl"),
            Language("ckb", "کوردی", "rtl")]  # fmt: skip


def test_a_text_missing_in_the_readers_language_says_so_and_keeps_its_own() -> None:
    langs = Languages(_languages(), "ar")
    shown = str(langs.blocks({"en": "Only in English", "ckb": "تەنها بە کوردی"}))
    note = translate("Not available in {language}; shown in {shown}.", "ar")
    assert note.format(language="العربية", shown="الإنجليزية") in shown
    assert '<p lang="en" dir="ltr" markdown>Only in English</p>' in shown
    assert '<p lang="ckb" dir="rtl" markdown>' in shown
    assert shown.index('class="napkit-fallback"') < shown.index("Only in English")
    # in a line: the text in its own span, and a short note in the reader's language
    cell = str(langs.render({"en": "Only in English"}, only_main=True))
    assert '<span lang="en" dir="ltr">Only in English</span>' in cell
    assert "napkit-fallback" in cell and "الإنجليزية" in cell
    # written in the reader's language: no note, no mark
    assert str(langs.render({"en": "x", "ar": "نص"}, only_main=True)) == "نص"
    # the English page marks nothing it has in English
    assert str(Languages(_languages()).render({"en": "x", "ar": "نص"}, only_main=True)) == "x"


def test_a_page_marks_its_fallback_and_the_arabic_title_leads(
    tmp_path: Path,
) -> None:
    root = tmp_path / "sample"
    shutil.copytree(SAMPLE / "plans", root / "plans")
    home = pages(_site(root, "ckb"))["index.md"]
    # the sample's description has English and Arabic, no Kurdish
    note = translate("Not available in {language}; shown in {shown}.", "ckb").split("{")[0]
    assert note.strip() and note.strip() in home
    assert '<p lang="ar" dir="rtl" markdown>' in home or '<p lang="en" dir="ltr" markdown>' in home
    arabic = pages(site("ar"))["index.md"]
    title = next(line for line in arabic.splitlines() if line.startswith("# "))
    assert re.search("[\u0600-\u06ff]", title)  # the Arabic title leads


def test_the_script_has_no_words_of_its_own() -> None:
    source = files("napkit.site").joinpath("static", "napkit.js").read_text("utf-8")
    for english in assets.SCRIPT_WORDS.values():
        assert english not in source
    script = assets.napkit_js()
    for language in RTL:
        for english in assets.SCRIPT_WORDS.values():
            assert translate(english, language) in script
    assert "Sort by this column" in script  # the English, from the catalogue's msgid


def test_no_marked_string_hides_in_an_f_string() -> None:
    """Babel's extractor reads no call inside an f-string: t('x') there would never
    reach the catalogues, and the page would stay English without a failing test."""
    hidden = re.compile(r"""\{(t|tn|N_)\(\s*['"]""")
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in (ROOT / "src" / "napkit").rglob("*.py")
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if hidden.search(line)
    ]
    assert not found, found
