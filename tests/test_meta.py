"""GET /api/meta: the settings the app shows, public and in the OpenAPI document."""

from parking import create_app
from parking.config import TestSettings


def test_meta_tells_the_app_its_settings_without_signing_in(api):
    response = api.get("/api/meta")
    assert response.status_code == 200
    assert response.get_json() == {
        "app_timezone": "Asia/Kolkata",
        "currency": "INR",
        "reservation_hold_minutes": 30,
        "max_active_reservations": 3,
        "early_arrival_minutes": 15,
        "max_booking_hours": 24,
        "booking_horizon_days": 30,
        "hold_warning_minutes": 10,
        "password_reset_minutes": 30,
        "webhook_allowed_hosts": ["chat.googleapis.com", "127.0.0.1"],
    }


def test_meta_follows_the_configuration(tmp_path):
    settings = TestSettings(
        VAR_DIR=tmp_path,
        SECRET_KEY="x",
        CURRENCY="EUR",
        APP_TIMEZONE="Europe/Paris",
        RESERVATION_HOLD_MINUTES=10,
        MAX_ACTIVE_RESERVATIONS=1,
    )
    body = create_app(settings).test_client().get("/api/meta").get_json()
    assert body["currency"] == "EUR"
    assert body["app_timezone"] == "Europe/Paris"
    assert body["reservation_hold_minutes"] == 10
    assert body["max_active_reservations"] == 1


def test_meta_is_in_the_openapi_document(api):
    spec = api.get("/api/openapi.json").get_json()
    assert "get" in spec["paths"]["/api/meta"]
