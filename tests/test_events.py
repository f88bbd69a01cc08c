"""Live events (`GET /api/events`) through real `parking serve` processes and a real Redis."""

from __future__ import annotations

import json
import queue
import threading
from pathlib import Path

import pytest
import requests

from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.helpers import LiveServer, lot_body


@pytest.fixture(scope="module")
def other_server(live_server, settings, tmp_path_factory):
    """A second `parking serve` on the same database and Redis, as a second machine would be."""
    server = LiveServer(settings, Path(tmp_path_factory.mktemp("server-b")))
    yield server
    server.stop()


class Stream:
    """An open event stream, read line by line in a thread."""

    def __init__(self, server: LiveServer, token: str):
        self.response = requests.get(
            f"{server.url}/api/events",
            headers={"Authorization": f"Bearer {token}"},
            stream=True,
            timeout=30,
        )
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            for line in self.response.iter_lines(decode_unicode=True):
                self.lines.put(line)
        except (requests.RequestException, AttributeError):
            pass  # the test closed the response under the reader

    def next_event(self, timeout: float = 20) -> dict:
        """The next `data:` payload (heartbeat comments and the retry hint skipped)."""
        while True:
            line = self.lines.get(timeout=timeout)
            if line.startswith("data:"):
                return json.loads(line.removeprefix("data:"))

    def close(self) -> None:
        self.response.close()


def test_a_stream_on_one_server_gets_a_booking_made_through_another(live, other_server):
    admin = live.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    lot = live.request("POST", "/api/lots", admin, json=lot_body(total_spots=2)).json()
    driver = live.new_driver()
    stream = Stream(other_server, admin)
    try:
        assert stream.response.status_code == 200
        assert stream.response.headers["Content-Type"].startswith("text/event-stream")
        assert stream.lines.get(timeout=10).startswith("retry:")

        booking = {"lot_id": lot["id"], "vehicle_number": "KA01EV0001"}
        assert live.request("POST", "/api/reservations", driver, json=booking).status_code == 201

        assert stream.next_event() == {"type": "lot", "lot_id": lot["id"]}
    finally:
        stream.close()


def test_drivers_receive_the_same_events(live, other_server):
    admin = live.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    driver = live.new_driver()
    stream = Stream(other_server, driver)
    try:
        assert stream.response.status_code == 200
        lot = live.request("POST", "/api/lots", admin, json=lot_body()).json()
        assert stream.next_event() == {"type": "lot", "lot_id": lot["id"]}
    finally:
        stream.close()


def test_no_token_is_a_401_with_a_message(other_server):
    response = requests.get(f"{other_server.url}/api/events", timeout=10)
    assert response.status_code == 401
    assert isinstance(response.json()["message"], str)


def test_a_revoked_token_is_a_401(live, other_server):
    token = live.new_driver()
    assert live.request("POST", "/api/auth/logout", token).status_code == 204

    response = other_server.request("GET", "/api/events", token)

    assert response.status_code == 401
    assert isinstance(response.json()["message"], str)


def test_redis_unreachable_is_a_503_at_once_while_the_api_serves(server_without_redis):
    token = server_without_redis.new_driver()

    response = server_without_redis.request("GET", "/api/events", token)

    assert response.status_code == 503
    assert "Redis" in response.json()["message"]
    assert server_without_redis.request("GET", "/api/lots", token).status_code == 200


def test_the_stream_is_in_the_openapi_document(api):
    operation = api.get("/api/openapi.json").get_json()["paths"]["/api/events"]["get"]
    assert {"200", "401", "503"} <= set(operation["responses"])
    assert "text/event-stream" in operation["responses"]["200"]["content"]
