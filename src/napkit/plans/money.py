"""Exact money: amounts and rates as decimals, never floats."""

from __future__ import annotations

from decimal import Decimal


def decimal(value: int | float | str | Decimal) -> Decimal:
    """A YAML number as the decimal its author wrote. A float's shortest repr is the
    literal it was parsed from for any number a person types (up to 15 digits)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("a yes-no value is not money")
    return (
        Decimal(value)
        if isinstance(value, int)
        else Decimal(repr(value) if isinstance(value, float) else value)
    )


def text(value: Decimal) -> str:
    """Canonical text of an amount: no exponent, no trailing zeros after the point."""
    normal = value.normalize()
    if normal == normal.to_integral_value():
        return str(normal.quantize(Decimal(1)))
    return format(normal, "f")
