"""Changing and recovering a password (API.md, "Auth"): single-use mailed links, every token
ended, the lockout cleared and said plainly."""

from __future__ import annotations

import re
from datetime import timedelta

import time_machine

from parking.db import utcnow
from tests.helpers import DRIVER_PASSWORD, wait_for

NEW_PASSWORD = "a-new-Parking-pass-9"


def reset_mails(mailbox, actor):
    return [m for m in mailbox.to(actor.email) if "Reset your Parking password" in m["Subject"]]


def link_token(message) -> str:
    body = message.get_body(("plain",)).get_content()
    match = re.search(r"http://\S+/reset-password\?token=([\w-]+)", body)
    assert match, body
    return match.group(1)


def ask_for_reset(api, email: str):
    return api.post("/api/auth/password-reset", json={"email": email})


def mailed_token(api, mailbox, driver) -> str:
    assert ask_for_reset(api, driver.email).status_code == 202
    (message,) = wait_for(lambda: reset_mails(mailbox, driver))
    return link_token(message)


def confirm(api, token: str, password: str = NEW_PASSWORD):
    return api.post("/api/auth/password-reset/confirm", json={"token": token, "password": password})


def sign_in(api, email: str, password: str):
    return api.post("/api/auth/login", json={"email": email, "password": password})


# --- POST /api/auth/password ----------------------------------------------------------------


def test_changing_the_password_signs_out_the_other_devices_only(api, driver):
    phone = api.relogin(driver)
    response = api.post(
        "/api/auth/password",
        driver,
        json={"current_password": DRIVER_PASSWORD, "new_password": NEW_PASSWORD},
    )
    assert response.status_code == 204
    assert api.get("/api/auth/me", driver).status_code == 200  # this device stays signed in
    refused = api.get("/api/auth/me", phone)
    assert refused.status_code == 401
    assert "password was changed" in refused.get_json()["message"]
    assert sign_in(api, driver.email, DRIVER_PASSWORD).status_code == 401
    assert sign_in(api, driver.email, NEW_PASSWORD).status_code == 200


def test_a_wrong_current_password_or_a_weak_new_one_is_422_naming_it(api, driver):
    wrong = api.post(
        "/api/auth/password",
        driver,
        json={"current_password": "not-my-password", "new_password": NEW_PASSWORD},
    )
    assert wrong.status_code == 422
    assert wrong.get_json()["message"].startswith("current_password")
    for weak in ("password123", "short", driver.email):
        response = api.post(
            "/api/auth/password",
            driver,
            json={"current_password": DRIVER_PASSWORD, "new_password": weak},
        )
        assert response.status_code == 422, weak
        assert response.get_json()["message"].startswith("new_password"), weak
    assert sign_in(api, driver.email, DRIVER_PASSWORD).status_code == 200  # nothing changed


def test_changing_the_password_needs_a_session(api):
    body = {"current_password": DRIVER_PASSWORD, "new_password": NEW_PASSWORD}
    assert api.post("/api/auth/password", json=body).status_code == 401


# --- password reset -------------------------------------------------------------------------


def test_a_mailed_link_sets_the_password_once_and_ends_every_session(
    api, driver, worker, mailbox, settings
):
    api.patch("/api/auth/me", driver, json={"email_notifications": False})  # it comes anyway
    answer = ask_for_reset(api, driver.email)
    assert answer.status_code == 202
    assert "link" in answer.get_json()["message"]
    (message,) = wait_for(lambda: reset_mails(mailbox, driver))
    body = message.get_body(("plain",)).get_content()
    assert f"{settings.PUBLIC_URL}/reset-password?token=" in body
    assert "30 minutes" in body

    token = link_token(message)
    assert confirm(api, token).status_code == 204
    assert api.get("/api/auth/me", driver).status_code == 401  # every token ends
    assert sign_in(api, driver.email, DRIVER_PASSWORD).status_code == 401
    assert sign_in(api, driver.email, NEW_PASSWORD).status_code == 200

    again = confirm(api, token, "yet-another-pass-77")
    assert again.status_code == 422
    assert again.get_json()["message"].startswith("token")


def test_an_unknown_email_gets_the_same_answer_and_no_mail(api, driver, worker, mailbox):
    unknown = ask_for_reset(api, "nobody@example.com")
    known = ask_for_reset(api, driver.email)
    assert (unknown.status_code, unknown.get_json()) == (known.status_code, known.get_json())
    wait_for(lambda: reset_mails(mailbox, driver))
    assert mailbox.to("nobody@example.com") == []


def test_a_link_expires_after_password_reset_minutes(api, driver, worker, mailbox):
    token = mailed_token(api, mailbox, driver)
    with time_machine.travel(utcnow() + timedelta(minutes=31)):
        expired = confirm(api, token)
    assert expired.status_code == 422
    assert "expired" in expired.get_json()["message"]
    assert sign_in(api, driver.email, DRIVER_PASSWORD).status_code == 200


def test_unknown_tokens_and_refused_passwords_are_422_naming_the_field(
    api, driver, worker, mailbox
):
    assert confirm(api, "no-such-token").get_json()["message"].startswith("token")
    token = mailed_token(api, mailbox, driver)
    weak = confirm(api, token, "password123")
    assert weak.status_code == 422
    assert weak.get_json()["message"].startswith("password")
    assert confirm(api, token).status_code == 204  # a refused password uses nothing up


def test_a_reset_clears_the_lockout(api, driver, worker, mailbox):
    for _ in range(5):
        assert sign_in(api, driver.email, "wrong-password").status_code == 401
    assert sign_in(api, driver.email, DRIVER_PASSWORD).status_code == 429
    assert confirm(api, mailed_token(api, mailbox, driver)).status_code == 204
    assert sign_in(api, driver.email, NEW_PASSWORD).status_code == 200


def test_reset_requests_are_limited_per_email(api, driver):
    for _ in range(5):
        assert ask_for_reset(api, driver.email).status_code == 202
    refused = ask_for_reset(api, driver.email)
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 15 * 60
    assert "Try again in" in refused.get_json()["message"]
    assert ask_for_reset(api, "someone-else@example.com").status_code == 202


def test_the_lockout_says_when_to_try_again(api, driver):
    for _ in range(5):
        sign_in(api, driver.email, "wrong-password")
    refused = sign_in(api, driver.email, DRIVER_PASSWORD)
    assert refused.status_code == 429
    body = refused.get_json()
    seconds = body["detail"]["retry_after"]
    assert 0 < seconds <= 15 * 60
    assert int(refused.headers["Retry-After"]) == seconds
    assert re.search(r"Try again in \d+ minutes? \(at \d\d:\d\d\)", body["message"]), body
    assert "Forgot password?" in body["message"]
