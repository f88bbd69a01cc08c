"""CSV exports (API.md, "Exports"): queued, written by the real worker, fetched by the requester."""

from __future__ import annotations

import csv
import io
import itertools
import os
import re
import time
from datetime import UTC, datetime, timedelta

import jsonschema_rs
import pytest
import sqlalchemy as sa

from parking.auth.models import User
from parking.db import utcnow
from parking.exports import service
from parking.exports.csv import text
from parking.exports.models import DONE, FAILED, QUEUED, RUNNING, Export
from parking.extensions import db
from parking.reservations.models import COMPLETED, Lot, Reservation, Spot
from tests.helpers import wait_for

HEADER = (
    "reservation_id,lot_name,spot_number,vehicle_number,status,reserved_at,parked_at,left_at,"
    "duration_minutes,price_per_hour,cost,remarks"
)
WINDOW = ",starts_at,ends_at,quoted_cost"  # after the existing columns; empty for drive-ups
COLUMNS = (HEADER + WINDOW).split(",")
SUBJECT = "Your parking history export is ready"
_plates = itertools.count(1)


def documented(api, body: dict) -> dict:
    """`body`, checked against the ExportOut schema of the OpenAPI document the API serves."""
    schema = api.get("/api/openapi.json").get_json()["components"]["schemas"]["ExportOut"]
    jsonschema_rs.Draft202012Validator(schema).validate(body)  # via schemathesis
    return body


def requested(api, actor) -> dict:
    response = api.post("/api/exports", actor)
    assert response.status_code == 202, response.get_json()
    return response.get_json()


def finished(api, actor, export_id: int) -> dict:
    """The export's status once the worker is done with it."""

    def status():
        body = api.get(f"/api/exports/{export_id}", actor).get_json()
        return body if body["status"] in (DONE, FAILED) else None

    return wait_for(status, timeout=60)


def downloaded_rows(api, actor, export_id: int, header: str = HEADER + WINDOW) -> list[dict]:
    response = api.get(f"/api/exports/{export_id}/download", actor)
    assert response.status_code == 200, response.get_json()
    assert response.mimetype == "text/csv"
    lines = response.text.splitlines()
    assert lines[0] == header
    return list(csv.DictReader(io.StringIO(response.text)))


TIMES = ("reserved_at", "parked_at", "left_at", "starts_at", "ends_at")


def to_the_second(iso: str) -> str:
    """The API's `2026-11-23T10:00:00.123456+00:00` as the export writes it: to the second."""
    return datetime.fromisoformat(iso).isoformat(timespec="seconds")


def as_csv(reservation: dict) -> dict:
    """A reservation as the API answers it, written the way the export writes it."""
    cells = {**reservation, "reservation_id": reservation["id"]}
    cells |= {column: to_the_second(cells[column]) for column in TIMES if cells[column]}
    return {column: "" if cells[column] is None else str(cells[column]) for column in COLUMNS}


def history(api, actor) -> list[dict]:
    response = api.get("/api/reservations?per_page=200", actor)
    assert response.status_code == 200
    return sorted(response.get_json()["items"], key=lambda r: r["id"])


def act(api, actor, reservation: dict, action: str) -> dict:
    response = api.post(f"/api/reservations/{reservation['id']}/{action}", actor)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def book(api, actor, lot: dict, remarks: str | None = None) -> dict:
    body = {"lot_id": lot["id"], "vehicle_number": f"KA01EX{next(_plates):04d}"}
    response = api.post("/api/reservations", actor, json={**body, "remarks": remarks})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def messages_to(mailbox, actor) -> list:
    return [m for m in mailbox.to(actor.email) if m["Subject"] == SUBJECT]


# --- the whole journey, on the real worker ----------------------------------------------------


