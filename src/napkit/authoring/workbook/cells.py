"""One cell's value as plan data, read the way people really fill spreadsheets:
numbers stored as text (with separators, Arabic-Indic digits, a leading apostrophe),
dates typed as text or left as serial numbers, spaces and non-breaking spaces around
text. A value that cannot be read gives a message saying what to type instead."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from napkit.findings import Message, joined, say
from napkit.i18n import N_
from napkit.plans.number_text import LATIN_DIGITS, reading, thousands_with_dots
from napkit.render.workbook.columns import Column
from napkit.render.workbook.lists import NO, YES, Lists

_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\u200b\ufeff]+")
_ISO_DAY = re.compile(r"^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})$")
_DAY_FIRST = re.compile(r"^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})$")
_ERRORS = {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!"}
_EXCEL_EPOCH = dt.date(1899, 12, 30)


@dataclass(frozen=True)
class Read:
    value: Any = None  # None: the cell is empty
    problem: Message | None = None
    rule: str = "workbook-cell"


EMPTY = Read()


class Words(str):
    """A measure cell that holds words: a text indicator's value, and a mistake for
    any other unit (plan_reading says so once it knows the indicator's unit)."""

    __slots__ = ()


def clean_text(raw: str) -> str:
    """Text without the spaces (of any kind) around it, and with Windows line ends."""
    return raw.replace("\r\n", "\n").strip(" \t\n\r\u00a0\u202f\u2007\u200b\ufeff")


def read(column: Column, raw: Any, lists: Lists) -> Read:
    if raw is None or (isinstance(raw, str) and not clean_text(raw)):
        return EMPTY
    if isinstance(raw, str) and clean_text(raw) in _ERRORS:
        return Read(
            problem=say(
                N_("the cell shows the error {error}: type the value itself"),
                error=clean_text(raw),
            )
        )
    reader = _READERS[column.kind]
    return reader(column, raw, lists)


def _text(column: Column, raw: Any, lists: Lists) -> Read:
    if isinstance(raw, bool):
        return Read(YES if raw else NO)
    if isinstance(raw, float) and raw.is_integer():
        return Read(str(int(raw)))
    if isinstance(raw, dt.datetime | dt.date):
        return Read(_day(raw).isoformat())
    return Read(clean_text(str(raw)))


def _code(column: Column, raw: Any, lists: Lists) -> Read:
    text = _text(column, raw, lists).value
    return Read(_SPACES.sub("", str(text)))


def _choice(column: Column, raw: Any, lists: Lists) -> Read:
    text = str(_text(column, raw, lists).value)
    return Read(lists.id_of(column.choices or "", text))


def number_text(text: str) -> float | int | None:
    """A number typed as text ("1,500,000", "٦٠٠٠٠", "60 000", "'42"), or None. Its
    grouping is read as the validator's messages read it (plans/number_text.py);
    a currency or dots between thousands are not guessed away here."""
    value = text.strip().lstrip("'")
    sign = -1 if value.startswith("-") else 1
    meant = reading(value.lstrip("+-"))
    if meant is None or {m.template for m in meant.remove} - {"the commas", "the spaces"}:
        return None
    number = float(meant.plain) * sign
    return int(number) if number.is_integer() else number


def _whole(number: float | int) -> float | int:
    return int(number) if isinstance(number, float) and number.is_integer() else number


def _number(column: Column, raw: Any, lists: Lists) -> Read:
    if isinstance(raw, bool):
        return Read(problem=Message(N_("a number is needed here, not yes or no")))
    if isinstance(raw, int | float):
        return Read(_whole(raw))
    text = clean_text(str(raw))
    meant = thousands_with_dots(text.translate(LATIN_DIGITS))
    if meant is not None:
        return Read(
            problem=say(
                N_(
                    "'{text}' could be {small} or {meant}: type the number without dots "
                    "between thousands, for example {meant} (a dot is the decimal point)"
                ),
                text=text,
                small=text.rstrip("0").rstrip("."),
                meant=meant,
            )
        )
    number = number_text(text)
    if number is None:
        reads = reading(text)  # what it stands for, said as nap validate says it
        fix = (
            say(
                N_("remove {what}; type {plain}"),
                what=joined(reads.remove, N_("{items} and {item}")),
                plain=reads.plain,
            )
            if reads is not None
            else Message(
                N_(
                    "type digits only, for example 50000 (no currency, and no dots between "
                    "thousands)"
                )
            )
        )
        return Read(problem=say(N_("'{text}' is not a number: {fix}"), text=text, fix=fix))
    return Read(number)


def _integer(column: Column, raw: Any, lists: Lists) -> Read:
    read = _number(column, raw, lists)
    if read.problem is None and not isinstance(read.value, int):
        return Read(
            problem=say(
                N_("'{value}' is not a whole number: type a year such as 2025"), value=str(raw)
            )
        )
    return read


def _yes_no(column: Column, raw: Any, lists: Lists) -> Read:
    if isinstance(raw, bool):
        return Read(raw)
    text = clean_text(str(raw))
    said = {"1": YES, "0": NO}.get(text) or lists.id_of("yes_no", text)  # in any language
    if said in (YES, NO):
        return Read(said == YES)
    return Read(
        problem=say(N_("'{value}' is not yes or no: pick yes or no"), value=clean_text(str(raw)))
    )


def _measure(column: Column, raw: Any, lists: Lists) -> Read:
    if isinstance(raw, bool):
        return Read(raw)
    if isinstance(raw, str) and lists.id_of("yes_no", clean_text(raw)) in (YES, NO):
        return Read(lists.id_of("yes_no", clean_text(raw)) == YES)
    read = _number(column, raw, lists)
    if read.problem is not None:
        return Read(Words(clean_text(str(raw))))
    return read


def _date(column: Column, raw: Any, lists: Lists) -> Read:
    if isinstance(raw, dt.datetime | dt.date):
        return Read(_day(raw).isoformat())
    if isinstance(raw, int | float) and not isinstance(raw, bool) and 1 <= raw < 2_958_466:
        # a date cell that lost its date format: a count of days (Excel's calendar)
        return Read((_EXCEL_EPOCH + dt.timedelta(days=int(raw))).isoformat())
    text = clean_text(str(raw)).translate(LATIN_DIGITS).lstrip("'")
    iso, day_first = _ISO_DAY.match(text), _DAY_FIRST.match(text)
    try:
        if iso:
            return Read(dt.date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat())
        if day_first:
            day, month, year = int(day_first[1]), int(day_first[2]), int(day_first[3])
            if day <= 12 and month <= 12 and day != month:
                both = (dt.date(year, month, day), dt.date(year, day, month))
                return Read(
                    problem=say(
                        N_(
                            "'{text}' could be {first} or {second}: type the date as year-month-day"
                        ),
                        text=text,
                        first=both[0].isoformat(),
                        second=both[1].isoformat(),
                    )
                )
            return Read(dt.date(year, month, day).isoformat())
    except ValueError:
        return Read(
            problem=say(
                N_("'{text}' is not a date of the calendar: check day and month"), text=text
            )
        )
    return Read(
        problem=say(
            N_("'{text}' is not a date: type it as year-month-day, for example 2025-05-01"),
            text=text,
        )
    )


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


_READERS = {
    "text": _text,
    "code": _code,
    "choice": _choice,
    "number": _number,
    "integer": _integer,
    "date": _date,
    "yes-no": _yes_no,
    "measure": _measure,
}

__all__ = ["EMPTY", "Read", "clean_text", "number_text", "read"]
