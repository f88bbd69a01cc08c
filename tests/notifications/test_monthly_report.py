"""The monthly report: drivers and admins each get theirs once, with the PDF, on every channel."""

import io

import pytest
from pypdf import PdfReader

from parking.jobs.monthly_report import send_monthly_reports
from parking.notifications import service
from tests.helpers import wait_for

OCTOBER = "2026-10"


def reports_to(mailbox, address):
    return [m for m in mailbox.to(address) if "monthly" in m["Subject"].lower()]


def monthly_reports(mailbox):
    return [m for m in mailbox.messages if "monthly" in m["Subject"].lower()]


def pdf_text(message) -> str:
    (attachment,) = [part for part in message.iter_attachments()]
    assert attachment.get_content_type() == "application/pdf"
    reader = PdfReader(io.BytesIO(attachment.get_content()))
    return "\n".join(page.extract_text() for page in reader.pages)


def run_report(app, month=OCTOBER):
    with app.app_context():
        return send_monthly_reports(month=month)


def test_each_active_driver_gets_the_report_with_the_pdf(clean_app, october, mailbox):
    run_report(clean_app)
    (zoe,) = reports_to(mailbox, october.zoe.email)
    assert zoe["Subject"] == "Your monthly parking report for October 2026"
    html = zoe.get_body(("html",)).get_content()
    assert "190.00" in html  # 100.00 at Central + 90.00 at Harbour
    assert "Central" in html and "Harbour" in html
    text = pdf_text(zoe)
    assert "190.00" in text and "Zoë Ærøskøbing" in text
    (raj,) = reports_to(mailbox, october.raj.email)
    assert "50.00" in raj.get_body(("html",)).get_content()


def test_admins_get_the_operator_report(clean_app, october, mailbox, api, webhooks):
    run_report(clean_app)
    (operator,) = reports_to(mailbox, api.admin_email)
    assert operator["Subject"] == "Operator monthly report for October 2026"
    assert "240.00" in pdf_text(operator)  # 100 + 50 + 90
    (space,) = webhooks.posted_to("/admins-space")
    assert "240.00" in space["text"]


def test_a_driver_without_activity_gets_nothing(clean_app, october, api, mailbox):
    idle = api.new_driver()
    run_report(clean_app)
    assert reports_to(mailbox, idle.email) == []


def test_running_the_month_twice_sends_once(clean_app, october, mailbox, webhooks):
    run_report(clean_app)
    sent = len(monthly_reports(mailbox))
    run_report(clean_app)
    assert len(monthly_reports(mailbox)) == sent
    assert len(webhooks.posted_to("/admins-space")) == 1


def test_a_crash_between_sending_and_logging_does_not_send_twice(
    clean_app, october, mailbox, monkeypatch
):
    """The worker dies right after the SMTP server took Zoë's message, before it is logged."""
    finish = service._finish

    def crash_after_first_send(row, status, detail):
        monkeypatch.setattr(service, "_finish", finish)
        raise SystemExit("worker killed")

    monkeypatch.setattr(service, "_finish", crash_after_first_send)
    with pytest.raises(SystemExit):
        run_report(clean_app)
    (first,) = monthly_reports(mailbox)  # receipts from the stays may arrive too; not counted

    run_report(clean_app)  # the task's retry, after acks_late put it back on the queue
    assert len(reports_to(mailbox, first["X-Envelope-To"])) == 1
    assert reports_to(mailbox, october.zoe.email) and reports_to(mailbox, october.raj.email)


def test_the_admin_trigger_sends_a_chosen_month_on_the_worker(api, admin, october, worker, mailbox):
    response = api.post("/api/admin/jobs/monthly-report", admin, json={"month": OCTOBER})
    assert response.status_code == 202 and response.get_json()["task_id"]
    wait_for(
        lambda: reports_to(mailbox, october.zoe.email) and reports_to(mailbox, api.admin_email)
    )
    admin = api.relogin(admin)
    log = api.get("/api/admin/notifications?per_page=200", admin).get_json()["items"]
    kinds = {(n["user_id"], n["kind"], n["status"]) for n in log if n["channel"] == "email"}
    assert (october.zoe.id, "monthly_report", "sent") in kinds


@pytest.mark.parametrize("month", ["2026-13", "26-10", "October", "2999-01", ""])
def test_a_month_that_is_not_a_past_or_current_month_is_422(api, admin, month):
    response = api.post("/api/admin/jobs/monthly-report", admin, json={"month": month})
    assert response.status_code == 422
    assert "month" in response.get_json()["message"]
