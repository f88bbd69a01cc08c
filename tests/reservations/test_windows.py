"""Window bookings (booked ahead for [starts_at, ends_at)) through the HTTP API: the price shown
before booking, allocation on advance spots, parking from 15 minutes before, the cost of leaving
early or late, no-shows, the vehicle and driver rules, and every bad window as a 422."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine

from tests.helpers import lot_body

# Noon in Bengaluru (APP_TIMEZONE Asia/Kolkata) on 2 December 2026.
NOON = datetime(2026, 12, 2, 6, 30, tzinfo=UTC)
TOMORROW_9 = "2026-12-03T09:00:00+05:30"
TOMORROW_1130 = "2026-12-03T11:30:00+05:30"
IST_9 = datetime(2026, 12, 3, 3, 30, tzinfo=UTC)  # tomorrow 09:00 in Bengaluru


@pytest.fixture
def clock():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


def window_lot(api, admin, **overrides) -> dict:
    return api.create_lot(admin, **({"total_spots": 5, "advance_spots": 2} | overrides))


def book_window(api, driver, lot_id, starts_at, ends_at, vehicle="KA01AB1234", **extra):
    body = {"lot_id": lot_id, "vehicle_number": vehicle, "starts_at": starts_at, "ends_at": ends_at}
    return api.post("/api/reservations", driver, json=body | extra)


def iso(moment: datetime) -> str:
    return moment.isoformat()


def test_the_driver_sees_the_price_books_parks_early_and_pays_the_window(api, admin, driver, clock):
    """The issue's journey: tomorrow 09:00-11:30 on a ₹40 lot is ₹120.00, shown before booking;
    parked at 08:50 and left at 11:00, it costs ₹120.00."""
    driver, admin = api.relogin(driver), api.relogin(admin)
    lot = window_lot(api, admin, price_per_hour="40.00")
    query = {"starts_at": TOMORROW_9, "ends_at": TOMORROW_1130}
    listed = api.get("/api/lots", driver, query_string=query).get_json()
    shown = next(item for item in listed if item["id"] == lot["id"])
    assert shown["available_for_window"] == 2
    assert shown["quoted_cost"] == "120.00"
    assert api.get("/api/lots", driver).get_json()[0]["available_for_window"] is None

    response = book_window(api, driver, lot["id"], TOMORROW_9, TOMORROW_1130)
    assert response.status_code == 201, response.get_json()
    booking = response.get_json()
    assert booking["status"] == "reserved"
    assert booking["spot_number"] == 4  # the lowest-numbered of the advance spots 4 and 5
    assert booking["quoted_cost"] == "120.00"
    assert booking["starts_at"] == "2026-12-03T03:30:00+00:00"
    assert booking["ends_at"] == "2026-12-03T06:00:00+00:00"
    assert booking["parking_opens_at"] == "2026-12-03T03:15:00+00:00"
    assert booking["cost"] is None
    after = api.get("/api/lots", driver, query_string=query).get_json()
    assert next(item for item in after if item["id"] == lot["id"])["available_for_window"] == 1

    clock.move_to(IST_9 - timedelta(minutes=16))  # 08:44
    driver = api.relogin(driver)
    early = api.post(f"/api/reservations/{booking['id']}/park", driver)
    assert early.status_code == 409
    assert "3 Dec 2026, 08:45" in early.get_json()["message"]

    clock.move_to(IST_9 - timedelta(minutes=10))  # 08:50
    driver = api.relogin(driver)
    parked = api.post(f"/api/reservations/{booking['id']}/park", driver)
    assert parked.status_code == 200, parked.get_json()
    assert parked.get_json()["status"] == "occupied"

    clock.move_to(IST_9 + timedelta(hours=2))  # 11:00
    driver = api.relogin(driver)
    released = api.post(f"/api/reservations/{booking['id']}/release", driver)
    assert released.status_code == 200
    assert released.get_json()["cost"] == "120.00"
    assert released.get_json()["duration_minutes"] == 130


@pytest.mark.parametrize(
    ("left_after_end", "cost"),
    [(timedelta(0), "120.00"), (timedelta(minutes=1), "160.00"), (timedelta(minutes=75), "200.00")],
)
def test_leaving_late_adds_every_started_hour_after_the_window(
    api, admin, driver, clock, left_after_end, cost
):
    driver, admin = api.relogin(driver), api.relogin(admin)
    lot = window_lot(api, admin, price_per_hour="40.00")
    booking = book_window(api, driver, lot["id"], TOMORROW_9, TOMORROW_1130).get_json()
    clock.move_to(IST_9)
    driver = api.relogin(driver)
    assert api.post(f"/api/reservations/{booking['id']}/park", driver).status_code == 200
    clock.move_to(IST_9 + timedelta(hours=2, minutes=30) + left_after_end)
    driver = api.relogin(driver)
    released = api.post(f"/api/reservations/{booking['id']}/release", driver).get_json()
    assert released["cost"] == cost


def test_windows_are_half_open_and_take_the_lowest_free_advance_spot(api, admin, clock):
    admin = api.relogin(admin)
    lot = window_lot(api, admin, total_spots=4, advance_spots=2)
    at = lambda hours: iso(IST_9 + timedelta(hours=hours))  # noqa: E731
    drivers = [api.new_driver() for _ in range(4)]
    first = book_window(api, drivers[0], lot["id"], at(0), at(2), "KA01AA0001").get_json()
    # Starts as the first ends: the same spot.
    after = book_window(api, drivers[1], lot["id"], at(2), at(3), "KA01AA0002").get_json()
    # Overlaps the first by a minute: the next advance spot.
    overlapping = book_window(
        api, drivers[2], lot["id"], at(1.99), at(2.5), "KA01AA0003"
    ).get_json()
    assert (first["spot_number"], after["spot_number"], overlapping["spot_number"]) == (3, 3, 4)
    full = book_window(api, drivers[3], lot["id"], at(1), at(2.25), "KA01AA0004")
    assert full.status_code == 409
    assert "advance spot" in full.get_json()["message"]
    query = {"starts_at": at(1), "ends_at": at(2.25), "q": lot["name"]}
    listed = api.get("/api/lots", admin, query_string=query).get_json()
    assert listed[0]["available_for_window"] == 0


def test_drive_ups_never_take_an_advance_spot(api, admin, driver, other_driver):
    lot = window_lot(api, admin, total_spots=3, advance_spots=2)
    first = api.book(driver, lot["id"], "KA01AB0001")
    assert first.status_code == 201
    assert first.get_json()["spot_number"] == 1
    assert first.get_json()["starts_at"] is None
    assert first.get_json()["quoted_cost"] is None
    second = api.book(other_driver, lot["id"], "KA01AB0002")
    assert second.status_code == 409
    assert api.get(f"/api/lots/{lot['id']}", admin).get_json()["available_spots"] == 2


def test_a_lot_without_advance_spots_refuses_windows(api, admin, driver, clock):
    driver, admin = api.relogin(driver), api.relogin(admin)
    lot = api.create_lot(admin, total_spots=3)
    assert lot["advance_spots"] == 0
    response = book_window(api, driver, lot["id"], TOMORROW_9, TOMORROW_1130)
    assert response.status_code == 409
    spots = api.get(f"/api/lots/{lot['id']}/spots", admin).get_json()
    assert {spot["kind"] for spot in spots} == {"drive_up"}
    assert all(spot["next_booking"] is None for spot in spots)


def _field_named(response) -> str:
    assert response.status_code == 422, response.get_json()
    return response.get_json()["message"].split(":")[0]


@pytest.mark.parametrize(
    ("window", "field"),
    [
        ({"starts_at": TOMORROW_9}, "ends_at"),
        ({"ends_at": TOMORROW_1130}, "starts_at"),
        ({"starts_at": TOMORROW_9, "ends_at": TOMORROW_9}, "ends_at"),
        ({"starts_at": TOMORROW_1130, "ends_at": TOMORROW_9}, "ends_at"),
        ({"starts_at": TOMORROW_9, "ends_at": "2026-12-03T09:29:00+05:30"}, "ends_at"),
        ({"starts_at": TOMORROW_9, "ends_at": "2026-12-04T09:01:00+05:30"}, "ends_at"),
        ({"starts_at": "2026-12-02T11:54:00+05:30", "ends_at": TOMORROW_9}, "starts_at"),
        (
            {"starts_at": "2027-01-01T13:00:00+05:30", "ends_at": "2027-01-01T14:00:00+05:30"},
            "starts_at",
        ),
        ({"starts_at": "2026-12-03T09:00:00", "ends_at": TOMORROW_1130}, "starts_at"),
        ({"starts_at": TOMORROW_9, "ends_at": "tomorrow"}, "ends_at"),
        ({"starts_at": 1764732600, "ends_at": TOMORROW_1130}, "starts_at"),
        ({"starts_at": "9999-12-31T23:00:00-14:00", "ends_at": TOMORROW_1130}, "starts_at"),
    ],
)
def test_a_bad_window_is_a_422_naming_the_field_and_books_nothing(
    api, admin, driver, clock, window, field
):
    driver, admin = api.relogin(driver), api.relogin(admin)
    lot = window_lot(api, admin)
    body = {"lot_id": lot["id"], "vehicle_number": "KA01AB1234"} | window
    assert _field_named(api.post("/api/reservations", driver, json=body)) == field
    if all(isinstance(value, str) for value in window.values()):
        assert _field_named(api.get("/api/lots", driver, query_string=window)) == field
    assert api.get("/api/reservations", driver).get_json()["total"] == 0


def test_the_edges_of_the_rules_are_allowed(api, admin, driver, clock):
    """Exactly 30 minutes, exactly 24 hours, starting 4 minutes ago, 30 days ahead."""
    driver, admin = api.relogin(driver), api.relogin(admin)
    lot = window_lot(api, admin, total_spots=4, advance_spots=4)
    windows = [
        (NOON + timedelta(hours=1), NOON + timedelta(hours=1, minutes=30)),
        (NOON + timedelta(days=2), NOON + timedelta(days=3)),
        (NOON - timedelta(minutes=4), NOON + timedelta(hours=1)),
    ]
    for n, (starts_at, ends_at) in enumerate(windows):
        response = book_window(api, driver, lot["id"], iso(starts_at), iso(ends_at), f"KA0{n}ZZ99")
        assert response.status_code == 201, response.get_json()
    ahead = NOON + timedelta(days=30)
    response = api.get(
        "/api/lots",
        driver,
        query_string={"starts_at": iso(ahead), "ends_at": iso(ahead + timedelta(hours=1))},
    )
    assert response.status_code == 200


def test_a_vehicles_windows_may_not_overlap_but_may_sit_beside_a_drive_up(
    api, admin, driver, clock
):
    driver, admin = api.relogin(driver), api.relogin(admin)
    lot = window_lot(api, admin)
    other_lot = window_lot(api, admin)
    assert book_window(api, driver, lot["id"], TOMORROW_9, TOMORROW_1130).status_code == 201
    clash = book_window(
        api, driver, other_lot["id"], "2026-12-03T11:00:00+05:30", "2026-12-03T12:00:00+05:30"
    )
    assert clash.status_code == 409
    assert "vehicle_number" in clash.get_json()["message"]
    later = book_window(api, driver, other_lot["id"], TOMORROW_1130, "2026-12-03T12:00:00+05:30")
    assert later.status_code == 201
    # A drive-up of the same vehicle, now: the two kinds coexist; that makes three active.
    assert api.book(driver, lot["id"], "KA01AB1234").status_code == 201
    fourth = book_window(
        api,
        driver,
        lot["id"],
        "2026-12-05T09:00:00+05:30",
        "2026-12-05T10:00:00+05:30",
        "KA99ZZ0001",
    )
    assert fourth.status_code == 409  # MAX_ACTIVE_RESERVATIONS (3) counts both kinds
    assert "maximum" in fourth.get_json()["message"]


def test_a_vehicle_is_parked_once_at_a_time(api, admin, driver, clock):
    driver, admin = api.relogin(driver), api.relogin(admin)
    lot = window_lot(api, admin)
    soon = NOON + timedelta(minutes=10)
    window = book_window(
        api, driver, lot["id"], iso(soon), iso(soon + timedelta(hours=1))
    ).get_json()
    drive_up = api.booked(driver, lot["id"], "KA01AB1234")
    assert api.post(f"/api/reservations/{drive_up['id']}/park", driver).status_code == 200
    response = api.post(f"/api/reservations/{window['id']}/park", driver)
    assert response.status_code == 409
    assert "parked" in response.get_json()["message"]


def test_parking_closes_at_the_end_and_a_no_show_is_cancelled(
    api, admin, driver, clock, app_context
):
    from parking.extensions import db
    from parking.reservations.holds import expire_holds
    from parking.reservations.models import Reservation

    driver, admin = api.relogin(driver), api.relogin(admin)
    lot = window_lot(api, admin, advance_spots=1)
    booking = book_window(api, driver, lot["id"], TOMORROW_9, TOMORROW_1130).get_json()
    clock.move_to(IST_9 + timedelta(minutes=29))
    driver = api.relogin(driver)
    assert api.get(f"/api/reservations/{booking['id']}", driver).get_json()["status"] == "reserved"
    clock.move_to(IST_9 + timedelta(minutes=30))  # not parked by the start + the 30-minute hold
    driver, admin = api.relogin(driver), api.relogin(admin)
    assert api.get(f"/api/reservations/{booking['id']}", driver).get_json()["status"] == "cancelled"
    assert api.post(f"/api/reservations/{booking['id']}/park", driver).status_code == 409
    spot = api.get(f"/api/lots/{lot['id']}/spots", admin).get_json()[-1]
    assert (spot["status"], spot["next_booking"]) == ("available", None)
    # The rest of its window is free again for someone else.
    other = api.new_driver()
    rest = book_window(
        api, other, lot["id"], iso(IST_9 + timedelta(hours=1)), TOMORROW_1130, "KA02CD0002"
    )
    assert rest.status_code == 201, rest.get_json()
    db.session.rollback()
    assert expire_holds() == []  # `book` wrote the no-show down in its own lot already
    assert db.session.get(Reservation, booking["id"]).no_show is True


def test_an_advance_spot_turns_reserved_fifteen_minutes_before_its_window(
    api, admin, driver, clock
):
    driver, admin = api.relogin(driver), api.relogin(admin)
    lot = window_lot(api, admin, total_spots=3, advance_spots=1)
    booking = book_window(api, driver, lot["id"], TOMORROW_9, TOMORROW_1130).get_json()
    spots = api.get(f"/api/lots/{lot['id']}/spots", admin).get_json()
    assert [spot["kind"] for spot in spots] == ["drive_up", "drive_up", "advance"]
    advance = spots[-1]
    assert advance["status"] == "available"
    assert advance["next_booking"] == {
        "id": booking["id"],
        "starts_at": booking["starts_at"],
        "ends_at": booking["ends_at"],
        "vehicle_number": "KA01AB1234",
    }
    assert api.get(f"/api/lots/{lot['id']}", admin).get_json()["available_spots"] == 3
    clock.move_to(IST_9 - timedelta(minutes=15))
    admin = api.relogin(admin)
    advance = api.get(f"/api/lots/{lot['id']}/spots", admin).get_json()[-1]
    assert advance["status"] == "reserved"
    assert advance["reservation"]["starts_at"] == booking["starts_at"]
    counts = api.get(f"/api/lots/{lot['id']}", admin).get_json()
    assert (counts["available_spots"], counts["reserved_spots"]) == (2, 1)


def test_an_operator_splits_a_lot_and_may_not_turn_a_spot_in_use(api, admin, driver, clock):
    driver, admin = api.relogin(driver), api.relogin(admin)
    over = api.post("/api/lots", admin, json=lot_body(total_spots=3, advance_spots=4))
    assert _field_named(over) == "advance_spots"
    lot = window_lot(api, admin, total_spots=4, advance_spots=2)
    path = f"/api/lots/{lot['id']}"
    assert _field_named(api.patch(path, admin, json={"advance_spots": 5})) == "advance_spots"
    assert _field_named(api.patch(path, admin, json={"total_spots": 1})) == "advance_spots"
    drive_up = api.booked(driver, lot["id"], "KA01AB0001")  # spot 1
    window = book_window(api, driver, lot["id"], TOMORROW_9, TOMORROW_1130, "KA01AB0002").get_json()
    assert window["spot_number"] == 3
    # Spot 1 (drive-up, reserved) turning advance; spot 3 (advance, booked) turning drive-up;
    # spot 3 removed.
    for change in (
        {"advance_spots": 4},
        {"advance_spots": 1},
        {"total_spots": 2, "advance_spots": 1},
    ):
        response = api.patch(path, admin, json=change)
        assert response.status_code == 409, change
    assert api.get(path, admin).get_json()["advance_spots"] == 2
    # Growing by one with the same split: spot 5 is advance, spot 3 turns drive-up... in use: 409.
    assert api.patch(path, admin, json={"total_spots": 5}).status_code == 409
    grown = api.patch(path, admin, json={"total_spots": 5, "advance_spots": 3})
    assert grown.status_code == 200, grown.get_json()
    kinds = [spot["kind"] for spot in api.get(f"{path}/spots", admin).get_json()]
    assert kinds == ["drive_up", "drive_up", "advance", "advance", "advance"]
    api.post(f"/api/reservations/{drive_up['id']}/cancel", driver)
    api.post(f"/api/reservations/{window['id']}/cancel", driver)
    assert api.patch(path, admin, json={"advance_spots": 0}).get_json()["advance_spots"] == 0
    assert api.delete(path, admin).status_code == 204


def test_a_lot_with_a_window_booking_ahead_is_not_deleted(api, admin, driver, clock):
    driver, admin = api.relogin(driver), api.relogin(admin)
    lot = window_lot(api, admin)
    booking = book_window(api, driver, lot["id"], TOMORROW_9, TOMORROW_1130).get_json()
    assert api.delete(f"/api/lots/{lot['id']}", admin).status_code == 409
    assert api.post(f"/api/reservations/{booking['id']}/cancel", driver).status_code == 200
    assert api.delete(f"/api/lots/{lot['id']}", admin).status_code == 204


def test_the_receipt_shows_the_window_and_the_overstay(api, admin, driver, clock):
    from tests.reports.test_pdf import text_of

    driver, admin = api.relogin(driver), api.relogin(admin)
    lot = window_lot(api, admin, price_per_hour="40.00")
    booking = book_window(api, driver, lot["id"], TOMORROW_9, TOMORROW_1130).get_json()
    clock.move_to(IST_9 + timedelta(minutes=5))
    driver = api.relogin(driver)
    api.post(f"/api/reservations/{booking['id']}/park", driver)
    clock.move_to(IST_9 + timedelta(hours=3, minutes=10))  # 12:10, 40 minutes after the window
    driver = api.relogin(driver)
    released = api.post(f"/api/reservations/{booking['id']}/release", driver).get_json()
    assert released["cost"] == "160.00"
    response = api.get(f"/api/reservations/{booking['id']}/receipt", driver)
    assert response.status_code == 200
    text = text_of(response.data)
    assert "Window 3 Dec 2026, 09:00 – 11:30" in text
    assert "Window price ₹120.00 (3 started hours)" in text
    assert "Overstay 40 min: 1 started hour, ₹40.00" in text
    assert "Total ₹160.00" in text


def test_summaries_and_reports_count_window_bookings_and_no_shows(api, admin, driver, clock):
    from parking.auth.models import User
    from parking.extensions import db
    from parking.reports.data import driver_month, operator_month

    driver, admin = api.relogin(driver), api.relogin(admin)
    lot = window_lot(api, admin, price_per_hour="40.00")
    kept = book_window(api, driver, lot["id"], TOMORROW_9, TOMORROW_1130).get_json()
    missed = book_window(
        api,
        driver,
        lot["id"],
        "2026-12-03T12:00:00+05:30",
        "2026-12-03T13:00:00+05:30",
        "KA02XY0002",
    ).get_json()
    clock.move_to(IST_9)
    driver = api.relogin(driver)
    api.post(f"/api/reservations/{kept['id']}/park", driver)
    clock.move_to(IST_9 + timedelta(hours=2))
    driver = api.relogin(driver)
    api.post(f"/api/reservations/{kept['id']}/release", driver)
    clock.move_to(IST_9 + timedelta(hours=5))  # 14:00: the 12:00 booking was never parked
    driver, admin = api.relogin(driver), api.relogin(admin)

    assert api.get(f"/api/reservations/{missed['id']}", driver).get_json()["status"] == "cancelled"
    summary = api.get("/api/admin/summary", admin).get_json()
    (row,) = [r for r in summary["revenue_by_lot"] if r["lot_id"] == lot["id"]]
    assert (row["revenue"], row["count"], row["no_shows"]) == ("120.00", 2, 1)
    mine = api.get("/api/me/summary", driver).get_json()
    assert (mine["total_spent"], mine["active_reservations"]) == ("120.00", 0)

    with api.client.application.app_context():
        report = operator_month(month="2026-12")
        (lot_row,) = [r for r in report["by_lot"] if r["lot_id"] == lot["id"]]
        assert (lot_row["revenue"], lot_row["no_shows"]) == (Decimal("120.00"), 1)
        stays = driver_month(user=db.session.get(User, driver.id), month="2026-12")["stays"]
    assert [(s["status"], s["window"]) for s in stays] == [
        ("completed", "3 Dec 2026, 09:00 – 11:30"),
        ("no-show", "3 Dec 2026, 12:00 – 13:00"),
    ]


def test_the_minute_a_window_spot_turns_reserved_is_announced(api, admin, driver, clock):
    """Nothing is written when parking opens, so the per-minute job tells live clients."""
    from parking.reservations.holds import lots_with_windows_opening

    driver, admin = api.relogin(driver), api.relogin(admin)
    lot = window_lot(api, admin)
    book_window(api, driver, lot["id"], TOMORROW_9, TOMORROW_1130)
    opens_at = IST_9 - timedelta(minutes=15)
    with api.client.application.app_context():
        assert lots_with_windows_opening(opens_at - timedelta(minutes=1), opens_at) == [lot["id"]]
        assert lots_with_windows_opening(opens_at, opens_at + timedelta(minutes=1)) == []


def test_an_empty_window_in_the_lot_search_asks_for_none(api, admin, driver):
    lot = window_lot(api, admin)
    query = {"q": lot["name"], "starts_at": "", "ends_at": "", "pincode": ""}
    response = api.get("/api/lots", driver, query_string=query)
    assert response.status_code == 200, response.get_json()
    assert [item["available_for_window"] for item in response.get_json()] == [None]
    half = api.get("/api/lots", driver, query_string={"starts_at": TOMORROW_9, "ends_at": ""})
    assert _field_named(half) == "ends_at"
