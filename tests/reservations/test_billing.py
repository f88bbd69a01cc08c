"""What a stay costs and when a hold runs out: billing.py directly, then end to end in time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import time_machine

from parking.reservations.billing import billed_hours, cost, duration_minutes

START = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


def at(**delta) -> datetime:
    return START + timedelta(**delta)


# --- billing.py -----------------------------------------------------------------------------


def test_duration_counts_a_started_minute_as_a_whole_one():
    assert duration_minutes(START, START) == 0
    assert duration_minutes(START, at(seconds=1)) == 1
    assert duration_minutes(START, at(seconds=60)) == 1
    assert duration_minutes(START, at(seconds=61)) == 2
    assert duration_minutes(START, at(minutes=60)) == 60
    assert duration_minutes(START, at(hours=25, minutes=3)) == 1503


def test_duration_is_never_negative():
    assert duration_minutes(START, at(minutes=-5)) == 0


def test_billed_hours_are_started_hours_with_a_one_hour_minimum():
    expected = {0: 1, 1: 1, 59: 1, 60: 1, 61: 2, 119: 2, 120: 2, 121: 3, 24 * 60: 24}
    assert {minutes: billed_hours(minutes) for minutes in expected} == expected


def test_cost_is_the_price_times_started_hours():
    price = Decimal("50.00")
    assert cost(price, START, at(minutes=1)) == Decimal("50.00")
    assert cost(price, START, at(minutes=60)) == Decimal("50.00")
    assert cost(price, START, at(minutes=60, seconds=1)) == Decimal("100.00")
    assert cost(price, START, at(minutes=61)) == Decimal("100.00")
    assert cost(price, START, at(hours=3)) == Decimal("150.00")


def test_a_stay_of_no_time_costs_one_hour():
    assert cost(Decimal("40.00"), START, START) == Decimal("40.00")


def test_cost_is_an_exact_decimal_with_two_places():
    result = cost(Decimal("33.33"), START, at(minutes=150))
    assert isinstance(result, Decimal)
    assert str(result) == "99.99"
    assert str(cost(Decimal("0.10"), START, at(hours=2, minutes=1))) == "0.30"
    assert str(cost(Decimal("7"), START, at(minutes=5))) == "7.00"


# --- end to end -----------------------------------------------------------------------------


def test_stays_cost_every_started_hour(api, admin, driver):
    lot = api.create_lot(admin, total_spots=1, price_per_hour="50.00")
    with time_machine.travel(START, tick=False) as traveller:
        driver = api.relogin(driver)
        results = {}
        for minutes in (1, 60, 61, 125):
            released, driver = api.stay(driver, lot["id"], traveller, minutes)
            results[minutes] = (released["duration_minutes"], released["cost"])
    assert results == {
        1: (1, "50.00"),
        60: (60, "50.00"),
        61: (61, "100.00"),
        125: (125, "150.00"),
    }


def test_release_records_exact_times(api, admin, driver):
    lot = api.create_lot(admin, price_per_hour="20.00")
    with time_machine.travel(START, tick=False) as traveller:
        driver = api.relogin(driver)
        reservation = api.booked(driver, lot["id"])
        traveller.shift(timedelta(minutes=10))
        parked = api.post(f"/api/reservations/{reservation['id']}/park", driver).get_json()
        traveller.shift(timedelta(minutes=61))
        driver = api.relogin(driver)
        released = api.post(f"/api/reservations/{reservation['id']}/release", driver).get_json()
    assert reservation["reserved_at"] == "2026-11-22T10:00:00+00:00"
    assert parked["parked_at"] == "2026-11-22T10:10:00+00:00"
    assert released["left_at"] == "2026-11-22T11:11:00+00:00"
    assert released["duration_minutes"] == 61
    assert released["cost"] == "40.00"


def test_a_price_edit_during_a_stay_leaves_its_cost_alone(api, admin, driver):
    lot = api.create_lot(admin, price_per_hour="50.00")
    with time_machine.travel(START, tick=False) as traveller:
        admin, driver = api.relogin(admin), api.relogin(driver)
        reservation = api.booked(driver, lot["id"])
        api.post(f"/api/reservations/{reservation['id']}/park", driver)
        traveller.shift(timedelta(minutes=30))
        edit = api.patch(f"/api/lots/{lot['id']}", admin, json={"price_per_hour": "80.00"})
        assert edit.status_code == 200
        traveller.shift(timedelta(minutes=31))
        driver = api.relogin(driver)
        released = api.post(f"/api/reservations/{reservation['id']}/release", driver).get_json()
    assert released["price_per_hour"] == "50.00"
    assert released["duration_minutes"] == 61
    assert released["cost"] == "100.00"


def test_estimated_cost_of_a_parked_car_grows_with_started_hours(api, admin, driver):
    lot = api.create_lot(admin, total_spots=1, price_per_hour="30.00")
    with time_machine.travel(START, tick=False) as traveller:
        driver = api.relogin(driver)
        reservation = api.booked(driver, lot["id"])

        def estimate():
            [spot] = api.get(f"/api/lots/{lot['id']}/spots", api.relogin(admin)).get_json()
            return spot["reservation"]["estimated_cost"]

        assert estimate() is None
        api.post(f"/api/reservations/{reservation['id']}/park", driver)
        assert estimate() == "30.00"
        traveller.shift(timedelta(minutes=60))
        assert estimate() == "30.00"
        traveller.shift(timedelta(minutes=1))
        assert estimate() == "60.00"


def test_a_hold_not_parked_within_30_minutes_is_cancelled(api, admin, driver, other_driver):
    lot = api.create_lot(admin, total_spots=1)
    with time_machine.travel(START, tick=False) as traveller:
        driver, other_driver = api.relogin(driver), api.relogin(other_driver)
        reservation = api.booked(driver, lot["id"])
        traveller.shift(timedelta(minutes=29))
        still = api.get(f"/api/reservations/{reservation['id']}", driver).get_json()
        assert still["status"] == "reserved"
        assert api.book(other_driver, lot["id"]).status_code == 409  # the hold still stands

        traveller.shift(timedelta(minutes=2))
        expired = api.get(f"/api/reservations/{reservation['id']}", driver).get_json()
        assert expired["status"] == "cancelled"
        assert expired["cost"] is None and expired["parked_at"] is None
        counts = api.get(f"/api/lots/{lot['id']}", driver).get_json()
        assert (counts["available_spots"], counts["reserved_spots"]) == (1, 0)
        assert api.post(f"/api/reservations/{reservation['id']}/park", driver).status_code == 409
        rebooked = api.booked(other_driver, lot["id"])
        assert rebooked["spot_id"] == reservation["spot_id"]


def test_a_booking_sees_an_expired_hold_without_any_read_before_it(api, admin, driver):
    lot = api.create_lot(admin, total_spots=2)
    with time_machine.travel(START, tick=False) as traveller:
        driver = api.relogin(driver)
        held = api.booked(driver, lot["id"], "KA01AB1111")
        traveller.shift(timedelta(minutes=31))
        # The same vehicle books again: its hold ran out, so it is no longer active, and the
        # lowest-numbered free spot is the one that hold gave back.
        again = api.book(driver, lot["id"], "KA01AB1111")
        assert again.status_code == 201, again.get_json()
        assert again.get_json()["spot_id"] == held["spot_id"]
        page = api.get("/api/reservations?status=cancelled", driver).get_json()
        assert [item["id"] for item in page["items"]] == [held["id"]]


def test_a_car_parked_at_29_minutes_keeps_its_spot(api, admin, driver):
    lot = api.create_lot(admin, total_spots=1, price_per_hour="50.00")
    with time_machine.travel(START, tick=False) as traveller:
        driver = api.relogin(driver)
        reservation = api.booked(driver, lot["id"])
        traveller.shift(timedelta(minutes=29))
        parked = api.post(f"/api/reservations/{reservation['id']}/park", driver)
        assert parked.status_code == 200
        traveller.shift(timedelta(minutes=45))
        driver = api.relogin(driver)
        current = api.get(f"/api/reservations/{reservation['id']}", driver).get_json()
        assert current["status"] == "occupied"
        released = api.post(f"/api/reservations/{reservation['id']}/release", driver).get_json()
    assert released["duration_minutes"] == 45
    assert released["cost"] == "50.00"
