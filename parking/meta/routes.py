from apiflask import APIBlueprint, Schema, fields
from flask import current_app

bp = APIBlueprint("meta", __name__, url_prefix="/api", tag="Operations")


class MetaOut(Schema):
    app_timezone = fields.String(metadata={"example": "Asia/Kolkata"})
    currency = fields.String(metadata={"description": "ISO 4217 code", "example": "INR"})
    reservation_hold_minutes = fields.Integer(metadata={"example": 30})
    max_active_reservations = fields.Integer(metadata={"example": 3})
    early_arrival_minutes = fields.Integer(metadata={"example": 15})
    max_booking_hours = fields.Integer(metadata={"example": 24})
    booking_horizon_days = fields.Integer(metadata={"example": 30})
    hold_warning_minutes = fields.Integer(metadata={"example": 10})
    password_reset_minutes = fields.Integer(metadata={"example": 30})
    webhook_allowed_hosts = fields.List(
        fields.String(), metadata={"description": "Hosts a gchat_webhook_url may name"}
    )


@bp.get("/meta")
@bp.output(MetaOut)
def meta():
    """The server's settings the app shows: time zone, currency, hold time, booking limits"""
    config = current_app.config
    return {
        "app_timezone": config["APP_TIMEZONE"],
        "currency": config["CURRENCY"],
        "reservation_hold_minutes": config["RESERVATION_HOLD_MINUTES"],
        "max_active_reservations": config["MAX_ACTIVE_RESERVATIONS"],
        "early_arrival_minutes": config["EARLY_ARRIVAL_MINUTES"],
        "max_booking_hours": config["MAX_BOOKING_HOURS"],
        "booking_horizon_days": config["BOOKING_HORIZON_DAYS"],
        "hold_warning_minutes": config["HOLD_WARNING_MINUTES"],
        "password_reset_minutes": config["PASSWORD_RESET_MINUTES"],
        "webhook_allowed_hosts": config["WEBHOOK_ALLOWED_HOSTS"],
    }
