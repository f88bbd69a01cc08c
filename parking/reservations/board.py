"""The spot board: each lot's spots and what holds them, the counts the lot list shows, and
whether a spot or lot is in use. Reads only, answered from the cache when they can be."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from parking import cache
from parking.auth.models import User
from parking.db import utcnow
from parking.extensions import db
from parking.reservations import billing, holds
from parking.reservations.allocation import free_for_window
from parking.reservations.errors import LotNotFound
from parking.reservations.holds import is_active
from parking.reservations.models import DRIVE_UP, OCCUPIED, RESERVED, Lot, Reservation, Spot


def current_spots() -> sa.Select:
    return sa.select(Spot).where(Spot.removed_at.is_(None))


def _earliest(*moments: datetime | None) -> datetime | None:
    present = [moment for moment in moments if moment is not None]
    return min(present) if present else None


def _clock_changes(lot_ids: list[int], now: datetime) -> datetime | None:
    """The first moment the clock alone changes these lots' counts or free windows: a booking
    lapsing, or a window booking's spot turning reserved."""
    turns_later = sa.and_(
        Reservation.status == RESERVED,
        Reservation.starts_at > now + holds.early_arrival(),
    )
    next_turn, *lapse = db.session.execute(
        sa.select(
            sa.func.min(sa.case((turns_later, Reservation.starts_at))),
            *holds.first_lapse_columns(now),
        ).where(Reservation.lot_id.in_(lot_ids), holds.is_active(now))
    ).one()
    return _earliest(
        next_turn - holds.early_arrival() if next_turn else None, holds.first_lapse(*lapse)
    )


def with_counts(lots: list[Lot], window=None) -> tuple[list[dict], datetime | None]:
    """Each lot as a dict with its total/available/reserved/occupied spot counts, and, for a
    window (starts_at, ends_at), its advance spots free for all of it and that window's price;
    and the moment the clock alone changes these answers."""
    if not lots:
        return [], None
    lot_ids = [lot.id for lot in lots]
    now = utcnow()
    # A spot may hold an overstaying car and the next window booking at once: it is occupied.
    holding = (
        sa.select(
            Reservation.spot_id,
            sa.func.max(sa.case((Reservation.status == OCCUPIED, 1), else_=0)).label("occupied"),
        )
        .where(holds.holds_spot(now), Reservation.lot_id.in_(lot_ids))
        .group_by(Reservation.spot_id)
        .subquery()
    )
    free_drive_up = sa.and_(Spot.kind == DRIVE_UP, holding.c.spot_id.is_(None))
    rows = db.session.execute(
        sa.select(
            Spot.lot_id,
            sa.func.count(Spot.id),
            sa.func.count(sa.case((holding.c.occupied == 0, 1))),
            sa.func.count(sa.case((holding.c.occupied == 1, 1))),
            sa.func.count(sa.case((free_drive_up, 1))),
        )
        .outerjoin(holding, holding.c.spot_id == Spot.id)
        .where(Spot.removed_at.is_(None), Spot.lot_id.in_(lot_ids))
        .group_by(Spot.lot_id)
    ).all()
    counts = {row[0]: row[1:5] for row in rows}
    free = free_for_window(lot_ids, *window) if window else {}
    result = []
    for lot in lots:
        total, reserved_count, occupied, drive_up_free = counts.get(lot.id, (0, 0, 0, 0))
        result.append(
            {
                "id": lot.id,
                "name": lot.name,
                "address": lot.address,
                "pincode": lot.pincode,
                "price_per_hour": lot.price_per_hour,
                "total_spots": total,
                "advance_spots": lot.advance_spots,
                "available_spots": total - reserved_count - occupied,
                "reserved_spots": reserved_count,
                "occupied_spots": occupied,
                # What a booking for now can take: advance spots are for windows only.
                "available_drive_up_spots": drive_up_free,
                "available_for_window": free.get(lot.id, 0) if window else None,
                "quoted_cost": billing.quote(lot.price_per_hour, *window) if window else None,
                "created_at": lot.created_at,
            }
        )
    return result, _clock_changes(lot_ids, now)


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


