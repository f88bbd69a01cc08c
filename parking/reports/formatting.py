"""How reports write money, hours and times: the same in e-mail, chat and PDF."""

from __future__ import annotations

from decimal import Decimal

from parking.timezone import local_time  # noqa: F401 (reports write times with it)

CENT = Decimal("0.01")
CURRENCY = "₹"


def amount(value) -> Decimal:
    """A sum of money as an exact Decimal with two places (None and NULL sums are 0.00)."""
    return Decimal(value or 0).quantize(CENT)


def hours(minutes) -> Decimal:
    """Minutes as hours with two decimals: 90 -> 1.50."""
    return (Decimal(minutes or 0) / 60).quantize(CENT)


def money(value) -> str:
    """`₹ 1250.00`: the currency sign, then the amount as the API writes it."""
    return f"{CURRENCY} {amount(value)}"


def duration(minutes: int | None) -> str:
    """`2 h 05 min`, `45 min`: how long a stay lasted."""
    if minutes is None:
        return "—"
    whole_hours, rest = divmod(minutes, 60)
    return f"{whole_hours} h {rest:02d} min" if whole_hours else f"{rest} min"


def hour_of_day(hour: int) -> str:
    """`09:00–10:00`: one hour of the local day."""
    return f"{hour:02d}:00–{(hour + 1) % 24:02d}:00"
