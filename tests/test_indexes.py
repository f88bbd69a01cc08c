"""Indexes: at half a million reservations, the read path never scans the reservations table.

PostgreSQL's planner is asked (EXPLAIN) about the very statements the API runs for a driver's
history, a lot's spot grid, the lot list and the users page, on a table filled to 500,000 rows.
(Totals over every reservation, such as the admin's revenue, read the whole table by nature:
they are aggregates that the cache keeps.)
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from parking.extensions import db
from tests.queries import drop_cached_answers

ROWS = 500_000

_SEED_USERS = """
INSERT INTO users (email, password_hash, full_name, role, email_notifications, created_at)
SELECT 'seed' || g || '@example.com', 'not-a-hash', 'Seed ' || g, 'user', true,
       timestamp '2026-01-01' + g * interval '1 minute'
FROM generate_series(1, 1000) AS g
"""

_SEED_RESERVATIONS = """
WITH u AS (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE role = 'user'),
     s AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(lot_id ORDER BY id) AS lots,
                  array_agg(number ORDER BY id) AS numbers FROM spots)
INSERT INTO reservations (user_id, lot_id, spot_id, spot_number, price_per_hour, vehicle_number,
                          status, reserved_at, parked_at, left_at, duration_minutes, cost)
SELECT u.ids[1 + g % cardinality(u.ids)], s.lots[1 + g % cardinality(s.ids)],
       s.ids[1 + g % cardinality(s.ids)], s.numbers[1 + g % cardinality(s.ids)], 50.00,
       'SEED' || g, 'completed', t.at, t.at + interval '5 minutes', t.at + interval '65 minutes',
       60, 50.00
FROM generate_series(1, :rows) AS g, u, s,
     LATERAL (SELECT timestamp '2025-11-01' + g * interval '1 minute' AS at) AS t
"""


def _plans_scanning_reservations(plan: dict) -> list[dict]:
    found = []
    if plan.get("Node Type") == "Seq Scan" and plan.get("Relation Name") == "reservations":
        found.append(plan)
    for child in plan.get("Plans", []):
        found += _plans_scanning_reservations(child)
    return found


def _statements_of(api, app, path, actor) -> list[tuple[str, dict]]:
    drop_cached_answers(app)
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and "reservations" in statement:
            statements.append((statement, parameters))

    with app.app_context():
        sa.event.listen(db.engine, "before_cursor_execute", record)
        try:
            assert api.get(path, actor).status_code == 200
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", record)
    assert statements, f"{path} read no reservations"
    return statements


def test_the_read_path_uses_indexes_at_half_a_million_reservations(api, app, admin, driver):
    if sa.make_url(app.config["SQLALCHEMY_DATABASE_URI"]).get_backend_name() != "postgresql":
        pytest.skip(reason="EXPLAIN plans are checked on PostgreSQL, the database for big sites")
    lots = [api.create_lot(admin, total_spots=100) for _ in range(5)]
    api.booked(driver, lots[0]["id"])
    with app.app_context():
        db.session.execute(sa.text(_SEED_USERS))
        db.session.execute(sa.text(_SEED_RESERVATIONS), {"rows": ROWS})
        db.session.commit()
        db.session.execute(sa.text("ANALYZE"))
        db.session.commit()

    paths = [
        ("/api/reservations", driver),
        ("/api/reservations?status=reserved", driver),
        ("/api/me/summary", driver),
        ("/api/lots", driver),
        (f"/api/lots/{lots[0]['id']}", driver),
        (f"/api/lots/{lots[0]['id']}/spots", admin),
        (f"/api/reservations?user_id={driver.id}", admin),
        (f"/api/reservations?lot_id={lots[0]['id']}&status=reserved", admin),
        ("/api/admin/users", admin),
    ]
    scans = {}
    for path, actor in paths:
        for statement, parameters in _statements_of(api, app, path, actor):
            with app.app_context():
                [[plan]] = (
                    db.session.connection()
                    .exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, parameters)
                    .one()
                )
                db.session.rollback()
            if _plans_scanning_reservations(plan["Plan"]):
                scans.setdefault(path, []).append(statement)
    assert scans == {}
