"""Holds and windows as rules: when a booking is active, and when it holds its spot.

A drive-up not parked within RESERVATION_HOLD_MINUTES is no longer active; neither is a window
booking not parked by `starts_at` + the hold or by `ends_at`, whichever comes first (a no-show).
Every query that counts, shows or picks spots uses `is_active()` (or `holds_spot()`,
`current_status()`), so a booking that lapsed is cancelled for readers at once, before the beat
job writes the status down with `expire_holds()`. Reads therefore never write.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from parking import changes
from parking.db import utcnow
from parking.extensions import db
from parking.reservations.models import (
    ACTIVE_STATUSES,
    BY_OPERATOR,
    BY_SYSTEM,
    CANCELLED,
    OCCUPIED,
    RESERVED,
    Reservation,
)

# Why a booking is cancelled, as `cancel_reason` tells the driver.
CANCELLED_BY_DRIVER = "driver"
CANCELLED_BY_OPERATOR = "operator"
EXPIRED = "expired"
NO_SHOW = "no_show"


# The partial indexes' own condition, with the statuses written into the SQL: SQLite uses a
# partial index only when the query repeats its condition with literal values, not parameters.
def _in_active_status() -> sa.ColumnElement[bool]:
    statuses = sa.bindparam("active_statuses", list(ACTIVE_STATUSES), literal_execute=True)
    return Reservation.status.in_(statuses)


def _hold() -> timedelta:
    return timedelta(minutes=current_app.config["RESERVATION_HOLD_MINUTES"])


def early_arrival() -> timedelta:
    return timedelta(minutes=current_app.config["EARLY_ARRIVAL_MINUTES"])


def hold_deadline(now: datetime | None = None) -> datetime:
    """Drive-ups booked, and windows starting, before this moment and still not parked have
    lost their hold."""
    return (now or utcnow()) - _hold()


def hold_expires_at(reserved_at: datetime) -> datetime:
    return reserved_at + _hold()


def parking_opens_at(reservation: Reservation) -> datetime | None:
    """When a window booking may first be parked; None for a drive-up (at once)."""
    return reservation.starts_at - early_arrival() if reservation.is_window else None


def lapses_at(reservation: Reservation) -> datetime:
    """When a reserved booking not parked by then stops being active."""
    if reservation.is_window:
        return min(reservation.starts_at + _hold(), reservation.ends_at)
    return hold_expires_at(reservation.reserved_at)


def _lapsed(now: datetime) -> sa.ColumnElement[bool]:
    """SQL: reserved, and its hold (drive-up) or its window's hold (window booking) ran out."""
    deadline = hold_deadline(now)
    return sa.and_(
        _in_active_status(),
        Reservation.status == RESERVED,
        sa.or_(
            sa.and_(Reservation.starts_at.is_(None), Reservation.reserved_at < deadline),
            Reservation.starts_at <= deadline,
            Reservation.ends_at <= now,
        ),
    )


def is_active(now: datetime | None = None) -> sa.ColumnElement[bool]:
    """SQL: the booking is live: occupied, or reserved and not lapsed (a window booking is
    active from booking until its no-show deadline, however far ahead it starts).

    The first term repeats the partial indexes' predicate so that the planner can use them.
    """
    now = now or utcnow()
    deadline = hold_deadline(now)
    return sa.and_(
        _in_active_status(),
        sa.or_(
            Reservation.status == OCCUPIED,
            sa.and_(Reservation.starts_at.is_(None), Reservation.reserved_at >= deadline),
            sa.and_(Reservation.starts_at > deadline, Reservation.ends_at > now),
        ),
    )


def holds_spot(now: datetime | None = None) -> sa.ColumnElement[bool]:
    """SQL: the booking makes its spot reserved or occupied now: an active drive-up, a parked
    car, or a window booking from EARLY_ARRIVAL_MINUTES before its start."""
    now = now or utcnow()
    return sa.and_(
        is_active(now),
        sa.or_(
            Reservation.starts_at.is_(None),
            Reservation.status == OCCUPIED,
            Reservation.starts_at <= now + early_arrival(),
        ),
    )


def overlaps(starts_at: datetime, ends_at: datetime) -> sa.ColumnElement[bool]:
    """SQL: an active window booking sharing part of the half-open window [starts_at, ends_at)."""
    return sa.and_(
        Reservation.starts_at.is_not(None),
        Reservation.starts_at < ends_at,
        Reservation.ends_at > starts_at,
        is_active(),
    )


def no_show(now: datetime | None = None) -> sa.ColumnElement[bool]:
    """SQL: a window booking nobody parked in time, whether or not the beat job wrote it down."""
    return sa.and_(
        Reservation.starts_at.is_not(None),
        sa.or_(Reservation.no_show.is_(True), _lapsed(now or utcnow())),
    )


def current_status(now: datetime | None = None) -> sa.ColumnElement[str]:
    """SQL: the status as a reader sees it, a lapsed booking reading `cancelled`."""
    return sa.case((_lapsed(now or utcnow()), CANCELLED), else_=Reservation.status)


