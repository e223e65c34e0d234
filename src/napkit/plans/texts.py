"""Choosing the language of a plan text: the one rule every page, report and export
follows. A text is one string (in the plan's main language) or a mapping language
code -> string."""

from __future__ import annotations

from collections.abc import Sequence

from napkit.i18n import N_, reader, t
from napkit.plans.framework import Framework, Text

# napkit's words for the highest grouping where nap.yaml names none (Framework.group_name)
GROUP_WORDS = (N_("Pillar"), N_("Pillars"), N_("Objective"), N_("Objectives"))


def language_of(value: Text, languages: Sequence[str], reader: str | None = None) -> str:
    """The language to show `value` in: the reader's, else the framework's first
    (main) language, else the first of the framework's languages it is written in,
    else the first it is written in. `languages`: the framework's codes, main first."""
    if isinstance(value, str):
        return languages[0]
    for code in (reader, *languages):
        if code is not None and code in value:
            return code
    return next(iter(value), languages[0])


def text_in(value: Text | None, languages: Sequence[str], reader: str | None = None) -> str:
    """`value` as plain text in the language `language_of` picks ("" for no text)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return str(value.get(language_of(value, languages, reader), ""))


def text_exactly(value: Text | None, code: str, languages: Sequence[str]) -> str:
    """`value` in language `code` only ("" when not written in it): a column per
    language. A plain string is in the main language."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value if code == languages[0] else ""
    return str(value.get(code, ""))


def group_word(fw: Framework, *, plural: bool = False) -> str:
    """The plan's highest grouping as pages and reports name it (Pillar, or Outcome in
    a plan without pillars), in the reader's language (napkit.i18n.reader()): nap.yaml's
    name for a level, else napkit's word."""
    name = fw.group_name(plural=plural)
    if isinstance(name, str) and name in GROUP_WORDS and (fw.has_pillars or not fw.levels):
        return t(name)
    return text_in(name, fw.language_codes, reader().language)
