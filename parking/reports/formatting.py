"""How the server writes money, durations and times, in e-mail, chat and PDF: as the Vue app
writes them (`frontend/src/utils/format.js`, Intl's en-IN): "4 Dec 2026, 08:17" on the
APP_TIMEZONE clock, "₹1,00,000.00" in the CURRENCY setting, "2 h 05 min"."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from babel.numbers import format_currency
from flask import current_app

from parking.timezone import LOCALE, local_clock, local_date, local_time

CENT = Decimal("0.01")


def amount(value) -> Decimal:
    """A sum of money as an exact Decimal with two places (None and NULL sums are 0.00)."""
    return Decimal(value or 0).quantize(CENT)


def money(value) -> str:
    """`₹1,250.00`, `₹1,00,000.00`: the amount in the CURRENCY setting, en-IN grouping, no
    space after the sign; exact (a Decimal all the way)."""
    return format_currency(amount(value), current_app.config["CURRENCY"], locale=LOCALE)


def duration(minutes: int | None) -> str:
    """`2 h 05 min`, `45 min`: how long a stay lasted."""
    if minutes is None:
        return "—"
    whole_hours, rest = divmod(minutes, 60)
    return f"{whole_hours} h {rest:02d} min" if whole_hours else f"{rest} min"


def date_time(moment: datetime | None) -> str:
    """`4 Dec 2026, 08:17`: a stored UTC moment on the APP_TIMEZONE clock, 24 h."""
    return local_time(moment) or "—"


def day(moment: datetime | None) -> str:
    """`4 Dec 2026`: the APP_TIMEZONE calendar day of a moment."""
    return local_date(moment) or "—"


def clock(moment: datetime | None) -> str:
    """`08:17`: the APP_TIMEZONE time of day of a moment, 24 h."""
    return local_clock(moment) or "—"


def window(starts_at: datetime, ends_at: datetime) -> str:
    """`4 Dec 2026, 09:00 – 11:30`, the day written once when the window ends on it."""
    start = date_time(starts_at)
    end = clock(ends_at) if day(starts_at) == day(ends_at) else date_time(ends_at)
    return f"{start} – {end}"


def hour_of_day(hour: int) -> str:
    """`09:00–10:00`: one hour of the local day."""
    return f"{hour:02d}:00–{(hour + 1) % 24:02d}:00"
