"""Parking lots and their spots, through the public API (API.md, "Parking lots and spots")."""

from __future__ import annotations

import pytest

from tests.helpers import lot_body


def assert_rejected(response, field: str | None = None) -> None:
    """A 4xx JSON answer (never 500) whose message names `field` when one is given."""
    assert response.status_code == 422, (response.status_code, response.get_data())
    body = response.get_json()
    assert isinstance(body["message"], str) and body["message"]
    if field is not None:
        assert field in body["message"], body


def spots_of(api, admin, lot_id: int) -> list[dict]:
    response = api.get(f"/api/lots/{lot_id}/spots", admin)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def numbers_of(api, admin, lot_id: int) -> list[int]:
    return [spot["number"] for spot in spots_of(api, admin, lot_id)]


# --- create ---------------------------------------------------------------------------------


def test_create_returns_the_lot_with_every_spot_available(api, admin):
    response = api.post(
        "/api/lots",
        admin,
        json={
            "name": "Forum Mall",
            "address": "Hosur Road, Koramangala",
            "pincode": "560095",
            "price_per_hour": "50.00",
            "total_spots": 4,
        },
    )
    assert response.status_code == 201
    lot = response.get_json()
    assert lot["name"] == "Forum Mall"
    assert lot["address"] == "Hosur Road, Koramangala"
    assert lot["pincode"] == "560095"
    assert lot["price_per_hour"] == "50.00"
    assert lot["total_spots"] == 4
    assert lot["available_spots"] == 4
    assert lot["reserved_spots"] == 0
    assert lot["occupied_spots"] == 0
    assert lot["created_at"].endswith("+00:00")
    assert api.get(f"/api/lots/{lot['id']}", admin).get_json() == lot
    spots = spots_of(api, admin, lot["id"])
    assert [spot["number"] for spot in spots] == [1, 2, 3, 4]
    assert {spot["status"] for spot in spots} == {"available"}
    assert all(spot["reservation"] is None for spot in spots)


def test_price_is_answered_as_a_two_decimal_string(api, admin):
    assert api.create_lot(admin, price_per_hour="40")["price_per_hour"] == "40.00"
    assert api.create_lot(admin, price_per_hour="12.5")["price_per_hour"] == "12.50"


def test_text_is_stored_exactly_as_given_in_any_unicode(api, admin):
    name = "  Café — ಪಾರ್ಕಿಂಗ್ 🚗  "
    lot = api.create_lot(admin, name=name, address="Ünïcödé Straße 1")
    assert lot["name"] == name
    assert api.get(f"/api/lots/{lot['id']}", admin).get_json()["address"] == "Ünïcödé Straße 1"


# --- validation -----------------------------------------------------------------------------

# Each case is (field, bad value); every one must be refused with a message naming the field.
INVALID_LOT_FIELDS = [
    *[
        ("pincode", value)
        for value in [
            "56000",
            "5600011",
            "56000a",
            "560 01",
            "",
            "５６０００１",
            "٥٦٠٠٠١",
            "560001\n",
        ]
    ],
    *[
        ("price_per_hour", value)
        for value in ["0", "0.00", "-1.00", "abc", "NaN", "Infinity", "1.001", "0.001"]
    ],
    *[("total_spots", value) for value in [0, -1, 1001, 2.5, "5", True, None]],
    ("name", "n" * 121),
    ("address", "a" * 301),
    ("name", ""),
    ("address", "   "),
]

# JSON types are checked, not coerced.
WRONG_TYPES = [
    ("name", True),
    ("name", 42),
    ("address", ["x"]),
    ("pincode", 560001),
    ("pincode", True),
    ("price_per_hour", True),
    ("price_per_hour", {"amount": 50}),
    ("total_spots", False),
]


