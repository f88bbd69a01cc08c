"""An admin's run-now job reports where it is and what it sent, in words (the jobs page)."""

from __future__ import annotations

import uuid

from tests.helpers import wait_for


def finished(api, admin, task_id: str) -> dict:
    def done():
        answer = api.get(f"/api/admin/jobs/{task_id}", admin).get_json()
        return answer if answer["status"] in ("done", "failed") else None

    return wait_for(done, timeout=60)


def test_a_run_says_what_it_sent_and_a_repeat_says_nothing_new(api, admin, driver, worker):
    first = api.post("/api/admin/jobs/daily-reminders", admin)
    assert first.status_code == 202
    answer = finished(api, admin, first.get_json()["task_id"])
    assert answer["status"] == "done"
    assert answer["sent"] >= 1
    assert answer["message"].startswith(f"{answer['sent']} message")

    again = api.post("/api/admin/jobs/daily-reminders", admin).get_json()["task_id"]
    repeat = finished(api, admin, again)
    assert (repeat["status"], repeat["sent"]) == ("done", 0)
    assert repeat["message"].startswith("Nothing new to send")


def test_a_repeated_month_says_nothing_new_to_send(api, admin, worker):
    body = {"month": "2026-10"}
    first = api.post("/api/admin/jobs/monthly-report", admin, json=body).get_json()["task_id"]
    finished(api, admin, first)
    again = api.post("/api/admin/jobs/monthly-report", admin, json=body).get_json()["task_id"]
    answer = finished(api, admin, again)
    assert answer["message"] == "Nothing new to send: everyone already got the report for Oct 2026"


def test_only_admins_read_runs_and_unknown_ones_are_404(api, admin, driver):
    unknown = api.get(f"/api/admin/jobs/{uuid.uuid4()}", admin)
    assert unknown.status_code == 404
    assert api.get(f"/api/admin/jobs/{uuid.uuid4()}", driver).status_code == 403
