"""The report figures: equal to what was booked and paid, month by month in APP_TIMEZONE."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
import time_machine

from parking.extensions import db
from parking.reports.data import driver_month, month_bounds, operator_month, receipt
from parking.reservations.models import Reservation
from tests.reports.conftest import user_of


def driver_report(app, actor, month="2026-10"):
    with app.app_context():
        return driver_month(user=user_of(actor), month=month)


def operator_report(app, month="2026-10"):
    with app.app_context():
        return operator_month(month=month)


def test_a_drivers_month_adds_up_what_was_booked_and_paid(clean_app, october):
    report = driver_report(clean_app, october.zoe)

    paid = [october.stays[0], october.stays[2]]
    assert report["month"] == "2026-10"
    assert report["month_label"] == "October 2026"
    assert report["user"]["name"] == "Zoë Ærøskøbing"
    assert report["user"]["email"] == october.zoe.email
    assert (report["reservations"], report["completed"], report["cancelled"]) == (2, 2, 0)
    assert report["total_spent"] == sum(Decimal(stay["cost"]) for stay in paid)
    assert report["total_spent"] == Decimal("190.00")
    assert (report["minutes_parked"], report["time_parked"]) == (186, "3 h 06 min")  # 61 + 125
    assert report["by_lot"] == [
        {
            "lot_id": october.central["id"],
            "lot_name": "Central",
            "count": 1,
            "minutes": 61,
            "time_parked": "1 h 01 min",
            "spent": Decimal("100.00"),
        },
        {
            "lot_id": october.harbour["id"],
            "lot_name": "Harbour",
            "count": 1,
            "minutes": 125,
            "time_parked": "2 h 05 min",
            "spent": Decimal("90.00"),
        },
    ]


def test_the_most_used_lot_has_the_most_bookings_then_the_most_spent(clean_app, october):
    zoe = driver_report(clean_app, october.zoe)
    raj = driver_report(clean_app, october.raj)

    # One booking each: 61 min at Central (2 h x 50.00) outspent 125 min at Harbour (3 h x 30.00).
    assert zoe["most_used_lot"] == "Central"
    assert [(row["lot_name"], row["count"]) for row in raj["by_lot"]] == [
        ("Central", 1),
        ("Harbour", 1),
    ]
    assert raj["most_used_lot"] == "Central"  # 50.00 paid beat a cancelled booking


def test_each_stay_is_listed_with_local_times_and_its_cost(clean_app, october):
    report = driver_report(clean_app, october.raj)

    paid, cancelled = report["stays"]
    assert paid == {
        "id": october.stays[1]["id"],
        "lot_name": "Central",
        "spot_number": october.stays[1]["spot_number"],
        "vehicle_number": october.stays[1]["vehicle_number"],
        "status": "completed",
        "reserved_at": "12 Oct 2026, 11:01",
        "parked_at": "12 Oct 2026, 11:01",
        "left_at": "12 Oct 2026, 11:31",
        "duration_minutes": 30,
        "time_parked": "30 min",
        "cost": Decimal("50.00"),
        "window": None,  # a drive-up
    }
    assert cancelled["status"] == "cancelled"
    assert cancelled["cost"] is None and cancelled["left_at"] is None
    assert (report["reservations"], report["completed"], report["cancelled"]) == (2, 1, 1)
    assert report["total_spent"] == Decimal("50.00")


def test_a_month_without_bookings_has_no_driver_report(clean_app, october, driver):
    assert driver_report(clean_app, october.zoe, "2026-09") is None
    assert driver_report(clean_app, october.zoe, "2026-11") is None
    assert driver_report(clean_app, driver, "2026-10") is None  # others' bookings are not theirs


def test_a_booking_belongs_to_its_month_on_the_local_clock(clean_app, api, admin, driver):
    lot = api.create_lot(admin)
    # 00:30 on 1 October and on 1 November in Asia/Kolkata, still September/October in UTC.
    for moment in (
        datetime(2026, 9, 30, 19, 0, tzinfo=UTC),
        datetime(2026, 10, 31, 19, 0, tzinfo=UTC),
    ):
        with time_machine.travel(moment, tick=False) as traveller:
            api.stay(api.relogin(driver), lot["id"], traveller, 10)

    october = driver_report(clean_app, driver, "2026-10")
    november = driver_report(clean_app, driver, "2026-11")

    assert driver_report(clean_app, driver, "2026-09") is None
    assert [stay["reserved_at"] for stay in october["stays"]] == ["1 Oct 2026, 00:30"]
    assert [stay["reserved_at"] for stay in november["stays"]] == ["1 Nov 2026, 00:30"]


def test_month_bounds_are_local_midnights_in_utc(clean_app):
    with clean_app.app_context():
        assert month_bounds("2026-10") == (
            datetime(2026, 9, 30, 18, 30, tzinfo=UTC),
            datetime(2026, 10, 31, 18, 30, tzinfo=UTC),
        )
        assert month_bounds("2026-12")[1] == datetime(2026, 12, 31, 18, 30, tzinfo=UTC)
        for wrong in ("2026-13", "2026-1", "26-10", "2026-10-01", ""):
            with pytest.raises(ValueError):
                month_bounds(wrong)


def test_the_operator_month_has_revenue_and_occupancy_per_lot(clean_app, api, admin, october):
    # A deleted lot keeps its history: it stays in the month it had bookings in.
    assert api.delete(f"/api/lots/{october.harbour['id']}", admin).status_code == 204

    report = operator_report(clean_app)

    paid = sum(Decimal(stay["cost"]) for stay in october.stays)
    assert report["revenue_total"] == paid == Decimal("240.00")
    assert (report["reservations"], report["completed"], report["cancelled"]) == (4, 3, 1)
    assert report["active_drivers"] == 2
    assert (report["minutes_parked"], report["time_parked"]) == (216, "3 h 36 min")
    october_hours = 31 * 24
    central, harbour = report["by_lot"]
    assert central == {
        "lot_id": october.central["id"],
        "lot_name": "Central",
        "deleted": False,
        "count": 2,
        "completed": 2,
        "revenue": Decimal("150.00"),
        "minutes": 91,
        "time_parked": "1 h 31 min",
        "spots": 2,
        "occupancy": (Decimal(91) / 60 / (2 * october_hours) * 100).quantize(Decimal("0.1")),
        "no_shows": 0,
    }
    assert harbour["deleted"] is True
    assert (harbour["count"], harbour["completed"], harbour["revenue"]) == (2, 1, Decimal("90.00"))
    assert harbour["occupancy"] == Decimal("0.3")  # 125 min of 744 spot-hours


def test_the_operator_month_ranks_hours_and_drivers(clean_app, driver, october):
    report = operator_report(clean_app)

    # Parkings started at 10:00, 11:01 and 11:31 local time.
    assert [(row["hour"], row["count"]) for row in report["busiest_hours"]] == [(11, 2), (10, 1)]
    assert report["busiest_hours"][0]["label"] == "11:00–12:00"
    assert len(report["hours_of_day"]) == 24
    assert sum(row["count"] for row in report["hours_of_day"]) == 3
    assert report["top_drivers"] == [
        {"name": "Zoë Ærøskøbing", "email": october.zoe.email, "count": 2, "spent": Decimal("190")},
        {"name": "Raj Patel", "email": october.raj.email, "count": 2, "spent": Decimal("50")},
    ]
    # `driver` registered today, not in October; the admin is no driver.
    assert report["new_drivers"]["count"] == 2
    assert [d["name"] for d in report["new_drivers"]["drivers"]] == ["Zoë Ærøskøbing", "Raj Patel"]


def test_a_quiet_month_reports_zeros(clean_app, october):
    report = operator_report(clean_app, "2026-08")

    assert report["month_label"] == "August 2026"
    assert (report["reservations"], report["revenue_total"]) == (0, Decimal("0.00"))
    assert report["by_lot"] == report["top_drivers"] == report["busiest_hours"] == []
    assert report["new_drivers"] == {"count": 0, "drivers": []}


def test_the_current_month_so_far_counts_occupancy_of_the_hours_gone_by(clean_app, api, admin):
    lot = api.create_lot(admin, total_spots=1, price_per_hour="10.00")
    # Ten hours into 1 December (local), a six-hour stay has filled 60 % of the one spot.
    first_of_december = datetime(2026, 11, 30, 18, 30, tzinfo=UTC)
    with time_machine.travel(first_of_december, tick=False) as traveller:
        driver = api.new_driver()
        traveller.shift(4 * 3600)
        api.stay(api.relogin(driver), lot["id"], traveller, 6 * 60)
        report = operator_report(clean_app, "2026-12")
    assert report["by_lot"][0]["occupancy"] == Decimal("60.0")
    assert report["revenue_total"] == Decimal("60.00")


def test_new_drivers_are_counted_all_but_listed_twenty_at_most(clean_app, api):
    with time_machine.travel(datetime(2026, 7, 1, tzinfo=UTC), tick=False):
        for _ in range(22):
            api.new_driver()
    report = operator_report(clean_app, "2026-07")
    assert report["new_drivers"]["count"] == 22
    assert len(report["new_drivers"]["drivers"]) == 20


def test_a_receipt_has_the_stay_the_driver_paid_for(clean_app, october):
    with clean_app.app_context():
        stay = receipt(db.session.get(Reservation, october.stays[0]["id"]))
    assert stay["lot_name"] == "Central"
    assert stay["lot_address"] == "1 MG Road, Bengaluru"
    assert stay["vehicle_number"] == october.stays[0]["vehicle_number"]
    assert (stay["parked_at"], stay["left_at"]) == ("12 Oct 2026, 10:00", "12 Oct 2026, 11:01")
    assert (stay["duration_minutes"], stay["billed_hours"]) == (61, 2)
    assert stay["price_per_hour"] == Decimal("50.00")
    assert stay["cost"] == Decimal(october.stays[0]["cost"]) == Decimal("100.00")