def test_invalid_lot_fields_are_rejected_naming_the_field(api, admin):
    for field, value in INVALID_LOT_FIELDS:
        response = api.post("/api/lots", admin, json=lot_body(**{field: value}))
        assert_rejected(response, field)
    assert api.get("/api/lots", admin).get_json() == []


def test_wrong_json_types_are_rejected_not_coerced(api, admin):
    for field, value in WRONG_TYPES:
        assert_rejected(api.post("/api/lots", admin, json=lot_body(**{field: value})), field)
    assert api.get("/api/lots", admin).get_json() == []


def test_every_field_is_required_on_create(api, admin):
    for field in ["name", "address", "pincode", "price_per_hour", "total_spots"]:
        body = lot_body()
        del body[field]
        assert_rejected(api.post("/api/lots", admin, json=body), field)


def test_limits_are_inclusive(api, admin):
    lot = api.create_lot(admin, name="n" * 120, address="a" * 300, total_spots=1000)
    assert len(lot["name"]) == 120 and len(lot["address"]) == 300
    assert lot["total_spots"] == lot["available_spots"] == 1000
    assert api.create_lot(admin, total_spots=1, price_per_hour="0.01")["price_per_hour"] == "0.01"


def test_a_body_that_is_not_a_json_object_is_rejected(api, admin):
    # Not JSON at all: 400; JSON, but not an object: 422.
    for kwargs, status in [
        ({"json": [lot_body()]}, 422),
        ({"data": "null", "content_type": "application/json"}, 422),
        ({"data": '"a string"', "content_type": "application/json"}, 422),
        ({"data": "{not json", "content_type": "application/json"}, 400),
        ({"data": lot_body()}, 400),  # an HTML form
        ({"data": "name=Lot", "content_type": "text/plain"}, 400),
    ]:
        response = api.post("/api/lots", admin, **kwargs)
        assert response.status_code == status, kwargs
        assert isinstance(response.get_json()["message"], str), kwargs
    assert api.get("/api/lots", admin).get_json() == []


def test_a_patch_body_that_is_not_a_json_object_changes_nothing(api, admin):
    lot = api.create_lot(admin)
    for kwargs, status in [
        ({"json": [{"name": "Array"}]}, 422),
        ({"data": "null", "content_type": "application/json"}, 422),
        ({"data": {"name": "Form"}}, 400),
        ({"data": '{"name": "Text"}', "content_type": "text/plain"}, 400),
    ]:
        response = api.patch(f"/api/lots/{lot['id']}", admin, **kwargs)
        assert response.status_code == status, kwargs
        assert isinstance(response.get_json()["message"], str), kwargs
    assert api.get(f"/api/lots/{lot['id']}", admin).get_json() == lot


# --- list and search ------------------------------------------------------------------------


def test_list_matches_q_in_name_or_address_whatever_the_case(api, admin, driver):
    by_name = api.create_lot(admin, name="Phoenix Marketcity", address="Whitefield Road")
    by_address = api.create_lot(admin, name="East Lot", address="Near PHOENIX gate")
    api.create_lot(admin, name="Orion Mall", address="Rajajinagar")

    response = api.get("/api/lots?q=phoenix", driver)
    assert response.status_code == 200
    assert {lot["id"] for lot in response.get_json()} == {by_name["id"], by_address["id"]}
    assert len(api.get("/api/lots", driver).get_json()) == 3


def test_q_is_plain_text_not_a_pattern(api, admin):
    api.create_lot(admin, name="Lot A", address="Road 1")
    assert api.get("/api/lots?q=%25", admin).get_json() == []
    assert api.get("/api/lots?q=_", admin).get_json() == []


def test_list_filters_by_pincode(api, admin):
    koramangala = api.create_lot(admin, pincode="560095")
    api.create_lot(admin, pincode="560001")
    lots = api.get("/api/lots?pincode=560095", admin).get_json()
    assert [lot["id"] for lot in lots] == [koramangala["id"]]
    assert api.get("/api/lots?pincode=5600", admin).status_code == 422


