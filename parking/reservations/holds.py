"""Hold expiry: a booking not parked within RESERVATION_HOLD_MINUTES gives its spot back."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from parking.db import utcnow
from parking.extensions import db, transactional
from parking.reservations.models import CANCELLED, RESERVED, Reservation


@transactional
def expire_holds() -> int:
    """Cancel every reservation whose hold ran out, and say how many.

    Services call this before they read or change spots, so an expired hold never shows as
    reserved or blocks a booking, even before the scheduled job has run.
    """
    now = utcnow()
    deadline = now - timedelta(minutes=current_app.config["RESERVATION_HOLD_MINUTES"])
    result = db.session.execute(
        sa.update(Reservation)
        .where(Reservation.status == RESERVED, Reservation.reserved_at < deadline)
        .values(status=CANCELLED, cancelled_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount
