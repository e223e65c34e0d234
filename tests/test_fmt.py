"""`nap fmt`: canonical layout, comments and text kept, idempotent, data never changed."""

from __future__ import annotations

import re
import string

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PLAN, Repo
from napkit.authoring.formatting import format_text
from napkit.plans.document import LoadError, load_text

MESSY = """\
# yaml-language-server: $schema=../../schema/plan.schema.json
# Illustrative plan.
body: north-moi     # the owner
year: 2020
status: 'approved'
activities:
- id: A1
  # The title in three languages.
  title:
      en: "Train police officers"
      ar: تدريب ضباط الشرطة
      ckb: ڕاهێنانی پۆلیس
  pillar: protection
  objective: protection.2
  description: |
    # not a comment: text
    second line
  budget: {amount: 50000000, currency: XAF}
  indicators:
  -   {id: I1, title: Officers trained, unit: number, target: 120}
"""


def test_canonical_layout_keeps_comments_quotes_and_text() -> None:
    out = format_text(MESSY)
    assert (
        '  - id: A1\n    # The title in three languages.\n    title:\n      en: "Train police officers"\n'
        in out
    )
    assert "status: 'approved'" in out
    assert "      ar: تدريب ضباط الشرطة\n      ckb: ڕاهێنانی پۆلیس\n" in out
    assert "    description: |\n      # not a comment: text\n      second line\n" in out
    assert out.startswith(
        "# yaml-language-server: $schema=../../schema/plan.schema.json\n# Illustrative plan.\n"
    )
    assert "# the owner" in out
    assert load_text(out.encode(), "x").data == load_text(MESSY.encode(), "x").data


def test_idempotent() -> None:
    once = format_text(MESSY)
    assert format_text(once) == once


def test_fmt_rewrites_and_check_reports(mini: Repo) -> None:
    mini.write(PLAN, MESSY)
    check = mini.nap("fmt", "--check")
    assert check.exit_code == 1
    assert f"{PLAN} is not in the canonical layout (" in check.output
    assert f"): run nap fmt {PLAN}" in check.output
    assert mini.read(PLAN) == MESSY  # --check changes nothing
    assert mini.nap("fmt").exit_code == 0
    assert mini.read(PLAN) == format_text(MESSY, main="en")
    assert mini.nap("fmt", "--check").exit_code == 0
    assert mini.validate().exit_code == 0


def test_crlf_and_bom_become_canonical(mini: Repo) -> None:
    text = mini.read(PLAN)
    mini.write(PLAN, b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert mini.nap("fmt").exit_code == 0
    raw = mini.path(PLAN).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" not in raw


@pytest.mark.parametrize(
    ("encoding", "note"),
    [("utf-16", "re-encoded from UTF-16 to UTF-8"), ("cp1256", "re-encoded from Windows-1256")],
)
def test_a_file_saved_in_another_encoding_is_written_back_as_utf8(
    mini: Repo, encoding: str, note: str
) -> None:
    """Notepad's "Unicode" and the Arabic Windows code page: read as such, said so."""
    text = mini.read(PLAN)
    assert "ar:" in text  # the fixture has Arabic text, which cp1256 can hold
    arabic = "\n".join(line for line in text.splitlines() if "ckb:" not in line) + "\n"
    mini.write(PLAN, arabic.encode(encoding))
    assert mini.validate().findings[0]["rule"] == "yaml-encoding"
    result = mini.nap("fmt", PLAN)
    assert result.exit_code == 0, result.stderr
    assert f"reformatted {PLAN} ({note}" in result.output
    assert mini.read(PLAN) == format_text(arabic, main="en")
    assert mini.validate().exit_code == 0


def test_tab_indentation_is_replaced_when_that_gives_the_same_plan(mini: Repo) -> None:
    text = mini.read(PLAN)
    tabbed = "\n".join(
        "\t" * ((len(line) - len(line.lstrip(" "))) // 2) + line.lstrip(" ")
        for line in text.splitlines()
    )
    mini.write(PLAN, tabbed + "\n")
    assert mini.validate().findings[0]["rule"] == "yaml-tab"
    result = mini.nap("fmt", PLAN)
    assert result.exit_code == 0, result.stderr
    assert "tabs used for indentation replaced by two spaces each" in result.output
    assert mini.validate().exit_code == 0
    mini.write(PLAN, "body: north-moi\nactivities:\n\t- id: A1\n\t   title: [x\n")
    result = mini.nap("fmt", PLAN)
    assert result.exit_code == 1
    assert "indent the file with spaces by hand" in result.stderr


def test_broken_file_is_reported_and_left_alone(mini: Repo) -> None:
    mini.write(PLAN, "body: [north\n")
    result = mini.nap("fmt")
    assert result.exit_code == 1
    assert f"{PLAN}:2:1: error [yaml-syntax]" in result.stderr
    assert mini.read(PLAN) == "body: [north\n"
    assert not list(mini.path("plans/2020").glob(".*.tmp"))


@pytest.mark.slow
def test_the_sample_and_fixture_are_formatted(mini: Repo, sample: Repo) -> None:
    assert mini.nap("fmt", "--check").exit_code == 0
    assert sample.nap("fmt", "--check").exit_code == 0


# Plan-like documents: nested mappings and lists of text (Arabic and Kurdish
# included), numbers, booleans, dates and words YAML 1.1 would have turned into
# booleans.
_words = st.sampled_from(
    [
        "no",
        "on",
        "yes",
        "off",
        "NO",
        "2016-05-01",
        "A1",
        "protection.2",
        "تدريب",
        "ڕاهێنان",
        "x: y",
        "# hash",
        "- dash",
        "50,000",
    ]
)
_text = st.text(
    alphabet=string.ascii_letters + string.digits + " .,-'ءآأبتثجحخدذرزسشصضطظعغفقكلمنهويپچژکگڕڵۆێە",
    min_size=1,
    max_size=30,
)
_scalar = st.one_of(
    _words,
    _text,
    st.integers(-(10**12), 10**12),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
_key = st.from_regex(r"[a-z][a-z_-]{0,10}", fullmatch=True)
_value = st.recursive(
    _scalar,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_key, inner, max_size=4)),
    max_leaves=20,
)
_doc = st.dictionaries(_key, _value, min_size=1, max_size=6)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=_doc, flow=st.booleans(), indent=st.sampled_from([2, 4]))
@pytest.mark.slow
def test_formatting_never_changes_the_data(doc: dict[str, object], flow: bool, indent: int) -> None:
    text = yaml.safe_dump(
        doc, allow_unicode=True, default_flow_style=flow, indent=indent, sort_keys=False
    )
    try:
        before = load_text(text.encode(), "x").data
    except LoadError:
        pytest.skip("not a loadable document")
    out = format_text(text)
    assert load_text(out.encode(), "x").data == before
    assert format_text(out) == out


