"""Background work on reservations: hold expiry and e-mailed receipts."""

import logging

from celery import shared_task

from parking import changes
from parking.extensions import db, transactional
from parking.notifications.channels import Attachment
from parking.notifications.models import RECEIPT
from parking.notifications.service import notify_user
from parking.notifications.tasks import RETRY
from parking.reservations import holds, service
from parking.reservations.models import COMPLETED, Reservation

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


@shared_task(name="parking.email_receipt", ignore_result=True, **RETRY)
def email_receipt(reservation_id: int) -> dict | None:
    """E-mail the driver the PDF receipt of a completed stay (once, if they want e-mail)."""
    from parking.reports import pdf, render

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
