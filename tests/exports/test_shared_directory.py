"""Two installations on one EXPORT_DIR (a test run beside `make run`, say): each export is its own
file, downloads and mail links give each driver their own database's rows, and one
installation's clean-up never deletes the other's files."""

from __future__ import annotations

import csv
import io
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from parking import MIGRATIONS_DIR, create_app
from parking.exports import service
from parking.exports.models import DONE, Export
from parking.extensions import db
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.exports.test_exports import SUBJECT, finished, requested
from tests.helpers import Api, LiveWorker, wait_for

OTHER_URL = "http://other.test"


@pytest.fixture
def other_installation(settings, clean_app, tmp_path):
    """A second app with a database of its own (SQLite), its own queue and worker, its own
    PUBLIC_URL, and the same EXPORT_DIR, SMTP server and Redis as the first."""
    from parking.auth.service import ensure_admin

    other_settings = settings.model_copy(
        update={
            "DATABASE_URL": f"sqlite:///{tmp_path / 'other.db'}",
            "CELERY_QUEUE": f"parking-test-other-{uuid.uuid4().hex[:8]}",
            "RATELIMIT_KEY_PREFIX": f"parking-test-other-{uuid.uuid4().hex[:8]}",
            "PUBLIC_URL": OTHER_URL,
            "VAR_DIR": tmp_path / "var",
        }
    )
    assert other_settings.EXPORT_DIR == settings.EXPORT_DIR
    app = create_app(other_settings)
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))
        ensure_admin(email=ADMIN_EMAIL, password=ADMIN_PASSWORD)
    worker = LiveWorker(other_settings, tmp_path)
    yield app
    worker.stop()
    with app.app_context():
        app.extensions["celery"].control.purge()
        db.engine.dispose()


def _restart_export_ids(app) -> None:
    """Empty tables start SQLite's ids at 1 again; PostgreSQL's sequence is told to."""
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            db.session.execute(sa.text("ALTER SEQUENCE exports_id_seq RESTART WITH 1"))
            db.session.commit()


def _export_of_one_stay(api: Api, lot_name: str, vehicle: str):
    admin = api.admin()
    driver = api.new_driver()
    lot = api.create_lot(admin, name=lot_name)
    response = api.post(
        "/api/reservations", driver, json={"lot_id": lot["id"], "vehicle_number": vehicle}
    )
    assert response.status_code == 201, response.get_json()
    export = requested(api, driver)
    return driver, export


def _downloaded(api: Api, driver, export_id: int) -> list[dict]:
    response = api.get(f"/api/exports/{export_id}/download", driver)
    assert response.status_code == 200, response.get_json()
    return list(csv.DictReader(io.StringIO(response.text)))


def _file_of(app, export_id: int) -> Path:
    with app.app_context():
        export = db.session.get(Export, export_id)
        assert export.status == DONE
        return Path(app.config["EXPORT_DIR"]) / export.file_name


def _mail_link(mailbox, driver) -> str:
    (message,) = wait_for(lambda: [m for m in mailbox.to(driver.email) if m["Subject"] == SUBJECT])
    body = message.get_body(("plain",)).get_content()
    (link,) = [line for line in body.splitlines() if "?export=" in line]
    return link.strip()


def test_two_installations_on_one_export_dir_keep_their_own_files(
    clean_app, api, worker, other_installation, mailbox
):
    _restart_export_ids(clean_app)
    other_api = Api(
        other_installation.test_client(), admin_email=ADMIN_EMAIL, admin_password=ADMIN_PASSWORD
    )

    mine, my_export = _export_of_one_stay(api, "Central", "KA01MINE01")
    theirs, their_export = _export_of_one_stay(other_api, "Harbour", "KA02THEIRS")
    finished(api, mine, my_export["id"])
    finished(other_api, theirs, their_export["id"])

    # The collision the issue saw: both databases made export 1.
    assert my_export["id"] == their_export["id"] == 1
    my_file, their_file = _file_of(clean_app, 1), _file_of(other_installation, 1)
    assert my_file != their_file and my_file.parent == their_file.parent
    assert my_file.name.startswith("export-1-") and their_file.name.startswith("export-1-")
    (my_row,) = _downloaded(api, mine, 1)
    (their_row,) = _downloaded(other_api, theirs, 1)
    assert (my_row["lot_name"], my_row["vehicle_number"]) == ("Central", "KA01MINE01")
    assert (their_row["lot_name"], their_row["vehicle_number"]) == ("Harbour", "KA02THEIRS")

    # Each mail leads to its own installation's page for export 1, which downloads the above.
    assert _mail_link(mailbox, mine) == "http://parking.test/reservations/history?export=1"
    assert _mail_link(mailbox, theirs) == f"{OTHER_URL}/reservations/history?export=1"

    # The other installation's clean-up, with every export past retention, takes only its own.
    with other_installation.app_context():
        other_installation.config["EXPORT_RETENTION_DAYS"] = 0
        assert service.delete_old() == 1
    assert not their_file.exists()
    assert my_file.exists()
    assert _downloaded(api, mine, 1) == [my_row]
