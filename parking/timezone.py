"""Calendar days and months as the operator sees them: in APP_TIMEZONE."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import current_app


def app_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["APP_TIMEZONE"])


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
