"""Health of the parts the API depends on; a Redis outage degrades, it does not fail, the API."""

from __future__ import annotations

import redis
import sqlalchemy as sa
from flask import current_app

from parking.extensions import db


def _redis_ok(url: str | None) -> bool:
    if not url:
        return False
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        return bool(client.ping())
    except redis.RedisError:
        return False


def check() -> dict:
    try:
        db.session.execute(sa.text("SELECT 1"))
        database = "ok"
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        database = "down"
    redis_state = "ok" if _redis_ok(current_app.config["REDIS_URL"]) else "down"
    # The job queue is the Redis broker; workers arrive with the background-jobs issue.
    return {"status": "ok", "database": database, "redis": redis_state, "queue": redis_state}
