"""Spot allocation: the only code that picks a spot for a booking."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from parking.extensions import db
from parking.reservations.holds import is_active, overlaps
from parking.reservations.models import ADVANCE, DRIVE_UP, Reservation, Spot


def _current_spots(lot_id: int, kind: str) -> sa.Select:
    return sa.select(Spot).where(
        Spot.lot_id == lot_id, Spot.kind == kind, Spot.removed_at.is_(None)
    )


def first_free_spot(*, lot_id: int) -> Spot | None:
    """The lowest-numbered current drive-up spot of the lot with no active reservation.

    On PostgreSQL the spot row is locked and spots locked by concurrent bookings are skipped,
    so racing drivers fan out over the free spots instead of colliding on the first one. The
    partial unique index on active reservations is the final word either way.
    """
    taken = sa.select(Reservation.spot_id).where(Reservation.lot_id == lot_id, is_active())
    query = (
        _current_spots(lot_id, DRIVE_UP)
        .where(Spot.id.not_in(taken))
        .order_by(Spot.number)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    return db.session.scalar(query)


def first_spot_free_for(*, lot_id: int, starts_at: datetime, ends_at: datetime) -> Spot | None:
    """The lowest-numbered current advance spot of the lot with no active window booking
    overlapping [starts_at, ends_at).

    No row lock: bookings for other windows may share a spot, so racing drivers are kept
    apart by the overlap constraint alone, and the loser picks again.
    """
    booked = sa.select(Reservation.spot_id).where(
        Reservation.lot_id == lot_id, overlaps(starts_at, ends_at)
    )
    query = (
        _current_spots(lot_id, ADVANCE).where(Spot.id.not_in(booked)).order_by(Spot.number).limit(1)
    )
    return db.session.scalar(query)


def free_for_window(lot_ids: list[int], starts_at: datetime, ends_at: datetime) -> dict[int, int]:
    """Per lot, how many of its advance spots are free for the whole window (one query)."""
    booked = sa.select(Reservation.spot_id).where(
        Reservation.lot_id.in_(lot_ids), overlaps(starts_at, ends_at)
    )
    rows = db.session.execute(
        sa.select(Spot.lot_id, sa.func.count())
        .where(
            Spot.lot_id.in_(lot_ids),
            Spot.kind == ADVANCE,
            Spot.removed_at.is_(None),
            Spot.id.not_in(booked),
        )
        .group_by(Spot.lot_id)
    ).all()
    return dict(rows)
