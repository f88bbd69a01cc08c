"""How reports write money, hours and times: the same in e-mail, chat and PDF."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from babel.dates import format_datetime

from parking.timezone import app_zone, local_time  # noqa: F401 (reports write times with it)

# The Vue app writes with Intl's en-IN; Babel's en_IN (the same CLDR data) writes the same.
LOCALE = "en_IN"

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


def _local(moment: datetime, pattern: str) -> str:
    return format_datetime(moment, pattern, tzinfo=app_zone(), locale=LOCALE)


def date_time(moment: datetime | None) -> str:
    """`4 Dec 2026, 08:17`: a stored UTC moment on the APP_TIMEZONE clock, 24 h."""
    return "—" if moment is None else _local(moment, "d MMM y, HH:mm")


def day(moment: datetime | None) -> str:
    """`4 Dec 2026`: the APP_TIMEZONE calendar day of a moment."""
    return "—" if moment is None else _local(moment, "d MMM y")


def clock(moment: datetime | None) -> str:
    """`08:17`: the APP_TIMEZONE time of day of a moment, 24 h."""
    return "—" if moment is None else _local(moment, "HH:mm")


def window(starts_at: datetime, ends_at: datetime) -> str:
    """`4 Dec 2026, 09:00 – 11:30`, the day written once when the window ends on it."""
    start = date_time(starts_at)
    end = clock(ends_at) if day(starts_at) == day(ends_at) else date_time(ends_at)
    return f"{start} – {end}"


def hour_of_day(hour: int) -> str:
    """`09:00–10:00`: one hour of the local day."""
    return f"{hour:02d}:00–{(hour + 1) % 24:02d}:00"
