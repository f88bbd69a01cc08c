"""Profile edits, registration rules and the failed-login limit (API.md, "Auth")."""

from __future__ import annotations

from tests.helpers import DRIVER_PASSWORD

WEBHOOK = "https://chat.googleapis.com/v1/spaces/AAAA/messages?key=k&token=t"


def me(api, actor) -> dict:
    response = api.get("/api/auth/me", actor)
    assert response.status_code == 200
    return response.get_json()


def assert_rejected(response, field: str) -> None:
    assert response.status_code == 422, (field, response.get_json())
    assert field in response.get_json()["message"], response.get_json()


def register(api, **overrides):
    body = {"email": "asha@example.com", "password": DRIVER_PASSWORD, "full_name": "Asha"}
    return api.post("/api/auth/register", json=body | overrides)


# --- PATCH /api/auth/me ---------------------------------------------------------------------


def test_profile_fields_can_be_edited(api, driver):
    response = api.patch(
        "/api/auth/me",
        driver,
        json={
            "full_name": "Asha Rao ಆಶಾ",
            "phone": "+91 98450 12345",
            "pincode": "560034",
            "email_notifications": False,
            "gchat_webhook_url": WEBHOOK,
        },
    )
    assert response.status_code == 200
    user = response.get_json()
    assert user["full_name"] == "Asha Rao ಆಶಾ"
    assert user["phone"] == "+91 98450 12345"
    assert user["pincode"] == "560034"
    assert user["email_notifications"] is False
    assert user["gchat_webhook_url"] == WEBHOOK
    assert me(api, driver) == user


def test_a_partial_edit_leaves_the_other_fields(api, driver):
    api.patch("/api/auth/me", driver, json={"phone": "080-1234", "pincode": "560001"})
    user = api.patch("/api/auth/me", driver, json={"full_name": "Only Name"}).get_json()
    assert (user["full_name"], user["phone"], user["pincode"]) == (
        "Only Name",
        "080-1234",
        "560001",
    )
    assert user["email_notifications"] is True


def test_null_clears_the_webhook_phone_and_pincode(api, driver):
    api.patch(
        "/api/auth/me",
        driver,
        json={"gchat_webhook_url": WEBHOOK, "phone": "12345", "pincode": "560001"},
    )
    response = api.patch(
        "/api/auth/me", driver, json={"gchat_webhook_url": None, "phone": None, "pincode": None}
    )
    assert response.status_code == 200
    user = me(api, driver)
    assert (user["gchat_webhook_url"], user["phone"], user["pincode"]) == (None, None, None)


def test_webhook_must_be_https_on_an_allowed_host(api, driver):
    # WEBHOOK_ALLOWED_HOSTS here: chat.googleapis.com and 127.0.0.1 (see conftest).
    for url in [
        "http://chat.googleapis.com/v1/spaces/AAAA/messages",
        "https://evil.example.com/v1/spaces/AAAA/messages",
        "https://chat.googleapis.com.evil.example/hook",
        "https://evil.example/chat.googleapis.com/",
        "https://chat.googleapis.com@evil.example/hook",
        "ftp://chat.googleapis.com/hook",
        "chat.googleapis.com/v1/spaces",
        "https://127.0.0.2/hook",  # the tests allow 127.0.0.1 for their own webhook server
        "https://localhost/hook",
        "not a url",
        "",
    ]:
        response = api.patch("/api/auth/me", driver, json={"gchat_webhook_url": url})
        assert response.status_code == 422, (url, response.get_json())
        assert "gchat_webhook_url" in response.get_json()["message"], url
    assert api.patch("/api/auth/me", driver, json={"gchat_webhook_url": 5}).status_code == 422
    assert me(api, driver)["gchat_webhook_url"] is None


def test_webhook_host_is_matched_without_port_or_case(api, driver):
    for url in [
        "https://chat.googleapis.com:443/v1/spaces/AAAA/messages",
        "https://CHAT.googleapis.com/v1/spaces/AAAA/messages",
    ]:
        response = api.patch("/api/auth/me", driver, json={"gchat_webhook_url": url})
        assert response.status_code == 200, (url, response.get_json())
        assert me(api, driver)["gchat_webhook_url"] == url


def test_email_notifications_takes_only_true_or_false(api, driver):
    for value in ["false", "true", 0, 1, None, "no"]:
        response = api.patch("/api/auth/me", driver, json={"email_notifications": value})
        assert_rejected(response, "email_notifications")
    assert me(api, driver)["email_notifications"] is True
    api.patch("/api/auth/me", driver, json={"email_notifications": False})
    assert me(api, driver)["email_notifications"] is False
    api.patch("/api/auth/me", driver, json={"email_notifications": True})
    assert me(api, driver)["email_notifications"] is True