def test_list_combines_q_and_pincode(api, admin):
    wanted = api.create_lot(admin, name="Central A", pincode="560095")
    api.create_lot(admin, name="Central B", pincode="560001")
    api.create_lot(admin, name="Other", pincode="560095")
    lots = api.get("/api/lots?q=central&pincode=560095", admin).get_json()
    assert [lot["id"] for lot in lots] == [wanted["id"]]


def test_list_shows_live_spot_counts(api, admin, driver):
    lot = api.create_lot(admin, total_spots=3)
    first = api.booked(driver, lot["id"])
    api.booked(driver, lot["id"])
    api.post(f"/api/reservations/{first['id']}/park", driver)
    [listed] = api.get("/api/lots", driver).get_json()
    assert listed["total_spots"] == 3
    assert listed["available_spots"] == 1
    assert listed["reserved_spots"] == 1
    assert listed["occupied_spots"] == 1


def test_lists_need_a_token(api):
    assert api.get("/api/lots").status_code == 401


# --- get one --------------------------------------------------------------------------------


def test_unknown_lot_is_404_with_a_message(api, admin):
    for method, path in [
        ("GET", "/api/lots/999999"),
        ("PATCH", "/api/lots/999999"),
        ("DELETE", "/api/lots/999999"),
        ("GET", "/api/lots/999999/spots"),
    ]:
        response = api.request(
            method, path, admin, json={"name": "X"} if method == "PATCH" else None
        )
        assert response.status_code == 404, (method, path)
        assert isinstance(response.get_json()["message"], str)


def test_drivers_cannot_create_edit_delete_lots_or_see_spots(api, admin, driver):
    lot = api.create_lot(admin)
    assert api.post("/api/lots", driver, json=lot_body()).status_code == 403
    assert api.patch(f"/api/lots/{lot['id']}", driver, json={"name": "Mine"}).status_code == 403
    assert api.delete(f"/api/lots/{lot['id']}", driver).status_code == 403
    assert api.get(f"/api/lots/{lot['id']}/spots", driver).status_code == 403
    assert api.post("/api/lots", json=lot_body()).status_code == 401
    assert api.get("/api/lots", driver).get_json() == [lot]


def test_get_one_lot(api, admin, driver):
    lot = api.create_lot(admin)
    response = api.get(f"/api/lots/{lot['id']}", driver)
    assert response.status_code == 200
    assert response.get_json() == lot


# --- update ---------------------------------------------------------------------------------


def test_patch_changes_only_the_given_fields(api, admin):
    lot = api.create_lot(admin, name="Old", price_per_hour="50.00")
    response = api.patch(
        f"/api/lots/{lot['id']}", admin, json={"name": "New", "price_per_hour": "75.5"}
    )
    assert response.status_code == 200
    updated = response.get_json()
    assert updated["name"] == "New"
    assert updated["price_per_hour"] == "75.50"
    assert updated["address"] == lot["address"]
    assert updated["pincode"] == lot["pincode"]
    assert updated["total_spots"] == lot["total_spots"]
    assert api.get(f"/api/lots/{lot['id']}", admin).get_json() == updated


def test_patch_validates_like_create(api, admin):
    lot = api.create_lot(admin)
    for body, field in [
        ({"pincode": "12345"}, "pincode"),
        ({"price_per_hour": "0"}, "price_per_hour"),
        ({"total_spots": 1001}, "total_spots"),
        ({"total_spots": 0}, "total_spots"),
        ({"name": "x" * 121}, "name"),
        ({"name": None}, "name"),
        ({"total_spots": True}, "total_spots"),
    ]:
        assert_rejected(api.patch(f"/api/lots/{lot['id']}", admin, json=body), field)
    assert api.get(f"/api/lots/{lot['id']}", admin).get_json() == lot


