"""Live events: every change to a lot's spots is published on Redis pub/sub, so that every
`parking serve` process can push it to its Server-Sent Events clients."""

from __future__ import annotations

import json

import redis
from flask import current_app

from parking.redis_client import get_redis, report_outage


def channel_name() -> str:
    """The pub/sub channel, under the app's key prefix so deployments sharing a Redis stay apart."""
    return f"{current_app.config['RATELIMIT_KEY_PREFIX']}:events"


def publish_lot_change(lot_id: int, kind: str = "lot") -> None:
    """Tell every server process that lot `lot_id` changed (availability or a spot's status).

    The payload names only the lot: clients refetch what their role may see. Never raises:
    with Redis down the change stands and live clients fall back to polling.
    """
    client = get_redis()
    if client is None:
        return
    try:
        client.publish(channel_name(), json.dumps({"type": kind, "lot_id": lot_id}))
    except redis.RedisError as error:
        report_outage(error)
