"""Property-based fuzzing of the whole API from the OpenAPI document the server publishes.

Schemathesis generates valid and invalid requests for every operation of the document and
sends them over real HTTP to the live `parking serve` process, once signed in as a driver and
once as the admin. Every answer must be a documented status code with a body that matches its
documented schema, and no answer may be a server error.

The document is built from the app at collection time (pytest needs one test per operation
before any server runs); `test_the_server_publishes_the_document_being_fuzzed` proves it is the
very document the live server publishes.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from parking import create_app
from parking.config import TestSettings
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.helpers import lot_body

# Examples per operation and caller; FUZZ_EXAMPLES=200 for a deeper run (100: about 3 minutes).
MAX_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
# Whether the document states every input rule exactly (a blank name, a price of 0) is not what
# this test is about; every answer, to valid and invalid input alike, is still checked.
INPUT_PRECISION_CHECKS = [positive_data_acceptance, negative_data_rejection]

# Building the app connects to nothing, so its document is available before any server runs.
_SPEC = create_app(TestSettings(DATABASE_URL="sqlite://", SECRET_KEY="spec-only-" * 4)).spec

schema = schemathesis.openapi.from_dict(_SPEC)
schema.config.generation.update(
    max_examples=MAX_EXAMPLES,
    # The caller's token is sent with every request; generating Authorization headers would
    # only be overwritten by it. Unknown query parameters are ignored, which the contract allows.
    with_security_parameters=False,
    allow_extra_parameters=False,
)
# Signing out would revoke the token every other call is made with.
schema = schema.exclude(method="POST", path="/api/auth/logout")
# An event stream stays open by design; tests/test_events.py covers its answers.
schema = schema.exclude(method="GET", path="/api/events")

# Ids of the objects the running test made ({"lot_id": ..., "reservation_id": ...}).
EXISTING: dict[str, int] = {}


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Half the time, name an object that exists, so success answers get checked too."""
    existing = {name: EXISTING[name] for name in path_parameters or {} if name in EXISTING}
    return st.sampled_from([path_parameters, {**(path_parameters or {}), **existing}])


@pytest.fixture(params=["driver", "admin"])
def token(request, live):
    """The caller's access token; a lot and the driver's reservation in it exist."""
    admin = live.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    lot = live.request("POST", "/api/lots", admin, json=lot_body(total_spots=3))
    assert lot.status_code == 201, lot.text
    driver = live.new_driver()
    booking = {"lot_id": lot.json()["id"], "vehicle_number": "KA01FZ0001"}
    reservation = live.request("POST", "/api/reservations", driver, json=booking)
    assert reservation.status_code == 201, reservation.text
    EXISTING.update(lot_id=lot.json()["id"], reservation_id=reservation.json()["id"])
    yield admin if request.param == "admin" else driver
    EXISTING.clear()


def test_the_server_publishes_the_document_being_fuzzed(live):
    published = live.request("GET", "/api/openapi.json").json()
    published.pop("servers", None)  # the server names itself as it was reached
    assert published == _SPEC


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_answer_is_documented_and_no_input_breaks_the_server(case, live, token):
    case.call_and_validate(
        base_url=live.url,
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
        excluded_checks=INPUT_PRECISION_CHECKS,
    )


BIG = 10**20  # past any 64-bit integer
NUL = "\x00"  # PostgreSQL text cannot hold it
LOT_NAMED_WITH_NUL = lot_body(name=f"Lot{NUL}")
FOUND_BY_FUZZING = [
    # (who, method, path, JSON body, status): inputs that once answered 500 or an undocumented code
    ("driver", "GET", f"/api/lots/{BIG}", None, 404),
    ("admin", "DELETE", f"/api/lots/{2**31}", None, 404),
    ("driver", "POST", f"/api/reservations/{BIG}/cancel", None, 404),
    ("driver", "POST", "/api/reservations", {"lot_id": BIG, "vehicle_number": "KA01AB1234"}, 422),
    ("driver", "GET", f"/api/reservations?lot_id={BIG}", None, 422),
    ("admin", "GET", f"/api/admin/users?page={BIG}", None, 422),
    ("admin", "POST", "/api/lots", LOT_NAMED_WITH_NUL, 422),
    ("driver", "GET", "/api/lots?q=a%00b", None, 422),
    ("admin", "GET", "/api/admin/users?q=a%00b", None, 422),
    ("anonymous", "POST", "/api/auth/login", {"email": f"a{NUL}@x.io", "password": "x"}, 422),
    ("driver", "PATCH", "/api/auth/me", {"phone": f"98{NUL}"}, 422),
    ("driver", "PATCH", "/api/auth/me", {"gchat_webhook_url": f"https://a.b/{NUL}"}, 422),
    ("anonymous", "GET", "/api/auth/login", None, 405),
    ("anonymous", "PATCH", "/api/lots/-1", None, 404),
]


@pytest.mark.parametrize(
    ("who", "method", "path", "body", "status"),
    FOUND_BY_FUZZING,
    ids=[
        f"{method} {path[:40]} as {who} -> {status}"
        for who, method, path, _, status in FOUND_BY_FUZZING
    ],
)
def test_inputs_the_fuzzer_found_are_answered_cleanly(live, who, method, path, body, status):
    token = {
        "anonymous": lambda: None,
        "driver": lambda: live.new_driver(),
        "admin": lambda: live.login(ADMIN_EMAIL, ADMIN_PASSWORD),
    }[who]()

    response = live.request(method, path, token, json=body)

    assert response.status_code == status, response.text
    assert isinstance(response.json()["message"], str)
    if status == 405:  # only the methods the path really has, not the front end's GET
        assert "GET" not in response.headers["Allow"], response.headers["Allow"]
