"""The advance-bookings migration on a database that already holds lots, spots and bookings:
everything stays, every spot is drive-up, and the new rules hold from then on."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from parking import MIGRATIONS_DIR, create_app
from parking.extensions import db
from tests.conftest import _postgres_database

BEFORE = "3c1f2a7d9e10"  # the read-path indexes, the last revision without windows
ADVANCE_BOOKINGS = "5b7e0c1d2a34"

_ROWS = [
    "INSERT INTO users (id, email, password_hash, full_name, role, created_at, "
    "email_notifications) VALUES (100, 'old@example.com', 'x', 'Old Driver', 'user', "
    "'2026-11-01 10:00:00', true)",
    "INSERT INTO lots (id, name, address, pincode, price_per_hour, created_at) "
    "VALUES (10, 'Old Lot', '1 Old Road', '560001', 40.00, '2026-11-01 10:00:00')",
    "INSERT INTO spots (id, lot_id, number) VALUES (1, 10, 1), (2, 10, 2)",
    "INSERT INTO reservations (id, user_id, lot_id, spot_id, spot_number, price_per_hour, "
    "vehicle_number, status, reserved_at, parked_at, left_at, duration_minutes, cost) VALUES "
    "(1, 100, 10, 1, 1, 40.00, 'KA01AB0001', 'completed', '2026-11-02 10:00:00', "
    "'2026-11-02 10:05:00', '2026-11-02 12:00:00', 115, 80.00), "
    "(2, 100, 10, 2, 2, 40.00, 'KA01AB0002', 'occupied', '2026-11-03 10:00:00', "
    "'2026-11-03 10:05:00', NULL, NULL, NULL)",
]


@pytest.fixture
def empty_database(settings, tmp_path):
    """A new database on the same engine as this half of the suite."""
    if settings.DATABASE_URL.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'old.db'}"
    else:
        yield from _postgres_database()


def test_the_migration_keeps_existing_data_and_adds_the_window_rules(settings, empty_database):
    app = create_app(settings.model_copy(update={"DATABASE_URL": empty_database}))
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        with db.engine.begin() as connection:
            for statement in _ROWS:
                connection.execute(sa.text(statement))
        upgrade(directory=str(MIGRATIONS_DIR), revision=ADVANCE_BOOKINGS)
        with db.engine.begin() as connection:
            assert connection.execute(sa.text("SELECT advance_spots FROM lots")).all() == [(0,)]
            kinds = connection.execute(sa.text("SELECT kind FROM spots ORDER BY number")).all()
            assert kinds == [("drive_up",), ("drive_up",)]
            rows = connection.execute(
                sa.text(
                    "SELECT id, status, cost, starts_at, quoted_cost, no_show "
                    "FROM reservations ORDER BY id"
                )
            ).all()
            assert [
                (r.id, r.status, r.starts_at, r.quoted_cost, bool(r.no_show)) for r in rows
            ] == [
                (1, "completed", None, None, False),
                (2, "occupied", None, None, False),
            ]
            assert Decimal(str(rows[0].cost)) == Decimal("80.00")
        # The old car is parked: its vehicle cannot be parked twice, now a database rule.
        with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO reservations (user_id, lot_id, spot_id, spot_number, "
                    "price_per_hour, vehicle_number, status, reserved_at, starts_at, ends_at) "
                    "VALUES (100, 10, 1, 1, 40.00, 'KA01AB0002', 'occupied', "
                    "'2026-11-03 11:00:00', '2026-11-04 10:00:00', '2026-11-04 11:00:00')"
                )
            )
        downgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        with db.engine.begin() as connection:
            count = connection.execute(sa.text("SELECT count(*) FROM reservations")).scalar()
            assert count == 2
        db.engine.dispose()
