"""The Redis cache: a client never reads availability older than its own last write, cached
answers cost no query, changes made by another process show at once, and with Redis down the
API answers from the database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import time_machine

from tests.queries import counted_queries

START = datetime(2026, 11, 23, 4, 30, tzinfo=UTC)


def _counts(api, actor, lot_id):
    lot = api.get(f"/api/lots/{lot_id}", actor).get_json()
    [listed] = [item for item in api.get("/api/lots", actor).get_json() if item["id"] == lot_id]
    assert listed == lot  # the list and the lot never disagree
    return lot["available_spots"], lot["reserved_spots"], lot["occupied_spots"]


def _grid(api, admin, lot_id):
    return [spot["status"] for spot in api.get(f"/api/lots/{lot_id}/spots", admin).get_json()]


def test_every_change_shows_in_the_next_read(api, admin, driver):
    lot = api.create_lot(admin, total_spots=2)
    assert _counts(api, driver, lot["id"]) == (2, 0, 0)
    assert _grid(api, admin, lot["id"]) == ["available", "available"]
    summary = api.get("/api/me/summary", driver).get_json()
    assert summary["total_reservations"] == 0

    reservation = api.booked(driver, lot["id"])
    assert _counts(api, driver, lot["id"]) == (1, 1, 0)
    assert _grid(api, admin, lot["id"]) == ["reserved", "available"]
    assert api.get("/api/me/summary", driver).get_json()["active_reservations"] == 1
    assert api.get("/api/admin/summary", admin).get_json()["spots"]["reserved"] == 1

    api.post(f"/api/reservations/{reservation['id']}/park", driver)
    assert _counts(api, driver, lot["id"]) == (1, 0, 1)
    assert _grid(api, admin, lot["id"]) == ["occupied", "available"]

    api.post(f"/api/reservations/{reservation['id']}/release", driver)
    assert _counts(api, driver, lot["id"]) == (2, 0, 0)
    assert api.get("/api/admin/summary", admin).get_json()["revenue_total"] == "50.00"
    assert api.get("/api/me/summary", driver).get_json()["total_spent"] == "50.00"

    cancelled = api.booked(driver, lot["id"])
    api.post(f"/api/reservations/{cancelled['id']}/cancel", driver)
    assert _counts(api, driver, lot["id"]) == (2, 0, 0)

    api.patch(f"/api/lots/{lot['id']}", admin, json={"total_spots": 3, "name": "Renamed"})
    assert _counts(api, driver, lot["id"]) == (3, 0, 0)
    assert api.get("/api/me/summary", driver).get_json()["by_lot"][0]["lot_name"] == "Renamed"
    api.delete(f"/api/lots/{lot['id']}", admin)
    assert api.get("/api/lots", driver).get_json() == []
    assert api.get(f"/api/lots/{lot['id']}", driver).status_code == 404


def test_a_hold_running_out_shows_although_nothing_was_written(api, admin, driver):
    lot = api.create_lot(admin, total_spots=1)
    with time_machine.travel(START, tick=False) as traveller:
        driver, admin = api.relogin(driver), api.relogin(admin)
        api.booked(driver, lot["id"])
        assert _counts(api, driver, lot["id"]) == (0, 1, 0)  # cached now
        traveller.shift(timedelta(minutes=31))
        assert _counts(api, driver, lot["id"]) == (1, 0, 0)
        assert _grid(api, admin, lot["id"]) == ["available"]


def test_a_cached_answer_costs_no_query_beyond_the_sign_in_check(api, admin, driver, app):
    lot = api.create_lot(admin, total_spots=3)
    api.booked(driver, lot["id"])
    for path, actor in (
        ("/api/lots", driver),
        (f"/api/lots/{lot['id']}", driver),
        ("/api/me/summary", driver),
        (f"/api/lots/{lot['id']}/spots", admin),
        ("/api/admin/summary", admin),
    ):
        api.get(path, actor)
        with app.app_context(), counted_queries() as statements:
            assert api.get(path, actor).status_code == 200
        # What is left is the token check: whose is it, unless it was revoked (one query).
        assert len(statements) == 1, (path, statements)


def test_a_booking_through_another_server_process_shows_here_at_once(api, admin, live):
    lot = api.create_lot(admin, total_spots=2)
    driver = api.new_driver()
    assert _counts(api, driver, lot["id"]) == (2, 0, 0)
    token = live.new_driver()
    booked = live.request(
        "POST", "/api/reservations", token, json={"lot_id": lot["id"], "vehicle_number": "KA01X1"}
    )
    assert booked.status_code == 201, booked.text
    assert _counts(api, driver, lot["id"]) == (1, 1, 0)


def test_with_redis_down_the_api_answers_from_the_database_and_says_so_once(
    api, admin, server_without_redis
):
    lot = api.create_lot(admin, total_spots=2)
    server = server_without_redis
    token = server.new_driver()
    for _ in range(10):
        response = server.request("GET", "/api/lots", token)
        assert response.status_code == 200
        assert response.json()[0]["available_spots"] == 2
    booked = server.request(
        "POST", "/api/reservations", token, json={"lot_id": lot["id"], "vehicle_number": "KA01X1"}
    )
    assert booked.status_code == 201
    assert server.request("GET", "/api/lots", token).json()[0]["available_spots"] == 1
    server.log.flush()
    log = Path(server.log.name).read_text()
    # Once per server process at most, not once per request.
    assert 1 <= log.count("Redis unreachable") <= 4, log
