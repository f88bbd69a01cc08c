"""What a stay costs: the booked hourly price times every started hour, at least one hour;
for a window booking, the window's quote plus the started hours after it."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from decimal import Decimal

CENT = Decimal("0.01")


def duration_minutes(parked_at: datetime, left_at: datetime) -> int:
    """Minutes parked, counting a started minute as a whole one."""
    seconds = max(0.0, (left_at - parked_at).total_seconds())
    return math.ceil(seconds / 60)


def billed_hours(minutes: int) -> int:
    """Started hours in `minutes`: 1 min -> 1, 60 -> 1, 61 -> 2; never less than one hour."""
    return max(1, math.ceil(minutes / 60))


def cost(price_per_hour: Decimal, parked_at: datetime, left_at: datetime) -> Decimal:
    """The price of a stay from `parked_at` to `left_at`."""
    hours = billed_hours(duration_minutes(parked_at, left_at))
    return (Decimal(price_per_hour) * hours).quantize(CENT)


def quote(price_per_hour: Decimal, starts_at: datetime, ends_at: datetime) -> Decimal:
    """The price of a booked window: every started hour of it, frozen at booking."""
    return cost(price_per_hour, starts_at, ends_at)


def window_cost(
    quoted_cost: Decimal, price_per_hour: Decimal, ends_at: datetime, left_at: datetime
) -> Decimal:
    """What a window booking pays: its quote (leaving early still pays the window) plus every
    started hour after `ends_at`."""
    if left_at <= ends_at:
        return Decimal(quoted_cost).quantize(CENT)
    return (Decimal(quoted_cost) + cost(price_per_hour, ends_at, left_at)).quantize(CENT)


def stay_cost(reservation, left_at: datetime) -> Decimal:
    """What releasing a parked reservation at `left_at` costs, by its kind."""
    if reservation.starts_at is not None:
        return window_cost(
            reservation.quoted_cost, reservation.price_per_hour, reservation.ends_at, left_at
        )
    return cost(reservation.price_per_hour, reservation.parked_at, left_at)


def next_price_change(reservation, now: datetime) -> datetime:
    """When `stay_cost` of a parked reservation next goes up: another started hour (after the
    window, for a window booking)."""
    counted_from = reservation.parked_at
    if reservation.starts_at is not None:
        if now < reservation.ends_at:
            return reservation.ends_at
        counted_from = reservation.ends_at
    hours = billed_hours(duration_minutes(counted_from, now))
    return counted_from + timedelta(hours=hours)