def lots(
    *,
    q: str | None = None,
    pincode: str | None = None,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    near_pincode: str | None = None,
) -> list[dict]:
    """Current lots, optionally those whose name or address contains `q` or with this PIN code;
    for a window, with the advance spots free for all of it; the lots in `near_pincode` (the
    driver's own) first."""
    window = (starts_at, ends_at) if starts_at is not None else None

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
        return with_counts(list(db.session.scalars(query)), window)

    name = f"lots:{cache.key_for(q, pincode, starts_at, ends_at)}"
    found = cache.remember(name, [cache.lots_version()], compute)
    if near_pincode:  # a stable sort: each group keeps its order by name
        found = sorted(found, key=lambda lot: lot["pincode"] != near_pincode)
    return found


def spot_numbers_in_use(spot_ids: list[int]) -> list[int]:
    """The numbers of those spots that have an active booking: a drive-up, or a window booking
    that is upcoming or current."""
    rows = db.session.scalars(
        sa.select(Spot.number)
        .distinct()
        .join(Reservation, Reservation.spot_id == Spot.id)
        .where(Spot.id.in_(spot_ids), is_active())
        .order_by(Spot.number)
    )
    return list(rows)


def lot_in_use(lot_id: int) -> bool:
    """Does an active booking (now, or a window ahead) hold any spot of this lot?"""
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
        estimated = billing.stay_cost(reservation, now)
    return {
        "id": reservation.id,
        "vehicle_number": reservation.vehicle_number,
        "reserved_at": reservation.reserved_at,
        "parked_at": reservation.parked_at,
        "starts_at": reservation.starts_at,
        "ends_at": reservation.ends_at,
        "estimated_cost": estimated,
        "hold_ends_at": holds.hold_ends_at(reservation, now),
        "user": {
            "id": driver.id,
            "email": driver.email,
            "full_name": driver.full_name,
            "phone": driver.phone,
        },
    }


def _next_change(reservation: Reservation, now: datetime) -> datetime:
    """When the clock alone changes what the board shows of this booking: its spot turns
    reserved, its hold or window runs out, or, once parked, the estimated cost goes up."""
    if reservation.parked_at is not None:
        return billing.next_price_change(reservation, now)
    if not holds.holds_spot_now(reservation, now):
        return holds.parking_opens_at(reservation)
    return holds.lapses_at(reservation)


def _spot_answer(spot: Spot, bookings: list[tuple[Reservation, User]], now: datetime) -> dict:
    """A spot's status and the booking that gives it (a parked car before a booking whose
    window is about to start), and, for an advance spot, its next window booking."""
    holding = [(r, user) for r, user in bookings if holds.holds_spot_now(r, now)]
    holding.sort(key=lambda pair: (pair[0].status != OCCUPIED, pair[0].starts_at or now))
    reservation, driver = holding[0] if holding else (None, None)
    windows = sorted(
        (r for r, _ in bookings if r.is_window),
        key=lambda r: (r.status != OCCUPIED, r.starts_at),
    )
    upcoming = windows[0] if windows else None
    return {
        "id": spot.id,
        "number": spot.number,
        "kind": spot.kind,
        "status": reservation.status if reservation else "available",
        "reservation": _spot_reservation(reservation, driver, now) if reservation else None,
        "next_booking": {
            "id": upcoming.id,
            "starts_at": upcoming.starts_at,
            "ends_at": upcoming.ends_at,
            "vehicle_number": upcoming.vehicle_number,
        }
        if upcoming
        else None,
    }


def spot_board(*, lot_id: int) -> list[dict]:
    """Every current spot of a lot in number order, with the booking that holds it if any and,
    for advance spots, the next window booking."""

    def compute():
        get_current_lot(lot_id)
        now = utcnow()
        rows = db.session.execute(
            current_spots()
            .add_columns(Reservation, User)
            .outerjoin(Reservation, sa.and_(Reservation.spot_id == Spot.id, is_active(now)))
            .outerjoin(User, User.id == Reservation.user_id)
            .where(Spot.lot_id == lot_id)
            .order_by(Spot.number, Reservation.starts_at)
        ).all()
        spots: dict[int, tuple[Spot, list]] = {}
        for spot, reservation, driver in rows:
            bookings = spots.setdefault(spot.id, (spot, []))[1]
            if reservation is not None:
                bookings.append((reservation, driver))
        answer = [_spot_answer(spot, bookings, now) for spot, bookings in spots.values()]
        changes_at = _earliest(*(_next_change(r, now) for _, r, _ in rows if r is not None))
        return answer, changes_at

    return cache.remember(f"spots:{lot_id}", [cache.lot_version(lot_id)], compute)
