"""The jobs that send messages: thin tasks over the reminder, report and receipt workflows."""

from __future__ import annotations

import logging

from celery import shared_task

from parking.db import utcnow
from parking.extensions import db
from parking.jobs import (
    booking_notices,
    booking_reminders,
    monthly_report,
    password_reset,
    reminders,
)
from parking.notifications.channels import Attachment
from parking.notifications.models import RECEIPT
from parking.notifications.service import notify_user
from parking.queue import RETRY
from parking.reports import pdf, render
from parking.reservations.models import COMPLETED, Reservation
from parking.timezone import previous_month

log = logging.getLogger(__name__)


@shared_task(name="parking.send_daily_reminders", **RETRY)
def send_daily_reminders() -> dict:
    result = reminders.send_daily_reminders()
    log.info("Daily reminders: %s", result)
    return result


@shared_task(name="parking.send_booking_reminders", ignore_result=True, **RETRY)
def send_booking_reminders(reservation_id: int | None = None) -> dict:
    """Every minute: "your booking starts soon" to each window booking 30 minutes or less
    from its start; right after booking, for one that starts sooner."""
    result = booking_reminders.send_booking_reminders(reservation_id=reservation_id)
    if result["due"]:
        log.info("Booking reminders: %s", result)
    return result


@shared_task(name="parking.send_monthly_reports", **RETRY)
def send_monthly_reports(month: str | None = None) -> dict:
    """Last month's reports by default (the beat runs this on the 1st)."""
    result = monthly_report.send_monthly_reports(month=month or previous_month(utcnow()))
    log.info("Monthly reports: %s", result)
    return result


@shared_task(name="parking.email_receipt", ignore_result=True, **RETRY)
def email_receipt(reservation_id: int) -> dict | None:
    """E-mail the driver the PDF receipt of a completed stay (once, if they want e-mail)."""
    reservation = db.session.get(Reservation, reservation_id)
    if reservation is None or reservation.status != COMPLETED:
        return None
    subject, text, html = render.receipt_email(reservation)
    receipt = Attachment(f"receipt-{reservation.id}.pdf", pdf.receipt_pdf(reservation))
    return notify_user(
        user=reservation.user,
        kind=RECEIPT,
        period=str(reservation.id),
        subject=subject,
        text=text,
        html=html,
        attachments=(receipt,),
    )


@shared_task(name="parking.tell_driver_booking_ended", ignore_result=True, **RETRY)
def tell_driver_booking_ended(reservation_id: int) -> dict:
    """The driver of a booking the operator or the clock ended hears why."""
    return booking_notices.tell_driver_booking_ended(reservation_id)


@shared_task(name="parking.warn_holds_ending", ignore_result=True, **RETRY)
def warn_holds_ending() -> dict:
    """Every minute: drivers whose hold lapses within HOLD_WARNING_MINUTES are told."""
    result = booking_notices.warn_holds_ending()
    if result["due"]:
        log.info("Hold warnings: %s", result)
    return result


@shared_task(name="parking.send_password_reset", ignore_result=True, **RETRY)
def send_password_reset(user_id: int) -> str:
    return password_reset.send_password_reset(user_id=user_id)
