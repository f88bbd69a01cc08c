"""Who may call what: every endpoint of the contract, asked by each kind of caller.

Each row is one endpoint and the status API.md gives to an anonymous caller, the driver who
owns the object, another driver and the admin. Every case starts from fresh objects (a lot,
a reserved or an occupied reservation owned by `driver`), so no case depends on another.
A refused call must also leave its object exactly as it was.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from parking.exports.models import Export
from parking.extensions import db
from tests.helpers import Actor, Api, lot_body

ANONYMOUS = "anonymous"
DRIVER = "driver"
OTHER_DRIVER = "another driver"
ADMIN = "admin"
ROLES = (ANONYMOUS, DRIVER, OTHER_DRIVER, ADMIN)

_unique = itertools.count(1)


class World:
    """The callers of one case and the objects they act on, made only when a case needs them."""

    def __init__(self, api: Api, request: pytest.FixtureRequest):
        self.api = api
        self.app = request.getfixturevalue("clean_app")
        self._request = request
        self.subject_id: int | None = None

    @property
    def owner(self) -> Actor:
        return self._request.getfixturevalue("driver")

    @property
    def admin(self) -> Actor:
        return self._request.getfixturevalue("admin")

    def actor(self, role: str) -> Actor | None:
        fixture = {DRIVER: "driver", OTHER_DRIVER: "other_driver", ADMIN: "admin"}.get(role)
        return self._request.getfixturevalue(fixture) if fixture else None

    def lot(self) -> dict:
        return self.api.create_lot(self.admin)

    def reservation(self, *, parked: bool) -> dict:
        reservation = self.api.booked(self.owner, self.lot()["id"])
        if parked:
            response = self.api.post(f"/api/reservations/{reservation['id']}/park", self.owner)
            assert response.status_code == 200, response.get_json()
            reservation = response.get_json()
        return reservation


def _lot(world: World) -> int:
    return world.lot()["id"]


def _reserved(world: World) -> int:
    return world.reservation(parked=False)["id"]


def _occupied(world: World) -> int:
    return world.reservation(parked=True)["id"]


def _completed(world: World) -> int:
    reservation_id = world.reservation(parked=True)["id"]
    response = world.api.post(f"/api/reservations/{reservation_id}/release", world.owner)
    assert response.status_code == 200, response.get_json()
    return reservation_id


def _export(world: World) -> int:
    """A driver's export that stays queued: made without a job, so no worker can finish it.

    Its id is far above the ones the app hands out, so no job queued by another test names it.
    """
    export_id = 2_000_000_000 + next(_unique)
    with world.app.app_context():
        db.session.add(Export(id=export_id, user_id=world.owner.id))
        db.session.commit()
    return export_id


def _registration(world: World, role: str) -> dict:
    n = next(_unique)
    return {"email": f"newcomer{n}@example.com", "password": "long-enough", "full_name": "New"}


def _credentials(world: World, role: str) -> dict:
    """The caller's own e-mail and password; anonymous signs in with the owner's."""
    account = world.actor(role) or world.owner
    return {"email": account.email, "password": account.password}


def _booking(world: World, role: str) -> dict:
    return {"lot_id": world.subject_id, "vehicle_number": f"KA05MX{next(_unique):04d}"}


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # "{id}" is replaced by the subject's id
    statuses: dict[str, int]
    subject: Callable[[World], int] | None = None  # makes the object "{id}" names
    body: Callable[[World, str], dict] | None = None
    # Where the admin reads the subject back, to prove a refused call changed nothing.
    readback: str | None = None


def expect(anonymous: int, driver: int, other_driver: int, admin: int) -> dict[str, int]:
    return {ANONYMOUS: anonymous, DRIVER: driver, OTHER_DRIVER: other_driver, ADMIN: admin}


EVERYONE_200 = expect(200, 200, 200, 200)
SIGNED_IN_200 = expect(401, 200, 200, 200)
ADMIN_ONLY_200 = expect(401, 403, 403, 200)
DRIVERS_ONLY_200 = expect(401, 200, 200, 403)

LOT = "/api/lots/{id}"
RESERVATION = "/api/reservations/{id}"

ENDPOINTS = [
    # Auth
    Endpoint("POST", "/api/auth/register", expect(201, 201, 201, 201), body=_registration),
    Endpoint("POST", "/api/auth/login", EVERYONE_200, body=_credentials),
    Endpoint("POST", "/api/auth/logout", expect(401, 204, 204, 204)),
    Endpoint("GET", "/api/auth/me", SIGNED_IN_200),
    Endpoint(
        "PATCH", "/api/auth/me", SIGNED_IN_200, body=lambda world, role: {"full_name": "Renamed"}
    ),
    # Lots and spots
    Endpoint("GET", "/api/lots", SIGNED_IN_200),
    Endpoint("GET", LOT, SIGNED_IN_200, subject=_lot),
    Endpoint("POST", "/api/lots", expect(401, 403, 403, 201), body=lambda world, role: lot_body()),
    Endpoint(
        "PATCH",
        LOT,
        ADMIN_ONLY_200,
        subject=_lot,
        body=lambda world, role: {"name": "Renamed lot", "total_spots": 7},
        readback=LOT,
    ),
    Endpoint("DELETE", LOT, expect(401, 403, 403, 204), subject=_lot, readback=LOT),
    Endpoint("GET", LOT + "/spots", ADMIN_ONLY_200, subject=_lot),
    # Reservations: the owner is `driver`; another driver must not even learn they exist.
    Endpoint("POST", "/api/reservations", expect(401, 201, 201, 403), subject=_lot, body=_booking),
    Endpoint("GET", "/api/reservations", SIGNED_IN_200),
    Endpoint("GET", RESERVATION, expect(401, 200, 404, 200), subject=_reserved),
    Endpoint(
        "POST",
        RESERVATION + "/park",
        expect(401, 200, 404, 403),
        subject=_reserved,
        readback=RESERVATION,
    ),
    Endpoint(
        "POST",
        RESERVATION + "/release",
        expect(401, 200, 404, 200),
        subject=_occupied,
        readback=RESERVATION,
    ),
    Endpoint(
        "POST",
        RESERVATION + "/cancel",
        expect(401, 200, 404, 200),
        subject=_reserved,
        readback=RESERVATION,
    ),
    Endpoint("GET", RESERVATION + "/receipt", expect(401, 200, 404, 200), subject=_completed),
    # Summaries and the user list
    Endpoint("GET", "/api/me/summary", DRIVERS_ONLY_200),
    Endpoint("GET", "/api/admin/summary", ADMIN_ONLY_200),
    Endpoint("GET", "/api/admin/users", ADMIN_ONLY_200),
    # Exports: only the requester (`driver`) sees an export, whatever the other's role.
    Endpoint("POST", "/api/exports", expect(401, 202, 202, 202)),
    Endpoint("GET", "/api/exports/{id}", expect(401, 200, 404, 404), subject=_export),
    Endpoint("GET", "/api/exports/{id}/download", expect(401, 409, 404, 404), subject=_export),
    # Jobs and notifications
    Endpoint("POST", "/api/admin/jobs/daily-reminders", expect(401, 403, 403, 202)),
    Endpoint("POST", "/api/admin/jobs/monthly-report", expect(401, 403, 403, 202)),
    Endpoint("GET", "/api/admin/notifications", ADMIN_ONLY_200),
    # Operations
    Endpoint("GET", "/api/health", EVERYONE_200),
    Endpoint("GET", "/api/openapi.json", EVERYONE_200),
    Endpoint("GET", "/api/docs", EVERYONE_200),
]

CASES = [
    pytest.param(
        endpoint,
        role,
        endpoint.statuses[role],
        id=f"{endpoint.method} {endpoint.path} as {role} -> {endpoint.statuses[role]}",
    )
    for endpoint in ENDPOINTS
    for role in ROLES
]


@pytest.mark.parametrize(("endpoint", "role", "status"), CASES)
def test_each_caller_gets_the_status_the_contract_gives(api, request, endpoint, role, status):
    world = World(api, request)
    if endpoint.subject is not None:
        world.subject_id = endpoint.subject(world)
    path = endpoint.path.replace("{id}", str(world.subject_id))
    readback = endpoint.readback and endpoint.readback.replace("{id}", str(world.subject_id))
    before = api.get(readback, world.admin).get_json() if readback else None
    kwargs = {"json": endpoint.body(world, role)} if endpoint.body else {}

    response = api.request(endpoint.method, path, world.actor(role), **kwargs)

    assert response.status_code == status, response.get_data(as_text=True)[:500]
    if status >= 400:
        body = response.get_json()
        assert isinstance(body, dict) and isinstance(body.get("message"), str), body
        if readback:
            assert api.get(readback, world.admin).get_json() == before, "a refused call changed it"
