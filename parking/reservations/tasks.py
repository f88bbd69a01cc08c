"""Background work on reservations: hold expiry and purging old idempotency keys."""

import logging
from datetime import timedelta

from celery import shared_task

from parking import changes
from parking.db import utcnow
from parking.extensions import transactional
from parking.reservations import holds, service

log = logging.getLogger(__name__)
EVERY_MINUTE = timedelta(minutes=1)  # the beat's period for expire_holds (jobs/schedule.py)


@shared_task(name="parking.expire_holds", ignore_result=True)
@transactional
def expire_holds() -> list[int]:
    """Write down the bookings whose hold ran out (readers already see them cancelled) and
    announce the lots where a window booking's spot turned reserved this last minute; safe to
    run any number of times. Returns the lots with expired holds."""
    lot_ids = holds.expire_holds()
    if lot_ids:
        log.info("Cancelled expired holds in lots %s", lot_ids)
    now = utcnow()
    opening = holds.lots_with_windows_opening(since=now - EVERY_MINUTE, until=now)
    if lot_ids or opening:
        changes.lots_changed(*sorted({*lot_ids, *opening}))
    return lot_ids


@shared_task(name="parking.purge_idempotency_keys", ignore_result=True)
def purge_idempotency_keys() -> int:
    """Idempotency-Keys older than their 24 h window are of no use: delete them."""
    purged = service.purge_idempotency_keys()
    if purged:
        log.info("Purged %d idempotency keys past their window", purged)
    return purged
