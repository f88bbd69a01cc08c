"""The spot board: each lot's spots and what holds them, the counts the lot list shows, and
whether a spot or lot is in use. Reads only, answered from the cache when they can be."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from parking import cache
from parking.auth.models import User
from parking.db import utcnow
from parking.extensions import db
from parking.reservations import billing
from parking.reservations.errors import LotNotFound
from parking.reservations.holds import hold_expires_at, is_active
from parking.reservations.models import OCCUPIED, RESERVED, Lot, Reservation, Spot


def current_spots() -> sa.Select:
    return sa.select(Spot).where(Spot.removed_at.is_(None))


def _earliest(*moments: datetime | None) -> datetime | None:
    present = [moment for moment in moments if moment is not None]
    return min(present) if present else None


def with_counts(lots: list[Lot]) -> tuple[list[dict], datetime | None]:
    """Each lot as a dict with its total/available/reserved/occupied spot counts (one query),
    and the moment the first of their holds runs out (the counts change then)."""
    if not lots:
        return [], None
    active = (
        sa.select(Reservation.spot_id, Reservation.status, Reservation.reserved_at)
        .where(is_active(), Reservation.lot_id.in_([lot.id for lot in lots]))
        .subquery()
    )
    reserved = active.c.status == RESERVED
    rows = db.session.execute(
        sa.select(
            Spot.lot_id,
            sa.func.count(Spot.id),
            sa.func.count(sa.case((reserved, 1))),
            sa.func.count(sa.case((active.c.status == OCCUPIED, 1))),
            sa.func.min(sa.case((reserved, active.c.reserved_at))),
        )
        .outerjoin(active, active.c.spot_id == Spot.id)
        .where(Spot.removed_at.is_(None), Spot.lot_id.in_([lot.id for lot in lots]))
        .group_by(Spot.lot_id)
    ).all()
    counts = {row[0]: row[1:4] for row in rows}
    oldest_hold = _earliest(*(row[4] for row in rows))
    changes_at = hold_expires_at(oldest_hold) if oldest_hold else None
    result = []
    for lot in lots:
        total, reserved_count, occupied = counts.get(lot.id, (0, 0, 0))
        result.append(
            {
                "id": lot.id,
                "name": lot.name,
                "address": lot.address,
                "pincode": lot.pincode,
                "price_per_hour": lot.price_per_hour,
                "total_spots": total,
                "available_spots": total - reserved_count - occupied,
                "reserved_spots": reserved_count,
                "occupied_spots": occupied,
                "created_at": lot.created_at,
            }
        )
    return result, changes_at


def get_current_lot(lot_id: int, *, for_update: bool = False) -> Lot:
    query = sa.select(Lot).where(Lot.id == lot_id, Lot.deleted_at.is_(None))
    if for_update:
        query = query.with_for_update()
    lot = db.session.scalar(query)
    if lot is None:
        raise LotNotFound()
    return lot


def one_with_counts(lot: Lot) -> dict:
    return with_counts([lot])[0][0]


def lot(*, lot_id: int) -> dict:
    """A lot that has not been deleted, with its spot counts."""

    def compute():
        lots, changes_at = with_counts([get_current_lot(lot_id)])
        return lots[0], changes_at

    return cache.remember(f"lot:{lot_id}", [cache.lot_version(lot_id)], compute)


def current_lots_with_counts() -> tuple[list[dict], datetime | None]:
    """Every current lot with its spot counts, and when a hold running out changes them."""
    query = sa.select(Lot).where(Lot.deleted_at.is_(None)).order_by(Lot.name, Lot.id)
    return with_counts(list(db.session.scalars(query)))


def lots(*, q: str | None = None, pincode: str | None = None) -> list[dict]:
    """Current lots, optionally those whose name or address contains `q` or with this PIN code."""

    def compute():
        query = sa.select(Lot).where(Lot.deleted_at.is_(None)).order_by(Lot.name, Lot.id)
        if q:
            query = query.where(
                sa.or_(
                    Lot.name.icontains(q, autoescape=True),
                    Lot.address.icontains(q, autoescape=True),
                )
            )
        if pincode:
            query = query.where(Lot.pincode == pincode)
        return with_counts(list(db.session.scalars(query)))

    name = f"lots:{cache.key_for(q, pincode)}"
    return cache.remember(name, [cache.lots_version()], compute)


def spots_in_use(spot_ids: list[int]) -> int:
    """How many of these spots a booking holds right now."""
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Reservation)
        .where(Reservation.spot_id.in_(spot_ids), is_active())
    )


def lot_in_use(lot_id: int) -> bool:
    """Does a booking hold any spot of this lot right now?"""
    return bool(
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Reservation)
            .where(Reservation.lot_id == lot_id, is_active())
        )
    )


def _spot_reservation(reservation: Reservation, driver: User, now: datetime) -> dict:
    estimated = None
    if reservation.parked_at is not None:
        estimated = billing.cost(reservation.price_per_hour, reservation.parked_at, now)
    return {
        "id": reservation.id,
        "vehicle_number": reservation.vehicle_number,
        "reserved_at": reservation.reserved_at,
        "parked_at": reservation.parked_at,
        "estimated_cost": estimated,
        "user": {"id": driver.id, "email": driver.email, "full_name": driver.full_name},
    }


def _next_change(reservation: Reservation, now: datetime) -> datetime:
    """When the clock alone changes this spot's answer: its hold runs out, or, once parked,
    another hour starts (the estimated cost goes up)."""
    if reservation.parked_at is None:
        return hold_expires_at(reservation.reserved_at)
    hours = billing.billed_hours(billing.duration_minutes(reservation.parked_at, now))
    return reservation.parked_at + timedelta(hours=hours)


def spot_board(*, lot_id: int) -> list[dict]:
    """Every current spot of a lot in number order, with its active reservation if any."""

    def compute():
        get_current_lot(lot_id)
        rows = db.session.execute(
            current_spots()
            .add_columns(Reservation, User)
            .outerjoin(Reservation, sa.and_(Reservation.spot_id == Spot.id, is_active()))
            .outerjoin(User, User.id == Reservation.user_id)
            .where(Spot.lot_id == lot_id)
            .order_by(Spot.number)
        ).all()
        now = utcnow()
        spots = [
            {
                "id": spot.id,
                "number": spot.number,
                "status": reservation.status if reservation else "available",
                "reservation": _spot_reservation(reservation, driver, now) if reservation else None,
            }
            for spot, reservation, driver in rows
        ]
        changes_at = _earliest(*(_next_change(r, now) for _, r, _ in rows if r is not None))
        return spots, changes_at

    return cache.remember(f"spots:{lot_id}", [cache.lot_version(lot_id)], compute)
