"""Export jobs: write a requested CSV export, and delete old ones (thin tasks over the service)."""

import logging

from celery import shared_task

from parking.exports import service
from parking.exports.models import DONE
from parking.notifications.channels import TransientDeliveryError

log = logging.getLogger(__name__)


@shared_task(
    name="parking.run_export",
    ignore_result=True,
    # Only the e-mail is retried: the rerun finds the file written and the message claimed
    # once, so it neither rewrites the file nor sends a second message.
    autoretry_for=(TransientDeliveryError,),
    retry_backoff=60,
    max_retries=5,
)
def run_export(export_id: int) -> str | None:
    """Write one export's CSV file, then tell the requester; safe to run twice."""
    export = service.run(export_id=export_id)
    if export is None:
        log.info("Export %d no longer exists; nothing to do", export_id)
        return None
    if export.status == DONE:
        service.notify_ready(export_id=export_id)
    log.info("Export %d %s: %d rows", export_id, export.status, export.row_count)
    return export.status


@shared_task(name="parking.delete_old_exports", ignore_result=True)
def delete_old_exports() -> int:
    """Delete exports past their retention, files and rows; safe to run any number of times."""
    deleted = service.delete_old()
    if deleted:
        log.info("Deleted %d exports past their retention", deleted)
    return deleted
