"""Opening a live stream: what the Flask app decides before the server holds the response."""

from __future__ import annotations

import redis
from flask import Response

from parking.errors import DomainError
from parking.events import channel_name
from parking.redis_client import get_redis, report_outage

# The response header that asks `parking serve` (events/stream.py) to keep the response open
# and write the named pub/sub channel's messages to it. The server removes it. Under a server
# without that layer (the Flask test client, `flask run`) the response ends after the retry
# hint, and clients reconnect after it: polling every few seconds, but correct.
HOLD_HEADER = "X-Hold-Channel"
RETRY_MILLISECONDS = 3000


class LiveUpdatesUnavailable(DomainError):
    status_code = 503
    message = "Live updates are paused: Redis is unreachable. Poll for changes instead."


def open_stream() -> Response:
    """The start of an event stream (the reconnect hint), for the server to hold open."""
    client = get_redis()
    try:
        if not client.ping():
            raise LiveUpdatesUnavailable()
    except redis.RedisError as error:
        report_outage(error)
        raise LiveUpdatesUnavailable() from error
    return Response(
        f"retry: {RETRY_MILLISECONDS}\n\n",
        mimetype="text/event-stream",
        headers={
            "Cache-Control": "no-cache",
            # Tells nginx not to buffer the stream.
            "X-Accel-Buffering": "no",
            HOLD_HEADER: channel_name(),
        },
    )
