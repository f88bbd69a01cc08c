from apiflask import Schema, fields
from marshmallow import ValidationError, pre_load, validates

from parking.fields import PINCODE, Money, NoNulString, Pincode, Text, whole_number
from parking.reservations.models import SPOT_KINDS
from parking.reservations.schemas import WindowIn

MAX_SPOTS = 1000


class LotIn(Schema):
    name = Text(120, required=True)
    address = Text(300, required=True)
    pincode = Pincode(required=True)
    price_per_hour = Money(required=True, metadata={"example": "50.00"})
    total_spots = fields.Integer(required=True, strict=True, validate=whole_number(1, MAX_SPOTS))
    advance_spots = fields.Integer(
        strict=True,
        validate=whole_number(0, MAX_SPOTS),
        metadata={"description": "How many of the highest-numbered spots take window bookings"},
    )

    @validates("name", "address")
    def _not_blank(self, value, data_key, **kwargs):
        if not value.strip():
            raise ValidationError("Required.")


class LotQueryIn(WindowIn):
    q = NoNulString(load_default=None, metadata={"description": "Part of the name or address"})
    pincode = fields.String(load_default=None, metadata={"description": "6-digit PIN code"})

    @pre_load
    def _blank_window_is_none(self, data, **kwargs):
        """`?starts_at=&ends_at=` (an empty form) asks for no window, as an empty `q` is no
        search."""
        blank = {name for name in ("starts_at", "ends_at") if data.get(name) == ""}
        return {key: value for key, value in data.items() if key not in blank} if blank else data

    @validates("pincode")
    def _pincode(self, value, **kwargs):
        if value:
            PINCODE(value)


class LotOut(Schema):
    id = fields.Integer()
    name = fields.String()
    address = fields.String()
    pincode = fields.String()
    price_per_hour = Money()
    total_spots = fields.Integer()
    advance_spots = fields.Integer()
    available_spots = fields.Integer()
    reserved_spots = fields.Integer()
    occupied_spots = fields.Integer()
    available_drive_up_spots = fields.Integer(
        metadata={"description": "Drive-up spots a booking for now can take"}
    )
    available_for_window = fields.Integer(
        allow_none=True,
        metadata={"description": "Advance spots free for the whole asked window (else null)"},
    )
    quoted_cost = Money(
        allow_none=True, metadata={"description": "What the asked window costs here (else null)"}
    )
    created_at = fields.DateTime()


class SpotUserOut(Schema):
    id = fields.Integer()
    email = fields.String()
    full_name = fields.String()
    phone = fields.String(allow_none=True)


class SpotReservationOut(Schema):
    id = fields.Integer()
    vehicle_number = fields.String()
    reserved_at = fields.DateTime()
    parked_at = fields.DateTime(allow_none=True)
    starts_at = fields.DateTime(allow_none=True)
    ends_at = fields.DateTime(allow_none=True)
    estimated_cost = Money(allow_none=True)
    hold_ends_at = fields.DateTime(
        allow_none=True, metadata={"description": "While reserved: when the hold lapses"}
    )
    user = fields.Nested(SpotUserOut)


class NextBookingOut(Schema):
    id = fields.Integer()
    starts_at = fields.DateTime()
    ends_at = fields.DateTime()
    vehicle_number = fields.String()


class SpotOut(Schema):
    id = fields.Integer()
    number = fields.Integer()
    kind = fields.String(metadata={"enum": list(SPOT_KINDS)})
    status = fields.String(metadata={"enum": ["available", "reserved", "occupied"]})
    reservation = fields.Nested(SpotReservationOut, allow_none=True)
    next_booking = fields.Nested(NextBookingOut, allow_none=True)
