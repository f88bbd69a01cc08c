"""Peak memory of the worker writing a big CSV export, against a 1,000-row one in the same run.

Fills a throwaway SQLite database (or DATABASE_URL, which must name an empty, throwaway one)
with --rows finished stays of one driver and 1,000 of another, starts `parking worker
--concurrency 1`, asks for the small export and then the big one through the export service,
and reads the peak resident memory (VmHWM in /proc/<pid>/status) of the worker's processes
after each. The rows stream to the file, so the big export should leave the peak where the
small one put it. Run with `make bench-export`; pytest never runs this.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa

SMALL_ROWS = 1000
INSERT_CHUNK = 10_000


def peak_kib(pid: int) -> int:
    """The peak resident set size of one process, in KiB (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmHWM for process {pid}")


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (the prefork pool's children run the tasks)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    found, pending = [], [pid]
    while pending:
        children = parents.get(pending.pop(), [])
        found += children
        pending += children
    return found


def peaks(worker_pid: int) -> dict[int, int]:
    return {pid: peak_kib(pid) for pid in [worker_pid, *descendants(worker_pid)]}


def fill(user_id: int, lot_id: int, spot_id: int, count: int, first_vehicle: int) -> None:
    """`count` finished stays of one driver, inserted in chunks (Core executemany)."""
    from parking.extensions import db
    from parking.reservations.models import Reservation

    start = datetime(2025, 1, 1, 8, 0, tzinfo=UTC)
    price = Decimal("40.00")
    table = Reservation.__table__
    for offset in range(0, count, INSERT_CHUNK):
        rows = []
        for n in range(offset, min(offset + INSERT_CHUNK, count)):
            reserved = start + timedelta(minutes=n)
            rows.append(
                {
                    "user_id": user_id,
                    "lot_id": lot_id,
                    "spot_id": spot_id,
                    "spot_number": 1,
                    "price_per_hour": price,
                    "vehicle_number": f"KA{first_vehicle + n:010d}",
                    "status": "completed",
                    "remarks": "=bench remark, with a comma" if n % 10 == 0 else None,
                    "reserved_at": reserved,
                    "parked_at": reserved + timedelta(minutes=5),
                    "left_at": reserved + timedelta(minutes=95),
                    "cancelled_at": None,
                    "duration_minutes": 90,
                    "cost": Decimal("80.00"),
                }
            )
        db.session.execute(sa.insert(table), rows)
        db.session.commit()


def export_and_wait(user, timeout: float) -> tuple[int, float, int]:
    """Queue an export for `user`, wait until the worker is done: (rows, seconds, bytes)."""
    from parking.exports import service
    from parking.exports.models import DONE, Export
    from parking.extensions import db

    started = time.perf_counter()
    export_id = service.create(user=user).id
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        export = db.session.get(Export, export_id)
        status, rows, error = export.status, export.row_count, export.error
        # Ended before sleeping: on SQLite an open transaction holds the write lock the
        # worker's progress updates need.
        db.session.rollback()
        if status == DONE:
            elapsed = time.perf_counter() - started
            size = service.get_file(user=user, export_id=export_id).stat().st_size
            db.session.rollback()
            return rows, elapsed, size
        if status == "failed":
            raise RuntimeError(f"export {export_id} failed: {error}")
        time.sleep(0.05)
    raise RuntimeError(f"export {export_id} not done within {timeout} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows in the big export")
    parser.add_argument("--timeout", type=float, default=600, help="seconds to wait per export")
    arguments = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="parking-export-bench-"))
    os.environ.update(
        {
            "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{work / 'bench.db'}"),
            "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
            "PARKING_VAR_DIR": str(work),
            # A queue of its own: no other worker on this Redis takes the bench's jobs.
            "CELERY_QUEUE": f"parking-bench-{uuid.uuid4().hex[:8]}",
            "SMTP_HOST": "",  # no mail goes out: the "export ready" e-mails are logged as failed
            "ADMIN_PASSWORD": "bench-admin-password",
        }
    )
    parking = str(Path(sys.executable).with_name("parking"))
    subprocess.run([parking, "init"], check=True, capture_output=True)

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from parking import create_app
    from parking.auth.models import User
    from parking.extensions import db
    from parking.lots.models import Lot, Spot

    app = create_app()
    with app.app_context():
        filled = time.perf_counter()
        lot = Lot(name="Bench Lot", address="1 Ring Road", pincode="560001", price_per_hour=40)
        db.session.add(lot)
        db.session.flush()
        spot = Spot(lot_id=lot.id, number=1)
        big, small = (
            User(email=f"{name}@bench.example", password_hash="x", full_name=name.title())
            for name in ("big", "small")
        )
        db.session.add_all([spot, big, small])
        db.session.commit()
        fill(big.id, lot.id, spot.id, arguments.rows, first_vehicle=0)
        fill(small.id, lot.id, spot.id, SMALL_ROWS, first_vehicle=arguments.rows)
        backend = db.engine.dialect.name
        seconds = time.perf_counter() - filled
        print(f"inserted {arguments.rows + SMALL_ROWS} reservations in {seconds:.1f} s ({backend})")

        log = (work / "worker.log").open("w")
        worker = subprocess.Popen(
            [parking, "worker", "--concurrency", "1"], stdout=log, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + 60
            while " ready." not in (work / "worker.log").read_text():
                if worker.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((work / "worker.log").read_text())
                time.sleep(0.2)
            at_start = peaks(worker.pid)
            small_rows, small_seconds, small_bytes = export_and_wait(small, arguments.timeout)
            after_small = peaks(worker.pid)
            big_rows, big_seconds, big_bytes = export_and_wait(big, arguments.timeout)
            after_big = peaks(worker.pid)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
            log.close()

    pool = [pid for pid in after_big if pid != worker.pid]
    print(f"worker: main process {worker.pid}, pool process(es) {pool}")
    print(
        f"{'export':>20} {'rows':>9} {'seconds':>8} {'rows/s':>9} {'MiB file':>9} "
        f"{'peak RSS MiB (pool)':>20} {'vs small':>9}"
    )
    small_peak = max(after_small[pid] for pid in pool)
    big_peak = max(after_big[pid] for pid in pool)
    for label, rows, seconds, size, peak in (
        ("small (baseline)", small_rows, small_seconds, small_bytes, small_peak),
        ("big", big_rows, big_seconds, big_bytes, big_peak),
    ):
        print(
            f"{label:>20} {rows:9d} {seconds:8.2f} {rows / seconds:9.0f} "
            f"{size / 2**20:9.1f} {peak / 1024:20.1f} {peak / small_peak:9.2f}"
        )
    idle = max(at_start.get(pid, 0) for pid in pool)
    print(
        f"pool process peak before any export: {idle / 1024:.1f} MiB; "
        f"main process peak: {after_big[worker.pid] / 1024:.1f} MiB"
    )
    print(f"work directory (database, files, worker.log): {work}")


if __name__ == "__main__":
    main()
