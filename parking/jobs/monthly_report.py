"""The monthly report: every driver active in the month and every admin, once per channel."""

from __future__ import annotations

import re

import sqlalchemy as sa

from parking.auth.models import ROLE_ADMIN, User
from parking.db import utcnow
from parking.errors import field_error
from parking.extensions import db
from parking.notifications.channels import Attachment
from parking.notifications.models import MONTHLY_REPORT
from parking.notifications.service import Deliveries, notify_admins_space, notify_user
from parking.reports import data, pdf, render
from parking.reservations.models import Reservation
from parking.timezone import local_month, month_bounds

_MONTH = re.compile(r"\A(\d{4})-(0[1-9]|1[0-2])\Z")


def check_month(month: str) -> str:
    """A `YYYY-MM` month that has begun (the current month reports the month so far)."""
    if not _MONTH.match(month) or int(month[:4]) < 2000:
        raise field_error("month", "must be a month written YYYY-MM")
    if month > local_month(utcnow()):
        raise field_error("month", "must not be in the future")
    return month


def active_drivers(month: str) -> list[User]:
    """Drivers with at least one reservation made in the month."""
    start, end = month_bounds(month)
    booked = sa.select(Reservation.user_id).where(
        Reservation.reserved_at >= start, Reservation.reserved_at < end
    )
    return list(db.session.scalars(sa.select(User).where(User.id.in_(booked)).order_by(User.id)))


def send_monthly_reports(*, month: str) -> dict:
    """Send the month's driver reports and the operator report; what went out is skipped.

    Running it again for a month sends only what was not sent; transient failures are raised
    after everyone else was tried, so the task's retry picks up exactly those.
    """
    check_month(month)
    deliveries = Deliveries()
    drivers = 0

    for user in active_drivers(month):
        report = data.driver_month(user=user, month=month)
        if report is None:
            continue
        drivers += 1
        subject, text, html = render.driver_report_email(report)
        deliveries.attempt(
            notify_user,
            user=user,
            kind=MONTHLY_REPORT,
            period=month,
            subject=subject,
            text=text,
            html=html,
            attachments=(Attachment(f"parking-report-{month}.pdf", pdf.driver_report_pdf(report)),),
            gchat_text=render.driver_report_chat_text(report),
        )

    operator = data.operator_month(month=month)
    subject, text, html = render.operator_report_email(operator)
    operator_chat = render.operator_report_chat_text(operator)
    operator_pdf = Attachment(f"operator-report-{month}.pdf", pdf.operator_report_pdf(operator))
    admins = list(db.session.scalars(sa.select(User).where(User.role == ROLE_ADMIN)))
    for admin in admins:
        deliveries.attempt(
            notify_user,
            user=admin,
            kind=MONTHLY_REPORT,
            period=month,
            subject=subject,
            text=text,
            html=html,
            attachments=(operator_pdf,),
            gchat_text=operator_chat,
        )
    deliveries.attempt(notify_admins_space, kind=MONTHLY_REPORT, period=month, text=operator_chat)
    return {"month": month, "drivers": drivers, "admins": len(admins), **deliveries.finish()}
