"""Races through real HTTP: many requests reach the `parking serve` process at the same moment.

Every request waits at a barrier until all are ready, then all go out at once, so the server
really handles them side by side (16 threads) on the same database. The figures are printed
(run with -s to see them) and repeated in the assertion messages.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import requests

from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.helpers import LiveServer, lot_body

_unique = itertools.count(1)


def _drivers(live: LiveServer, count: int) -> list[str]:
    """`count` driver tokens; signing up runs a few at a time, as password hashing is slow."""
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(lambda _: live.new_driver(), range(count)))


def _lot(live: LiveServer, total_spots: int, advance_spots: int = 0) -> dict:
    admin = live.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    body = lot_body(total_spots=total_spots, advance_spots=advance_spots)
    response = live.request("POST", "/api/lots", admin, json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _all_at_once(live: LiveServer, requests_to_send: list[dict]) -> tuple[list, float]:
    """Send every request at the same moment; the responses in order and the seconds it took."""
    barrier = threading.Barrier(len(requests_to_send) + 1)

    def send(kwargs: dict) -> requests.Response:
        barrier.wait()
        return live.request(**kwargs)

    with ThreadPoolExecutor(max_workers=len(requests_to_send)) as pool:
        futures = [
            pool.submit(send, {**kwargs, "headers": dict(kwargs["headers"])})
            for kwargs in requests_to_send
        ]
        barrier.wait()  # every sender is ready: release them together
        started = time.perf_counter()
        responses = [future.result() for future in futures]
    return responses, time.perf_counter() - started


def _booking(lot_id: int, token: str, vehicle: str, window: dict | None = None, **headers) -> dict:
    return {
        "method": "POST",
        "path": "/api/reservations",
        "token": token,
        "json": {"lot_id": lot_id, "vehicle_number": vehicle} | (window or {}),
        "headers": headers,
    }


def _report(name: str, responses: list, elapsed: float) -> str:
    statuses = Counter(response.status_code for response in responses)
    figures = ", ".join(f"{count} x {status}" for status, count in sorted(statuses.items()))
    line = f"{name}: {len(responses)} requests at once -> {figures} in {elapsed:.2f} s"
    print(f"\n{line}")
    return line


def test_fifty_drivers_racing_for_five_spots_get_each_spot_once(live):
    lot = _lot(live, total_spots=5)
    tokens = _drivers(live, 50)
    bookings = [_booking(lot["id"], token, f"RACE{n:04d}") for n, token in enumerate(tokens)]

    responses, elapsed = _all_at_once(live, bookings)

    figures = _report("50 drivers, 5 spots", responses, elapsed)
    statuses = Counter(response.status_code for response in responses)
    assert not [s for s in statuses if s >= 500], figures
    assert statuses == {201: 5, 409: 45}, figures
    winners = [response.json() for response in responses if response.status_code == 201]
    assert sorted(w["spot_number"] for w in winners) == [1, 2, 3, 4, 5], figures
    for response in responses:
        if response.status_code == 409:
            assert response.json()["message"], figures
    admin = live.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    spots = live.request("GET", f"/api/lots/{lot['id']}/spots", admin).json()
    assert [spot["status"] for spot in spots] == ["reserved"] * 5
    assert {spot["reservation"]["id"] for spot in spots} == {w["id"] for w in winners}


def test_one_vehicle_booked_by_twenty_drivers_at_once_is_booked_once(live):
    lot = _lot(live, total_spots=40)
    tokens = _drivers(live, 20)
    bookings = [_booking(lot["id"], token, "KA01RACE99") for token in tokens]

    responses, elapsed = _all_at_once(live, bookings)

    figures = _report("20 drivers, one vehicle", responses, elapsed)
    statuses = Counter(response.status_code for response in responses)
    assert statuses == {201: 1, 409: 19}, figures
    refusals = [r.json()["message"] for r in responses if r.status_code == 409]
    assert all("vehicle" in message for message in refusals), refusals
    admin = live.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    spots = live.request("GET", f"/api/lots/{lot['id']}/spots", admin).json()
    taken = [spot for spot in spots if spot["status"] != "available"]
    assert [spot["reservation"]["vehicle_number"] for spot in taken] == ["KA01RACE99"], figures


def test_one_idempotency_key_sent_ten_times_at_once_books_once(live):
    lot = _lot(live, total_spots=10)
    [token] = _drivers(live, 1)
    key = f"retry-{time.monotonic_ns()}"
    bookings = [_booking(lot["id"], token, "KA09ID0001", **{"Idempotency-Key": key})] * 10

    responses, elapsed = _all_at_once(live, bookings)

    figures = _report("one driver, one Idempotency-Key", responses, elapsed)
    assert [response.status_code for response in responses] == [201] * 10, figures
    ids = {response.json()["id"] for response in responses}
    assert len(ids) == 1, f"{figures}; reservation ids {sorted(ids)}"
    mine = live.request("GET", "/api/reservations", token).json()
    assert mine["total"] == 1, f"{figures}; the driver holds {mine['total']} reservations"
    assert mine["items"][0]["id"] in ids


def test_twenty_drivers_racing_for_one_window_on_three_spots_never_overlap(live):
    """Window bookings are kept apart by the database (exclusion constraint or trigger), and
    the losers of a spot pick again: 3 bookings, one per advance spot, 17 refusals."""
    lot = _lot(live, total_spots=5, advance_spots=3)
    tokens = _drivers(live, 20)
    starts_at = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    window = {
        "starts_at": starts_at.isoformat(),
        "ends_at": (starts_at + timedelta(hours=2)).isoformat(),
    }
    bookings = [_booking(lot["id"], token, f"WIN{n:04d}", window) for n, token in enumerate(tokens)]

    responses, elapsed = _all_at_once(live, bookings)

    figures = _report("20 drivers, one window, 3 advance spots", responses, elapsed)
    statuses = Counter(response.status_code for response in responses)
    assert statuses == {201: 3, 409: 17}, figures
    winners = [response.json() for response in responses if response.status_code == 201]
    assert sorted(w["spot_number"] for w in winners) == [3, 4, 5], figures
    admin = live.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    spots = live.request("GET", f"/api/lots/{lot['id']}/spots", admin).json()
    booked = {spot["next_booking"]["id"] for spot in spots if spot["next_booking"]}
    assert booked == {w["id"] for w in winners}, figures
    query = {"starts_at": window["starts_at"], "ends_at": window["ends_at"]}
    listed = live.request("GET", "/api/lots", admin, params=query).json()
    assert [item["available_for_window"] for item in listed if item["id"] == lot["id"]] == [0]
