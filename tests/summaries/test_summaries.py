"""Dashboards: the driver's summary, the operator's summary and the drivers list (API.md)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import time_machine

from tests.helpers import DRIVER_PASSWORD


def by_id(rows: list[dict], key: str = "lot_id") -> dict:
    return {row[key]: row for row in rows}


# --- driver summary -------------------------------------------------------------------------


def test_a_new_driver_has_an_empty_summary(api, driver):
    response = api.get("/api/me/summary", driver)
    assert response.status_code == 200
    assert response.get_json() == {
        "total_reservations": 0,
        "active_reservations": 0,
        "total_spent": "0.00",
        "total_hours": 0,
        "by_lot": [],
        "by_month": [],
    }


def test_driver_summary_adds_up_what_was_booked_and_paid(api, admin, driver, other_driver):
    mall = api.create_lot(admin, name="Mall", price_per_hour="50.00")
    metro = api.create_lot(admin, name="Metro", price_per_hour="30.00")
    with time_machine.travel(datetime(2026, 11, 10, 6, 0, tzinfo=UTC), tick=False) as traveller:
        driver = api.relogin(driver)
        api.stay(driver, mall["id"], traveller, 61)  # 2 h x 50
        driver = api.relogin(driver)
        api.stay(driver, metro["id"], traveller, 30)  # 1 h x 30
        driver = api.relogin(driver)
        cancelled = api.booked(driver, mall["id"])
        api.post(f"/api/reservations/{cancelled['id']}/cancel", driver)
        api.booked(driver, metro["id"])  # still active
        other_driver = api.relogin(other_driver)
        api.stay(other_driver, mall["id"], traveller, 10)  # not the driver's
        summary = api.get("/api/me/summary", api.relogin(driver)).get_json()

    assert summary["total_reservations"] == 4
    assert summary["active_reservations"] == 1
    assert summary["total_spent"] == "130.00"
    assert summary["total_hours"] == round((61 + 30) / 60, 2)
    assert by_id(summary["by_lot"]) == {
        mall["id"]: {"lot_id": mall["id"], "lot_name": "Mall", "count": 2, "spent": "100.00"},
        metro["id"]: {"lot_id": metro["id"], "lot_name": "Metro", "count": 2, "spent": "30.00"},
    }
    assert summary["by_month"] == [{"month": "2026-11", "count": 4, "spent": "130.00"}]


def test_driver_months_are_calendar_months_in_app_timezone(api, admin, driver):
    lot = api.create_lot(admin, price_per_hour="100.00")
    with time_machine.travel(datetime(2026, 9, 15, 12, 0, tzinfo=UTC), tick=False) as traveller:
        driver = api.relogin(driver)
        api.stay(driver, lot["id"], traveller, 30)
        # 2026-10-31T19:00Z to 20:00Z is 00:30 to 01:30 on 1 November in Asia/Kolkata.
        traveller.move_to(datetime(2026, 10, 31, 19, 0, tzinfo=UTC))
        driver = api.relogin(driver)
        released = api.stay(driver, lot["id"], traveller, 60)[0]
        assert released["left_at"] == "2026-10-31T20:00:00+00:00"
        # Two stays in the same IST month, on either side of the UTC month's end.
        traveller.move_to(datetime(2026, 11, 30, 18, 0, tzinfo=UTC))  # 23:30 IST
        driver = api.relogin(driver)
        api.stay(driver, lot["id"], traveller, 15)
        summary = api.get("/api/me/summary", api.relogin(driver)).get_json()

    assert summary["by_month"] == [
        {"month": "2026-09", "count": 1, "spent": "100.00"},
        {"month": "2026-11", "count": 2, "spent": "200.00"},
    ]
    assert summary["total_spent"] == "300.00"


# --- admin summary --------------------------------------------------------------------------


def test_admin_summary_counts_lots_users_and_spots(api, admin, driver, other_driver):
    a = api.create_lot(admin, name="A", total_spots=3)
    b = api.create_lot(admin, name="B", total_spots=2)
    gone = api.create_lot(admin, name="Gone", total_spots=4)
    api.delete(f"/api/lots/{gone['id']}", admin)
    api.booked(driver, a["id"])
    parked = api.booked(other_driver, a["id"])
    api.post(f"/api/reservations/{parked['id']}/park", other_driver)
    api.booked(driver, b["id"])

    response = api.get("/api/admin/summary", admin)
    assert response.status_code == 200
    summary = response.get_json()
    assert summary["lots"] == 2
    assert summary["users"] == 2
    assert summary["spots"] == {"total": 5, "available": 2, "reserved": 2, "occupied": 1}
    assert summary["revenue_total"] == "0.00"
    # Every lot with activity is listed, even before it earns anything.
    assert by_id(summary["revenue_by_lot"]) == {
        a["id"]: {"lot_id": a["id"], "lot_name": "A", "revenue": "0.00", "count": 2, "no_shows": 0},
        b["id"]: {"lot_id": b["id"], "lot_name": "B", "revenue": "0.00", "count": 1, "no_shows": 0},
    }
    assert by_id(summary["occupancy_by_lot"]) == {
        a["id"]: {"lot_id": a["id"], "lot_name": "A", "total": 3, "occupied": 1, "reserved": 1},
        b["id"]: {"lot_id": b["id"], "lot_name": "B", "total": 2, "occupied": 0, "reserved": 1},
    }


def test_admin_revenue_by_lot_and_by_day_in_app_timezone(api, admin, driver):
    a = api.create_lot(admin, name="A", price_per_hour="50.00", total_spots=5)
    b = api.create_lot(admin, name="B", price_per_hour="20.00", total_spots=5)
    with time_machine.travel(datetime(2026, 9, 1, 6, 0, tzinfo=UTC), tick=False) as traveller:
        driver = api.relogin(driver)
        api.stay(driver, a["id"], traveller, 30)  # 50.00, long before the window
        traveller.move_to(datetime(2026, 11, 10, 6, 0, tzinfo=UTC))
        driver = api.relogin(driver)
        api.stay(driver, b["id"], traveller, 90)  # 40.00 on 2026-11-10
        # Released at 2026-11-21T19:00Z, which is 00:30 on 22 November in Asia/Kolkata.
        traveller.move_to(datetime(2026, 11, 21, 18, 0, tzinfo=UTC))
        driver = api.relogin(driver)
        api.stay(driver, a["id"], traveller, 60)  # 50.00 on 2026-11-22
        driver = api.relogin(driver)
        cancelled = api.booked(driver, b["id"])
        api.post(f"/api/reservations/{cancelled['id']}/cancel", driver)
        traveller.move_to(datetime(2026, 11, 21, 20, 0, tzinfo=UTC))  # 01:30 on 22 Nov IST
        admin = api.relogin(admin)
        summary = api.get("/api/admin/summary", admin).get_json()
        # A lot deleted later keeps its revenue in the summary.
        assert api.delete(f"/api/lots/{b['id']}", admin).status_code == 204
        after_delete = api.get("/api/admin/summary", admin).get_json()

    assert summary["revenue_total"] == "140.00"
    assert by_id(summary["revenue_by_lot"]) == {
        a["id"]: {
            "lot_id": a["id"],
            "lot_name": "A",
            "revenue": "100.00",
            "count": 2,
            "no_shows": 0,
        },
        b["id"]: {
            "lot_id": b["id"],
            "lot_name": "B",
            "revenue": "40.00",
            "count": 2,
            "no_shows": 0,
        },
    }
    days = summary["revenue_by_day"]
    assert len(days) == 30
    assert days[0]["date"] == "2026-10-24" and days[-1]["date"] == "2026-11-22"
    dates = [datetime.fromisoformat(day["date"]) for day in days]
    assert all(later - earlier == timedelta(days=1) for earlier, later in pairwise(dates))
    revenue = {day["date"]: day["revenue"] for day in days}
    assert revenue["2026-11-22"] == "50.00"
    assert revenue["2026-11-21"] == "0.00"
    assert revenue["2026-11-10"] == "40.00"
    assert sum(float(value) for value in revenue.values()) == 90.0

    assert after_delete["revenue_total"] == "140.00"
    assert after_delete["revenue_by_lot"] == summary["revenue_by_lot"]
    assert after_delete["lots"] == 1
    assert [row["lot_id"] for row in after_delete["occupancy_by_lot"]] == [a["id"]]


# --- admin users ----------------------------------------------------------------------------


def users_page(api, admin, query: str = "") -> dict:
    response = api.get(f"/api/admin/users{query}", admin)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_admin_users_show_each_drivers_totals(api, admin, driver, other_driver):
    lot = api.create_lot(admin, price_per_hour="50.00", total_spots=5)
    with time_machine.travel(datetime(2026, 11, 22, 6, 0, tzinfo=UTC), tick=False) as traveller:
        driver = api.relogin(driver)
        api.stay(driver, lot["id"], traveller, 61)  # 100.00
        driver = api.relogin(driver)
        api.stay(driver, lot["id"], traveller, 5)  # 50.00
        driver = api.relogin(driver)
        api.booked(driver, lot["id"])
        cancelled = api.booked(driver, lot["id"])
        api.post(f"/api/reservations/{cancelled['id']}/cancel", driver)
        page = users_page(api, api.relogin(admin), "?per_page=200")

    rows = by_id(page["items"], "id")
    mine = rows[driver.id]
    assert mine["email"] == driver.email
    assert mine["full_name"] == driver.user["full_name"]
    assert (mine["reservations_count"], mine["active_reservations"]) == (4, 1)
    assert mine["total_spent"] == "150.00"
    assert mine["created_at"].endswith("+00:00")
    assert mine["last_login_at"] == "2026-11-22T07:06:00+00:00"  # the last relogin
    theirs = rows[other_driver.id]
    assert (theirs["reservations_count"], theirs["active_reservations"]) == (0, 0)
    assert theirs["total_spent"] == "0.00"
    assert {"phone", "pincode"} <= set(theirs)


def test_last_login_at_is_set_by_signing_in(api, admin):
    body = {"email": "newcomer@example.com", "password": DRIVER_PASSWORD, "full_name": "New"}
    assert api.post("/api/auth/register", json=body).status_code == 201
    [row] = users_page(api, admin, "?q=newcomer")["items"]
    assert row["last_login_at"] is None
    with time_machine.travel(datetime(2026, 11, 23, 9, 15, tzinfo=UTC), tick=False):
        api.login(body["email"], body["password"])
    [row] = users_page(api, admin, "?q=newcomer")["items"]
    assert row["last_login_at"] == "2026-11-23T09:15:00+00:00"


def test_admin_users_search_email_or_name_case_insensitive(api, admin):
    asha = api.new_driver(full_name="Asha Rao", email="asha@example.com")
    ravi = api.new_driver(full_name="Ravi Kumar", email="rk@Mail.example.org")
    api.new_driver(full_name="Someone Else", email="else@example.net")
    assert [row["id"] for row in users_page(api, admin, "?q=ASHA")["items"]] == [asha.id]
    assert [row["id"] for row in users_page(api, admin, "?q=kumar")["items"]] == [ravi.id]
    assert [row["id"] for row in users_page(api, admin, "?q=mail.EXAMPLE")["items"]] == [ravi.id]
    empty = users_page(api, admin, "?q=nobody-matches")
    assert (empty["items"], empty["total"]) == ([], 0)


def test_admin_users_are_paginated(api, admin):
    made = {api.new_driver(full_name=f"Paged {n}").id for n in range(3)}
    first = users_page(api, admin, "?q=paged&per_page=2")
    second = users_page(api, admin, "?q=paged&per_page=2&page=2")
    assert set(first) == {"items", "total", "page", "per_page"}
    assert (first["total"], first["page"], first["per_page"]) == (3, 1, 2)
    assert (second["total"], second["page"], second["per_page"]) == (3, 2, 2)
    assert len(first["items"]) == 2 and len(second["items"]) == 1
    assert {row["id"] for row in first["items"] + second["items"]} == made
    for query in ["page=0", "page=x", "per_page=0", "per_page=-1", "per_page=1.5"]:
        response = api.get(f"/api/admin/users?{query}", admin)
        assert response.status_code == 422, query
        assert isinstance(response.get_json()["message"], str)


def test_each_summary_is_for_its_role(api, admin, driver):
    assert api.get("/api/me/summary", admin).status_code == 403
    assert api.get("/api/admin/summary", driver).status_code == 403
    assert api.get("/api/admin/users", driver).status_code == 403
    for path in ["/api/me/summary", "/api/admin/summary", "/api/admin/users"]:
        assert api.get(path).status_code == 401, path
