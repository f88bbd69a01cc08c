"""One pooled Redis client per app, shared by the cache, live events and the health check.

Redis is an accelerator, never a dependency of a request: callers catch `redis.RedisError`
and carry on from the database. `report_outage` logs an outage once, not once per request.
"""

from __future__ import annotations

import logging
import threading

import redis
from flask import current_app

from parking.config import DEFAULT_REDIS_URL

log = logging.getLogger(__name__)
_outage_logged = threading.Event()


def get_redis() -> redis.Redis:
    """The app's Redis client (connections are pooled)."""
    client = current_app.extensions.get("redis")
    if client is None:
        client = redis.Redis.from_url(
            current_app.config["REDIS_URL"] or DEFAULT_REDIS_URL,
            socket_connect_timeout=0.5,
            socket_timeout=1,
            health_check_interval=30,
        )
        current_app.extensions["redis"] = client
    return client


def report_outage(error: Exception) -> None:
    """Log that Redis is unreachable, once until it answers again."""
    if not _outage_logged.is_set():
        _outage_logged.set()
        log.warning("Redis unreachable (%s); serving from the database", error)


def report_recovery() -> None:
    if _outage_logged.is_set():
        _outage_logged.clear()
        log.warning("Redis reachable again")
