"""Releasing a car e-mails its receipt, once, to drivers who want e-mail."""

import io

from pypdf import PdfReader

from tests.helpers import wait_for


def receipts_to(mailbox, actor):
    return [m for m in mailbox.to(actor.email) if m["Subject"].startswith("Receipt")]


def park_and_release(api, driver, lot):
    reservation = api.booked(driver, lot["id"], "KA09RC0001")
    api.post(f"/api/reservations/{reservation['id']}/park", driver)
    response = api.post(f"/api/reservations/{reservation['id']}/release", driver)
    assert response.status_code == 200
    return response.get_json()


def test_release_emails_the_receipt_pdf(api, admin, driver, worker, mailbox):
    lot = api.create_lot(admin, name="Station Road", price_per_hour="40.00")
    released = park_and_release(api, driver, lot)
    (message,) = wait_for(lambda: receipts_to(mailbox, driver))
    assert f"#{released['id']}" in message["Subject"]
    (attachment,) = list(message.iter_attachments())
    text = PdfReader(io.BytesIO(attachment.get_content())).pages[0].extract_text()
    assert "Station Road" in text and "KA09RC0001" in text and "40.00" in text


def test_no_receipt_email_when_email_is_off(api, admin, driver, worker, mailbox):
    api.patch("/api/auth/me", driver, json={"email_notifications": False})
    lot = api.create_lot(admin)
    released = park_and_release(api, driver, lot)

    def logged():
        items = api.get("/api/admin/notifications", admin).get_json()["items"]
        return [n for n in items if n["kind"] == "receipt"]

    # Another driver's receipt proves the worker got this far; this driver's never comes.
    other = api.new_driver()
    park_and_release(api, other, lot)
    wait_for(lambda: receipts_to(mailbox, other))
    assert receipts_to(mailbox, driver) == []
    assert all(n["user_id"] != driver.id for n in logged())
    assert released["status"] == "completed"
