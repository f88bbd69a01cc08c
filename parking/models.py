"""Every model, imported in one place so Alembic and `db.metadata` see the whole schema."""

from parking.auth.models import RevokedToken, User
from parking.exports.models import Export
from parking.notifications.models import JobRun, Notification
from parking.reservations.models import IdempotencyKey, Lot, Reservation, Spot

__all__ = [
    "Export",
    "IdempotencyKey",
    "JobRun",
    "Lot",
    "Notification",
    "Reservation",
    "RevokedToken",
    "Spot",
    "User",
]
