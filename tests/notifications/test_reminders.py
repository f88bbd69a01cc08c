"""The daily reminder: who gets it, on which channel, once a day, and retried when it fails."""

from datetime import timedelta

import pytest

from parking.db import utcnow
from parking.extensions import db
from parking.jobs.reminders import send_daily_reminders
from parking.notifications.channels import TransientDeliveryError
from parking.notifications.models import Notification
from tests.helpers import wait_for


def reminders_to(mailbox, actor):
    return [m for m in mailbox.to(actor.email) if m["Subject"].startswith("Reminder")]


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def run_reminders(app, **kwargs):
    with app.app_context():
        return send_daily_reminders(**kwargs)


def test_a_driver_who_never_booked_is_reminded_by_email(clean_app, api, driver, mailbox):
    run_reminders(clean_app)
    (message,) = reminders_to(mailbox, driver)
    assert message["Subject"] == "Reminder: book your next parking spot"
    assert "not booked a parking spot yet" in text_of(message)
    # It links to the app's page that acts on it, in both parts of the mail.
    assert "http://parking.test/lots" in text_of(message)
    html = message.get_body(("html",)).get_content()
    assert 'href="http://parking.test/lots"' in html and "Find a lot near you" in html


def test_a_driver_who_booked_recently_gets_no_reminder(clean_app, api, admin, driver, mailbox):
    lot = api.create_lot(admin)
    api.booked(driver, lot["id"])
    tomorrow = utcnow() + timedelta(days=1)
    run_reminders(clean_app, now=tomorrow)
    assert reminders_to(mailbox, driver) == []


def test_an_idle_week_and_a_long_stay_are_both_reasons(clean_app, api, admin, driver, mailbox):
    lot = api.create_lot(admin, name="Riverside")
    reservation = api.booked(driver, lot["id"], "KA05MN4321")
    api.post(f"/api/reservations/{reservation['id']}/park", driver)
    eight_days_later = utcnow() + timedelta(days=8)
    run_reminders(clean_app, now=eight_days_later)
    (message,) = reminders_to(mailbox, driver)
    body = text_of(message)
    assert "last 7 days" in body
    assert "KA05MN4321" in body and "Riverside" in body
    # Parked 8 days and a few seconds: 193 started hours at 50.00 so far, and the page to act.
    assert "for 192 hours: ₹9,650.00 so far" in body
    assert "http://parking.test/reservations" in body
    assert message["Subject"] == "Reminder: your car is still parked"


def test_everyone_hears_of_lots_added_since_the_last_run(clean_app, api, admin, mailbox):
    first, second = api.new_driver(), api.new_driver()
    lot = api.create_lot(admin)
    for driver in (first, second):
        api.booked(driver, api.create_lot(admin)["id"])  # recently booked: no other reason
    run_reminders(clean_app)
    for driver in (first, second):
        (message,) = reminders_to(mailbox, driver)
        assert lot["name"] in text_of(message)
        assert message["Subject"] == "Reminder: new parking lots are open"
    mailbox.clear()
    run_reminders(clean_app, now=utcnow() + timedelta(days=1, minutes=1))
    assert reminders_to(mailbox, first) == []  # nothing new since the last run


def test_email_off_means_chat_only(clean_app, api, driver, mailbox, webhooks):
    hook = webhooks.url(f"/driver-{driver.id}")
    changes = {"email_notifications": False, "gchat_webhook_url": hook}
    assert api.patch("/api/auth/me", driver, json=changes).status_code == 200
    run_reminders(clean_app)
    assert reminders_to(mailbox, driver) == []
    (chat,) = webhooks.posted_to(f"/driver-{driver.id}")
    assert "not booked a parking spot yet" in chat["text"]


def test_the_admins_space_gets_one_digest(clean_app, api, driver, other_driver, webhooks):
    run_reminders(clean_app)
    (digest,) = webhooks.posted_to("/admins-space")
    assert "2 drivers reminded" in digest["text"]


def test_running_twice_a_day_sends_once(clean_app, api, driver, mailbox, webhooks):
    run_reminders(clean_app)
    run_reminders(clean_app)
    assert len(reminders_to(mailbox, driver)) == 1
    assert len(webhooks.posted_to("/admins-space")) == 1


def test_a_passing_failure_is_retried_without_sending_twice(
    clean_app, api, driver, mailbox, webhooks
):
    hook = f"/driver-{driver.id}"
    api.patch("/api/auth/me", driver, json={"gchat_webhook_url": webhooks.url(hook)})
    webhooks.fail_with = 503
    with pytest.raises(TransientDeliveryError):
        run_reminders(clean_app)
    assert len(reminders_to(mailbox, driver)) == 1  # e-mail went out despite the chat failure
    with clean_app.app_context():
        statuses = {n.channel: n.status for n in db.session.query(Notification)}
    assert statuses["gchat"] == "failed" and statuses["email"] == "sent"

    webhooks.fail_with = None
    run_reminders(clean_app)  # what the task's retry does
    assert len(reminders_to(mailbox, driver)) == 1
    assert len(webhooks.posted_to(hook)) == 1


def test_admin_trigger_runs_the_job_on_the_worker(api, admin, driver, worker, mailbox):
    response = api.post("/api/admin/jobs/daily-reminders", admin)
    assert response.status_code == 202
    assert response.get_json()["task_id"]
    (message,) = wait_for(lambda: reminders_to(mailbox, driver))
    assert message["To"] == driver.email

    def logged():
        page = api.get("/api/admin/notifications", admin).get_json()
        return [n for n in page["items"] if n["user_id"] == driver.id]

    (entry,) = wait_for(logged)
    assert (entry["channel"], entry["kind"], entry["status"]) == ("email", "reminder", "sent")


def test_only_admins_trigger_jobs_or_read_the_log(api, driver):
    assert api.post("/api/admin/jobs/daily-reminders", driver).status_code == 403
    assert api.post("/api/admin/jobs/monthly-report", driver).status_code == 403
    assert api.get("/api/admin/notifications", driver).status_code == 403
    assert api.post("/api/admin/jobs/daily-reminders").status_code == 401


def test_smtp_down_is_retried_later_and_sends_once(clean_app, api, driver, mailbox):
    port = clean_app.config["SMTP_PORT"]
    clean_app.config["SMTP_PORT"] = 1  # nothing listens there: as if the mail server were down
    try:
        with pytest.raises(TransientDeliveryError):
            run_reminders(clean_app)
    finally:
        clean_app.config["SMTP_PORT"] = port
    with clean_app.app_context():
        (logged,) = db.session.query(Notification).filter_by(channel="email").all()
        assert logged.status == "failed" and "unreachable" in logged.detail

    run_reminders(clean_app)  # the task's retry
    assert len(reminders_to(mailbox, driver)) == 1
