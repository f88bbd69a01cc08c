import re

from apiflask import Schema, fields
from apiflask.validators import OneOf, Range
from marshmallow import ValidationError

from parking.db import MAX_ID
from parking.fields import Money, Text
from parking.pagination import PageIn
from parking.reservations.holds import status_now
from parking.reservations.models import CANCELLED, COMPLETED, OCCUPIED, RESERVED

_SEPARATORS = re.compile(r"[\s-]+")
_PLATE = re.compile(r"[A-Za-z0-9]{4,12}\Z")


class VehicleNumber(fields.String):
    """A plate as typed (`ka 01-ab 1234`), stored upper-case without spaces or dashes."""

    def _deserialize(self, value, attr, data, **kwargs):
        plate = _SEPARATORS.sub("", super()._deserialize(value, attr, data, **kwargs))
        # Checked before upper-casing: "ß".upper() is "SS", yet "ßßßß" is not an ASCII plate.
        if not _PLATE.match(plate):
            raise ValidationError("Must be 4 to 12 letters and digits (spaces and dashes ignored).")
        return plate.upper()


class ReservationIn(Schema):
    lot_id = fields.Integer(required=True, strict=True, validate=Range(min=1, max=MAX_ID))
    vehicle_number = VehicleNumber(required=True, metadata={"example": "KA01AB1234"})
    remarks = Text(500, allow_none=True)


class ReservationQueryIn(PageIn):
    status = fields.String(validate=OneOf([RESERVED, OCCUPIED, COMPLETED, CANCELLED]))
    lot_id = fields.Integer(validate=Range(min=1, max=MAX_ID))
    user_id = fields.Integer(
        validate=Range(min=1, max=MAX_ID),
        metadata={"description": "Admins only: one driver's reservations"},
    )


class ReservationOut(Schema):
    id = fields.Integer()
    lot_id = fields.Integer()
    lot_name = fields.String()
    spot_id = fields.Integer()
    spot_number = fields.Integer()
    vehicle_number = fields.String()
    # A hold that ran out reads `cancelled` before the beat job writes it down.
    status = fields.Function(
        status_now, metadata={"type": "string", "enum": [RESERVED, OCCUPIED, COMPLETED, CANCELLED]}
    )
    price_per_hour = Money()
    reserved_at = fields.DateTime()
    parked_at = fields.DateTime(allow_none=True)
    left_at = fields.DateTime(allow_none=True)
    duration_minutes = fields.Integer(allow_none=True)
    cost = Money(allow_none=True)
    remarks = fields.String(allow_none=True)
