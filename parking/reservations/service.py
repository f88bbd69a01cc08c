"""Reservation lifecycle: book, park, release, cancel, plus the history queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy import orm

from parking import changes
from parking.auth.models import User
from parking.db import utcnow
from parking.extensions import db, transactional
from parking.pagination import paginate
from parking.reservations import billing, holds
from parking.reservations.allocation import first_free_spot, first_spot_free_for
from parking.reservations.errors import (
    LotFull,
    LotNotFound,
    NoAdvanceSpotFree,
    NoAdvanceSpots,
    OutsideParkingWindow,
    ReservationNotFound,
    TooManyActiveReservations,
    VehicleAlreadyActive,
    VehicleAlreadyParked,
    VehicleWindowOverlaps,
    WrongStatus,
)
from parking.reservations.models import (
    BY_DRIVER,
    BY_OPERATOR,
    CANCELLED,
    COMPLETED,
    OCCUPIED,
    RESERVED,
    IdempotencyKey,
    Lot,
    Reservation,
)

IDEMPOTENCY_WINDOW = timedelta(hours=24)
# Enough tries for a burst of concurrent bookings to fan out over the free spots.
MAX_ALLOCATION_ATTEMPTS = 50

__all__ = [
    "book",
    "park",
    "release",
    "cancel",
    "get",
    "get_all",
    "purge_idempotency_keys",
]


def _idempotent_replay(user: User, key: str) -> Reservation | None:
    """The reservation an earlier request with this key booked within 24 h, if any."""
    record = db.session.scalar(
        sa.select(IdempotencyKey).where(
            IdempotencyKey.user_id == user.id, IdempotencyKey.key == key
        )
    )
    if record is None:
        return None
    if record.created_at < utcnow() - IDEMPOTENCY_WINDOW:
        db.session.delete(record)
        db.session.flush()
        return None
    return db.session.get(Reservation, record.reservation_id)


def _claim_key(user: User, key: str) -> IdempotencyKey | None:
    """Record the key before booking; None when a concurrent request with it got there first."""
    record = IdempotencyKey(user_id=user.id, key=key)
    try:
        with db.session.begin_nested():
            db.session.add(record)
    except sa.exc.IntegrityError:
        return None
    return record


@dataclass(frozen=True)
class Window:
    """The half-open window [starts_at, ends_at) of a booking made ahead."""

    starts_at: datetime
    ends_at: datetime


def _vehicle_is_busy(vehicle_number: str, window: Window | None) -> bool:
    """A drive-up is refused while the vehicle has an active drive-up; a window booking while
    it has an active window booking overlapping it. The two kinds may coexist."""
    if window is None:
        clash = sa.and_(Reservation.starts_at.is_(None), holds.is_active())
    else:
        clash = holds.overlaps(window.starts_at, window.ends_at)
    return bool(
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Reservation)
            .where(Reservation.vehicle_number == vehicle_number, clash)
        )
    )


def _vehicle_busy_error(window: Window | None):
    return VehicleAlreadyActive() if window is None else VehicleWindowOverlaps()


def _check_driver_limits(user: User, vehicle_number: str, window: Window | None) -> None:
    # Lock the driver's row so two bookings by one driver are counted one after the other.
    db.session.execute(sa.select(User.id).where(User.id == user.id).with_for_update())
    if _vehicle_is_busy(vehicle_number, window):
        raise _vehicle_busy_error(window)
    active = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Reservation)
        .where(Reservation.user_id == user.id, holds.is_active())
    )
    if active >= current_app.config["MAX_ACTIVE_RESERVATIONS"]:
        raise TooManyActiveReservations()


def _pick_spot(lot: Lot, window: Window | None):
    if window is None:
        spot = first_free_spot(lot_id=lot.id)
        if spot is None:
            raise LotFull()
        return spot
    if lot.advance_spots == 0:
        raise NoAdvanceSpots()
    spot = first_spot_free_for(lot_id=lot.id, starts_at=window.starts_at, ends_at=window.ends_at)
    if spot is None:
        raise NoAdvanceSpotFree()
    return spot


def _reserve_spot(
    user: User, lot: Lot, vehicle_number: str, remarks, window: Window | None
) -> Reservation:
    """Insert the booking on the spot allocation picks; when a concurrent booking wins that
    spot (a unique index or the overlap constraint says so), pick again."""
    for _ in range(MAX_ALLOCATION_ATTEMPTS):
        spot = _pick_spot(lot, window)
        reservation = Reservation(
            user_id=user.id,
            lot_id=lot.id,
            spot_id=spot.id,
            spot_number=spot.number,
            price_per_hour=lot.price_per_hour,
            vehicle_number=vehicle_number,
            remarks=remarks,
            status=RESERVED,
            reserved_at=utcnow(),
        )
        if window is not None:
            reservation.starts_at, reservation.ends_at = window.starts_at, window.ends_at
            reservation.quoted_cost = billing.quote(
                lot.price_per_hour, window.starts_at, window.ends_at
            )
        try:
            with db.session.begin_nested():
                db.session.add(reservation)
        except sa.exc.IntegrityError:
            # Another booking took this spot or this vehicle at the same moment.
            if _vehicle_is_busy(vehicle_number, window):
                raise _vehicle_busy_error(window) from None
            continue
        return reservation
    raise LotFull("The lot is too busy right now; please try again")


# A window booking's driver is reminded this long before its start (at once when booked later).
REMINDER_LEAD = timedelta(minutes=30)


@transactional
def book(
    *,
    user: User,
    lot_id: int,
    vehicle_number: str,
    remarks: str | None = None,
    idempotency_key: str | None = None,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
) -> Reservation:
    """Reserve a spot of a lot for a driver's vehicle: for now, the lowest-numbered free
    drive-up spot; for a window (`starts_at`, `ends_at`, checked by the schema), the
    lowest-numbered advance spot free for all of it, at a price frozen now.

    With an idempotency key, a repeat of the same request within 24 h returns the reservation
    the first one made and books nothing more. A window starting within REMINDER_LEAD gets its
    reminder at once (the per-minute job is the backstop).
    """
    record = None
    if idempotency_key is not None:
        earlier = _idempotent_replay(user, idempotency_key)
        if earlier is not None:
            return earlier
        record = _claim_key(user, idempotency_key)
        if record is None:  # a concurrent twin committed first: answer what it booked
            return _idempotent_replay(user, idempotency_key)
    lot = db.session.scalar(sa.select(Lot).where(Lot.id == lot_id, Lot.deleted_at.is_(None)))
    if lot is None:
        raise LotNotFound()
    window = Window(starts_at, ends_at) if starts_at is not None else None
    _check_driver_limits(user, vehicle_number, window)
    # The unique indexes and overlap constraints still count lapses not yet written down.
    expired_in = holds.expire_holds(lot_id=lot.id, vehicle_number=vehicle_number)
    reservation = _reserve_spot(user, lot, vehicle_number, remarks, window)
    if record is not None:
        record.reservation_id = reservation.id
    changes.lots_changed(lot.id, *expired_in, user_id=user.id)
    if window is not None and window.starts_at <= utcnow() + REMINDER_LEAD:
        changes.follow_up("parking.send_booking_reminders", reservation.id)
    return reservation


def _visible(reservation_id: int, user: User, *, for_update: bool = False) -> Reservation:
    """The reservation if `user` owns it or is an admin; otherwise it does not exist for them."""
    query = sa.select(Reservation).where(Reservation.id == reservation_id)
    if not user.is_admin:
        query = query.where(Reservation.user_id == user.id)
    if for_update:
        query = query.with_for_update()
    reservation = db.session.scalar(query)
    if reservation is None:
        raise ReservationNotFound()
    return reservation


@transactional
def park(*, user: User, reservation_id: int) -> Reservation:
    """Mark the driver's reserved spot as occupied from now; a window booking from
    EARLY_ARRIVAL_MINUTES before its start until its end. A vehicle is parked once at a time."""
    reservation = _visible(reservation_id, user, for_update=True)
    if reservation.user_id != user.id:
        raise ReservationNotFound()
    now = utcnow()
    if holds.status_now(reservation, now) != RESERVED:
        raise WrongStatus("park", reservation, RESERVED)
    opens_at = holds.parking_opens_at(reservation)
    if opens_at is not None and not opens_at <= now < reservation.ends_at:
        raise OutsideParkingWindow(opens_at, reservation.ends_at, now)
    reservation.status = OCCUPIED
    reservation.parked_at = now
    try:
        db.session.flush()
    except sa.exc.IntegrityError:  # one parked car per vehicle: a unique index says so
        raise VehicleAlreadyParked() from None
    changes.lots_changed(reservation.lot_id, user_id=reservation.user_id)
    return reservation


def _ended_by(user: User) -> str:
    return BY_OPERATOR if user.is_admin else BY_DRIVER


@transactional
def release(*, user: User, reservation_id: int) -> Reservation:
    """End a stay: the spot is free again, the cost is fixed and the receipt is e-mailed (and,
    when the operator ended it, the driver is told why)."""
    reservation = _visible(reservation_id, user, for_update=True)
    if reservation.status != OCCUPIED:
        raise WrongStatus("release", reservation, OCCUPIED)
    now = utcnow()
    reservation.status = COMPLETED
    reservation.left_at = now
    reservation.ended_by = _ended_by(user)
    reservation.duration_minutes = billing.duration_minutes(reservation.parked_at, now)
    reservation.cost = billing.stay_cost(reservation, now)
    changes.lots_changed(reservation.lot_id, user_id=reservation.user_id)
    # Queued once committed; a queue outage costs the e-mail (the receipt stays downloadable),
    # never the release itself.
    changes.follow_up("parking.email_receipt", reservation.id)
    if reservation.ended_by == BY_OPERATOR:
        changes.follow_up(holds.TELL_DRIVER_BOOKING_ENDED, reservation.id)
    return reservation


@transactional
def cancel(*, user: User, reservation_id: int) -> Reservation:
    """Give up a reservation before parking; nothing is charged. A driver whose booking the
    operator cancels is told."""
    reservation = _visible(reservation_id, user, for_update=True)
    if holds.status_now(reservation) != RESERVED:
        raise WrongStatus("cancel", reservation, RESERVED)
    reservation.status = CANCELLED
    reservation.cancelled_at = utcnow()
    reservation.ended_by = _ended_by(user)
    changes.lots_changed(reservation.lot_id, user_id=reservation.user_id)
    if reservation.ended_by == BY_OPERATOR:
        changes.follow_up(holds.TELL_DRIVER_BOOKING_ENDED, reservation.id)
    return reservation


def get(*, user: User, reservation_id: int) -> Reservation:
    """One reservation its owner or an admin may see."""
    return _visible(reservation_id, user)


def get_all(
    *,
    user: User,
    page: int,
    per_page: int,
    status: str | None = None,
    lot_id: int | None = None,
    user_id: int | None = None,
    vehicle_number: str | None = None,
) -> dict:
    """A page of reservations, newest first: a driver's own, or everyone's for an admin;
    `vehicle_number` keeps the plates that start with it."""
    query = (
        sa.select(Reservation)
        .options(orm.joinedload(Reservation.lot), orm.joinedload(Reservation.user))
        .order_by(Reservation.reserved_at.desc(), Reservation.id.desc())
    )
    if not user.is_admin:
        query = query.where(Reservation.user_id == user.id)
    elif user_id is not None:
        query = query.where(Reservation.user_id == user_id)
    if status is not None:
        query = query.where(holds.current_status() == status)
    if lot_id is not None:
        query = query.where(Reservation.lot_id == lot_id)
    if vehicle_number is not None:
        query = query.where(Reservation.vehicle_number.startswith(vehicle_number, autoescape=True))
    return paginate(query, page=page, per_page=per_page)


@transactional
def purge_idempotency_keys() -> int:
    """Forget Idempotency-Keys past their 24 h window; how many went."""
    result = db.session.execute(
        sa.delete(IdempotencyKey).where(IdempotencyKey.created_at < utcnow() - IDEMPOTENCY_WINDOW)
    )
    return result.rowcount
