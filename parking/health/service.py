"""Health of the parts the API depends on; a Redis outage degrades, it does not fail, the API."""

from __future__ import annotations

import redis
import sqlalchemy as sa

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


def check() -> dict:
    try:
        db.session.execute(sa.text("SELECT 1"))
        database = "ok"
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        database = "down"
    redis_state = "ok" if _redis_ok() else "down"
    # The job queue is the Redis broker.
    return {"status": "ok", "database": database, "redis": redis_state, "queue": redis_state}
