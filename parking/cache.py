"""The Redis cache of what drivers and operators read most: the lot list, a lot, a lot's spot
grid, and the driver and admin summaries.

Versioned keys. Each cached answer is stored under a key that embeds the current numbers of the
versions it depends on: `lots` (any lot's spots or details), `lot:<id>`, `lot-details` (lot
names), `user:<id>` (one driver's bookings) and `users` (accounts). A change bumps its versions
right after its transaction commits (`parking.changes`), so the very next read, from any
process, builds a new key: a client never reads an answer older than its own last write.
Versions are read before the database is, so an answer computed from data older than a bump is
filed under the old number and never read again. Old keys simply age out.

The TTL is a backstop, and also how time-driven changes show: an answer that depends on the
clock (a hold that runs out, a started hour of parking, a new day) is kept only until then.

Redis down: every read is computed from the database, and the outage is logged once.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import TypeVar

import redis
from flask import current_app
from flask.json.tag import JSONTag, TaggedJSONSerializer

from parking.db import utcnow
from parking.redis_client import get_redis, report_outage, report_recovery

T = TypeVar("T")


class _TagDecimal(JSONTag):
    key = " dec"

    def check(self, value) -> bool:
        return isinstance(value, Decimal)

    def to_json(self, value) -> str:
        return str(value)

    def to_python(self, value) -> Decimal:
        return Decimal(value)


class _TagDateTime(JSONTag):
    """ISO 8601 with microseconds and offset (Flask's own datetime tag keeps whole seconds)."""

    key = " iso"

    def check(self, value) -> bool:
        return isinstance(value, datetime)

    def to_json(self, value) -> str:
        return value.isoformat()

    def to_python(self, value) -> datetime:
        return datetime.fromisoformat(value)


_serializer = TaggedJSONSerializer()
_serializer.register(_TagDecimal, index=0)
_serializer.register(_TagDateTime, index=0)


def _prefix() -> str:
    return f"{current_app.config['RATELIMIT_KEY_PREFIX']}:cache"


def lots_version() -> str:
    return "lots"


def lot_version(lot_id: int) -> str:
    return f"lot:{lot_id}"


def lot_details_version() -> str:
    """Lot names and addresses (and deletions): what the driver's summary shows of lots."""
    return "lot-details"


def user_version(user_id: int) -> str:
    return f"user:{user_id}"


def users_version() -> str:
    return "users"


def remember(
    name: str,
    depends_on: list[str],
    compute: Callable[[], tuple[T, datetime | None]],
) -> T:
    """The cached answer `name` for the current `depends_on` versions, else `compute()`'s.

    `compute` returns the answer and the moment the clock alone would change it (or None).
    """
    client = get_redis()
    prefix = _prefix()
    try:
        versions = client.mget([f"{prefix}:ver:{v}" for v in depends_on])
        stamp = ".".join((v or b"0").decode() for v in versions)
        key = f"{prefix}:{name}@{stamp}"
        cached = client.get(key)
    except redis.RedisError as error:
        report_outage(error)
        return compute()[0]
    report_recovery()
    if cached is not None:
        value, changes_at = _serializer.loads(cached)
        # Checked on the app's clock, not only by Redis' TTL: the two may differ.
        if changes_at is None or utcnow() < changes_at:
            return value
    value, changes_at = compute()
    ttl = current_app.config["CACHE_TTL_SECONDS"]
    if changes_at is not None:
        ttl = min(ttl, math.ceil((changes_at - utcnow()).total_seconds()))
    if ttl >= 1:
        try:
            client.set(key, _serializer.dumps([value, changes_at]), ex=ttl)
        except redis.RedisError as error:
            report_outage(error)
    return value


def key_for(*parts) -> str:
    """A short, safe key part for free-form arguments (a search text, say)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


def bump(versions: set[str]) -> None:
    """Move these versions on: every answer that depends on one is out of date from now."""
    client = get_redis()
    if not versions:
        return
    prefix = _prefix()
    try:
        with client.pipeline(transaction=False) as pipe:
            for version in versions:
                pipe.incr(f"{prefix}:ver:{version}")
            pipe.execute()
    except redis.RedisError as error:
        report_outage(error)