def test_growing_adds_spots_numbered_after_the_highest(api, admin):
    lot = api.create_lot(admin, total_spots=3)
    response = api.patch(f"/api/lots/{lot['id']}", admin, json={"total_spots": 5})
    assert response.status_code == 200
    assert response.get_json()["total_spots"] == 5
    assert response.get_json()["available_spots"] == 5
    assert numbers_of(api, admin, lot["id"]) == [1, 2, 3, 4, 5]


def test_shrinking_removes_the_highest_numbered_spots(api, admin, driver):
    lot = api.create_lot(admin, total_spots=5)
    api.booked(driver, lot["id"])  # spot 1
    response = api.patch(f"/api/lots/{lot['id']}", admin, json={"total_spots": 2})
    assert response.status_code == 200
    assert response.get_json()["total_spots"] == 2
    assert response.get_json()["available_spots"] == 1
    assert response.get_json()["reserved_spots"] == 1
    assert numbers_of(api, admin, lot["id"]) == [1, 2]


def test_shrink_then_grow_numbers_new_spots_after_the_current_highest(api, admin):
    lot = api.create_lot(admin, total_spots=5)
    api.patch(f"/api/lots/{lot['id']}", admin, json={"total_spots": 3})
    api.patch(f"/api/lots/{lot['id']}", admin, json={"total_spots": 6})
    assert numbers_of(api, admin, lot["id"]) == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("park", [False, True], ids=["reserved", "occupied"])
def test_shrinking_past_a_spot_in_use_is_409_and_changes_nothing(api, admin, driver, park):
    lot = api.create_lot(admin, total_spots=4, name="Before")
    api.booked(driver, lot["id"])
    api.booked(driver, lot["id"])
    third = api.booked(driver, lot["id"])  # spot 3; spot 4 stays free
    if park:
        assert api.post(f"/api/reservations/{third['id']}/park", driver).status_code == 200

    before_spots = spots_of(api, admin, lot["id"])
    before_lot = api.get(f"/api/lots/{lot['id']}", admin).get_json()
    response = api.patch(
        f"/api/lots/{lot['id']}",
        admin,
        json={"total_spots": 2, "name": "After", "price_per_hour": "99.00"},
    )
    assert response.status_code == 409
    assert "message" in response.get_json()
    assert api.get(f"/api/lots/{lot['id']}", admin).get_json() == before_lot
    assert spots_of(api, admin, lot["id"]) == before_spots


def test_shrinking_keeps_a_spot_in_use_below_the_cut(api, admin, driver):
    lot = api.create_lot(admin, total_spots=4)
    api.booked(driver, lot["id"])  # spot 1
    api.booked(driver, lot["id"])  # spot 2
    response = api.patch(f"/api/lots/{lot['id']}", admin, json={"total_spots": 2})
    assert response.status_code == 200
    assert [spot["status"] for spot in spots_of(api, admin, lot["id"])] == ["reserved"] * 2


# --- delete ---------------------------------------------------------------------------------


def test_delete_removes_the_lot_from_listing_get_and_booking(api, admin, driver):
    lot = api.create_lot(admin)
    kept = api.create_lot(admin)
    response = api.delete(f"/api/lots/{lot['id']}", admin)
    assert response.status_code == 204
    assert [listed["id"] for listed in api.get("/api/lots", driver).get_json()] == [kept["id"]]
    assert api.get(f"/api/lots/{lot['id']}", driver).status_code == 404
    assert api.get(f"/api/lots/{lot['id']}/spots", admin).status_code == 404
    assert api.patch(f"/api/lots/{lot['id']}", admin, json={"name": "X"}).status_code == 404
    assert api.delete(f"/api/lots/{lot['id']}", admin).status_code == 404
    assert api.book(driver, lot["id"]).status_code == 404


