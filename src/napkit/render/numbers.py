"""Numbers and dates as people read them, the same on every page and in every report,
in the reader's locale (napkit.i18n.reader()): CLDR's separators, month names and
digits, through Babel. Without a reader, English as before: `193,050,000`,
`20 April 2016`. Data files (CSV, JSON, XLSX) never come through here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from napkit.i18n import N_, Reader, reader, t

# The digits of CLDR's numbering systems (common/supplemental/numberingSystems.xml).
# Babel formats with a system's separators but always writes the digits 0-9.
DIGITS = {
    "latn": "0123456789",
    "arab": "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669",
    "arabext": "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9",
}
YES, NO = N_("yes"), N_("no")


@cache
def _locale(language: str | None, country: str | None) -> Locale:
    """The reader's CLDR locale: the language as spoken in the plan's country where
    CLDR knows it (ar_IQ has Iraq's month names, كانون الثاني...), else the language."""
    for tag in (f"{language}_{country}" if language and country else None, language):
        if tag:
            try:
                return Locale.parse(tag)
            except (UnknownLocaleError, ValueError):
                continue
    return Locale.parse("en")


def locale() -> Locale:
    who = reader()
    return _locale(who.language, who.country)


def numbering(who: Reader | None = None) -> str:
    """The reader's digits: nap.yaml's choice, else the locale's default (CLDR: arab for
    ar and ckb), latn where napkit knows no others."""
    who = who or reader()
    chosen = who.digits or _locale(who.language, who.country).default_numbering_system
    return chosen if chosen in DIGITS else "latn"


def numerals(value: object) -> str:
    """`value` as text with its digits 0-9 written in the reader's (a year, a period,
    2016–17): only the digits change."""
    shown = str(value)
    system = numbering()
    if system == "latn":
        return shown
    return shown.translate(str.maketrans(DIGITS["latn"], DIGITS[system]))


def _decimal(value: Decimal | int, pattern: str) -> str:
    return _formatted(value, pattern, reader())


@lru_cache(maxsize=65_536)
def _formatted(value: Decimal | int, pattern: str, who: Reader) -> str:
    """Kept: a site shows each amount on several pages (the plan, the master plan, its
    pillar, the gaps, the report), and Babel's formatting is most of a page's time."""
    system = numbering(who)
    where = _locale(who.language, who.country)
    shown = format_decimal(value, format=pattern, locale=where, numbering_system=system)
    if system == "latn":
        return shown
    return shown.translate(str.maketrans(DIGITS["latn"], DIGITS[system]))


def amount(value: Decimal | int | float) -> str:
    """Money, to the unit, with thousands separators: `193,050,000`."""
    return _decimal(Decimal(value).quantize(Decimal(1)), "#,##0")


def count(value: int) -> str:
    """A count of things (activities, plans): `17`, `1,204`."""
    return _decimal(value, "#,##0")


def share(part: Decimal, whole: Decimal) -> str:
    """`part` as a percentage of `whole`, to a tenth: `12.5%` (`-` for a zero whole)."""
    if not whole:
        return "-"
    return _percent((part / whole * 100).quantize(Decimal("0.1")), "#,##0.0%")


def percent(ratio: Decimal) -> str:
    """A ratio as a whole percentage: `0.456` -> `46%`."""
    return _percent((ratio * 100).quantize(Decimal(1)), "#,##0%")


def _percent(hundredths: Decimal, pattern: str) -> str:
    system, where = numbering(), locale()
    shown = format_percent(hundredths / 100, format=pattern, locale=where, numbering_system=system)
    if system == "latn":
        return shown
    # Babel writes the pattern's % as it is; CLDR's sign with Arabic digits is ٪
    sign = where.number_symbols.get(system, {}).get("percentSign", "%")
    return numerals(shown.replace("%", sign))


def shown(value: Any, empty: str = "-") -> str:
    """An indicator value or amount as people read it: yes/no, thousands separators."""
    if value is None:
        return empty
    if isinstance(value, bool):
        return t(YES) if value else t(NO)
    if isinstance(value, Decimal):
        places = -int(value.as_tuple().exponent) if value.is_finite() else 0
        return _decimal(value, "#,##0" + ("." + "0" * places if places > 0 else ""))
    if isinstance(value, int):
        return _decimal(value, "0")
    return str(value)


def day(when: dt.date | str) -> str:
    """A day as people write it: `20 April 2016` (Iraq's Arabic: `٢٠ نيسان ٢٠١٦`).
    A string is an ISO date or time, read as the day it names."""
    if isinstance(when, str):
        when = dt.date.fromisoformat(when[:10])
    return numerals(format_date(when, "d MMMM y", locale=locale()))


def iso_day(when: dt.date) -> str:
    """A day in the short form of tables (`2016-04-20`), in the reader's digits."""
    return numerals(when.isoformat())


__all__ = [
    "DIGITS",
    "amount",
    "count",
    "day",
    "iso_day",
    "locale",
    "numbering",
    "numerals",
    "percent",
    "share",
    "shown",
]