def test_a_driver_export_has_every_reservation_of_theirs_as_the_api_shows_it(
    api, admin, driver, other_driver, worker, mailbox
):
    lot = api.create_lot(
        admin, name="Brigade Road", price_per_hour="45.50", total_spots=5, advance_spots=1
    )
    act(api, driver, act(api, driver, book(api, driver, lot, "blue hatchback"), "park"), "release")
    act(api, driver, book(api, driver, lot), "cancel")
    act(api, driver, book(api, driver, lot), "park")
    starts_at = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    window = {
        "starts_at": starts_at.isoformat(),
        "ends_at": (starts_at + timedelta(hours=2)).isoformat(),
    }
    response = api.post(
        "/api/reservations",
        driver,
        json={"lot_id": lot["id"], "vehicle_number": "KA01WIN001"} | window,
    )
    assert response.status_code == 201, response.get_json()
    book(api, other_driver, lot, "not mine")

    queued = requested(api, driver)
    assert queued == {"id": queued["id"], "status": QUEUED}
    status = finished(api, driver, queued["id"])

    mine = history(api, driver)
    assert {r["status"] for r in mine} == {"completed", "cancelled", "occupied", "reserved"}
    assert [r["quoted_cost"] for r in mine if r["starts_at"]] == ["91.00"]
    assert documented(api, status)["status"] == DONE, status
    assert status["row_count"] == len(mine) == 4
    assert status["download_url"] == f"/api/exports/{queued['id']}/download"
    assert status["error"] is None
    assert status["finished_at"] >= status["created_at"]
    assert downloaded_rows(api, driver, queued["id"]) == [as_csv(r) for r in mine]

    (message,) = wait_for(lambda: messages_to(mailbox, driver))
    body = message.get_body(("plain",)).get_content()
    # The app's page for the export (the API path would need a token the mail cannot carry).
    assert f"http://parking.test/reservations/history?export={queued['id']}" in body
    assert "4 reservations" in body


def test_the_file_is_an_attachment_with_nulls_as_empty_cells(api, admin, driver, worker):
    lot = api.create_lot(admin, price_per_hour="50.00")
    reservation = book(api, driver, lot)  # not parked: no parked_at, left_at, duration, cost
    export = requested(api, driver)
    finished(api, driver, export["id"])

    response = api.get(f"/api/exports/{export['id']}/download", driver)

    disposition = response.headers["Content-Disposition"]
    assert disposition == f"attachment; filename=parking-export-{export['id']}.csv"
    (row,) = downloaded_rows(api, driver, export["id"])
    assert row["reservation_id"] == str(reservation["id"])
    assert row["price_per_hour"] == "50.00"
    # ISO 8601 to the second with the offset, as a spreadsheet reads it: no microseconds.
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", row["reserved_at"])
    assert to_the_second(reservation["reserved_at"]) == row["reserved_at"]
    assert [row[c] for c in ("parked_at", "left_at", "duration_minutes", "cost", "remarks")] == [
        ""
    ] * 5


def test_an_admin_export_has_everyones_reservations(api, admin, driver, other_driver, worker):
    lot = api.create_lot(admin, total_spots=5)
    book(api, driver, lot)
    act(api, driver, book(api, driver, lot), "cancel")
    book(api, other_driver, lot)

    export = requested(api, admin)
    status = finished(api, admin, export["id"])

    everyone = history(api, admin)
    assert status["row_count"] == len(everyone) == 3
    # The operator's file names each driver, after the contract's columns.
    rows = downloaded_rows(
        api, admin, export["id"], header=HEADER + ",user_email,user_name" + WINDOW
    )
    user_of = {
        r["id"]: someone.user for someone in (driver, other_driver) for r in history(api, someone)
    }
    assert rows == [
        as_csv(r)
        | {"user_email": user_of[r["id"]]["email"], "user_name": user_of[r["id"]]["full_name"]}
        for r in everyone
    ]


