import re
from datetime import UTC, timedelta
from decimal import Decimal

from apiflask import Schema, fields
from apiflask.validators import OneOf, Range
from flask import current_app
from marshmallow import ValidationError, post_load, validates_schema

from parking.db import MAX_ID, utcnow
from parking.fields import Money, Text
from parking.pagination import PageIn
from parking.reservations import billing
from parking.reservations.holds import (
    CANCELLED_BY_DRIVER,
    CANCELLED_BY_OPERATOR,
    EXPIRED,
    NO_SHOW,
    cancel_reason,
    hold_ends_at,
    parking_opens_at,
    status_now,
)
from parking.reservations.models import BY_OPERATOR, CANCELLED, COMPLETED, OCCUPIED, RESERVED

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


SHORTEST_WINDOW = timedelta(minutes=30)
# A window may start this long ago: the driver's clock, or the time the request took.
START_GRACE = timedelta(minutes=5)


class Moment(fields.AwareDateTime):
    """An ISO 8601 time with its offset (`2026-12-03T09:00:00+05:30`), read as UTC."""

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {}).setdefault("example", "2026-12-03T03:30:00+00:00")
        super().__init__(format="iso", **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            return moment.astimezone(UTC)
        except OverflowError:
            raise ValidationError("Not a valid time.") from None


class WindowIn(Schema):
    """An optional window, `starts_at` and `ends_at` (both or neither), checked against the
    booking rules; without one, the fields load as None."""

    starts_at = Moment(metadata={"description": "Start of a window booking (with ends_at)"})
    ends_at = Moment(metadata={"description": "End of a window booking (with starts_at)"})

    @validates_schema
    def _window_rules(self, data, **kwargs):
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at is None and ends_at is None:
            return
        if starts_at is None or ends_at is None:
            missing, given = (
                ("starts_at", "ends_at") if starts_at is None else ("ends_at", "starts_at")
            )
            raise ValidationError(f"Required when {given} is given.", missing)
        config = current_app.config
        length = ends_at - starts_at
        if length <= timedelta(0):
            raise ValidationError("Must be after starts_at.", "ends_at")
        if length < SHORTEST_WINDOW:
            raise ValidationError("The window must last at least 30 minutes.", "ends_at")
        if length > timedelta(hours=config["MAX_BOOKING_HOURS"]):
            raise ValidationError(
                f"The window may last at most {config['MAX_BOOKING_HOURS']} hours.", "ends_at"
            )
        now = utcnow()
        if starts_at < now - START_GRACE:
            raise ValidationError("Must not be more than 5 minutes in the past.", "starts_at")
        if starts_at > now + timedelta(days=config["BOOKING_HORIZON_DAYS"]):
            raise ValidationError(
                f"Must be at most {config['BOOKING_HORIZON_DAYS']} days ahead.", "starts_at"
            )

    @post_load
    def _window_or_none(self, data, **kwargs):
        data.setdefault("starts_at", None)
        data.setdefault("ends_at", None)
        return data


class ReservationIn(WindowIn):
    lot_id = fields.Integer(required=True, strict=True, validate=Range(min=1, max=MAX_ID))
    vehicle_number = VehicleNumber(required=True, metadata={"example": "KA01AB1234"})
    remarks = Text(500, allow_none=True)


class PlatePrefix(fields.String):
    """The start of a plate, normalised as plates are (`ka 01` -> `KA01`)."""

    def _deserialize(self, value, attr, data, **kwargs):
        prefix = _SEPARATORS.sub("", super()._deserialize(value, attr, data, **kwargs))
        if not re.fullmatch(r"[A-Za-z0-9]{1,12}", prefix):
            raise ValidationError("Must be 1 to 12 letters and digits (spaces and dashes ignored).")
        return prefix.upper()


class ReservationQueryIn(PageIn):
    status = fields.String(validate=OneOf([RESERVED, OCCUPIED, COMPLETED, CANCELLED]))
    vehicle_number = PlatePrefix(
        metadata={"description": "Plates starting with this (spaces and dashes ignored)"}
    )
    lot_id = fields.Integer(validate=Range(min=1, max=MAX_ID))
    user_id = fields.Integer(
        validate=Range(min=1, max=MAX_ID),
        metadata={"description": "Admins only: one driver's reservations"},
    )


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _estimated_cost(reservation) -> str | None:
    if reservation.status != OCCUPIED:
        return None
    return str(billing.stay_cost(reservation, utcnow()).quantize(Decimal("0.01")))


class DriverOut(Schema):
    id = fields.Integer()
    email = fields.String()
    full_name = fields.String()
    phone = fields.String(allow_none=True)


_MOMENT = {"type": "string", "format": "date-time", "nullable": True}


class ReservationOut(Schema):
    id = fields.Integer()
    lot_id = fields.Integer()
    lot_name = fields.String()
    spot_id = fields.Integer()
    spot_number = fields.Integer()
    vehicle_number = fields.String()
    # A hold that ran out reads `cancelled` before the beat job writes it down.
    status = fields.Function(
        lambda reservation: status_now(reservation),
        metadata={"type": "string", "enum": [RESERVED, OCCUPIED, COMPLETED, CANCELLED]},
    )
    price_per_hour = Money()
    reserved_at = fields.DateTime()
    parked_at = fields.DateTime(allow_none=True)
    left_at = fields.DateTime(allow_none=True)
    duration_minutes = fields.Integer(allow_none=True)
    cost = Money(allow_none=True)
    remarks = fields.String(allow_none=True)
    # Window bookings only (null for drive-ups).
    starts_at = fields.DateTime(allow_none=True)
    ends_at = fields.DateTime(allow_none=True)
    quoted_cost = Money(allow_none=True)
    parking_opens_at = fields.Function(
        lambda reservation: _iso(parking_opens_at(reservation)), allow_none=True, metadata=_MOMENT
    )
    # The server's rules, so that no client re-implements them.
    hold_ends_at = fields.Function(
        lambda reservation: _iso(hold_ends_at(reservation)),
        allow_none=True,
        metadata={**_MOMENT, "description": "While reserved: when the hold lapses"},
    )
    estimated_cost = fields.Function(
        _estimated_cost,
        allow_none=True,
        metadata={**Money.DOC, "nullable": True, "description": "While occupied: cost if left now"},
    )
    cancel_reason = fields.Function(
        lambda reservation: cancel_reason(reservation),
        allow_none=True,
        metadata={
            "type": "string",
            "nullable": True,
            "enum": [CANCELLED_BY_DRIVER, CANCELLED_BY_OPERATOR, EXPIRED, NO_SHOW, None],
            "description": "Why it is cancelled (null unless cancelled)",
        },
    )
    released_by_operator = fields.Function(
        lambda reservation: reservation.status == COMPLETED and reservation.ended_by == BY_OPERATOR,
        metadata={"type": "boolean", "description": "A stay the operator ended (force release)"},
    )
    user = fields.Nested(DriverOut, metadata={"description": "The driver"})
