"""Parking lots as the operator runs them: create with their spots, edit, resize, delete.
What a lot shows (its counts, its spot board) is read from the spot board."""

from __future__ import annotations

from decimal import Decimal

from parking import changes
from parking.db import utcnow
from parking.extensions import db, transactional
from parking.lots.errors import LotInUse, SpotsInUse
from parking.reservations import board
from parking.reservations.models import Lot, Spot

get = board.lot
get_all = board.lots
get_spots = board.spot_board


def _add_spots(lot: Lot, *, after: int, count: int) -> None:
    db.session.add_all(Spot(lot_id=lot.id, number=after + n) for n in range(1, count + 1))


@transactional
def create(
    *, name: str, address: str, pincode: str, price_per_hour: Decimal, total_spots: int
) -> dict:
    """Create a lot with spots numbered 1..total_spots, all available."""
    lot = Lot(name=name, address=address, pincode=pincode, price_per_hour=price_per_hour)
    db.session.add(lot)
    db.session.flush()
    _add_spots(lot, after=0, count=total_spots)
    db.session.flush()
    changes.lots_changed(lot.id)
    return board.one_with_counts(lot)


def _resize(lot: Lot, total_spots: int) -> None:
    """Grow by numbering new spots after the highest; shrink by removing the highest-numbered."""
    spots = list(db.session.scalars(board.current_spots().where(Spot.lot_id == lot.id)))
    current = len(spots)
    highest = max((spot.number for spot in spots), default=0)
    if total_spots > current:
        _add_spots(lot, after=highest, count=total_spots - current)
    elif total_spots < current:
        doomed = sorted(spots, key=lambda spot: spot.number)[total_spots:]
        doomed_ids = [spot.id for spot in doomed]
        if board.spots_in_use(doomed_ids):
            raise SpotsInUse()
        now = utcnow()
        for spot in doomed:
            spot.removed_at = now


@transactional
def update(*, lot_id: int, total_spots: int | None = None, **fields) -> dict:
    """Edit a lot; a new price applies to bookings made from now on."""
    lot = board.get_current_lot(lot_id, for_update=True)
    for name, value in fields.items():
        setattr(lot, name, value)
    if total_spots is not None:
        _resize(lot, total_spots)
    db.session.flush()
    changes.lots_changed(lot.id, details=bool(fields))
    return board.one_with_counts(lot)


@transactional
def delete(*, lot_id: int) -> None:
    """Remove a lot from listings and booking; its past reservations stay in every history."""
    lot = board.get_current_lot(lot_id, for_update=True)
    if board.lot_in_use(lot.id):
        raise LotInUse()
    lot.deleted_at = utcnow()
    changes.lots_changed(lot.id, details=True)
