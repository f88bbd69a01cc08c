"""Live events: every change to a lot's spots is published on Redis pub/sub, so that every
`parking serve` process can push it to its Server-Sent Events clients.

- here: the publisher, called by the services after each commit that changes a lot;
- `routes.py`: `GET /api/events`, a Flask route that authenticates the client, checks Redis and
  answers with a "hold" header naming the channel;
- `stream.py`: the ASGI side of `parking serve`, which keeps such a response open and writes
  each message of the channel to it (one Redis subscription per server process).
"""

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
    try:
        client.publish(channel_name(), json.dumps({"type": kind, "lot_id": lot_id}))
    except redis.RedisError as error:
        report_outage(error)
