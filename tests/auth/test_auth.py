def test_register_returns_the_user_without_secrets(api):
    response = api.post(
        "/api/auth/register",
        json={"email": "Asha@Example.com", "password": "long-enough", "full_name": "Asha Rao"},
    )
    assert response.status_code == 201
    user = response.get_json()
    assert user["email"] == "Asha@Example.com"
    assert user["role"] == "user"
    assert user["email_notifications"] is True
    assert "password" not in user and "password_hash" not in user


def test_email_taken_is_409_whatever_the_case(api, driver):
    response = api.post(
        "/api/auth/register",
        json={"email": driver.email.upper(), "password": "long-enough", "full_name": "Twin"},
    )
    assert response.status_code == 409
    assert "email" in response.get_json()["message"]


def test_logout_revokes_only_that_token(api, driver):
    second_device = api.login(driver.email, driver.password)
    assert api.post("/api/auth/logout", driver).status_code == 204
    assert api.get("/api/auth/me", driver).status_code == 401
    assert api.get("/api/auth/me", second_device).status_code == 200


def test_login_wrong_password_and_unknown_email_answer_alike(api, driver):
    wrong = api.post("/api/auth/login", json={"email": driver.email, "password": "nope-nope"})
    unknown = api.post("/api/auth/login", json={"email": "ghost@example.com", "password": "x"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_json() == unknown.get_json()
