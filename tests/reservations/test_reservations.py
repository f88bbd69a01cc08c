"""Booking and the reservation lifecycle, through the public API (API.md, "Reservations")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine

RESERVATION_FIELDS = {
    "id",
    "lot_id",
    "lot_name",
    "spot_id",
    "spot_number",
    "vehicle_number",
    "status",
    "price_per_hour",
    "reserved_at",
    "parked_at",
    "left_at",
    "duration_minutes",
    "cost",
    "remarks",
}


def act(api, actor, reservation: dict, action: str):
    return api.post(f"/api/reservations/{reservation['id']}/{action}", actor)


def listed(api, actor, query: str = "") -> dict:
    response = api.get(f"/api/reservations{query}", actor)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def ids(page: dict) -> list[int]:
    return [item["id"] for item in page["items"]]


# --- booking --------------------------------------------------------------------------------


def test_booking_answers_a_reserved_reservation_on_spot_one(api, admin, driver):
    lot = api.create_lot(admin, name="Brigade Road", price_per_hour="45.00")
    response = api.post(
        "/api/reservations",
        driver,
        json={"lot_id": lot["id"], "vehicle_number": "KA01AB1234", "remarks": "blue hatchback"},
    )
    assert response.status_code == 201
    reservation = response.get_json()
    assert set(reservation) >= RESERVATION_FIELDS
    assert reservation["lot_id"] == lot["id"]
    assert reservation["lot_name"] == "Brigade Road"
    assert reservation["spot_number"] == 1
    assert reservation["status"] == "reserved"
    assert reservation["price_per_hour"] == "45.00"
    assert reservation["reserved_at"].endswith("+00:00")
    assert reservation["remarks"] == "blue hatchback"
    for unset in ("parked_at", "left_at", "duration_minutes", "cost"):
        assert reservation[unset] is None, unset
    assert api.get(f"/api/reservations/{reservation['id']}", driver).get_json() == reservation


def test_booking_takes_the_lowest_numbered_free_spot(api, admin, driver, other_driver):
    lot = api.create_lot(admin, total_spots=4)
    first = api.booked(driver, lot["id"])
    second = api.booked(other_driver, lot["id"])
    third = api.booked(driver, lot["id"])
    assert [r["spot_number"] for r in (first, second, third)] == [1, 2, 3]
    assert act(api, driver, first, "cancel").status_code == 200
    assert api.booked(other_driver, lot["id"])["spot_number"] == 1
    assert api.booked(driver, lot["id"])["spot_number"] == 4


def test_vehicle_number_is_stored_upper_case_without_spaces_or_dashes(api, admin, driver):
    lot = api.create_lot(admin)
    assert api.booked(driver, lot["id"], "ka 01-ab 1234")["vehicle_number"] == "KA01AB1234"
    assert api.booked(driver, lot["id"], "dl-3c--ab 12")["vehicle_number"] == "DL3CAB12"
    assert api.booked(driver, lot["id"], "abcd")["vehicle_number"] == "ABCD"


def test_bad_vehicle_numbers_are_422_naming_the_field(api, admin, driver):
    lot = api.create_lot(admin)
    for plate in [
        "KA1",  # 3 characters
        "KA01AB1234567",  # 13 characters
        "- - -",
        "",
        "KA01_AB12",
        "KA01.AB12",
        "ಕಎ01ಎಬಿ1234",  # letters, but not ASCII
        "ßßßß",  # upper-cases to ASCII "SSSSSSSS", but is not ASCII as given
        "KA01AB١٢٣٤",  # non-ASCII digits
    ]:
        response = api.post(
            "/api/reservations", driver, json={"lot_id": lot["id"], "vehicle_number": plate}
        )
        assert response.status_code == 422, (plate, response.get_json())
        assert "vehicle_number" in response.get_json()["message"], plate
    for wrong_type in [1234, True, None, ["KA01AB1234"]]:
        response = api.post(
            "/api/reservations", driver, json={"lot_id": lot["id"], "vehicle_number": wrong_type}
        )
        assert response.status_code == 422, wrong_type
        assert "vehicle_number" in response.get_json()["message"], wrong_type
    assert listed(api, driver)["total"] == 0


def test_booking_body_is_validated(api, admin, driver):
    lot = api.create_lot(admin)
    for body, field in [
        ({"vehicle_number": "KA01AB1234"}, "lot_id"),
        ({"lot_id": str(lot["id"]), "vehicle_number": "KA01AB1234"}, "lot_id"),
        ({"lot_id": True, "vehicle_number": "KA01AB1234"}, "lot_id"),
        ({"lot_id": lot["id"]}, "vehicle_number"),
        ({"lot_id": lot["id"], "vehicle_number": "KA01AB1234", "remarks": "r" * 501}, "remarks"),
        ({"lot_id": lot["id"], "vehicle_number": "KA01AB1234", "remarks": 5}, "remarks"),
    ]:
        response = api.post("/api/reservations", driver, json=body)
        assert response.status_code == 422, body
        assert field in response.get_json()["message"], body
    # Not JSON at all: 400; JSON, but not an object: 422.
    for kwargs, status in [
        ({"json": [{"lot_id": lot["id"], "vehicle_number": "KA01AB1234"}]}, 422),
        ({"data": "null", "content_type": "application/json"}, 422),
        ({"data": {"lot_id": lot["id"], "vehicle_number": "KA01AB1234"}}, 400),
    ]:
        response = api.post("/api/reservations", driver, **kwargs)
        assert response.status_code == status, kwargs
        assert isinstance(response.get_json()["message"], str)
    assert listed(api, driver)["total"] == 0


def test_remarks_at_the_limit_are_kept_as_given(api, admin, driver):
    lot = api.create_lot(admin)
    remarks = "ಟಿ" * 250
    response = api.post(
        "/api/reservations",
        driver,
        json={"lot_id": lot["id"], "vehicle_number": "KA01AB1234", "remarks": remarks},
    )
    assert response.status_code == 201
    assert response.get_json()["remarks"] == remarks


def test_booking_an_unknown_lot_is_404(api, driver):
    response = api.book(driver, 999999)
    assert response.status_code == 404
    assert isinstance(response.get_json()["message"], str)


def test_a_full_lot_is_409(api, admin, driver):
    lot = api.create_lot(admin, total_spots=2)
    api.booked(driver, lot["id"])
    api.booked(driver, lot["id"])
    response = api.book(driver, lot["id"])
    assert response.status_code == 409
    assert isinstance(response.get_json()["message"], str)
    assert api.get(f"/api/lots/{lot['id']}", driver).get_json()["available_spots"] == 0
    assert listed(api, driver)["total"] == 2


def test_a_vehicle_with_an_active_reservation_is_409_for_any_driver(
    api, admin, driver, other_driver
):
    lot = api.create_lot(admin, total_spots=5)
    api.booked(driver, lot["id"], "KA01AB1234")
    response = api.book(driver, lot["id"], "ka-01-ab-1234")
    assert response.status_code == 409
    assert "vehicle" in response.get_json()["message"]
    other_lot = api.create_lot(admin)
    assert api.book(driver, other_lot["id"], "KA01AB1234").status_code == 409
    assert api.book(other_driver, lot["id"], "KA01AB1234").status_code == 409
    assert listed(api, other_driver)["total"] == 0


def test_a_vehicle_can_book_again_once_its_stay_ends(api, admin, driver):
    lot = api.create_lot(admin, total_spots=5)
    first = api.booked(driver, lot["id"], "KA01AB1234")
    act(api, driver, first, "cancel")
    second = api.booked(driver, lot["id"], "KA01AB1234")
    act(api, driver, second, "park")
    act(api, driver, second, "release")
    assert api.book(driver, lot["id"], "KA01AB1234").status_code == 201


def test_a_driver_holds_at_most_three_active_reservations(api, admin, driver, other_driver):
    lot = api.create_lot(admin, total_spots=10)
    held = [api.booked(driver, lot["id"]) for _ in range(3)]
    act(api, driver, held[0], "park")
    response = api.book(driver, lot["id"])
    assert response.status_code == 409
    assert isinstance(response.get_json()["message"], str)
    assert listed(api, driver)["total"] == 3
    assert api.book(other_driver, lot["id"]).status_code == 201  # the limit is per driver

    act(api, driver, held[1], "cancel")
    assert api.book(driver, lot["id"]).status_code == 201


def test_only_drivers_book(api, admin):
    lot = api.create_lot(admin)
    assert api.book(admin, lot["id"]).status_code == 403
    assert api.post("/api/reservations", json={"lot_id": lot["id"]}).status_code == 401


# --- Idempotency-Key ------------------------------------------------------------------------


def test_repeating_an_idempotency_key_answers_the_first_booking(api, admin, driver):
    lot = api.create_lot(admin, total_spots=5)
    body = {"lot_id": lot["id"], "vehicle_number": "KA01AB1234"}
    headers = {"Idempotency-Key": "booking-7f3a"}
    first = api.post("/api/reservations", driver, json=body, headers=headers)
    again = api.post("/api/reservations", driver, json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()
    assert listed(api, driver)["total"] == 1
    assert api.get(f"/api/lots/{lot['id']}", driver).get_json()["reserved_spots"] == 1
    # Another key is another booking.
    other = api.post(
        "/api/reservations",
        driver,
        json={"lot_id": lot["id"], "vehicle_number": "KA01AB9999"},
        headers={"Idempotency-Key": "booking-8e4b"},
    )
    assert other.status_code == 201
    assert other.get_json()["id"] != first.get_json()["id"]
    assert listed(api, driver)["total"] == 2


def test_the_same_idempotency_key_from_another_driver_is_independent(
    api, admin, driver, other_driver
):
    lot = api.create_lot(admin, total_spots=5)
    headers = {"Idempotency-Key": "shared-key"}
    mine = api.post(
        "/api/reservations",
        driver,
        json={"lot_id": lot["id"], "vehicle_number": "KA01AB0001"},
        headers=headers,
    )
    theirs = api.post(
        "/api/reservations",
        other_driver,
        json={"lot_id": lot["id"], "vehicle_number": "KA01AB0002"},
        headers=headers,
    )
    assert mine.status_code == theirs.status_code == 201
    assert mine.get_json()["id"] != theirs.get_json()["id"]
    assert theirs.get_json()["vehicle_number"] == "KA01AB0002"
    assert listed(api, other_driver)["total"] == 1


def test_keys_past_their_24_hour_window_are_purged(api, admin, driver, app_context):
    from parking.reservations.service import purge_idempotency_keys

    lot = api.create_lot(admin, total_spots=5)
    body = {"lot_id": lot["id"], "vehicle_number": "KA01AB1234"}
    with time_machine.travel(datetime(2026, 11, 23, 4, 30, tzinfo=UTC), tick=False) as traveller:
        driver = api.relogin(driver)
        headers = {"Idempotency-Key": "old-key"}
        first = api.post("/api/reservations", driver, json=body, headers=headers).get_json()
        api.post(f"/api/reservations/{first['id']}/cancel", driver)
        traveller.shift(timedelta(hours=23))
        assert purge_idempotency_keys() == 0  # still inside its window
        traveller.shift(timedelta(hours=2))
        assert purge_idempotency_keys() == 1
        driver = api.relogin(driver)
        again = api.post("/api/reservations", driver, json=body, headers=headers)
    assert again.status_code == 201
    assert again.get_json()["id"] != first["id"]


def test_idempotency_key_length_is_1_to_100(api, admin, driver):
    lot = api.create_lot(admin, total_spots=5)
    body = {"lot_id": lot["id"], "vehicle_number": "KA01AB1234"}
    for key in ["k" * 101, ""]:
        response = api.post(
            "/api/reservations", driver, json=body, headers={"Idempotency-Key": key}
        )
        assert response.status_code == 422, len(key)
        assert "Idempotency-Key" in response.get_json()["message"]
    assert listed(api, driver)["total"] == 0
    ok = api.post("/api/reservations", driver, json=body, headers={"Idempotency-Key": "k" * 100})
    assert ok.status_code == 201


def test_an_idempotency_key_is_remembered_for_24_hours(api, admin, driver):
    lot = api.create_lot(admin, total_spots=5)
    body = {"lot_id": lot["id"], "vehicle_number": "KA01AB1234"}
    headers = {"Idempotency-Key": "once-a-day"}
    with time_machine.travel(datetime(2026, 11, 22, 8, 0, tzinfo=UTC), tick=False) as traveller:
        driver = api.login(driver.email, driver.password)
        first = api.post("/api/reservations", driver, json=body, headers=headers).get_json()
        traveller.shift(timedelta(hours=23, minutes=59))
        driver = api.login(driver.email, driver.password)
        again = api.post("/api/reservations", driver, json=body, headers=headers)
        assert again.get_json()["id"] == first["id"]
        traveller.shift(timedelta(minutes=2))
        driver = api.login(driver.email, driver.password)
        next_day = api.post("/api/reservations", driver, json=body, headers=headers)
        assert next_day.status_code == 201
        assert next_day.get_json()["id"] != first["id"]
        assert listed(api, driver)["total"] == 2


def test_a_failed_booking_does_not_use_up_its_idempotency_key(api, admin, driver):
    lot = api.create_lot(admin, total_spots=1)
    taken = api.booked(driver, lot["id"], "KA01AB0001")
    body = {"lot_id": lot["id"], "vehicle_number": "KA01AB1234"}
    headers = {"Idempotency-Key": "retry-me"}
    assert api.post("/api/reservations", driver, json=body, headers=headers).status_code == 409
    act(api, driver, taken, "cancel")
    retry = api.post("/api/reservations", driver, json=body, headers=headers)
    assert retry.status_code == 201
    assert retry.get_json()["spot_number"] == 1


# --- park / release / cancel ----------------------------------------------------------------


def test_park_marks_the_reservation_occupied(api, admin, driver):
    lot = api.create_lot(admin)
    reservation = api.booked(driver, lot["id"])
    response = act(api, driver, reservation, "park")
    assert response.status_code == 200
    parked = response.get_json()
    assert parked["status"] == "occupied"
    assert parked["parked_at"].endswith("+00:00")
    assert parked["parked_at"] >= parked["reserved_at"]
    assert parked["left_at"] is None and parked["cost"] is None
    lot_now = api.get(f"/api/lots/{lot['id']}", driver).get_json()
    assert (lot_now["occupied_spots"], lot_now["reserved_spots"]) == (1, 0)


def test_release_completes_the_stay_with_its_cost_and_frees_the_spot(api, admin, driver):
    lot = api.create_lot(admin, total_spots=1, price_per_hour="60.00")
    reservation = api.booked(driver, lot["id"])
    act(api, driver, reservation, "park")
    response = act(api, driver, reservation, "release")
    assert response.status_code == 200
    released = response.get_json()
    assert released["status"] == "completed"
    assert released["left_at"] >= released["parked_at"]
    assert released["duration_minutes"] in (0, 1)
    assert released["cost"] == "60.00"  # at least one hour
    assert api.get(f"/api/lots/{lot['id']}", driver).get_json()["available_spots"] == 1
    assert api.booked(driver, lot["id"])["spot_id"] == reservation["spot_id"]


def test_cancel_frees_the_spot_and_costs_nothing(api, admin, driver):
    lot = api.create_lot(admin, total_spots=1)
    reservation = api.booked(driver, lot["id"])
    response = act(api, driver, reservation, "cancel")
    assert response.status_code == 200
    cancelled = response.get_json()
    assert cancelled["status"] == "cancelled"
    assert cancelled["cost"] is None and cancelled["parked_at"] is None
    assert api.booked(driver, lot["id"])["spot_id"] == reservation["spot_id"]


def test_an_admin_may_release_and_cancel_but_not_park(api, admin, driver):
    lot = api.create_lot(admin, total_spots=3)
    to_release = api.booked(driver, lot["id"])
    to_cancel = api.booked(driver, lot["id"])
    act(api, driver, to_release, "park")
    released = act(api, admin, to_release, "release")
    assert released.status_code == 200
    assert released.get_json()["status"] == "completed"
    cancelled = act(api, admin, to_cancel, "cancel")
    assert cancelled.status_code == 200
    assert cancelled.get_json()["status"] == "cancelled"
    assert act(api, admin, api.booked(driver, lot["id"]), "park").status_code == 403


def test_wrong_status_transitions_are_409(api, admin, driver):
    lot = api.create_lot(admin, total_spots=3)
    reserved = api.booked(driver, lot["id"])
    occupied = api.booked(driver, lot["id"])
    act(api, driver, occupied, "park")
    completed = api.booked(driver, lot["id"])
    act(api, driver, completed, "park")
    act(api, driver, completed, "release")
    cancelled = api.booked(driver, lot["id"])
    act(api, driver, cancelled, "cancel")

    expected_409 = [
        (reserved, "release"),
        (occupied, "park"),
        (occupied, "cancel"),
        (completed, "park"),
        (completed, "release"),
        (completed, "cancel"),
        (cancelled, "park"),
        (cancelled, "release"),
        (cancelled, "cancel"),
    ]
    for reservation, action in expected_409:
        before = api.get(f"/api/reservations/{reservation['id']}", driver).get_json()
        response = act(api, driver, reservation, action)
        assert response.status_code == 409, (before["status"], action)
        assert isinstance(response.get_json()["message"], str)
        assert api.get(f"/api/reservations/{reservation['id']}", driver).get_json() == before


def test_another_drivers_reservation_is_404_everywhere(api, admin, driver, other_driver):
    lot = api.create_lot(admin, total_spots=3)
    reserved = api.booked(driver, lot["id"])
    occupied = api.booked(driver, lot["id"])
    act(api, driver, occupied, "park")

    assert api.get(f"/api/reservations/{reserved['id']}", other_driver).status_code == 404
    assert act(api, other_driver, reserved, "park").status_code == 404
    assert act(api, other_driver, reserved, "cancel").status_code == 404
    assert act(api, other_driver, occupied, "release").status_code == 404
    assert api.get(f"/api/reservations/{reserved['id']}", driver).get_json()["status"] == "reserved"
    assert api.get(f"/api/reservations/{occupied['id']}", driver).get_json()["status"] == "occupied"
    # Unknown ids look exactly the same.
    unknown = api.get("/api/reservations/999999", other_driver)
    mine_to_them = api.get(f"/api/reservations/{reserved['id']}", other_driver)
    assert unknown.status_code == 404
    assert unknown.get_json() == mine_to_them.get_json()


# --- listing --------------------------------------------------------------------------------


def test_a_driver_lists_only_their_own_newest_first(api, admin, driver, other_driver):
    lot = api.create_lot(admin, total_spots=10)
    first = api.booked(driver, lot["id"])
    theirs = api.booked(other_driver, lot["id"])
    second = api.booked(driver, lot["id"])
    page = listed(api, driver)
    assert set(page) == {"items", "total", "page", "per_page"}
    assert ids(page) == [second["id"], first["id"]]
    assert (page["total"], page["page"], page["per_page"]) == (2, 1, 50)
    assert set(page["items"][0]) >= RESERVATION_FIELDS
    # A driver cannot widen the list with user_id.
    assert ids(listed(api, driver, f"?user_id={other_driver.id}")) == ids(page)
    assert ids(listed(api, other_driver)) == [theirs["id"]]


def test_listing_pages_through_everything(api, admin, driver, other_driver):
    lot = api.create_lot(admin, total_spots=10)
    made = []
    for actor in (driver, other_driver):
        for _ in range(3):
            reservation = api.booked(actor, lot["id"])
            act(api, actor, reservation, "cancel")
            made.append(reservation["id"])
    newest_first = list(reversed(made))
    pages = [listed(api, admin, f"?page={n}&per_page=4") for n in (1, 2, 3)]
    assert [page["total"] for page in pages] == [6, 6, 6]
    assert [page["page"] for page in pages] == [1, 2, 3]
    assert [page["per_page"] for page in pages] == [4, 4, 4]
    assert ids(pages[0]) == newest_first[:4]
    assert ids(pages[1]) == newest_first[4:]
    assert ids(pages[2]) == []


def test_bad_page_or_per_page_is_4xx(api, driver):
    for query in [
        "page=0",
        "page=-1",
        "page=abc",
        "page=1.5",
        "page=",
        "per_page=0",
        "per_page=-5",
        "per_page=x",
        "per_page=true",
    ]:
        response = api.get(f"/api/reservations?{query}", driver)
        assert response.status_code == 422, query
        assert isinstance(response.get_json()["message"], str)
    over = api.get("/api/reservations?per_page=201", driver)
    assert over.status_code == 422
    assert "per_page" in over.get_json()["message"]
    assert listed(api, driver, "?per_page=200")["per_page"] == 200


def test_listing_filters_by_status_and_lot(api, admin, driver):
    lot_a = api.create_lot(admin, total_spots=5)
    lot_b = api.create_lot(admin, total_spots=5)
    reserved = api.booked(driver, lot_a["id"])
    occupied = api.booked(driver, lot_b["id"])
    act(api, driver, occupied, "park")
    cancelled = api.booked(driver, lot_a["id"])
    act(api, driver, cancelled, "cancel")

    assert ids(listed(api, driver, "?status=reserved")) == [reserved["id"]]
    assert ids(listed(api, driver, "?status=occupied")) == [occupied["id"]]
    assert ids(listed(api, driver, "?status=cancelled")) == [cancelled["id"]]
    assert ids(listed(api, driver, "?status=completed")) == []
    assert ids(listed(api, driver, f"?lot_id={lot_a['id']}")) == [cancelled["id"], reserved["id"]]
    assert ids(listed(api, driver, f"?lot_id={lot_a['id']}&status=reserved")) == [reserved["id"]]
    assert api.get("/api/reservations?status=parked", driver).status_code == 422
    assert api.get("/api/reservations?lot_id=abc", driver).status_code == 422


def test_an_admin_lists_everyone_and_filters_by_user(api, admin, driver, other_driver):
    lot = api.create_lot(admin, total_spots=5)
    mine = api.booked(driver, lot["id"])
    theirs = api.booked(other_driver, lot["id"])
    assert ids(listed(api, admin)) == [theirs["id"], mine["id"]]
    assert ids(listed(api, admin, f"?user_id={driver.id}")) == [mine["id"]]
    assert api.get(f"/api/reservations/{mine['id']}", admin).get_json() == mine
    assert ids(listed(api, admin, f"?user_id={other_driver.id}&status=reserved")) == [theirs["id"]]


# --- price ----------------------------------------------------------------------------------


def test_the_price_is_the_one_at_booking(api, admin, driver):
    lot = api.create_lot(admin, price_per_hour="50.00")
    reservation = api.booked(driver, lot["id"])
    act(api, driver, reservation, "park")
    edited = api.patch(f"/api/lots/{lot['id']}", admin, json={"price_per_hour": "80.00"})
    assert edited.status_code == 200
    released = act(api, driver, reservation, "release").get_json()
    assert released["price_per_hour"] == "50.00"
    assert released["cost"] == "50.00"
    later = api.booked(driver, lot["id"])
    assert later["price_per_hour"] == "80.00"
