"""No N+1: each list, grid, summary and report runs the same number of queries whatever its size."""

from __future__ import annotations

from parking.auth.models import User
from parking.db import utcnow
from parking.extensions import db
from parking.reports import data as reports
from parking.timezone import local_month
from tests.queries import counted_queries, drop_cached_answers


def _queries(api, app, path, actor) -> int:
    drop_cached_answers(app)  # the database path, not the cache
    with app.app_context(), counted_queries() as statements:
        response = api.get(path, actor)
        assert response.status_code == 200, response.get_json()
    return len(statements)


def _book_and_cancel(api, driver, lot_id, times: int) -> None:
    for n in range(times):
        reservation = api.booked(driver, lot_id, f"KA01AA{n:04d}")
        api.post(f"/api/reservations/{reservation['id']}/cancel", driver)


def _grow(api, admin, lots: list[dict], drivers: int) -> None:
    """More lots, bookings in each, completed stays and active spots: a bigger world."""
    for _ in range(5):
        lots.append(api.create_lot(admin, total_spots=4))
    for n in range(drivers):
        driver = api.new_driver()
        for lot in lots[:3]:
            api.booked(driver, lot["id"], f"KA{n:02d}{lot['id']:02d}XY")


def test_lists_grids_and_summaries_cost_the_same_queries_at_any_size(api, app, admin, driver):
    lots = [api.create_lot(admin, total_spots=4)]
    _book_and_cancel(api, driver, lots[0]["id"], 1)
    paths = [
        ("/api/lots", driver),
        (f"/api/lots/{lots[0]['id']}", driver),
        (f"/api/lots/{lots[0]['id']}/spots", admin),
        ("/api/reservations", driver),
        ("/api/reservations", admin),
        ("/api/me/summary", driver),
        ("/api/admin/summary", admin),
        ("/api/admin/users", admin),
        ("/api/admin/notifications", admin),
    ]
    small = {path: _queries(api, app, path, actor) for path, actor in paths}

    _book_and_cancel(api, driver, lots[0]["id"], 6)
    _grow(api, admin, lots, drivers=3)
    large = {path: _queries(api, app, path, actor) for path, actor in paths}
    assert large == small


def test_monthly_reports_cost_the_same_queries_at_any_size(api, app, admin, driver):
    lots = [api.create_lot(admin, total_spots=4)]
    _book_and_cancel(api, driver, lots[0]["id"], 1)

    def report_queries() -> tuple[int, int]:
        with app.app_context():
            month = local_month(utcnow())
            user = db.session.get(User, driver.id)
            with counted_queries() as driver_statements:
                reports.driver_month(user=user, month=month)
            with counted_queries() as operator_statements:
                reports.operator_month(month=month)
            db.session.rollback()
        return len(driver_statements), len(operator_statements)

    small = report_queries()
    _book_and_cancel(api, driver, lots[0]["id"], 6)
    _grow(api, admin, lots, drivers=3)
    assert report_queries() == small
