"""What can go wrong when an operator edits a lot."""

from parking.errors import Conflict, FieldConflict


def _spots(numbers: list[int]) -> str:
    """`Spot 7`, `Spots 7 and 8`, `Spots 6, 7 and 8`."""
    if len(numbers) == 1:
        return f"Spot {numbers[0]} is"
    listed = ", ".join(str(number) for number in numbers[:-1])
    return f"Spots {listed} and {numbers[-1]} are"


class SpotsInUse(FieldConflict):
    """Shrinking would remove spots that are in use."""

    field = "total_spots"

    def __init__(self, numbers: list[int], keep_at_least: int):
        super().__init__(
            f"{_spots(numbers)} in use (reserved, occupied or booked ahead): keep at least "
            f"{keep_at_least} spots, or wait until they are free."
        )


class SpotKindInUse(FieldConflict):
    """Re-splitting would turn spots in use into the other kind."""

    field = "advance_spots"

    def __init__(self, numbers: list[int]):
        super().__init__(
            f"{_spots(numbers)} in use (a reserved or occupied drive-up spot, or an advance "
            "spot with an upcoming or current booking), so it cannot change kind now."
        )


class LotInUse(Conflict):
    message = (
        "The lot has reserved or occupied spots, or window bookings ahead; "
        "release or cancel them first"
    )
