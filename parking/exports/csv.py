"""The export's row format: one CSV row per reservation, cells written as the API writes them."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

# The contract's columns; an admin's export of everyone's reservations adds DRIVER_COLUMNS;
# every export ends with WINDOW_COLUMNS (empty for drive-ups).
HEADER = (
    "reservation_id",
    "lot_name",
    "spot_number",
    "vehicle_number",
    "status",
    "reserved_at",
    "parked_at",
    "left_at",
    "duration_minutes",
    "price_per_hour",
    "cost",
    "remarks",
)
DRIVER_COLUMNS = ("user_email", "user_name")
WINDOW_COLUMNS = ("starts_at", "ends_at", "quoted_cost")

# A spreadsheet runs a cell starting with one of these as a formula (`=HYPERLINK(...)` in a lot
# name would be a live link in the admin's sheet); a leading quote makes it plain text (OWASP).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text(value: str | None) -> str:
    """Text someone typed (lot names, remarks), safe to open in a spreadsheet."""
    if value is None:
        return ""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def time(value: datetime | None) -> str:
    """ISO 8601 to the second, with the UTC offset (`2026-11-23T10:00:00+00:00`): what a
    spreadsheet reads as a time; the API's fractions of a second are cut, not rounded."""
    return value.isoformat(timespec="seconds") if value is not None else ""


def money(value: Decimal | None) -> str:
    """Two decimals, as the API answers ("50.00")."""
    return f"{value:.2f}" if value is not None else ""


def number(value: int | None) -> str:
    return str(value) if value is not None else ""


def row(
    *,
    reservation_id: int,
    lot_name: str,
    spot_number: int,
    vehicle_number: str,
    status: str,
    reserved_at: datetime,
    parked_at: datetime | None,
    left_at: datetime | None,
    duration_minutes: int | None,
    price_per_hour: Decimal,
    cost: Decimal | None,
    remarks: str | None,
    starts_at: datetime | None,
    ends_at: datetime | None,
    quoted_cost: Decimal | None,
    **driver: str,
) -> tuple[str, ...]:
    """The cells of one reservation, in HEADER order, then the driver's (when given) and the
    window's; an empty cell stands for null."""
    return (
        number(reservation_id),
        text(lot_name),
        number(spot_number),
        text(vehicle_number),
        status,
        time(reserved_at),
        time(parked_at),
        time(left_at),
        number(duration_minutes),
        money(price_per_hour),
        money(cost),
        text(remarks),
        *(text(driver[column]) for column in DRIVER_COLUMNS if column in driver),
        time(starts_at),
        time(ends_at),
        money(quoted_cost),
    )
