"""Telling drivers what happened to their bookings without them: a booking ended by someone
else (`booking_cancelled`: the operator, a lapsed hold, a no-show) and a hold about to lapse
(`hold_ending`). Each once per booking and channel."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy import orm

from parking.db import utcnow
from parking.extensions import db
from parking.notifications.models import BOOKING_CANCELLED, HOLD_ENDING, Notification
from parking.notifications.service import Deliveries, notify_user
from parking.reports import render
from parking.reservations import holds
from parking.reservations.models import (
    BY_OPERATOR,
    CANCELLED,
    COMPLETED,
    RESERVED,
    Reservation,
)


def _notice(reservation: Reservation, kind: str, message: render.Message) -> dict:
    """`notify_user`'s arguments for a message about one booking (once per booking)."""
    return {
        "user": reservation.user,
        "kind": kind,
        "period": f"booking:{reservation.id}",
        "subject": message.subject,
        "text": message.text,
        "html": message.html,
        "gchat_text": message.gchat_text,
    }


def ended_reason(reservation: Reservation) -> str | None:
    """Why someone other than the driver ended this booking, in `render`'s words; None when
    the driver did it (nothing to tell)."""
    if reservation.status == COMPLETED:
        return "operator_released" if reservation.ended_by == BY_OPERATOR else None
    if reservation.status != CANCELLED:
        return None
    return {
        holds.NO_SHOW: "no_show",
        holds.EXPIRED: "expired",
        holds.CANCELLED_BY_OPERATOR: "operator_cancelled",
    }.get(holds.cancel_reason(reservation))


def tell_driver_booking_ended(reservation_id: int) -> dict:
    """The driver hears that their booking was cancelled or their stay ended, and why."""
    reservation = db.session.get(Reservation, reservation_id)
    reason = ended_reason(reservation) if reservation is not None else None
    if reason is None:
        return {}
    message = render.booking_cancelled_message(reservation, reason)
    return notify_user(**_notice(reservation, BOOKING_CANCELLED, message))


def holds_ending(now: datetime) -> list[Reservation]:
    """Held bookings that lapse within HOLD_WARNING_MINUTES and whose driver was not warned."""
    soon = now + timedelta(minutes=current_app.config["HOLD_WARNING_MINUTES"])
    hold = timedelta(minutes=current_app.config["RESERVATION_HOLD_MINUTES"])
    warned = sa.exists().where(
        Notification.kind == HOLD_ENDING,
        Notification.period == sa.literal("booking:") + sa.cast(Reservation.id, sa.String),
    )
    lapses_soon = sa.or_(
        sa.and_(Reservation.starts_at.is_(None), Reservation.reserved_at <= soon - hold),
        Reservation.starts_at <= soon - hold,
        Reservation.ends_at <= soon,
    )
    query = (
        sa.select(Reservation)
        .options(orm.joinedload(Reservation.user), orm.joinedload(Reservation.lot))
        .where(Reservation.status == RESERVED, holds.is_active(now), lapses_soon, ~warned)
        .order_by(Reservation.id)
    )
    return list(db.session.scalars(query))


def warn_holds_ending(*, now: datetime | None = None) -> dict:
    """Every minute: "park by 08:45 or lose the spot" to each hold about to lapse."""
    now = now or utcnow()
    deliveries = Deliveries()
    due = holds_ending(now)
    for reservation in due:
        message = render.hold_ending_message(reservation, holds.lapses_at(reservation))
        deliveries.attempt(notify_user, **_notice(reservation, HOLD_ENDING, message))
    return {"due": len(due), **deliveries.finish()}