def status_now(reservation: Reservation, now: datetime | None = None) -> str:
    """The same rule for one loaded reservation."""
    if reservation.status != RESERVED:
        return reservation.status
    now, deadline = now or utcnow(), lapses_at(reservation)
    # As in SQL: a drive-up lapses after its hold, a window booking at its deadline.
    lapsed = deadline <= now if reservation.is_window else deadline < now
    return CANCELLED if lapsed else RESERVED


def hold_ends_at(reservation: Reservation, now: datetime | None = None) -> datetime | None:
    """While a booking is reserved, when its hold lapses; else None."""
    return lapses_at(reservation) if status_now(reservation, now) == RESERVED else None


def cancel_reason(reservation: Reservation, now: datetime | None = None) -> str | None:
    """Why a cancelled booking is cancelled (None unless it is): the driver, the operator, a
    drive-up hold that lapsed, or a window nobody parked in."""
    if status_now(reservation, now) != CANCELLED:
        return None
    if reservation.status == RESERVED:  # lapsed; the beat job has not written it down yet
        return NO_SHOW if reservation.is_window else EXPIRED
    if reservation.no_show:
        return NO_SHOW
    if reservation.ended_by == BY_SYSTEM:
        return EXPIRED
    return CANCELLED_BY_OPERATOR if reservation.ended_by == BY_OPERATOR else CANCELLED_BY_DRIVER


def holds_spot_now(reservation: Reservation, now: datetime) -> bool:
    """The same rule as `holds_spot()` for one active reservation."""
    if not reservation.is_window or reservation.status == OCCUPIED:
        return True
    return reservation.starts_at <= now + early_arrival()


def first_lapse_columns(now: datetime | None = None) -> tuple[sa.ColumnElement, ...]:
    """SQL aggregates for `first_lapse`, over the active bookings among the selected rows: the
    oldest drive-up hold, the earliest reserved window's start and its earliest end."""
    reserved = sa.and_(is_active(now), Reservation.status == RESERVED)
    drive_up = sa.and_(reserved, Reservation.starts_at.is_(None))
    return (
        sa.func.min(sa.case((drive_up, Reservation.reserved_at))),
        sa.func.min(sa.case((reserved, Reservation.starts_at))),
        sa.func.min(sa.case((reserved, Reservation.ends_at))),
    )


def first_lapse(oldest_hold, first_start, first_end) -> datetime | None:
    """The first moment one of those bookings may lapse (no later than the real one)."""
    moments = [
        hold_expires_at(oldest_hold) if oldest_hold else None,
        first_start + _hold() if first_start else None,
        first_end,
    ]
    present = [moment for moment in moments if moment is not None]
    return min(present) if present else None


def lots_with_windows_opening(since: datetime, until: datetime) -> list[int]:
    """Lots where a window booking's spot turned reserved (EARLY_ARRIVAL_MINUTES before its
    start) in (since, until]: nothing is written then, so the per-minute job announces it."""
    rows = db.session.execute(
        sa.select(Reservation.lot_id)
        .distinct()
        .where(
            Reservation.status == RESERVED,
            Reservation.starts_at > since + early_arrival(),
            Reservation.starts_at <= until + early_arrival(),
        )
    ).all()
    return sorted(lot for (lot,) in rows)


def expire_holds(*, lot_id: int | None = None, vehicle_number: str | None = None) -> list[int]:
    """Write `cancelled` on bookings that lapsed (all, or a lot's and a vehicle's), marking the
    window bookings as no-shows; the ids of the lots they were in. Part of the caller's unit of
    work; once it commits, each driver is told (`booking_cancelled`).

    The beat job calls it every minute; `book()` calls it for its lot and vehicle under its own
    lock, because the unique indexes and overlap constraints still count an unwritten lapse.
    """
    now = utcnow()
    lapsed = _lapsed(now)
    if lot_id is None and vehicle_number is None:
        scopes = [sa.true()]
    else:
        # One statement per index (the lot's, the vehicle's drive-ups, its windows) rather than
        # an OR that no index answers.
        vehicle = Reservation.vehicle_number == vehicle_number
        scopes = [
            Reservation.lot_id == lot_id,
            sa.and_(vehicle, Reservation.starts_at.is_(None)),
            sa.and_(vehicle, Reservation.starts_at.is_not(None)),
        ]
    rows = []
    for scope in scopes:
        rows += db.session.execute(
            sa.update(Reservation)
            .where(lapsed, scope)
            .values(
                status=CANCELLED,
                cancelled_at=now,
                ended_by=BY_SYSTEM,
                no_show=Reservation.starts_at.is_not(None),
            )
            .returning(Reservation.id, Reservation.lot_id)
            .execution_options(synchronize_session=False)
        ).all()
    for reservation_id, _ in rows:
        changes.follow_up(TELL_DRIVER_BOOKING_ENDED, reservation_id)
    return sorted({lot for _, lot in rows})


# The task that tells a driver their booking was ended by someone else (parking/jobs/tasks.py).
TELL_DRIVER_BOOKING_ENDED = "parking.tell_driver_booking_ended"
