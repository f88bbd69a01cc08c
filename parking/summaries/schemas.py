from apiflask import Schema, fields

from parking.fields import Money, NoNulString
from parking.pagination import PageIn


class DriverLotOut(Schema):
    lot_id = fields.Integer()
    lot_name = fields.String()
    count = fields.Integer()
    spent = Money()


class DriverMonthOut(Schema):
    month = fields.String(metadata={"example": "2026-11"})
    count = fields.Integer()
    spent = Money()


class DriverSummaryOut(Schema):
    total_reservations = fields.Integer()
    active_reservations = fields.Integer()
    total_spent = Money()
    total_hours = fields.Float(metadata={"description": "Hours parked, two decimals"})
    by_lot = fields.List(fields.Nested(DriverLotOut))
    by_month = fields.List(fields.Nested(DriverMonthOut))


class SpotCountsOut(Schema):
    total = fields.Integer()
    available = fields.Integer()
    reserved = fields.Integer()
    occupied = fields.Integer()


class LotRevenueOut(Schema):
    lot_id = fields.Integer()
    lot_name = fields.String()
    revenue = Money()
    count = fields.Integer()
    no_shows = fields.Integer(
        metadata={"description": "Window bookings cancelled because nobody parked in time"}
    )


class DayRevenueOut(Schema):
    date = fields.String(metadata={"example": "2026-11-22"})
    revenue = Money()


class LotOccupancyOut(Schema):
    lot_id = fields.Integer()
    lot_name = fields.String()
    total = fields.Integer()
    occupied = fields.Integer()
    reserved = fields.Integer()


class AdminSummaryOut(Schema):
    lots = fields.Integer()
    users = fields.Integer()
    spots = fields.Nested(SpotCountsOut)
    revenue_total = Money()
    revenue_by_lot = fields.List(fields.Nested(LotRevenueOut))
    revenue_by_day = fields.List(fields.Nested(DayRevenueOut))
    occupancy_by_lot = fields.List(fields.Nested(LotOccupancyOut))


class UsersQueryIn(PageIn):
    q = NoNulString(load_default=None, metadata={"description": "Part of the e-mail or name"})


class AdminUserOut(Schema):
    id = fields.Integer()
    email = fields.String()
    full_name = fields.String()
    phone = fields.String(allow_none=True)
    pincode = fields.String(allow_none=True)
    created_at = fields.DateTime()
    last_login_at = fields.DateTime(allow_none=True)
    reservations_count = fields.Integer()
    active_reservations = fields.Integer()
    total_spent = Money()
