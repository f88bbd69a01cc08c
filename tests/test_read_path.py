"""Reads never write: an expired hold reads as cancelled before anything writes it down, reads
take no SQLite write lock, and a write that cannot get the lock answers 503 with Retry-After."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
import time_machine

from parking import create_app
from parking.config import TestSettings
from parking.extensions import db
from parking.reservations.models import Reservation
from tests.queries import drop_cached_answers

START = datetime(2026, 11, 23, 4, 30, tzinfo=UTC)


def _stored_status(app, reservation_id: int) -> str:
    with app.app_context():
        status = db.session.scalar(
            sa.select(Reservation.status).where(Reservation.id == reservation_id)
        )
        db.session.rollback()
        return status


def test_an_expired_hold_reads_as_cancelled_before_it_is_written(api, admin, driver, app):
    lot = api.create_lot(admin, total_spots=1)
    with time_machine.travel(START, tick=False) as traveller:
        driver, admin = api.relogin(driver), api.relogin(admin)
        held = api.booked(driver, lot["id"])
        traveller.shift(timedelta(minutes=31))
        assert api.get(f"/api/reservations/{held['id']}", driver).get_json()["status"] == (
            "cancelled"
        )
        [listed] = api.get("/api/lots", driver).get_json()
        assert (listed["available_spots"], listed["reserved_spots"]) == (1, 0)
        [spot] = api.get(f"/api/lots/{lot['id']}/spots", admin).get_json()
        assert (spot["status"], spot["reservation"]) == ("available", None)
        assert api.get("/api/me/summary", driver).get_json()["active_reservations"] == 0
        assert api.get("/api/admin/summary", admin).get_json()["spots"]["reserved"] == 0
        assert api.post(f"/api/reservations/{held['id']}/park", driver).status_code == 409
        assert api.post(f"/api/reservations/{held['id']}/cancel", driver).status_code == 409
    # Every read above saw the rule; none of them wrote it down (the beat job does).
    assert _stored_status(app, held["id"]) == "reserved"


def _sqlite_path(app) -> str:
    url = sa.make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite":
        pytest.skip(reason="SQLite's single write lock only; PostgreSQL locks rows")
    return url.database


def test_reads_answer_while_another_connection_holds_the_write_lock(api, admin, driver, app):
    lot = api.create_lot(admin, total_spots=2)
    api.booked(driver, lot["id"])
    locker = sqlite3.connect(_sqlite_path(app), isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    try:
        drop_cached_answers(app)  # so that every read below goes to the database
        for path in ("/api/lots", f"/api/lots/{lot['id']}", "/api/reservations", "/api/me/summary"):
            response = api.get(path, driver)
            assert response.status_code == 200, (path, response.get_json())
        for path in (f"/api/lots/{lot['id']}/spots", "/api/admin/summary", "/api/admin/users"):
            response = api.get(path, admin)
            assert response.status_code == 200, (path, response.get_json())
    finally:
        locker.rollback()
        locker.close()


def test_a_write_that_cannot_get_the_lock_answers_503_with_retry_after(
    api, admin, driver, app, settings
):
    lot = api.create_lot(admin, total_spots=2)
    impatient = create_app(TestSettings(**{**vars(settings), "DATABASE_LOCK_TIMEOUT": 0.2}))
    locker = sqlite3.connect(_sqlite_path(app), isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    try:
        response = impatient.test_client().post(
            "/api/reservations",
            json={"lot_id": lot["id"], "vehicle_number": "KA01AB1234"},
            headers=driver.headers,
        )
    finally:
        locker.rollback()
        locker.close()
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "1"
    assert "retry" in response.get_json()["message"]
    # Nothing was half-booked: once the lock is free the same booking goes through.
    assert api.book(driver, lot["id"], "KA01AB1234").status_code == 201
    with impatient.app_context():
        db.engine.dispose()