def test_formulas_are_neutralised_and_unicode_survives(api, admin, driver, worker):
    lot = api.create_lot(admin, name='=HYPERLINK("http://evil.example","Pay here")')
    remarks = ["+SUM(A1:A9)", "@cmd", "-2+3", "Near the lift — ಬೆಂಗಳೂರು ✓ 🚗"]
    for remark in remarks:  # cancelled at once: a driver holds at most 3 active bookings
        act(api, driver, book(api, driver, lot, remark), "cancel")

    export = requested(api, driver)
    finished(api, driver, export["id"])
    rows = downloaded_rows(api, driver, export["id"])

    assert {row["lot_name"] for row in rows} == {'\'=HYPERLINK("http://evil.example","Pay here")'}
    assert [row["remarks"] for row in rows] == [
        "'+SUM(A1:A9)",
        "'@cmd",
        "'-2+3",
        "Near the lift — ಬೆಂಗಳೂರು ✓ 🚗",
    ]


def test_a_driver_who_turned_email_off_gets_no_email(
    api, admin, driver, other_driver, worker, mailbox
):
    response = api.patch("/api/auth/me", driver, json={"email_notifications": False})
    assert response.status_code == 200, response.get_json()
    quiet = requested(api, driver)
    # One worker takes jobs in order: once the next export's e-mail is out, the first is done.
    requested(api, other_driver)
    wait_for(lambda: messages_to(mailbox, other_driver))

    assert api.get(f"/api/exports/{quiet['id']}", driver).get_json()["status"] == DONE
    assert mailbox.to(driver.email) == []


# --- who may see what, and when ---------------------------------------------------------------


def test_only_the_requester_sees_an_export(api, admin, driver, other_driver):
    export = requested(api, driver)
    for path in (f"/api/exports/{export['id']}", f"/api/exports/{export['id']}/download"):
        assert api.get(path, other_driver).status_code == 404
        assert api.get(path, admin).status_code == 404  # admins too: it is the driver's file
        assert api.get(path).status_code == 401
    assert api.get(f"/api/exports/{export['id']}", driver).status_code == 200


def test_an_admins_export_is_not_a_drivers_either(api, admin, driver):
    export = requested(api, admin)
    assert api.get(f"/api/exports/{export['id']}", driver).status_code == 404
    assert api.get(f"/api/exports/{export['id']}/download", driver).status_code == 404


# Ids far above the ones the API hands out: a job still queued from an earlier test names a
# small id (SQLite numbers from 1 again once the tables are emptied), never one of these.
_direct_ids = itertools.count(2_000_000_000, 1000)


def _export_row(user_id: int, **values) -> int:
    """An export row made directly, not requested: no job exists that could run it."""
    export = Export(id=next(_direct_ids), user_id=user_id, **values)
    db.session.add(export)
    db.session.commit()
    return export.id


@pytest.mark.parametrize("status", [QUEUED, RUNNING, FAILED])
def test_download_is_409_until_done(api, driver, app_context, status):
    export_id = _export_row(
        driver.id, status=status, error="disk full" if status == FAILED else None
    )

    response = api.get(f"/api/exports/{export_id}/download", driver)

    assert response.status_code == 409
    assert response.get_json()["message"]
    body = documented(api, api.get(f"/api/exports/{export_id}", driver).get_json())
    assert (body["status"], body["download_url"]) == (status, None)


def test_unknown_exports_are_404(api, driver):
    assert api.get("/api/exports/999999", driver).status_code == 404
    assert api.get("/api/exports/999999/download", driver).status_code == 404


def test_the_openapi_document_describes_every_export_answer(api):
    paths = api.get("/api/openapi.json").get_json()["paths"]

    def answers(path, method):
        responses = paths[path][method]["responses"]
        return {code: sorted(response.get("content", {})) for code, response in responses.items()}

    assert answers("/api/exports", "post") == {
        "202": ["application/json"],
        "401": ["application/json"],
        "503": ["application/json"],
    }
    assert answers("/api/exports/{export_id}", "get") == {
        "200": ["application/json"],
        "401": ["application/json"],
        "404": ["application/json"],
    }
    assert answers("/api/exports/{export_id}/download", "get") == {
        "200": ["text/csv"],
        "401": ["application/json"],
        "404": ["application/json"],
        "409": ["application/json"],
    }


