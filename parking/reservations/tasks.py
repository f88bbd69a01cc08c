"""Periodic work on reservations."""

import logging

from celery import shared_task

from parking.reservations.holds import expire_holds as expire_holds_now

log = logging.getLogger(__name__)


@shared_task(name="parking.expire_holds", ignore_result=True)
def expire_holds() -> int:
    """Cancel bookings whose hold ran out; safe to run any number of times."""
    cancelled = expire_holds_now()
    if cancelled:
        log.info("Cancelled %d reservations whose hold expired", cancelled)
    return cancelled
