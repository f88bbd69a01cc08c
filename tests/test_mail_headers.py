"""Every e-mail carries a `Date` and a `Message-ID` of its own (spam filters mark mail without them
down): each kind the app sends, caught by the real SMTP server the tests run."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from parking.db import utcnow
from parking.jobs.booking_reminders import send_booking_reminders
from parking.jobs.monthly_report import send_monthly_reports
from parking.jobs.reminders import send_daily_reminders
from parking.timezone import local_month
from tests.helpers import wait_for

KINDS = {
    "receipt": lambda subject: subject.startswith("Receipt"),
    "booking reminder": lambda subject: subject.startswith("Booking reminder"),
    "reminder": lambda subject: subject.startswith("Reminder"),
    "driver's monthly report": lambda subject: subject.startswith("Your monthly parking report"),
    "operator's monthly report": lambda subject: subject.startswith("Operator monthly report"),
    "export ready": lambda subject: subject == "Your parking history export is ready",
}


def _one_of_each_kind(mailbox) -> dict | None:
    found = {}
    for message in mailbox.messages:
        for kind, matches in KINDS.items():
            if matches(message["Subject"]):
                found.setdefault(kind, message)
    return found if len(found) == len(KINDS) else None


def test_every_kind_of_mail_has_a_date_and_a_message_id_of_its_own(
    clean_app, api, admin, driver, other_driver, worker, mailbox
):
    before = datetime.now(UTC).replace(microsecond=0)
    lot = api.create_lot(admin, total_spots=3, advance_spots=1)
    stay = api.booked(driver, lot["id"])
    assert api.post(f"/api/reservations/{stay['id']}/park", driver).status_code == 200
    assert api.post(f"/api/reservations/{stay['id']}/release", driver).status_code == 200  # receipt
    starts_at = (utcnow() + timedelta(hours=2)).replace(microsecond=0)
    window = {"starts_at": starts_at.isoformat(), "ends_at": (starts_at + timedelta(hours=1))}
    window["ends_at"] = window["ends_at"].isoformat()
    response = api.post(
        "/api/reservations",
        driver,
        json={"lot_id": lot["id"], "vehicle_number": "KA01HD0001"} | window,
    )
    assert response.status_code == 201, response.get_json()
    assert api.post("/api/exports", driver).status_code == 202  # export ready
    with clean_app.app_context():
        # `other_driver` never booked: a daily reminder.
        assert send_daily_reminders()["sent"] >= 1
        assert send_booking_reminders(now=starts_at - timedelta(minutes=29))["sent"] == 1
        assert send_monthly_reports(month=local_month(utcnow()))["sent"] >= 2

    messages = wait_for(lambda: _one_of_each_kind(mailbox), timeout=60)

    ids = [message["Message-ID"] for message in mailbox.messages]
    assert len(ids) == len(set(ids)), ids  # each message its own, not one per kind or run
    for kind, message in messages.items():
        sent_at = parsedate_to_datetime(message["Date"])
        assert sent_at.tzinfo is not None, (kind, message["Date"])
        assert before - timedelta(seconds=1) <= sent_at <= datetime.now(UTC), (kind, sent_at)
        # `<random@domain>`, the domain of MAIL_FROM (parking@example.com).
        assert message["Message-ID"].startswith("<"), kind
        assert message["Message-ID"].endswith("@example.com>"), (kind, message["Message-ID"])
