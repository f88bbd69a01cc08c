"""Hold expiry as a rule: a booking not parked within RESERVATION_HOLD_MINUTES is not active.

Every query that counts, shows or picks spots uses `is_active()` (or `current_status()`), so a
hold that ran out is cancelled for readers at once, before the beat job writes the status down
with `expire_holds()`. Reads therefore never write.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from parking.db import utcnow
from parking.extensions import db
from parking.reservations.models import (
    ACTIVE_STATUSES,
    CANCELLED,
    OCCUPIED,
    RESERVED,
    Reservation,
)


def hold_deadline(now: datetime | None = None) -> datetime:
    """Bookings made before this moment and still not parked have lost their hold."""
    minutes = current_app.config["RESERVATION_HOLD_MINUTES"]
    return (now or utcnow()) - timedelta(minutes=minutes)


def hold_expires_at(reserved_at: datetime) -> datetime:
    return reserved_at + timedelta(minutes=current_app.config["RESERVATION_HOLD_MINUTES"])


def is_active(now: datetime | None = None) -> sa.ColumnElement[bool]:
    """SQL: the reservation holds its spot (occupied, or reserved and its hold still running).

    The first term repeats the partial indexes' predicate so that the planner can use them.
    """
    return sa.and_(
        Reservation.status.in_(ACTIVE_STATUSES),
        sa.or_(Reservation.status == OCCUPIED, Reservation.reserved_at >= hold_deadline(now)),
    )


def current_status(now: datetime | None = None) -> sa.ColumnElement[str]:
    """SQL: the status as a reader sees it, an expired hold reading `cancelled`."""
    return sa.case(
        (
            sa.and_(Reservation.status == RESERVED, Reservation.reserved_at < hold_deadline(now)),
            CANCELLED,
        ),
        else_=Reservation.status,
    )


def status_now(reservation: Reservation) -> str:
    """The same rule for one loaded reservation."""
    if reservation.status == RESERVED and reservation.reserved_at < hold_deadline():
        return CANCELLED
    return reservation.status


def expire_holds(*, lot_id: int | None = None, vehicle_number: str | None = None) -> list[int]:
    """Write `cancelled` on holds that ran out (all, or a lot's and a vehicle's); the ids of the
    lots whose holds were cancelled. Part of the caller's unit of work.

    The beat job calls it every minute; `book()` calls it for its lot and vehicle under its own
    lock, because the unique indexes on active bookings still count an unwritten expired hold.
    """
    now = utcnow()
    expired = sa.and_(Reservation.status == RESERVED, Reservation.reserved_at < hold_deadline(now))
    if lot_id is not None or vehicle_number is not None:
        expired = sa.and_(
            expired,
            sa.or_(Reservation.lot_id == lot_id, Reservation.vehicle_number == vehicle_number),
        )
    rows = db.session.execute(
        sa.update(Reservation)
        .where(expired)
        .values(status=CANCELLED, cancelled_at=now)
        .returning(Reservation.lot_id)
        .execution_options(synchronize_session=False)
    ).all()
    return sorted({lot for (lot,) in rows})
