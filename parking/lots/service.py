"""Parking lots: create with their spots, resize, delete, and list with live spot counts."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from parking.auth.models import User
from parking.db import utcnow
from parking.errors import Conflict, NotFound
from parking.extensions import db, transactional
from parking.lots.models import Lot, Spot
from parking.reservations.billing import cost
from parking.reservations.holds import expire_holds
from parking.reservations.models import ACTIVE_STATUSES, OCCUPIED, RESERVED, Reservation


class LotNotFound(NotFound):
    message = "Parking lot not found"


class SpotsInUse(Conflict):
    message = "total_spots: that would remove a spot that is reserved or occupied"


class LotInUse(Conflict):
    message = "The lot has reserved or occupied spots; release or cancel them first"


def _current_spots():
    return sa.select(Spot).where(Spot.removed_at.is_(None))


def _active_reservations():
    return sa.select(Reservation.spot_id, Reservation.status).where(
        Reservation.status.in_(ACTIVE_STATUSES)
    )


def _attach_counts(lots: list[Lot]) -> list[Lot]:
    """Set total/available/reserved/occupied spot counts on each lot, in one query."""
    if not lots:
        return lots
    active = _active_reservations().subquery()
    rows = db.session.execute(
        sa.select(
            Spot.lot_id,
            sa.func.count(Spot.id),
            sa.func.count(sa.case((active.c.status == RESERVED, 1))),
            sa.func.count(sa.case((active.c.status == OCCUPIED, 1))),
        )
        .outerjoin(active, active.c.spot_id == Spot.id)
        .where(Spot.removed_at.is_(None), Spot.lot_id.in_([lot.id for lot in lots]))
        .group_by(Spot.lot_id)
    ).all()
    counts = {lot_id: (total, reserved, occupied) for lot_id, total, reserved, occupied in rows}
    for lot in lots:
        total, reserved, occupied = counts.get(lot.id, (0, 0, 0))
        lot.total_spots = total
        lot.reserved_spots = reserved
        lot.occupied_spots = occupied
        lot.available_spots = total - reserved - occupied
    return lots


def _get_current(lot_id: int, *, for_update: bool = False) -> Lot:
    query = sa.select(Lot).where(Lot.id == lot_id, Lot.deleted_at.is_(None))
    if for_update:
        query = query.with_for_update()
    lot = db.session.scalar(query)
    if lot is None:
        raise LotNotFound()
    return lot


def get(*, lot_id: int) -> Lot:
    """A lot that has not been deleted, with its spot counts."""
    expire_holds()
    return _attach_counts([_get_current(lot_id)])[0]


def get_all(*, q: str | None = None, pincode: str | None = None) -> list[Lot]:
    """Current lots, optionally those whose name or address contains `q` or with this PIN code."""
    expire_holds()
    query = sa.select(Lot).where(Lot.deleted_at.is_(None)).order_by(Lot.name, Lot.id)
    if q:
        query = query.where(
            sa.or_(
                Lot.name.icontains(q, autoescape=True), Lot.address.icontains(q, autoescape=True)
            )
        )
    if pincode:
        query = query.where(Lot.pincode == pincode)
    return _attach_counts(list(db.session.scalars(query)))


def _add_spots(lot: Lot, *, after: int, count: int) -> None:
    db.session.add_all(Spot(lot_id=lot.id, number=after + n) for n in range(1, count + 1))


@transactional
def create(
    *, name: str, address: str, pincode: str, price_per_hour: Decimal, total_spots: int
) -> Lot:
    """Create a lot with spots numbered 1..total_spots, all available."""
    lot = Lot(name=name, address=address, pincode=pincode, price_per_hour=price_per_hour)
    db.session.add(lot)
    db.session.flush()
    _add_spots(lot, after=0, count=total_spots)
    db.session.flush()
    return _attach_counts([lot])[0]


def _resize(lot: Lot, total_spots: int) -> None:
    """Grow by numbering new spots after the highest; shrink by removing the highest-numbered."""
    spots = list(db.session.scalars(_current_spots().where(Spot.lot_id == lot.id)))
    current = len(spots)
    highest = max((spot.number for spot in spots), default=0)
    if total_spots > current:
        _add_spots(lot, after=highest, count=total_spots - current)
    elif total_spots < current:
        doomed = sorted(spots, key=lambda spot: spot.number)[total_spots:]
        doomed_ids = [spot.id for spot in doomed]
        in_use = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Reservation)
            .where(Reservation.spot_id.in_(doomed_ids), Reservation.status.in_(ACTIVE_STATUSES))
        )
        if in_use:
            raise SpotsInUse()
        now = utcnow()
        for spot in doomed:
            spot.removed_at = now


@transactional
def update(*, lot_id: int, total_spots: int | None = None, **changes) -> Lot:
    """Edit a lot; a new price applies to bookings made from now on."""
    expire_holds()
    lot = _get_current(lot_id, for_update=True)
    for name, value in changes.items():
        setattr(lot, name, value)
    if total_spots is not None:
        _resize(lot, total_spots)
    db.session.flush()
    return _attach_counts([lot])[0]


@transactional
def delete(*, lot_id: int) -> None:
    """Remove a lot from listings and booking; its past reservations stay in every history."""
    expire_holds()
    lot = _get_current(lot_id, for_update=True)
    in_use = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Reservation)
        .where(Reservation.lot_id == lot.id, Reservation.status.in_(ACTIVE_STATUSES))
    )
    if in_use:
        raise LotInUse()
    lot.deleted_at = utcnow()


def get_spots(*, lot_id: int) -> list[dict]:
    """Every current spot of a lot in number order, with its active reservation if any."""
    expire_holds()
    _get_current(lot_id)
    rows = db.session.execute(
        _current_spots()
        .add_columns(Reservation)
        .outerjoin(
            Reservation,
            sa.and_(Reservation.spot_id == Spot.id, Reservation.status.in_(ACTIVE_STATUSES)),
        )
        .where(Spot.lot_id == lot_id)
        .order_by(Spot.number)
    ).all()
    # Load the drivers in one query; each reservation.user then comes from the identity map.
    user_ids = {reservation.user_id for _, reservation in rows if reservation is not None}
    db.session.scalars(sa.select(User).where(User.id.in_(user_ids))).all()
    now = utcnow()
    spots = []
    for spot, reservation in rows:
        if reservation is not None and reservation.parked_at is not None:
            reservation.estimated_cost = cost(
                reservation.price_per_hour, reservation.parked_at, now
            )
        elif reservation is not None:
            reservation.estimated_cost = None
        spots.append(
            {
                "id": spot.id,
                "number": spot.number,
                "status": reservation.status if reservation else "available",
                "reservation": reservation,
            }
        )
    return spots
