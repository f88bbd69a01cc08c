"""A month of parking to report on, made through the public API on the October 2026 clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
import time_machine

from parking.auth.models import User
from parking.extensions import db
from tests.helpers import Actor

# 10:00 on 12 October 2026 in Asia/Kolkata (UTC+5:30), the app's default time zone.
OCTOBER_12 = datetime(2026, 10, 12, 4, 30, tzinfo=UTC)


@dataclass
class Month:
    central: dict
    harbour: dict
    zoe: Actor
    raj: Actor
    stays: list[dict]  # the released reservations, as the API answered them
    cancelled: dict


@pytest.fixture
def october(api, admin) -> Month:
    """Two lots and two drivers who registered in October 2026: Zoë parks at Central from 10:00
    for 61 min (100.00), Raj at Central from 11:01 for 30 min (50.00), Zoë at Harbour from 11:31
    for 125 min (90.00); then Raj books Harbour and cancels."""
    with time_machine.travel(OCTOBER_12, tick=False) as traveller:
        admin = api.relogin(admin)
        central = api.create_lot(
            admin,
            name="Central",
            address="1 MG Road, Bengaluru",
            pincode="560001",
            price_per_hour="50.00",
            total_spots=2,
        )
        harbour = api.create_lot(admin, name="Harbour", price_per_hour="30.00", total_spots=1)
        zoe = api.new_driver(full_name="Zoë Ærøskøbing")
        raj = api.new_driver(full_name="Raj Patel")
        first, zoe = api.stay(zoe, central["id"], traveller, 61)
        second, raj = api.stay(api.relogin(raj), central["id"], traveller, 30)
        third, zoe = api.stay(zoe, harbour["id"], traveller, 125)
        raj = api.relogin(raj)
        booked = api.booked(raj, harbour["id"])
        response = api.post(f"/api/reservations/{booked['id']}/cancel", raj)
        assert response.status_code == 200, response.get_json()
    return Month(central, harbour, zoe, raj, [first, second, third], response.get_json())


def user_of(actor: Actor) -> User:
    """The account behind `actor`, for the report functions (inside an app context)."""
    return db.session.get(User, actor.id)
