"""Access tokens: short-lived, signed, revoked by logout."""

from datetime import UTC, datetime, timedelta

import time_machine


def test_a_token_stops_working_when_it_expires(api, driver):
    login = api.post("/api/auth/login", json={"email": driver.email, "password": driver.password})
    lifetime = login.get_json()["expires_in"]
    assert isinstance(lifetime, int) and 0 < lifetime <= 24 * 3600
    headers = {"Authorization": f"Bearer {login.get_json()['access_token']}"}
    later = datetime.now(UTC) + timedelta(seconds=lifetime + 5)
    with time_machine.travel(later, tick=False):
        assert api.get("/api/auth/me", headers=headers).status_code == 401
    assert api.get("/api/auth/me", headers=headers).status_code == 200


def test_a_tampered_or_foreign_token_is_401(api, driver):
    header, payload, signature = driver.token.split(".")
    forged = f"{header}.{payload}.{signature[::-1]}"
    for token in (forged, "not-a-token", ""):
        response = api.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401
        assert response.get_json()["message"]
