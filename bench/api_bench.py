"""API throughput, as ratios against GET /api/health measured in the same run.

Starts `parking serve` on a throwaway SQLite database (or DATABASE_URL) and the Redis at
REDIS_URL (default 127.0.0.1:6379), then times each scenario with a few concurrent clients.
Run with `make bench`; pytest never runs this.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.helpers import LiveServer  # noqa: E402

CLIENTS = 4
REQUESTS = 400


def timed(label: str, call, count: int = REQUESTS) -> float:
    """Requests per second for `count` calls spread over CLIENTS threads."""
    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        statuses = list(pool.map(lambda n: call(n), range(count)))
    elapsed = time.perf_counter() - started
    bad = [s for s in statuses if s >= 500]
    assert not bad, f"{label}: {len(bad)} server errors"
    return count / elapsed


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="parking-bench-"))
    database = os.environ.get("DATABASE_URL", f"sqlite:///{work / 'bench.db'}")
    env = {"DATABASE_URL": database, "PARKING_VAR_DIR": str(work), "ADMIN_PASSWORD": "bench-admin"}
    os.environ.update(env)
    import subprocess

    parking = str(Path(sys.executable).with_name("parking"))
    subprocess.run([parking, "init"], check=True, capture_output=True)
    settings = SimpleNamespace(
        DATABASE_URL=database,
        REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        SECRET_KEY="bench-secret-key-that-is-long-enough-for-hs256",
        RATELIMIT_KEY_PREFIX="parking-bench",
    )
    server = LiveServer(settings, work, threads=CLIENTS * 2)
    try:
        admin = server.login("admin@parking.local", "bench-admin")
        for n in range(20):
            server.request(
                "POST",
                "/api/lots",
                admin,
                json={
                    "name": f"Lot {n}",
                    "address": f"{n} Ring Road",
                    "pincode": "560001",
                    "price_per_hour": "40.00",
                    "total_spots": 200,
                },
            )
        lot_id = server.request("GET", "/api/lots", admin).json()[0]["id"]
        drivers = []
        for n in range(CLIENTS):
            email = f"bench{n}@example.com"
            body = {"email": email, "password": "bench-password", "full_name": f"Bench {n}"}
            server.request("POST", "/api/auth/register", json=body)
            drivers.append(server.login(email, "bench-password"))
        sessions = [requests.Session() for _ in range(CLIENTS)]

        def get(path, token=None):
            def call(n):
                headers = {"Authorization": f"Bearer {token}"} if token else {}
                return sessions[n % CLIENTS].get(server.url + path, headers=headers).status_code

            return call

        def book_and_cancel(n):
            token = drivers[n % CLIENTS]
            headers = {"Authorization": f"Bearer {token}"}
            session = sessions[n % CLIENTS]
            body = {"lot_id": lot_id, "vehicle_number": f"BENCH{n:05d}"}
            booked = session.post(server.url + "/api/reservations", json=body, headers=headers)
            if booked.status_code != 201:
                return booked.status_code
            path = f"/api/reservations/{booked.json()['id']}/cancel"
            return session.post(server.url + path, headers=headers).status_code

        runs = {
            "GET /api/health (baseline)": get("/api/health"),
            "GET /api/lots (20 lots)": get("/api/lots", drivers[0]),
            "GET /api/lots/{id}/spots (200 spots)": get(f"/api/lots/{lot_id}/spots", admin),
            "GET /api/admin/summary": get("/api/admin/summary", admin),
            "book + cancel": book_and_cancel,
        }
        results = {
            label: statistics.median(timed(label, call) for _ in range(3))
            for label, call in runs.items()
        }
        baseline = results["GET /api/health (baseline)"]
        print(f"{'scenario':40} {'req/s':>8} {'vs baseline':>12}")
        for label, rate in results.items():
            print(f"{label:40} {rate:8.0f} {rate / baseline:12.2f}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