def test_a_text_written_as_one_string_is_written_by_language(mini: Repo) -> None:
    """The form editor edits a text by language only: nap fmt writes each one-string
    text of a plan under the main language, keeping comments and flow mappings, and
    leaves nap.yaml and bodies.yaml as they are."""
    # the fixture's one-language texts as one string each, one with a comment
    plain = re.sub(r"\{en: ([^{}',]+)\}", r"\1", mini.read(PLAN))
    plain = plain.replace(
        "title: Open a family protection unit", "title: Open a family protection unit  # kept"
    )
    mini.write(PLAN, plain)
    before = yaml.safe_load(plain)
    framework = {p: mini.read(p) for p in ("plans/nap.yaml", "plans/bodies.yaml")}
    check = mini.nap("fmt", "--check", PLAN)
    assert check.exit_code == 1
    strings = _one_string_texts(before)
    assert f"({len(strings)} one-string texts written by language, under en)" in check.output
    assert mini.nap("fmt").exit_code == 0
    text = mini.read(PLAN)
    after = yaml.safe_load(text)
    assert _one_string_texts(after) == []
    assert _meaning(after) == _meaning(before)
    assert "  # kept" in text
    # on the key's line, except after a comment, which stays on the key's line
    assert re.search(r"\n    title: +# kept\n      en: Open a family protection unit\n", text)
    assert "funder: {en: Ministry of Finance}," in text
    assert len(text.splitlines()) == len(plain.splitlines()) + 1
    assert {p: mini.read(p) for p in framework} == framework
    assert mini.nap("fmt", "--check").exit_code == 0
    assert mini.validate().exit_code == 0


_TEXTS = {"title", "description", "responsible", "contact_unit", "notes", "funder"}
_TEXTS |= {"verification", "note"}


def _one_string_texts(node: object, key: str = "") -> list[str]:
    if isinstance(node, dict):
        return [x for k, v in node.items() for x in _one_string_texts(v, str(k))]
    if isinstance(node, list):
        return [x for v in node for x in _one_string_texts(v)]
    return [key] if key in _TEXTS and isinstance(node, str) else []


def _meaning(node: object, key: str = "") -> object:
    """A one-string text is the main language's text."""
    if key in _TEXTS and isinstance(node, str):
        return {"en": node}
    if isinstance(node, dict):
        return {k: _meaning(v, str(k)) for k, v in node.items()}
    if isinstance(node, list):
        return [_meaning(v) for v in node]
    return node
