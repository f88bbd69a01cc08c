"""Parking lots as the operator runs them: create with their spots, edit, resize, delete.
What a lot shows (its counts, its spot board) is read from the spot board."""

from __future__ import annotations

from decimal import Decimal

from parking import changes
from parking.db import utcnow
from parking.errors import field_error
from parking.extensions import db, transactional
from parking.lots.errors import LotInUse, SpotKindInUse, SpotsInUse
from parking.reservations import board
from parking.reservations.models import ADVANCE, DRIVE_UP, Lot, Spot

get = board.lot
get_all = board.lots
get_spots = board.spot_board


def _add_spots(lot: Lot, *, after: int, count: int) -> None:
    db.session.add_all(Spot(lot_id=lot.id, number=after + n) for n in range(1, count + 1))


def _check_advance_spots(advance_spots: int, total_spots: int) -> None:
    if advance_spots > total_spots:
        raise field_error("advance_spots", f"Must be at most the number of spots ({total_spots}).")


@transactional
def create(
    *,
    name: str,
    address: str,
    pincode: str,
    price_per_hour: Decimal,
    total_spots: int,
    advance_spots: int = 0,
) -> dict:
    """Create a lot with spots numbered 1..total_spots, all available; the highest-numbered
    `advance_spots` of them are kept for window bookings."""
    _check_advance_spots(advance_spots, total_spots)
    lot = Lot(
        name=name,
        address=address,
        pincode=pincode,
        price_per_hour=price_per_hour,
        advance_spots=advance_spots,
    )
    db.session.add(lot)
    db.session.flush()
    _add_spots(lot, after=0, count=total_spots)
    db.session.flush()
    _assign_kinds(lot)
    changes.lots_changed(lot.id)
    return board.one_with_counts(lot)


def _current_spots(lot: Lot) -> list[Spot]:
    query = board.current_spots().where(Spot.lot_id == lot.id).order_by(Spot.number)
    return list(db.session.scalars(query))


def _assign_kinds(lot: Lot) -> list[Spot]:
    """Make the highest-numbered `advance_spots` spots advance and the rest drive-up; the
    spots whose kind changed."""
    spots = _current_spots(lot)
    first_advance = len(spots) - lot.advance_spots
    changed = []
    for index, spot in enumerate(spots):
        kind = ADVANCE if index >= first_advance else DRIVE_UP
        if spot.kind != kind:
            spot.kind = kind
            changed.append(spot)
    return changed


def _resize(lot: Lot, total_spots: int) -> None:
    """Grow by numbering new spots after the highest; shrink by removing the highest-numbered."""
    spots = _current_spots(lot)
    highest = max((spot.number for spot in spots), default=0)
    if total_spots > len(spots):
        _add_spots(lot, after=highest, count=total_spots - len(spots))
    elif total_spots < len(spots):
        doomed = spots[total_spots:]
        in_use = board.spot_numbers_in_use([spot.id for spot in doomed])
        if in_use:
            # The lot keeps its lowest-numbered spots: enough to reach the highest one in use.
            position = {spot.number: index for index, spot in enumerate(spots)}
            raise SpotsInUse(in_use, keep_at_least=position[in_use[-1]] + 1)
        now = utcnow()
        for spot in doomed:
            spot.removed_at = now
    db.session.flush()


@transactional
def update(
    *,
    lot_id: int,
    total_spots: int | None = None,
    advance_spots: int | None = None,
    **fields,
) -> dict:
    """Edit a lot; a new price applies to bookings made from now on. Resizing or re-splitting
    never removes a spot in use or turns one into the other kind (409, nothing changed)."""
    lot = board.get_current_lot(lot_id, for_update=True)
    for name, value in fields.items():
        setattr(lot, name, value)
    if total_spots is not None or advance_spots is not None:
        total = total_spots if total_spots is not None else len(_current_spots(lot))
        lot.advance_spots = advance_spots if advance_spots is not None else lot.advance_spots
        _check_advance_spots(lot.advance_spots, total)
        if total_spots is not None:
            _resize(lot, total_spots)
        changed = _assign_kinds(lot)
        in_use = board.spot_numbers_in_use([spot.id for spot in changed]) if changed else []
        if in_use:
            raise SpotKindInUse(in_use)
    db.session.flush()
    changes.lots_changed(lot.id, details=bool(fields) or advance_spots is not None)
    return board.one_with_counts(lot)


@transactional
def delete(*, lot_id: int) -> None:
    """Remove a lot from listings and booking; its past reservations stay in every history."""
    lot = board.get_current_lot(lot_id, for_update=True)
    if board.lot_in_use(lot.id):
        raise LotInUse()
    lot.deleted_at = utcnow()
    changes.lots_changed(lot.id, details=True)
