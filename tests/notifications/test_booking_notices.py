"""A driver is told when someone else ends their booking (`booking_cancelled`: the operator, a
lapsed hold, a no-show) and before a hold lapses (`hold_ending`), once per booking and channel."""

from __future__ import annotations

from datetime import timedelta

import time_machine

from parking.db import utcnow
from parking.extensions import transactional
from parking.jobs import booking_notices
from parking.reservations import holds
from tests.helpers import wait_for


def mails(mailbox, actor, words: str):
    return [m for m in mailbox.to(actor.email) if words in m["Subject"]]


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def logged(api, admin, kind: str) -> list[dict]:
    items = api.get("/api/admin/notifications", admin, query_string={"per_page": 200})
    return [n for n in items.get_json()["items"] if n["kind"] == kind]


def test_the_operators_cancel_is_told_to_the_driver(api, admin, driver, worker, mailbox):
    lot = api.create_lot(admin, name="Brigade Road")
    booked = api.booked(driver, lot["id"], "KA01NT0001")
    assert api.post(f"/api/reservations/{booked['id']}/cancel", admin).status_code == 200
    (message,) = wait_for(lambda: mails(mailbox, driver, "cancelled by the operator"))
    body = text_of(message)
    assert "Brigade Road" in body and "KA01NT0001" in body
    assert "not been charged" in body
    (entry,) = wait_for(lambda: logged(api, admin, "booking_cancelled"))
    assert entry["user"]["email"] == driver.email


def test_a_force_release_is_told_with_the_charge(api, admin, driver, worker, mailbox):
    lot = api.create_lot(admin, price_per_hour="40.00")
    booked = api.booked(driver, lot["id"])
    api.post(f"/api/reservations/{booked['id']}/park", driver)
    api.post(f"/api/reservations/{booked['id']}/release", admin)
    (message,) = wait_for(lambda: mails(mailbox, driver, "ended by the operator"))
    assert "₹40.00" in text_of(message)


def test_the_drivers_own_cancel_sends_nothing(api, admin, driver, other_driver, worker, mailbox):
    lot = api.create_lot(admin)
    mine = api.booked(driver, lot["id"], "KA01NT0002")
    api.post(f"/api/reservations/{mine['id']}/cancel", driver)
    theirs = api.booked(other_driver, lot["id"], "KA01NT0003")
    api.post(f"/api/reservations/{theirs['id']}/cancel", admin)
    wait_for(lambda: mails(mailbox, other_driver, "cancelled"))  # the worker got this far
    assert mails(mailbox, driver, "cancelled") == []


def test_a_lapsed_hold_is_told_once_it_is_written_down(
    api, admin, driver, worker, mailbox, app_context
):
    lot = api.create_lot(admin, name="Station Road")
    api.booked(driver, lot["id"], "KA01NT0004")
    with time_machine.travel(utcnow() + timedelta(minutes=31)):
        transactional(holds.expire_holds)()  # the per-minute job's work
    (message,) = wait_for(lambda: mails(mailbox, driver, "hold ran out"))
    assert "Station Road" in text_of(message)


def test_a_hold_about_to_lapse_is_warned_once(api, admin, driver, mailbox, app_context):
    lot = api.create_lot(admin, name="MG Road")
    booked = api.booked(driver, lot["id"], "KA01NT0005")
    early = booking_notices.warn_holds_ending(now=utcnow() + timedelta(minutes=5))
    assert early["due"] == 0  # 25 minutes left: more than HOLD_WARNING_MINUTES
    warned = booking_notices.warn_holds_ending(now=utcnow() + timedelta(minutes=21))
    assert warned == {"due": 1, "sent": 1}
    (message,) = mails(mailbox, driver, "hold ends soon")
    assert "Park by" in text_of(message) and "MG Road" in text_of(message)
    again = booking_notices.warn_holds_ending(now=utcnow() + timedelta(minutes=22))
    assert again["due"] == 0
    api.post(f"/api/reservations/{booked['id']}/park", driver)
    assert len(mails(mailbox, driver, "hold ends soon")) == 1