@pytest.mark.parametrize("park", [False, True], ids=["reserved", "occupied"])
def test_delete_is_409_while_a_spot_is_in_use(api, admin, driver, park):
    lot = api.create_lot(admin)
    reservation = api.booked(driver, lot["id"])
    if park:
        api.post(f"/api/reservations/{reservation['id']}/park", driver)
    response = api.delete(f"/api/lots/{lot['id']}", admin)
    assert response.status_code == 409
    assert isinstance(response.get_json()["message"], str)
    assert api.get(f"/api/lots/{lot['id']}", driver).status_code == 200


def test_a_deleted_lot_stays_in_the_drivers_history_and_summary(api, admin, driver):
    lot = api.create_lot(admin, name="Soon Gone", price_per_hour="40.00")
    reservation = api.booked(driver, lot["id"])
    api.post(f"/api/reservations/{reservation['id']}/park", driver)
    api.post(f"/api/reservations/{reservation['id']}/release", driver)
    assert api.delete(f"/api/lots/{lot['id']}", admin).status_code == 204

    history = api.get("/api/reservations", driver).get_json()
    assert [(item["id"], item["lot_name"]) for item in history["items"]] == [
        (reservation["id"], "Soon Gone")
    ]
    single = api.get(f"/api/reservations/{reservation['id']}", driver).get_json()
    assert single["lot_name"] == "Soon Gone" and single["cost"] == "40.00"

    summary = api.get("/api/me/summary", driver).get_json()
    assert summary["total_reservations"] == 1
    assert summary["total_spent"] == "40.00"
    assert summary["by_lot"] == [
        {"lot_id": lot["id"], "lot_name": "Soon Gone", "count": 1, "spent": "40.00"}
    ]


# --- spots ----------------------------------------------------------------------------------


def test_spots_show_status_reservation_and_driver(api, admin, driver):
    lot = api.create_lot(admin, total_spots=3, price_per_hour="30.00")
    first = api.booked(driver, lot["id"], "ka 01 ab 0001")
    second = api.booked(driver, lot["id"], "KA01AB0002")
    assert api.post(f"/api/reservations/{second['id']}/park", driver).status_code == 200

    spot1, spot2, spot3 = spots_of(api, admin, lot["id"])
    assert (spot1["number"], spot1["status"]) == (1, "reserved")
    assert spot1["id"] == first["spot_id"]
    assert spot1["reservation"]["id"] == first["id"]
    assert spot1["reservation"]["vehicle_number"] == "KA01AB0001"
    assert spot1["reservation"]["reserved_at"] == first["reserved_at"]
    assert spot1["reservation"]["parked_at"] is None
    assert spot1["reservation"]["estimated_cost"] is None
    assert spot1["reservation"]["user"] == {
        "id": driver.id,
        "email": driver.email,
        "full_name": driver.user["full_name"],
        "phone": driver.user["phone"],  # the operator can call the driver
    }

    assert (spot2["number"], spot2["status"]) == (2, "occupied")
    assert spot2["reservation"]["vehicle_number"] == "KA01AB0002"
    assert spot2["reservation"]["parked_at"] is not None
    assert spot2["reservation"]["estimated_cost"] == "30.00"

    assert (spot3["number"], spot3["status"], spot3["reservation"]) == (3, "available", None)


def test_spots_are_ordered_by_number_after_resizing(api, admin):
    lot = api.create_lot(admin, total_spots=2)
    api.patch(f"/api/lots/{lot['id']}", admin, json={"total_spots": 12})
    assert numbers_of(api, admin, lot["id"]) == list(range(1, 13))


def test_a_released_spot_shows_available_again(api, admin, driver):
    lot = api.create_lot(admin, total_spots=1)
    reservation = api.booked(driver, lot["id"])
    api.post(f"/api/reservations/{reservation['id']}/park", driver)
    api.post(f"/api/reservations/{reservation['id']}/release", driver)
    [spot] = spots_of(api, admin, lot["id"])
    assert (spot["status"], spot["reservation"]) == ("available", None)
