"""Background work on reservations: hold expiry and purging old idempotency keys."""

import logging

from celery import shared_task

from parking import changes
from parking.extensions import transactional
from parking.reservations import holds, service

log = logging.getLogger(__name__)


@shared_task(name="parking.expire_holds", ignore_result=True)
@transactional
def expire_holds() -> list[int]:
    """Write down the bookings whose hold ran out (readers already see them cancelled); safe to
    run any number of times. Returns the lots they were in."""
    lot_ids = holds.expire_holds()
    if lot_ids:
        changes.lots_changed(*lot_ids)
        log.info("Cancelled expired holds in lots %s", lot_ids)
    return lot_ids


@shared_task(name="parking.purge_idempotency_keys", ignore_result=True)
def purge_idempotency_keys() -> int:
    """Idempotency-Keys older than their 24 h window are of no use: delete them."""
    purged = service.purge_idempotency_keys()
    if purged:
        log.info("Purged %d idempotency keys past their window", purged)
    return purged
