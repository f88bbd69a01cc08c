"""What can go wrong when an operator edits a lot."""

from parking.errors import Conflict


class SpotsInUse(Conflict):
    message = "total_spots: that would remove a spot that is reserved or occupied"


class LotInUse(Conflict):
    message = "The lot has reserved or occupied spots; release or cancel them first"
