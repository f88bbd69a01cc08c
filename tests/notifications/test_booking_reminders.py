"""The booking reminder: "your booking starts soon", 30 minutes before a window booking's start
(at once for a booking made later), once per booking and channel, logged like every message."""

from __future__ import annotations

from datetime import timedelta

from parking.db import utcnow
from parking.extensions import db
from parking.jobs.booking_reminders import send_booking_reminders
from parking.notifications.models import Notification
from tests.helpers import wait_for


def booking_reminders_to(mailbox, actor):
    return [m for m in mailbox.to(actor.email) if m["Subject"].startswith("Booking reminder")]


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def window_booking(api, admin, driver, starts_in: timedelta, vehicle="KA01BR0001", **lot) -> dict:
    lot = api.create_lot(admin, total_spots=2, advance_spots=1, **lot)
    starts_at = (utcnow() + starts_in).replace(microsecond=0)
    body = {
        "lot_id": lot["id"],
        "vehicle_number": vehicle,
        "starts_at": starts_at.isoformat(),
        "ends_at": (starts_at + timedelta(hours=2)).isoformat(),
    }
    response = api.post("/api/reservations", driver, json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def remind(app, **kwargs) -> dict:
    with app.app_context():
        return send_booking_reminders(**kwargs)


def test_the_driver_is_reminded_once_when_the_start_is_30_minutes_away(
    clean_app, api, admin, driver, mailbox
):
    window_booking(api, admin, driver, timedelta(hours=2), name="Brigade Road")
    assert remind(clean_app)["due"] == 0
    assert remind(clean_app, now=utcnow() + timedelta(minutes=89))["due"] == 0
    assert booking_reminders_to(mailbox, driver) == []

    half_an_hour_before = utcnow() + timedelta(minutes=90, seconds=1)
    assert remind(clean_app, now=half_an_hour_before) == {"due": 1, "sent": 1}
    assert remind(clean_app, now=half_an_hour_before + timedelta(minutes=1))["due"] == 0

    (message,) = booking_reminders_to(mailbox, driver)
    assert message["Subject"].startswith(
        "Booking reminder: your parking at Brigade Road starts soon, at "
    )
    body = text_of(message)
    assert "Brigade Road" in body and "KA01BR0001" in body and "₹100.00" in body
    assert "You can park from" in body and "http://parking.test/reservations" in body
    with clean_app.app_context():
        (logged,) = db.session.scalars(
            db.select(Notification).where(Notification.kind == "booking_reminder")
        ).all()
        assert (logged.channel, logged.status, logged.user_id) == ("email", "sent", driver.id)
    log = api.get("/api/admin/notifications", admin).get_json()["items"]
    assert [item["kind"] for item in log] == ["booking_reminder"]


def test_chat_gets_it_too_and_cancelled_bookings_and_drive_ups_get_none(
    clean_app, api, admin, driver, other_driver, mailbox, webhooks
):
    hook = f"/driver-{driver.id}"
    api.patch("/api/auth/me", driver, json={"gchat_webhook_url": webhooks.url(hook)})
    window_booking(api, admin, driver, timedelta(hours=2))
    cancelled = window_booking(api, admin, other_driver, timedelta(hours=2), "KA01BR0002")
    api.post(f"/api/reservations/{cancelled['id']}/cancel", other_driver)
    api.booked(other_driver, api.create_lot(admin)["id"], "KA01DU0001")

    result = remind(clean_app, now=utcnow() + timedelta(minutes=95))
    assert result == {"due": 1, "sent": 2}
    assert len(booking_reminders_to(mailbox, driver)) == 1
    (chat,) = webhooks.posted_to(hook)
    assert "You can park from" in chat["text"]
    assert booking_reminders_to(mailbox, other_driver) == []


def test_a_booking_that_starts_within_30_minutes_is_reminded_at_once(
    api, admin, driver, worker, mailbox
):
    window_booking(api, admin, driver, timedelta(minutes=20))
    (message,) = wait_for(lambda: booking_reminders_to(mailbox, driver), timeout=30)
    assert "You can park from" in text_of(message)
