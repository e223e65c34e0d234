"""Numbers as people read them, the same on every page and in every report."""

from __future__ import annotations

from decimal import Decimal
from typing import Any


def amount(value: Decimal | int | float) -> str:
    """Money, to the unit, with thousands separators: `193,050,000`."""
    return f"{Decimal(value).quantize(Decimal(1)):,}"


def share(part: Decimal, whole: Decimal) -> str:
    """`part` as a percentage of `whole`, to a tenth: `12.5%` (`-` for a zero whole)."""
    return f"{(part / whole * 100).quantize(Decimal('0.1'))}%" if whole else "-"


def percent(ratio: Decimal) -> str:
    """A ratio as a whole percentage: `0.456` -> `46%`."""
    return f"{(ratio * 100).quantize(Decimal(1))}%"


def shown(value: Any, empty: str = "-") -> str:
    """An indicator value or amount as people read it: yes/no, thousands separators."""
    if value is None:
        return empty
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:,}" if isinstance(value, Decimal) else str(value)
