"""What a person meant by a number written as text ("1.500.000 IQD", "80,000",
"60 000", a quoted "80000"): the plain number, and what to remove to get it. Used by
the messages that tell an editor how to write an amount."""

from __future__ import annotations

import re
from dataclasses import dataclass

from napkit.findings import Message, say
from napkit.i18n import N_

# Arabic-Indic and Eastern Arabic-Indic (Persian, used for Kurdish) digits, and the
# Arabic decimal and thousands separators, as Latin digits, point and comma.
LATIN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
_CURRENCY = re.compile(r"[A-Za-z\u0600-\u06ff$€£]+\.?")
_GROUPED_DOTS = re.compile(r"^[0-9]{1,3}(?:\.[0-9]{3})+$")
_GROUPED_COMMAS = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$")
_GROUPED_SPACES = re.compile(r"^[0-9]{1,3}(?:[ \u00a0\u202f'\u066c][0-9]{3})+(?:\.[0-9]+)?$")
_PLAIN = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")


@dataclass(frozen=True)
class Reading:
    plain: str  # the number as it should be written, e.g. 1500000
    remove: tuple[Message, ...]  # what to take out, in words: "the quotes", "the currency (IQD)"


def reading(text: str, *, quoted: bool = False) -> Reading | None:
    """The number `text` stands for, if it plainly stands for one."""
    remove: list[Message] = [Message(N_("the quotes"))] if quoted else []
    value = text.strip().translate(LATIN_DIGITS)
    currency = _CURRENCY.findall(value)
    if currency:
        remove.append(
            say(N_("the currency ({currency})"), currency=" ".join(c.rstrip(".") for c in currency))
        )
        value = _CURRENCY.sub("", value).strip()
    if _GROUPED_DOTS.match(value):
        remove.append(Message(N_("the dots between thousands")))
        value = value.replace(".", "")
    elif _GROUPED_COMMAS.match(value):
        remove.append(Message(N_("the commas")))
        value = value.replace(",", "")
    elif _GROUPED_SPACES.match(value):
        remove.append(Message(N_("the spaces")))
        value = re.sub(r"[ \u00a0\u202f'\u066c]", "", value)
    if not _PLAIN.match(value):
        return None
    return Reading(value, tuple(remove))


def thousands_with_dots(text: str) -> str | None:
    """80.000 or 1.500: a number that reads as a fraction but has the shape of
    thousands written with dots; the number without the dots."""
    return text.replace(".", "") if _GROUPED_DOTS.match(text.strip()) else None


__all__ = ["LATIN_DIGITS", "Reading", "reading", "thousands_with_dots"]
