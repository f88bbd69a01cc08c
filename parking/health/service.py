"""Health of the parts the API depends on; a Redis outage degrades, it does not fail, the API."""

from __future__ import annotations

import time

import redis
import sqlalchemy as sa
from flask import current_app

from parking.extensions import db
from parking.redis_client import get_redis, report_outage, report_recovery


def _redis_ok() -> bool:
    """PING on the app's pooled Redis client: no new connection per check."""
    client = get_redis()
    try:
        client.ping()
    except redis.RedisError as error:
        report_outage(error)
        return False
    report_recovery()
    return True


# Load balancers and monitors poll health many times a second; each process checks its
# database and Redis at most this often and answers from the last check in between.
CHECK_EVERY_SECONDS = 1.0


def check() -> dict:
    """The state of the database, Redis and the job queue, at most a second old."""
    checked_at, state = current_app.extensions.get("health", (None, None))
    if checked_at is None or time.monotonic() - checked_at >= CHECK_EVERY_SECONDS:
        state = _check_now()
        current_app.extensions["health"] = (time.monotonic(), state)
    return state


def _check_now() -> dict:
    try:
        db.session.execute(sa.text("SELECT 1"))
        database = "ok"
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        database = "down"
    redis_state = "ok" if _redis_ok() else "down"
    # The job queue is the Redis broker.
    return {"status": "ok", "database": database, "redis": redis_state, "queue": redis_state}