def test_profile_fields_are_validated(api, driver):
    before = me(api, driver)
    for field, value in [
        ("full_name", "x" * 121),
        ("full_name", ""),
        ("full_name", None),
        ("full_name", 42),
        ("phone", "1" * 21),
        ("phone", 9845012345),
        ("pincode", "56001"),
        ("pincode", "5600012"),
        ("pincode", "５６０００１"),
        ("pincode", 560001),
    ]:
        assert_rejected(api.patch("/api/auth/me", driver, json={field: value}), field)
    # Not JSON at all: 400; JSON, but not an object: 422.
    for kwargs, status in [
        ({"json": ["full_name"]}, 422),
        ({"data": "null", "content_type": "application/json"}, 422),
        ({"data": {"full_name": "Form"}}, 400),
    ]:
        response = api.patch("/api/auth/me", driver, **kwargs)
        assert response.status_code == status, kwargs
        assert isinstance(response.get_json()["message"], str)
    assert me(api, driver) == before


def test_role_and_email_cannot_be_changed_through_the_profile(api, driver):
    for body in [
        {"role": "admin"},
        {"email": "new-address@example.com"},
        {"full_name": "Sneaky", "role": "admin", "email": "new-address@example.com"},
    ]:
        response = api.patch("/api/auth/me", driver, json=body)
        assert response.status_code == 422, body
        assert "Unknown field" in response.get_json()["message"], body
    user = me(api, driver)
    assert user["role"] == "user"
    assert user["email"] == driver.email
    assert api.post("/api/lots", driver, json={}).status_code == 403
    login = api.post(
        "/api/auth/login", json={"email": "new-address@example.com", "password": driver.password}
    )
    assert login.status_code == 401


def test_profile_needs_a_token(api):
    assert api.patch("/api/auth/me", json={"full_name": "X"}).status_code == 401


# --- registration ---------------------------------------------------------------------------


def test_registration_is_validated_naming_the_field(api):
    for overrides, field in [
        ({"password": "seven77"}, "password"),
        ({"password": 12345678}, "password"),
        ({"email": "not-an-email"}, "email"),
        ({"email": "a@"}, "email"),
        ({"email": ""}, "email"),
        ({"email": "a" * 250 + "@example.com"}, "email"),
        ({"full_name": ""}, "full_name"),
        ({"full_name": "n" * 121}, "full_name"),
        ({"full_name": True}, "full_name"),
        ({"phone": "1" * 21}, "phone"),
        ({"pincode": "56000"}, "pincode"),
        ({"pincode": "56000x"}, "pincode"),
        ({"pincode": 560001}, "pincode"),
    ]:
        assert_rejected(register(api, **overrides), field)
    for missing in ["email", "password", "full_name"]:
        body = {"email": "asha@example.com", "password": DRIVER_PASSWORD, "full_name": "Asha"}
        del body[missing]
        assert_rejected(api.post("/api/auth/register", json=body), missing)
    # Nothing was created: the address is still free.
    assert register(api).status_code == 201


def test_registration_keeps_optional_fields_as_given(api):
    response = register(api, phone="+91 (80) 4000-1234", pincode="560001", full_name="Ünïcødé ✓")
    assert response.status_code == 201
    user = response.get_json()
    assert user["phone"] == "+91 (80) 4000-1234"
    assert user["pincode"] == "560001"
    assert user["full_name"] == "Ünïcødé ✓"
    assert user["gchat_webhook_url"] is None
    assert user["email_notifications"] is True


def test_nobody_registers_as_an_admin(api):
    response = register(api, role="admin")
    assert response.status_code == 422
    assert "role" in response.get_json()["message"]
    login = api.post(
        "/api/auth/login", json={"email": "asha@example.com", "password": DRIVER_PASSWORD}
    )
    assert login.status_code == 401  # refused, so no account was made


# --- failed-login limit ---------------------------------------------------------------------


def login(api, email: str, password: str):
    return api.post("/api/auth/login", json={"email": email, "password": password})


def test_five_failures_lock_the_email_even_for_the_right_password(api, driver):
    for attempt in range(5):
        assert login(api, driver.email, "wrong-password").status_code == 401, attempt
    response = login(api, driver.email, driver.password)
    assert response.status_code == 429
    assert response.is_json
    assert isinstance(response.get_json()["message"], str) and response.get_json()["message"]
    # The e-mail is compared whatever its case.
    assert login(api, driver.email.upper(), driver.password).status_code == 429
    # Its other tokens still work: the limit is on signing in, not on the account.
    assert api.get("/api/auth/me", driver).status_code == 200


def test_the_limit_is_per_email(api, driver, other_driver):
    for _ in range(5):
        login(api, driver.email, "wrong-password")
    assert login(api, driver.email, driver.password).status_code == 429
    assert login(api, other_driver.email, other_driver.password).status_code == 200
    for n in range(6):
        assert login(api, f"ghost{n}@example.com", "wrong-password").status_code == 401


def test_successful_logins_never_count(api, driver):
    for attempt in range(10):
        assert login(api, driver.email, driver.password).status_code == 200, attempt
    for attempt in range(4):
        assert login(api, driver.email, "wrong-password").status_code == 401, attempt
    for attempt in range(3):
        assert login(api, driver.email, driver.password).status_code == 200, attempt
    assert login(api, driver.email, "wrong-password").status_code == 401  # the 5th failure
    assert login(api, driver.email, driver.password).status_code == 429
