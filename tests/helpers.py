"""Test helpers that act through the public API, as a client would."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import requests

from parking.local_redis import free_port

DRIVER_PASSWORD = "driver-password-1"
_sequence = itertools.count(1)


@dataclass
class Actor:
    """A signed-in account: its user record and the headers that authenticate it."""

    user: dict
    token: str
    password: str

    @property
    def id(self) -> int:
        return self.user["id"]

    @property
    def email(self) -> str:
        return self.user["email"]

    @property
    def headers(self) -> dict:
        return {"Authorization": f"Bearer {self.token}"}


def lot_body(**overrides) -> dict:
    n = next(_sequence)
    body = {
        "name": f"Lot {n}",
        "address": f"{n} MG Road, Bengaluru",
        "pincode": "560001",
        "price_per_hour": "50.00",
        "total_spots": 5,
    }
    return body | overrides


class Api:
    """The Flask test client with shortcuts for the calls most tests start with."""

    def __init__(self, client, *, admin_email: str, admin_password: str):
        self.client = client
        self.admin_email = admin_email
        self.admin_password = admin_password

    def request(self, method: str, path: str, actor: Actor | None = None, **kwargs):
        headers = {**(actor.headers if actor else {}), **kwargs.pop("headers", {})}
        return self.client.open(path, method=method, headers=headers, **kwargs)

    def get(self, path, actor=None, **kwargs):
        return self.request("GET", path, actor, **kwargs)

    def post(self, path, actor=None, **kwargs):
        return self.request("POST", path, actor, **kwargs)

    def patch(self, path, actor=None, **kwargs):
        return self.request("PATCH", path, actor, **kwargs)

    def delete(self, path, actor=None, **kwargs):
        return self.request("DELETE", path, actor, **kwargs)

    def login(self, email: str, password: str) -> Actor:
        response = self.post("/api/auth/login", json={"email": email, "password": password})
        assert response.status_code == 200, response.get_json()
        body = response.get_json()
        return Actor(user=body["user"], token=body["access_token"], password=password)

    def admin(self) -> Actor:
        return self.login(self.admin_email, self.admin_password)

    def new_driver(self, **overrides) -> Actor:
        n = next(_sequence)
        body = {
            "email": f"driver{n}-{time.monotonic_ns()}@example.com",
            "password": DRIVER_PASSWORD,
            "full_name": f"Driver {n}",
        } | overrides
        response = self.post("/api/auth/register", json=body)
        assert response.status_code == 201, response.get_json()
        return self.login(body["email"], body["password"])

    def create_lot(self, admin: Actor, **overrides) -> dict:
        response = self.post("/api/lots", admin, json=lot_body(**overrides))
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    def book(self, driver: Actor, lot_id: int, vehicle_number: str | None = None, **kwargs):
        vehicle = vehicle_number or f"KA01AB{next(_sequence):04d}"
        return self.post(
            "/api/reservations",
            driver,
            json={"lot_id": lot_id, "vehicle_number": vehicle},
            **kwargs,
        )

    def relogin(self, actor: Actor) -> Actor:
        """A fresh token for `actor`: travel past a token's lifetime expires it, as it should."""
        return self.login(actor.email, actor.password)

    def stay(self, driver: Actor, lot_id: int, traveller, minutes: int) -> tuple[dict, Actor]:
        """Book, park, let `minutes` pass (time-machine), release; the released reservation and
        the driver with a fresh token."""
        reservation = self.booked(driver, lot_id)
        response = self.post(f"/api/reservations/{reservation['id']}/park", driver)
        assert response.status_code == 200, response.get_json()
        traveller.shift(timedelta(minutes=minutes))
        driver = self.relogin(driver)
        response = self.post(f"/api/reservations/{reservation['id']}/release", driver)
        assert response.status_code == 200, response.get_json()
        return response.get_json(), driver

    def booked(self, driver: Actor, lot_id: int, vehicle_number: str | None = None) -> dict:
        response = self.book(driver, lot_id, vehicle_number)
        assert response.status_code == 201, response.get_json()
        return response.get_json()


PARKING = str(Path(sys.executable).with_name("parking"))
_ENV_NAMES = {"VAR_DIR": "PARKING_VAR_DIR", "CA_BUNDLE": "SSL_CERT_FILE"}


def env_for(settings) -> dict[str, str]:
    """The environment that gives a `parking` process the same settings as `settings`."""
    env = {}
    for name, value in vars(settings).items():
        if not name.isupper() or value is None:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, list):
            value = ",".join(value)
        env[_ENV_NAMES.get(name, name)] = str(value)
    return os.environ | env


class LiveServer:
    """`parking serve` as a separate process, reached over real HTTP."""

    def __init__(self, settings, work_dir: Path, threads: int = 16, app_path: str | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = (work_dir / "server.log").open("w")
        other_app = ["--app", app_path] if app_path else []
        self.process = subprocess.Popen(
            [PARKING, "serve", "--port", str(self.port), "--threads", str(threads), *other_app],
            env=env_for(settings),
            cwd=work_dir,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_up()

    def _wait_until_up(self) -> None:
        # Each worker process imports the app afresh: slow when the machine is busy.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"parking serve exited; see {self.log.name}")
            try:
                if requests.get(f"{self.url}/api/health", timeout=1).status_code == 200:
                    return
            except requests.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError("parking serve did not answer within 60 s")

    def request(self, method: str, path: str, token: str | None = None, **kwargs):
        headers = kwargs.pop("headers", {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return requests.request(method, self.url + path, headers=headers, timeout=60, **kwargs)

    def login(self, email: str, password: str) -> str:
        response = self.request(
            "POST", "/api/auth/login", json={"email": email, "password": password}
        )
        assert response.status_code == 200, response.text
        return response.json()["access_token"]

    def new_driver(self) -> str:
        """A new driver, registered and signed in over HTTP; returns the access token."""
        email = f"driver{next(_sequence)}-{time.monotonic_ns()}@example.com"
        body = {"email": email, "password": DRIVER_PASSWORD, "full_name": "Live Driver"}
        response = self.request("POST", "/api/auth/register", json=body)
        assert response.status_code == 201, response.text
        return self.login(email, DRIVER_PASSWORD)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class LiveWorker:
    """`parking worker` as a separate process: a real Celery worker on the test Redis."""

    def __init__(self, settings, work_dir: Path):
        self.log_path = work_dir / "worker.log"
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [PARKING, "worker", "--concurrency", "1"],
            env=env_for(settings),
            cwd=work_dir,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while " ready." not in self.log_path.read_text():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"parking worker did not start:\n{self.log_path.read_text()}")
            time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def wait_for(predicate, timeout: float = 30, interval: float = 0.2):
    """Poll until `predicate()` returns something truthy; return it (or fail after `timeout`)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s")
