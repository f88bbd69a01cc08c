"""What a stay costs: the booked hourly price times every started hour, at least one hour."""

from __future__ import annotations

import math
from datetime import datetime
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
