"""Receipts: the PDF of a completed stay, for its driver or an admin."""

from __future__ import annotations

from parking.auth.models import User
from parking.reports.pdf import receipt_pdf
from parking.reservations import service as reservations
from parking.reservations.errors import WrongStatus
from parking.reservations.models import COMPLETED


def get(*, user: User, reservation_id: int) -> bytes:
    """The PDF receipt of a completed stay; another driver's stay does not exist for them."""
    reservation = reservations.get(user=user, reservation_id=reservation_id)
    if reservation.status != COMPLETED:
        raise WrongStatus("print a receipt for", reservation, COMPLETED)
    return receipt_pdf(reservation)
