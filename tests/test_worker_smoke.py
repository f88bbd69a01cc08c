"""A real Celery worker process runs a scheduled job end to end: hold expiry."""

from datetime import timedelta

import sqlalchemy as sa

from parking.db import utcnow
from parking.extensions import db
from parking.reservations.models import Reservation
from tests.helpers import wait_for


def test_the_worker_cancels_an_expired_hold(api, admin, driver, worker, app):
    lot = api.create_lot(admin, total_spots=1)
    reservation = api.booked(driver, lot["id"])
    with app.app_context():
        db.session.execute(
            sa.update(Reservation)
            .where(Reservation.id == reservation["id"])
            .values(reserved_at=utcnow() - timedelta(minutes=31))
        )
        db.session.commit()
        celery = app.extensions["celery"]
        celery.send_task("parking.expire_holds")

    def cancelled():
        with app.app_context():
            status = db.session.scalar(
                sa.select(Reservation.status).where(Reservation.id == reservation["id"])
            )
            db.session.rollback()
            return status == "cancelled"

    wait_for(cancelled, timeout=30)
