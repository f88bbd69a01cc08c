"""Calendar days and months as the operator sees them: in APP_TIMEZONE."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask import current_app


def app_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["APP_TIMEZONE"])


# The Vue app writes with Intl's en-IN; Babel's en_IN (the same CLDR data) writes the same.
LOCALE = "en_IN"


def _written(moment: datetime, pattern: str) -> str:
    return format_datetime(moment, pattern, tzinfo=app_zone(), locale=LOCALE)


def local_time(moment: datetime | None) -> str | None:
    """`5 Oct 2026, 14:30`: a stored UTC moment on the APP_TIMEZONE clock, 24 h, as the app
    writes it; None stays None."""
    return None if moment is None else _written(moment, "d MMM y, HH:mm")


def local_clock(moment: datetime | None) -> str | None:
    """`14:30`: the APP_TIMEZONE time of day of a stored UTC moment; None stays None."""
    return None if moment is None else _written(moment, "HH:mm")


def local_date(moment: datetime | None) -> str | None:
    """`5 Oct 2026`: the APP_TIMEZONE calendar day of a stored UTC moment, written out."""
    return None if moment is None else _written(moment, "d MMM y")


def local_day(moment: datetime) -> str:
    """`2026-11-22`: the calendar day of a UTC moment in APP_TIMEZONE."""
    return moment.astimezone(app_zone()).date().isoformat()


def local_month(moment: datetime) -> str:
    """`2026-11`: the calendar month of a UTC moment in APP_TIMEZONE."""
    return moment.astimezone(app_zone()).strftime("%Y-%m")


def month_bounds(month: str) -> tuple[datetime, datetime]:
    """The UTC instants where calendar month `YYYY-MM` starts and ends in APP_TIMEZONE."""
    year, number = (int(part) for part in month.split("-"))
    zone = app_zone()
    start = datetime(year, number, 1, tzinfo=zone)
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def previous_month(moment: datetime) -> str:
    """`2026-10` when `moment` falls in November 2026 in APP_TIMEZONE."""
    local = moment.astimezone(app_zone())
    year, number = (local.year, local.month - 1) if local.month > 1 else (local.year - 1, 12)
    return f"{year:04d}-{number:02d}"


def _month_start(year: int, month: int) -> datetime:
    return datetime(year + (month - 1) // 12, (month - 1) % 12 + 1, 1, tzinfo=app_zone())


def month_buckets(first: datetime, last: datetime) -> list[tuple[str, datetime, datetime]]:
    """(`YYYY-MM`, start, end) in UTC for every APP_TIMEZONE month from `first` to `last`."""
    local = first.astimezone(app_zone())
    year, month = local.year, local.month
    buckets = []
    while True:
        start, end = _month_start(year, month), _month_start(year, month + 1)
        buckets.append((start.strftime("%Y-%m"), start.astimezone(UTC), end.astimezone(UTC)))
        if end > last:
            return buckets
        year, month = end.year, end.month


def day_buckets(now: datetime, days: int) -> list[tuple[str, datetime, datetime]]:
    """(`YYYY-MM-DD`, start, end) in UTC for the last `days` APP_TIMEZONE days, today included."""
    zone = app_zone()
    today = now.astimezone(zone).date()
    buckets = []
    for back in range(days - 1, -1, -1):
        day = today - timedelta(days=back)
        start = datetime.combine(day, time(), tzinfo=zone)
        end = datetime.combine(day + timedelta(days=1), time(), tzinfo=zone)
        buckets.append((day.isoformat(), start.astimezone(UTC), end.astimezone(UTC)))
    return buckets


def next_local_midnight(now: datetime) -> datetime:
    zone = app_zone()
    tomorrow = now.astimezone(zone).date() + timedelta(days=1)
    return datetime.combine(tomorrow, time(), tzinfo=zone).astimezone(UTC)
