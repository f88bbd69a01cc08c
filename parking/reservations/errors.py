"""What can go wrong with lots and bookings (a lot is found here: booking needs one too)."""

from datetime import datetime

from flask import current_app

from parking.errors import Conflict, FieldConflict, NotFound
from parking.reservations import holds
from parking.reservations.models import Reservation
from parking.timezone import local_time


class LotNotFound(NotFound):
    message = "Parking lot not found"


class ReservationNotFound(NotFound):
    message = "Reservation not found"


class LotFull(Conflict):
    message = "The lot is full: no spot is available"


class VehicleAlreadyActive(FieldConflict):
    field = "vehicle_number"
    text = "This vehicle already has an active booking; park, release or cancel that one first."


class TooManyActiveReservations(Conflict):
    message = "You already hold the maximum number of active reservations"


class WrongStatus(Conflict):
    def __init__(self, action: str, reservation: Reservation, required: str):
        super().__init__(
            f"Cannot {action} a reservation that is {holds.status_now(reservation)}; "
            f"it must be {required}"
        )


class NoAdvanceSpotFree(Conflict):
    message = "No advance spot of this lot is free for the whole window"


class NoAdvanceSpots(Conflict):
    message = "This lot takes no bookings ahead: it has no advance spots. Book it for now instead"


class VehicleWindowOverlaps(FieldConflict):
    field = "vehicle_number"
    text = "This vehicle already has a booking overlapping that window."


class VehicleAlreadyParked(FieldConflict):
    field = "vehicle_number"
    text = "This vehicle is parked under another booking; release that one first."


class OutsideParkingWindow(Conflict):
    """`park` of a window booking outside [parking opens, ends_at)."""

    def __init__(self, opens_at: datetime, ends_at: datetime, now: datetime):
        if now < opens_at:
            minutes = current_app.config["EARLY_ARRIVAL_MINUTES"]
            text = (
                f"Parking opens at {local_time(opens_at)}, {minutes} minutes before the "
                "window starts"
            )
        else:
            text = f"The window ended at {local_time(ends_at)}"
        super().__init__(text)
