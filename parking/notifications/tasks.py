"""Notification jobs: thin tasks over the reminder and report services."""

from __future__ import annotations

import logging

from celery import shared_task

from parking.db import utcnow
from parking.notifications import monthly, reminders
from parking.notifications.channels import TransientDeliveryError
from parking.timezone import previous_month

log = logging.getLogger(__name__)

# Passing failures (SMTP down, webhook 5xx) are retried with growing pauses; what was sent
# before the failure is skipped on the retry.
RETRY = {
    "autoretry_for": (TransientDeliveryError,),
    "retry_backoff": 30,
    "retry_backoff_max": 30 * 60,
    "max_retries": 8,
}


@shared_task(name="parking.send_daily_reminders", **RETRY)
def send_daily_reminders() -> dict:
    result = reminders.send_daily_reminders()
    log.info("Daily reminders: %s", result)
    return result


@shared_task(name="parking.send_monthly_reports", **RETRY)
def send_monthly_reports(month: str | None = None) -> dict:
    """Last month's reports by default (the beat runs this on the 1st)."""
    result = monthly.send_monthly_reports(month=month or previous_month(utcnow()))
    log.info("Monthly reports: %s", result)
    return result
