"""Spot allocation: the only code that picks a spot for a booking."""

from __future__ import annotations

import sqlalchemy as sa

from parking.extensions import db
from parking.reservations.holds import is_active
from parking.reservations.models import Reservation, Spot


def first_free_spot(*, lot_id: int) -> Spot | None:
    """The lowest-numbered current spot of the lot with no active reservation.

    On PostgreSQL the spot row is locked and spots locked by concurrent bookings are skipped,
    so racing drivers fan out over the free spots instead of colliding on the first one. The
    partial unique index on active reservations is the final word either way.
    """
    taken = sa.select(Reservation.spot_id).where(Reservation.lot_id == lot_id, is_active())
    query = (
        sa.select(Spot)
        .where(Spot.lot_id == lot_id, Spot.removed_at.is_(None), Spot.id.not_in(taken))
        .order_by(Spot.number)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    return db.session.scalar(query)
