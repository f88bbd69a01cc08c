"""What can go wrong when an operator edits a lot."""

from parking.errors import Conflict


class SpotsInUse(Conflict):
    message = "total_spots: that would remove a spot that is reserved or occupied"


class SpotKindInUse(Conflict):
    message = (
        "advance_spots: that would turn a spot in use (a reserved or occupied drive-up spot, "
        "or an advance spot with an upcoming or current booking) into the other kind"
    )


class LotInUse(Conflict):
    message = (
        "The lot has reserved or occupied spots, or window bookings ahead; "
        "release or cancel them first"
    )
