"""The database itself keeps window bookings apart: on PostgreSQL an exclusion constraint, on
SQLite triggers. Rows written behind the application's back are refused just the same."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from parking.extensions import db
from parking.reservations.models import (
    ADVANCE,
    CANCELLED,
    OCCUPIED,
    RESERVED,
    Lot,
    Reservation,
    Spot,
)

START = datetime(2026, 12, 3, 3, 30, tzinfo=UTC)


@pytest.fixture
def spots(app_context, driver):
    lot = Lot(
        name="Constraint Lot",
        address="1 Test Road",
        pincode="560001",
        price_per_hour=Decimal("40.00"),
        advance_spots=2,
    )
    db.session.add(lot)
    db.session.flush()
    pair = [Spot(lot_id=lot.id, number=n, kind=ADVANCE) for n in (1, 2)]
    db.session.add_all(pair)
    db.session.commit()
    return pair


def window(
    spot: Spot, user_id: int, hours: tuple[float, float], vehicle="KA01AB1234", status=RESERVED
):
    return Reservation(
        user_id=user_id,
        lot_id=spot.lot_id,
        spot_id=spot.id,
        spot_number=spot.number,
        price_per_hour=Decimal("40.00"),
        vehicle_number=vehicle,
        status=status,
        starts_at=START + timedelta(hours=hours[0]),
        ends_at=START + timedelta(hours=hours[1]),
        quoted_cost=Decimal("40.00"),
    )


def insert(reservation: Reservation) -> None:
    db.session.add(reservation)
    try:
        db.session.commit()
    except sa.exc.IntegrityError:
        db.session.rollback()
        raise


def test_overlapping_windows_on_a_spot_are_refused(spots, driver):
    first, _ = spots
    insert(window(first, driver.id, (0, 2), "KA01AA0001"))
    with pytest.raises(sa.exc.IntegrityError):
        insert(window(first, driver.id, (1.5, 3), "KA01AA0002"))
    with pytest.raises(sa.exc.IntegrityError):
        insert(window(first, driver.id, (-1, 0.01), "KA01AA0003", status=OCCUPIED))
    # Back to back is not an overlap: windows are half-open.
    insert(window(first, driver.id, (2, 3), "KA01AA0004"))
    insert(window(first, driver.id, (-1, 0), "KA01AA0005"))
    # Cancelled and completed bookings hold nothing.
    insert(window(first, driver.id, (0.5, 1), "KA01AA0006", status=CANCELLED))


def test_a_vehicles_overlapping_windows_are_refused_even_on_other_spots(spots, driver):
    first, second = spots
    insert(window(first, driver.id, (0, 2)))
    with pytest.raises(sa.exc.IntegrityError):
        insert(window(second, driver.id, (1, 3)))
    insert(window(second, driver.id, (2, 3)))


def test_an_update_into_an_overlap_is_refused(spots, driver):
    first, _ = spots
    insert(window(first, driver.id, (0, 2), "KA01AA0001"))
    cancelled = window(first, driver.id, (1, 3), "KA01AA0002", status=CANCELLED)
    insert(cancelled)
    cancelled.status = RESERVED
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()
    later = db.session.get(Reservation, cancelled.id)
    later.starts_at, later.ends_at = START + timedelta(hours=2), START + timedelta(hours=3)
    later.status = RESERVED
    db.session.commit()


def test_a_vehicle_is_parked_once_and_a_window_is_whole(spots, driver):
    first, second = spots
    insert(window(first, driver.id, (0, 1), status=OCCUPIED))
    with pytest.raises(sa.exc.IntegrityError):
        insert(window(second, driver.id, (3, 4), status=OCCUPIED))
    half = window(second, driver.id, (5, 6), "KA01AA0009")
    half.ends_at = None
    with pytest.raises(sa.exc.IntegrityError):
        insert(half)
    backwards = window(second, driver.id, (7, 6), "KA01AA0010")
    with pytest.raises(sa.exc.IntegrityError):
        insert(backwards)
