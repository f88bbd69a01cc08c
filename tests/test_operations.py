"""Operations: health, the OpenAPI document and docs, the front-end fallback, error shapes."""

import pytest


def test_health_reports_each_dependency(api):
    response = api.get("/api/health")
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "ok",
        "database": "ok",
        "redis": "ok",
        "queue": "ok",
    }


def test_api_keeps_serving_when_redis_is_down(server_without_redis, driver):
    health = server_without_redis.request("GET", "/api/health")
    assert health.status_code == 200
    assert health.json()["redis"] == "down"
    assert health.json()["database"] == "ok"
    token = server_without_redis.login(driver.email, driver.password)
    assert server_without_redis.request("GET", "/api/lots", token).status_code == 200
    wrong = {"email": driver.email, "password": "wrong-password"}
    assert server_without_redis.request("POST", "/api/auth/login", json=wrong).status_code == 401


def test_openapi_document_describes_every_contract_path(api):
    spec = api.get("/api/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    expected = {
        "/api/auth/register": {"post"},
        "/api/auth/login": {"post"},
        "/api/auth/logout": {"post"},
        "/api/auth/me": {"get", "patch"},
        "/api/lots": {"get", "post"},
        "/api/lots/{lot_id}": {"get", "patch", "delete"},
        "/api/lots/{lot_id}/spots": {"get"},
        "/api/reservations": {"get", "post"},
        "/api/reservations/{reservation_id}": {"get"},
        "/api/reservations/{reservation_id}/park": {"post"},
        "/api/reservations/{reservation_id}/release": {"post"},
        "/api/reservations/{reservation_id}/cancel": {"post"},
        "/api/me/summary": {"get"},
        "/api/admin/summary": {"get"},
        "/api/admin/users": {"get"},
        "/api/health": {"get"},
    }
    for path, methods in expected.items():
        assert path in spec["paths"], path
        assert methods <= set(spec["paths"][path]), path


def test_docs_page_loads_its_assets_from_the_server_itself(api):
    page = api.get("/api/docs")
    assert page.status_code == 200
    assert "/api/docs/assets/swagger-ui-bundle.js" in page.text
    assert api.get("/api/docs/assets/swagger-ui-bundle.js").status_code == 200


@pytest.mark.parametrize("path", ["/", "/admin/lots", "/user/history/3"])
def test_front_end_paths_get_the_app_page(api, path):
    response = api.get(path)
    assert response.status_code == 200
    assert response.mimetype == "text/html"


def test_unknown_api_path_is_a_json_404(api):
    response = api.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.is_json and response.get_json()["message"]


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        # Not JSON at all: 400; JSON, but not an object: 422.
        ("{broken", "application/json", 400),
        ("[1, 2]", "application/json", 422),
        ("null", "application/json", 422),
        ('"text"', "application/json", 422),
        ("email=a%40b.com&password=12345678", "application/x-www-form-urlencoded", 400),
        ("hello", "text/plain", 400),
    ],
)
def test_a_body_that_is_not_a_json_object_is_a_4xx_with_a_message(api, body, content_type, status):
    response = api.post("/api/auth/register", data=body, content_type=content_type)
    assert response.status_code == status
    assert isinstance(response.get_json()["message"], str)


def test_a_validation_error_names_the_field(api):
    response = api.post(
        "/api/auth/register",
        json={"email": "a@example.com", "password": 12345678, "full_name": "A"},
    )
    assert response.status_code == 422
    assert response.get_json()["message"].startswith("password")