# --- the job itself ---------------------------------------------------------------------------


def _completed_stays(user_id: int, count: int) -> None:
    """`count` finished stays of one driver, inserted in bulk (the API would take minutes)."""
    lot = Lot(name="Bulk", address="1 Bulk Road", pincode="560001", price_per_hour=40)
    db.session.add(lot)
    db.session.flush()
    spot = Spot(lot_id=lot.id, number=1)
    db.session.add(spot)
    db.session.flush()
    start = utcnow() - timedelta(days=30)
    db.session.execute(
        sa.insert(Reservation),
        [
            {
                "user_id": user_id,
                "lot_id": lot.id,
                "spot_id": spot.id,
                "spot_number": 1,
                "price_per_hour": 40,
                "vehicle_number": f"KA01BK{n:04d}",
                "status": COMPLETED,
                "reserved_at": start + timedelta(minutes=n),
                "parked_at": start + timedelta(minutes=n),
                "left_at": start + timedelta(minutes=n + 30),
                "duration_minutes": 30,
                "cost": 40,
            }
            for n in range(count)
        ],
    )
    db.session.commit()


def test_a_big_export_saves_progress_and_writes_every_row(api, driver, app_context):
    # Over two progress commits while the rows stream: on SQLite the read must not hold the
    # write lock those commits need, on PostgreSQL they must not end the server-side cursor.
    _completed_stays(driver.id, 2500)
    export_id = _export_row(driver.id)

    export = service.run(export_id=export_id)

    assert (export.status, export.row_count, export.error) == (DONE, 2500, None)
    lines = api.get(f"/api/exports/{export_id}/download", driver).text.splitlines()
    assert len(lines) == 2501
    # price_per_hour, cost, remarks, then the (empty) window columns of a drive-up.
    assert lines[-1].split(",")[-6:] == ["40.00", "40.00", "", "", "", ""]


def test_running_an_export_twice_writes_one_file_and_sends_one_email(
    api, admin, driver, app_context, mailbox
):
    lot = api.create_lot(admin)
    book(api, driver, lot)
    export_id = _export_row(driver.id)
    directory = app_context.config["EXPORT_DIR"]

    for _ in range(2):  # what a redelivered or duplicated job does
        service.run(export_id=export_id)
        service.notify_ready(export_id=export_id)
    name = db.session.get(Export, export_id).file_name
    first = (directory / name).stat()
    service.run(export_id=export_id)  # done already: the file is left as it is

    assert db.session.get(Export, export_id).file_name == name
    assert (directory / name).stat().st_mtime_ns == first.st_mtime_ns
    assert len(messages_to(mailbox, driver)) == 1
    assert db.session.get(Export, export_id).row_count == 1
    # One file for the export, no temporary file left: the second run's replaced the first's.
    assert [p.name for p in directory.glob(f"export-{export_id}-*")] == [name]


def test_an_export_file_has_an_unguessable_name_of_its_own(api, driver, app_context):
    directory = app_context.config["EXPORT_DIR"]
    first, second = _export_row(driver.id), _export_row(driver.id)
    for export_id in (first, second):
        service.run(export_id=export_id)

    names = [db.session.get(Export, export_id).file_name for export_id in (first, second)]

    for export_id, name in zip((first, second), names, strict=True):
        assert re.fullmatch(rf"export-{export_id}-[A-Za-z0-9_-]{{22}}\.csv", name), name
        assert (directory / name).is_file()
    assert not (directory / f"export-{first}.csv").exists()


def test_a_run_never_writes_over_an_existing_file(api, driver, app_context, monkeypatch):
    directory = app_context.config["EXPORT_DIR"]
    export_id = _export_row(driver.id)
    taken = f"export-{export_id}-someone-elses-file.csv"
    directory.mkdir(parents=True, exist_ok=True)
    (directory / taken).write_text("another installation's rows\n")
    monkeypatch.setattr(service, "new_file_name", lambda export_id: taken)

    export = service.run(export_id=export_id)

    assert export.status == FAILED  # FileExistsError: the link refuses to replace a file
    assert (directory / taken).read_text() == "another installation's rows\n"
    assert list(directory.glob(f"{taken}.*")) == []  # its own temporary file is gone
    (directory / taken).unlink()


