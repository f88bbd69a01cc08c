"""What can go wrong with lots and bookings (a lot is found here: booking needs one too)."""

from parking.errors import Conflict, NotFound
from parking.reservations import holds
from parking.reservations.models import Reservation


class LotNotFound(NotFound):
    message = "Parking lot not found"


class ReservationNotFound(NotFound):
    message = "Reservation not found"


class LotFull(Conflict):
    message = "The lot is full: no spot is available"


class VehicleAlreadyActive(Conflict):
    message = "vehicle_number: this vehicle already has an active reservation"


class TooManyActiveReservations(Conflict):
    message = "You already hold the maximum number of active reservations"


class WrongStatus(Conflict):
    def __init__(self, action: str, reservation: Reservation, required: str):
        super().__init__(
            f"Cannot {action} a reservation that is {holds.status_now(reservation)}; "
            f"it must be {required}"
        )
