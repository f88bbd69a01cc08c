"""Scale-out, as an operator who outgrows one machine runs it: two `parking serve` processes on
different ports and two workers, all on one PostgreSQL and one Redis.

Nothing one process needs lives in another's memory: bookings race across both servers, a
change made through one shows through the other at once, and an export queued through one is
run by whichever worker takes it and downloaded through the other (a shared EXPORT_DIR).
"""

from __future__ import annotations

import csv
import io
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.helpers import LiveServer, LiveWorker, lot_body, wait_for
from tests.test_race import _booking, _report


@pytest.fixture(scope="module")
def site(app, settings, live_worker, tmp_path_factory):
    """Two servers and two workers (the session's worker and one more) on one database."""
    if sa.make_url(settings.DATABASE_URL).get_backend_name() != "postgresql":
        pytest.skip(reason="scale-out is run as operators run it: on one PostgreSQL")
    servers = [LiveServer(settings, Path(tmp_path_factory.mktemp(f"server{n}"))) for n in (1, 2)]
    second_worker = LiveWorker(settings, Path(tmp_path_factory.mktemp("worker2")))
    yield servers
    second_worker.stop()
    for server in servers:
        server.stop()


def test_fifty_drivers_racing_through_two_servers_get_each_spot_once(site, clean_app):
    first, second = site
    admin = first.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    lot = first.request("POST", "/api/lots", admin, json=lot_body(total_spots=5)).json()
    with ThreadPoolExecutor(max_workers=8) as pool:
        tokens = list(pool.map(lambda n: site[n % 2].new_driver(), range(50)))
    barrier = threading.Barrier(51)

    def book(n: int):
        barrier.wait()
        return site[n % 2].request(**_booking(lot["id"], tokens[n], f"SCALE{n:04d}"))

    with ThreadPoolExecutor(max_workers=50) as pool:
        futures = [pool.submit(book, n) for n in range(50)]
        barrier.wait()
        responses = [future.result() for future in futures]

    figures = _report("50 drivers through 2 servers, 5 spots", responses, 0.0)
    assert Counter(r.status_code for r in responses) == {201: 5, 409: 45}, figures
    winners = [r.json() for r in responses if r.status_code == 201]
    assert sorted(w["spot_number"] for w in winners) == [1, 2, 3, 4, 5], figures
    # Both servers saw the same five bookings, at once.
    for server in site:
        spots = server.request("GET", f"/api/lots/{lot['id']}/spots", admin).json()
        assert [spot["status"] for spot in spots] == ["reserved"] * 5
        listed = server.request("GET", f"/api/lots/{lot['id']}", tokens[0]).json()
        assert listed["available_spots"] == 0


def test_a_login_made_on_one_server_is_good_on_the_other_until_logout(site, clean_app):
    first, second = site
    token = first.new_driver()
    assert second.request("GET", "/api/auth/me", token).status_code == 200
    assert second.request("POST", "/api/auth/logout", token).status_code == 204
    assert first.request("GET", "/api/auth/me", token).status_code == 401


def test_an_export_queued_on_one_server_downloads_from_the_other(site, clean_app):
    first, second = site
    admin = first.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    lot = first.request("POST", "/api/lots", admin, json=lot_body(total_spots=4)).json()
    token = first.new_driver()
    for n in range(3):
        booked = second.request(**_booking(lot["id"], token, f"EXPORT{n}"))
        first.request("POST", f"/api/reservations/{booked.json()['id']}/cancel", token)
    exports = [first.request("POST", "/api/exports", token).json() for _ in range(2)]

    def done():
        states = [second.request("GET", f"/api/exports/{e['id']}", token).json() for e in exports]
        return all(state["status"] == "done" for state in states) and states

    for state in wait_for(done, timeout=60):
        download = second.request("GET", f"/api/exports/{state['id']}/download", token)
        assert download.status_code == 200
        rows = list(csv.DictReader(io.StringIO(download.text)))
        assert sorted(row["vehicle_number"] for row in rows) == ["EXPORT0", "EXPORT1", "EXPORT2"]