def test_a_rerun_after_a_killed_run_removes_the_killed_runs_files(api, driver, app_context):
    directory = app_context.config["EXPORT_DIR"]
    export_id = _export_row(driver.id)
    # A run killed mid-file: the row names its file, and its temporary file is half written.
    killed = service.new_file_name(export_id)
    db.session.execute(
        sa.update(Export).where(Export.id == export_id).values(status=RUNNING, file_name=killed)
    )
    db.session.commit()
    directory.mkdir(parents=True, exist_ok=True)
    half = directory / f"{killed}.abc123.tmp"
    half.write_text("half a file")

    export = service.run(export_id=export_id)

    assert export.status == DONE and export.file_name != killed
    assert not half.exists()
    assert [p.name for p in directory.glob(f"export-{export_id}-*")] == [export.file_name]


def test_an_export_that_cannot_be_written_is_marked_failed(
    api, driver, app_context, tmp_path, monkeypatch
):
    not_a_directory = tmp_path / "a-file"
    not_a_directory.write_text("")
    monkeypatch.setitem(app_context.config, "EXPORT_DIR", not_a_directory / "exports")
    export_id = _export_row(driver.id)

    export = service.run(export_id=export_id)

    assert export.status == FAILED
    assert export.error == "The export could not be written (NotADirectoryError); try again"
    body = api.get(f"/api/exports/{export_id}", driver).get_json()
    assert (body["status"], body["download_url"]) == (FAILED, None)
    assert body["error"] == export.error
    assert api.get(f"/api/exports/{export_id}/download", driver).status_code == 409


def test_an_export_of_a_deleted_row_does_nothing(app_context):
    assert service.run(export_id=987654) is None


def test_exports_older_than_the_retention_are_deleted_files_and_rows(api, driver, app_context):
    directory = app_context.config["EXPORT_DIR"]
    old_id = _export_row(driver.id, created_at=utcnow() - timedelta(days=7, minutes=1))
    new_id = _export_row(driver.id, created_at=utcnow() - timedelta(days=6, hours=23))
    for export_id in (old_id, new_id):
        service.run(export_id=export_id)
    old_name = db.session.get(Export, old_id).file_name
    # Left by a run of the old export killed mid-write: its row names the file it was writing.
    half = directory / f"{old_name}.abc.tmp"
    half.write_text("half a file")
    # Eight days old, and named like an export, but no row of this database names it: another
    # installation's (EXPORT_DIR may be shared), so it stays.
    foreign = directory / "export-424242-someone-elses.csv"
    foreign.write_text("another installation's rows")
    eight_days_ago = time.time() - 8 * 24 * 3600
    os.utime(foreign, (eight_days_ago, eight_days_ago))

    assert service.delete_old() == 1

    assert db.session.get(Export, old_id) is None
    assert not (directory / old_name).exists()
    assert not half.exists()
    assert foreign.read_text() == "another installation's rows"
    foreign.unlink()
    assert db.session.get(Export, new_id).status == DONE
    assert api.get(f"/api/exports/{new_id}/download", driver).status_code == 200
    assert service.delete_old() == 0  # safe to run again


# --- the queue is down ------------------------------------------------------------------------


def test_no_queue_is_a_503_that_leaves_no_export_behind(server_without_redis, driver, app):
    token = server_without_redis.login(driver.email, driver.password)

    started = time.monotonic()
    response = server_without_redis.request("POST", "/api/exports", token)

    assert time.monotonic() - started < 5
    assert response.status_code == 503
    assert isinstance(response.json()["message"], str)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Export)) == 0
        assert db.session.get(User, driver.id) is not None


# --- the cells --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
    ],
)
def test_text_cells_cannot_start_a_formula(value, cell):
    assert text(value) == cell
