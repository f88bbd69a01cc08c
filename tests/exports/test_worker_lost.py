"""A job is not lost when the worker process running it dies: acks_late + reject_on_worker_lost."""

import os
import signal
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa

from parking.extensions import db
from parking.reservations.models import Reservation
from tests.helpers import wait_for

ROWS = 150_000


def pool_processes(worker_pid: int) -> list[int]:
    """The prefork pool's processes: they run the tasks, below the worker's main process."""
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == worker_pid:
                children.append(int(entry.name))
    return children


def insert_stays(app, *, user_id: int, lot_id: int, spot_id: int) -> None:
    start = datetime(2025, 1, 1, 8, 0, tzinfo=UTC)
    with app.app_context():
        for offset in range(0, ROWS, 10_000):
            db.session.execute(
                sa.insert(Reservation),
                [
                    {
                        "user_id": user_id,
                        "lot_id": lot_id,
                        "spot_id": spot_id,
                        "spot_number": 1,
                        "price_per_hour": Decimal("40.00"),
                        "vehicle_number": f"KA{n:08d}",
                        "status": "completed",
                        "reserved_at": start + timedelta(minutes=n),
                        "parked_at": start + timedelta(minutes=n),
                        "left_at": start + timedelta(minutes=n + 30),
                        "duration_minutes": 30,
                        "cost": Decimal("40.00"),
                    }
                    for n in range(offset, offset + 10_000)
                ],
            )
        db.session.commit()


def test_an_export_survives_the_death_of_the_process_running_it(
    clean_app, api, admin, driver, worker
):
    lot = api.create_lot(admin, total_spots=1)
    spot_id = api.get(f"/api/lots/{lot['id']}/spots", admin).get_json()[0]["id"]
    insert_stays(clean_app, user_id=driver.id, lot_id=lot["id"], spot_id=spot_id)

    export_id = api.post("/api/exports", driver).get_json()["id"]

    def running():
        status = api.get(f"/api/exports/{export_id}", driver).get_json()
        return status["status"] == "running" and status["row_count"] > 0

    wait_for(running, timeout=60, interval=0.02)
    for pid in pool_processes(worker.process.pid):
        os.kill(pid, signal.SIGKILL)  # the process running the export dies mid-file

    def finished():
        status = api.get(f"/api/exports/{export_id}", driver).get_json()
        return status if status["status"] in ("done", "failed") else None

    status = wait_for(finished, timeout=120)
    assert status["status"] == "done" and status["row_count"] == ROWS
    download = api.get(f"/api/exports/{export_id}/download", driver)
    assert download.status_code == 200
    assert len(download.get_data(as_text=True).splitlines()) == ROWS + 1
    assert worker.process.poll() is None  # the worker itself carried on
