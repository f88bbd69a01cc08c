"""What a booking tells its driver and operator, computed by the server so that no client
re-implements it (API.md, newcomer issue): free drive-up spots, when a hold ends, what leaving
now costs, why a booking was cancelled, the driver, a plate search, and errors in words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from parking.extensions import transactional
from parking.reservations import holds

NOON = datetime(2026, 12, 2, 6, 30, tzinfo=UTC)  # noon in Bengaluru


@pytest.fixture
def clock():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def lot_answer(api, actor, lot_id) -> dict:
    return api.get(f"/api/lots/{lot_id}", actor).get_json()


def test_advance_spots_are_not_counted_free_for_a_drive_up(api, admin, driver, other_driver):
    lot = api.create_lot(admin, total_spots=8, advance_spots=2)
    assert lot["available_drive_up_spots"] == 6
    for n in range(6):
        api.booked(driver if n < 3 else other_driver, lot["id"], f"KA01DU{n:04d}")
    answer = lot_answer(api, driver, lot["id"])
    assert (answer["available_spots"], answer["available_drive_up_spots"]) == (2, 0)
    listed = next(x for x in api.get("/api/lots", driver).get_json() if x["id"] == lot["id"])
    assert listed["available_drive_up_spots"] == 0
    third = api.new_driver()
    assert api.book(third, lot["id"], "KA01DU9999").status_code == 409


def test_a_lot_without_advance_spots_says_it_takes_no_bookings_ahead(clock, api, admin, driver):
    lot = api.create_lot(admin, total_spots=3)
    body = {
        "lot_id": lot["id"],
        "vehicle_number": "KA01AB1234",
        "starts_at": "2026-12-03T09:00:00+05:30",
        "ends_at": "2026-12-03T11:00:00+05:30",
    }
    response = api.post("/api/reservations", driver, json=body)
    assert response.status_code == 409
    assert "takes no bookings ahead" in response.get_json()["message"]


def test_a_held_booking_says_when_its_hold_ends(clock, api, admin, driver):
    lot = api.create_lot(admin)
    booked = api.booked(driver, lot["id"])
    assert moment(booked["hold_ends_at"]) == moment(booked["reserved_at"]) + timedelta(minutes=30)
    assert booked["estimated_cost"] is None
    (spot,) = [
        s for s in api.get(f"/api/lots/{lot['id']}/spots", admin).get_json() if s["reservation"]
    ]
    assert spot["reservation"]["hold_ends_at"] == booked["hold_ends_at"]
    parked = api.post(f"/api/reservations/{booked['id']}/park", driver).get_json()
    assert parked["hold_ends_at"] is None


def test_a_parked_booking_says_what_leaving_now_costs(clock, api, admin, driver):
    lot = api.create_lot(admin, price_per_hour="40.00")
    booked = api.booked(driver, lot["id"])
    api.post(f"/api/reservations/{booked['id']}/park", driver)
    clock.shift(timedelta(minutes=70))
    driver = api.relogin(driver)
    shown = api.get(f"/api/reservations/{booked['id']}", driver).get_json()
    assert shown["estimated_cost"] == "80.00"  # two started hours
    released = api.post(f"/api/reservations/{booked['id']}/release", driver).get_json()
    assert (released["cost"], released["estimated_cost"]) == ("80.00", None)
    assert released["released_by_operator"] is False


def test_history_says_why_a_booking_was_cancelled(clock, api, admin, driver, app_context):
    lot = api.create_lot(admin, total_spots=6, advance_spots=1)
    by_driver = api.booked(driver, lot["id"], "KA01CX0001")
    by_operator = api.booked(driver, lot["id"], "KA01CX0002")
    lapsing = api.booked(driver, lot["id"], "KA01CX0003")
    api.post(f"/api/reservations/{by_driver['id']}/cancel", driver)
    api.post(f"/api/reservations/{by_operator['id']}/cancel", admin)
    other = api.new_driver()
    window = api.post(
        "/api/reservations",
        other,
        json={
            "lot_id": lot["id"],
            "vehicle_number": "KA01CX0004",
            "starts_at": "2026-12-02T12:10:00+05:30",
            "ends_at": "2026-12-02T14:00:00+05:30",
        },
    ).get_json()

    def reason(actor, reservation) -> str | None:
        return api.get(f"/api/reservations/{reservation['id']}", actor).get_json()["cancel_reason"]

    assert reason(driver, by_driver) == "driver"
    assert reason(driver, by_operator) == "operator"
    assert reason(driver, lapsing) is None
    clock.shift(timedelta(minutes=45))  # the hold and the window's hold ran out
    driver, other = api.relogin(driver), api.relogin(other)
    assert reason(driver, lapsing) == "expired"  # at once, before anything is written
    assert reason(other, window) == "no_show"
    transactional(holds.expire_holds)()
    assert reason(driver, lapsing) == "expired"  # and the same once written down
    assert reason(other, window) == "no_show"


def test_a_force_release_is_marked_as_the_operators(api, admin, driver):
    lot = api.create_lot(admin)
    booked = api.booked(driver, lot["id"])
    api.post(f"/api/reservations/{booked['id']}/park", driver)
    released = api.post(f"/api/reservations/{booked['id']}/release", admin).get_json()
    assert released["released_by_operator"] is True
    mine = api.get(f"/api/reservations/{booked['id']}", driver).get_json()
    assert mine["released_by_operator"] is True


def test_reservations_name_their_driver_and_can_be_searched_by_plate(api, admin, driver):
    api.patch("/api/auth/me", driver, json={"phone": "+91 98450 12345"})
    lot = api.create_lot(admin, total_spots=5)
    api.booked(driver, lot["id"], "ka 01 ab 1111")
    api.booked(driver, lot["id"], "KA02AB2222")
    other = api.new_driver()
    api.booked(other, lot["id"], "KA01ZZ3333")

    def plates(actor, search) -> list[str]:
        query = {"vehicle_number": search}
        items = api.get("/api/reservations", actor, query_string=query).get_json()["items"]
        return sorted(item["vehicle_number"] for item in items)

    assert plates(admin, "ka-01") == ["KA01AB1111", "KA01ZZ3333"]
    assert plates(admin, "KA01AB") == ["KA01AB1111"]
    assert plates(driver, "KA01") == ["KA01AB1111"]  # a driver searches their own only
    response = api.get("/api/reservations", admin, query_string={"vehicle_number": "KA%"})
    assert response.status_code == 422
    (item,) = api.get(
        "/api/reservations", admin, query_string={"vehicle_number": "KA01AB"}
    ).get_json()["items"]
    assert item["user"] == {
        "id": driver.id,
        "email": driver.email,
        "full_name": driver.user["full_name"],
        "phone": "+91 98450 12345",
    }


def test_the_drivers_own_pincode_comes_first(api, admin, driver):
    api.patch("/api/auth/me", driver, json={"pincode": "560034"})
    first = api.create_lot(admin, name="A far lot", pincode="560001")
    near = api.create_lot(admin, name="Z near lot", pincode="560034")
    listed = [lot["id"] for lot in api.get("/api/lots", driver).get_json()]
    assert listed.index(near["id"]) < listed.index(first["id"])
    # Everyone else sees the lots by name.
    names = [lot["id"] for lot in api.get("/api/lots", admin).get_json()]
    assert names.index(first["id"]) < names.index(near["id"])


def test_a_shrink_says_which_spots_are_in_use(api, admin, driver):
    lot = api.create_lot(admin, total_spots=8)
    booked = [
        api.booked(driver if n < 3 else api.new_driver(), lot["id"], f"KA01SH{n:04d}")
        for n in range(8)
    ]
    for reservation in booked[:6]:  # spots 7 and 8 stay reserved
        api.post(f"/api/reservations/{reservation['id']}/cancel", admin)
    response = api.patch(f"/api/lots/{lot['id']}", admin, json={"total_spots": 5})
    assert response.status_code == 409
    body = response.get_json()
    assert body["message"].startswith("total_spots: Spots 7 and 8 are in use")
    assert "keep at least 8 spots" in body["message"]
    assert body["detail"]["json"]["total_spots"] == [body["message"][len("total_spots: ") :]]


def test_every_bad_field_is_named_in_words(api, admin):
    response = api.post(
        "/api/lots",
        admin,
        json={
            "name": "x" * 121,
            "address": None,
            "pincode": "5600",
            "price_per_hour": "0",
            "total_spots": 0,
        },
    )
    assert response.status_code == 422
    errors = response.get_json()["detail"]["json"]
    assert errors == {
        "name": ["Must be at most 120 characters."],
        "address": ["Required."],
        "pincode": ["Must be exactly 6 digits."],
        "price_per_hour": ["Must be more than 0 and less than 10,00,00,000."],
        "total_spots": ["Must be a whole number from 1 to 1000."],
    }


@pytest.mark.parametrize("phone", ["+91 98450 12345", "(080) 2345-6789", "080.2345.6789"])
def test_phone_numbers_as_people_write_them_are_kept_as_given(api, driver, phone):
    response = api.patch("/api/auth/me", driver, json={"phone": phone})
    assert response.status_code == 200
    assert response.get_json()["phone"] == phone


@pytest.mark.parametrize("phone", ["call me", "12345", "+91 98450 12345 678 9", "98450x12345"])
def test_what_is_not_a_phone_number_is_refused(api, driver, phone):
    response = api.patch("/api/auth/me", driver, json={"phone": phone})
    assert response.status_code == 422
    assert response.get_json()["message"].startswith("phone: Must be")
