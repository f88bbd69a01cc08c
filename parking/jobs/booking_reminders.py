"""The booking reminder: a window booking's driver hears that it starts soon, once per booking
and channel, when the start is REMINDER_LEAD away or less (at once for a booking made later)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from sqlalchemy import orm

from parking.db import utcnow
from parking.extensions import db
from parking.jobs.reminders import Reason, Reminder
from parking.notifications.models import BOOKING_REMINDER, Notification
from parking.notifications.service import Deliveries, notify_user
from parking.reports import render
from parking.reports.formatting import clock, money, window
from parking.reservations import holds
from parking.reservations.models import RESERVED, Reservation
from parking.reservations.service import REMINDER_LEAD


def _period(reservation: Reservation) -> str:
    return f"booking:{reservation.id}"


def due_bookings(now: datetime, reservation_id: int | None = None) -> list[Reservation]:
    """Window bookings still to be parked that start within REMINDER_LEAD and have no reminder
    logged yet (a failed one is retried by the task that raised it, not every minute)."""
    logged = sa.exists().where(
        Notification.kind == BOOKING_REMINDER,
        Notification.period == sa.literal("booking:") + sa.cast(Reservation.id, sa.String),
    )
    query = (
        sa.select(Reservation)
        .options(orm.joinedload(Reservation.user), orm.joinedload(Reservation.lot))
        .where(
            Reservation.status == RESERVED,
            holds.is_active(now),
            Reservation.starts_at <= now + REMINDER_LEAD,
            ~logged,
        )
        .order_by(Reservation.starts_at, Reservation.id)
    )
    if reservation_id is not None:
        query = query.where(Reservation.id == reservation_id)
    return list(db.session.scalars(query))


def _reminder(reservation: Reservation) -> tuple[str, Reminder]:
    opens = clock(holds.parking_opens_at(reservation))
    lapses = clock(holds.lapses_at(reservation))
    subject = (
        f"Booking reminder: your parking at {reservation.lot.name} starts soon, at "
        f"{clock(reservation.starts_at)}"
    )
    text = (
        f"Your booking at {reservation.lot.name} ({reservation.lot.address}), spot "
        f"{reservation.spot_number}, for {reservation.vehicle_number} is for "
        f"{window(reservation.starts_at, reservation.ends_at)}; "
        f"{money(reservation.quoted_cost)} for the window. You can park from {opens}. "
        f"If the car is not parked by {lapses}, the booking is cancelled. "
        f"Times are in {current_app.config['APP_TIMEZONE']}."
    )
    return subject, Reminder(reservation.user, [Reason(text, "/reservations", "See your booking")])


def send_booking_reminders(
    *, now: datetime | None = None, reservation_id: int | None = None
) -> dict:
    """Remind every driver whose window booking starts soon (or the one booking named);
    transient failures are raised once everyone else was tried, so the task retries them."""
    now = now or utcnow()
    deliveries = Deliveries()
    due = due_bookings(now, reservation_id)
    for reservation in due:
        subject, reminder = _reminder(reservation)
        text, html = render.reminder_email(
            subject=subject, reminder=reminder, what="booking reminder"
        )
        deliveries.attempt(
            notify_user,
            user=reservation.user,
            kind=BOOKING_REMINDER,
            period=_period(reservation),
            subject=subject,
            text=text,
            html=html,
            gchat_text=text,
        )
    return {"due": len(due), **deliveries.finish()}
