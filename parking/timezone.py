"""Calendar days and months as the operator sees them: in APP_TIMEZONE."""

from __future__ import annotations

from datetime import datetime
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
