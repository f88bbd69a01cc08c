"""Failed sign-ins, limited per e-mail and per client address (LOGIN_FAILURES_PER_*).

An attempt is counted before the password is checked, in one atomic step per limit (a Redis
INCR), so thirty wrong guesses sent at once cannot slip past a limit of five; a successful
sign-in takes its count back, so it never counts toward either limit. With Redis unreachable the
counts go to this process's memory: a weaker limit, never none.
"""

from __future__ import annotations

import logging
import math
import time

from flask import current_app
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter

from parking.errors import DomainError
from parking.extensions import limiter

log = logging.getLogger(__name__)
_fallback = FixedWindowRateLimiter(MemoryStorage())


class TooManyAttempts(DomainError):
    status_code = 429
    message = "Too many failed sign-in attempts; try again later"


def _limits(email: str, address: str):
    config = current_app.config
    yield parse(config["LOGIN_FAILURES_PER_EMAIL"]), ("login-email", email.lower())
    yield parse(config["LOGIN_FAILURES_PER_ADDRESS"]), ("login-address", address)


def _strategy() -> FixedWindowRateLimiter:
    return FixedWindowRateLimiter(limiter.storage)


def _hit(item, identifiers, cost: int) -> bool:
    try:
        return _strategy().hit(item, *identifiers, cost=cost)
    except Exception as error:  # the storage's own errors (Redis down) differ per backend
        log.warning("Rate-limit storage unreachable (%s); counting in this process", error)
        return _fallback.hit(item, *identifiers, cost=cost)


def _seconds_to_reset(item, identifiers) -> int:
    try:
        reset_at = _strategy().get_window_stats(item, *identifiers).reset_time
    except Exception:
        reset_at = _fallback.get_window_stats(item, *identifiers).reset_time
    return max(1, math.ceil(reset_at - time.time()))


def count_attempt(*, email: str, address: str) -> None:
    """Count a sign-in attempt against both limits; TooManyAttempts (429) when one is full."""
    counted = []
    for item, identifiers in _limits(email, address):
        counted.append((item, identifiers))
        if not _hit(item, identifiers, cost=1):
            for taken in counted:  # a refused attempt is not a failure of its own
                _hit(*taken, cost=-1)
            error = TooManyAttempts()
            error.headers = {"Retry-After": str(_seconds_to_reset(item, identifiers))}
            raise error


def forgive_attempt(*, email: str, address: str) -> None:
    """The attempt signed in: take its count back from both limits."""
    for item, identifiers in _limits(email, address):
        _hit(item, identifiers, cost=-1)
