"""Limits on sign-in failures (LOGIN_FAILURES_PER_*) and password-reset requests
(PASSWORD_RESETS_PER_*), per e-mail and per client address.

An attempt is counted before the password is checked, in one atomic step per limit (a Redis
INCR), so thirty wrong guesses sent at once cannot slip past a limit of five; a successful
sign-in takes its count back, so it never counts toward either limit. With Redis unreachable the
counts go to this process's memory: a weaker limit, never none.
"""

from __future__ import annotations

import logging
import math
import time
from datetime import UTC, datetime

from flask import current_app
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter

from parking.errors import DomainError
from parking.extensions import limiter
from parking.timezone import app_zone

log = logging.getLogger(__name__)
_fallback = FixedWindowRateLimiter(MemoryStorage())


class TooManyAttempts(DomainError):
    status_code = 429
    message = "Too many attempts; try again later"


def _login_limits(email: str, address: str):
    config = current_app.config
    yield parse(config["LOGIN_FAILURES_PER_EMAIL"]), ("login-email", email.lower())
    yield parse(config["LOGIN_FAILURES_PER_ADDRESS"]), ("login-address", address)


def _reset_limits(email: str, address: str):
    config = current_app.config
    yield parse(config["PASSWORD_RESETS_PER_EMAIL"]), ("reset-email", email.lower())
    yield parse(config["PASSWORD_RESETS_PER_ADDRESS"]), ("reset-address", address)


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


def _when(seconds: int) -> str:
    """`in 14 minutes (at 20:35)`: when a limit's window has passed, on the APP_TIMEZONE clock."""
    minutes = math.ceil(seconds / 60)
    at = datetime.fromtimestamp(time.time() + seconds, UTC).astimezone(app_zone())
    count = "1 minute" if minutes == 1 else f"{minutes} minutes"
    return f"in {count} (at {at:%H:%M})"


_REFUSALS = {
    "login-email": "Too many failed sign-in attempts for this e-mail. Try again {when}, "
    "or reset your password with “Forgot password?”.",
    "login-address": "Too many failed sign-in attempts from your network. Try again {when}.",
    "reset-email": "Too many reset links asked for this e-mail. Try again {when}; "
    "the links already sent still work.",
    "reset-address": "Too many reset links asked from your network. Try again {when}.",
}


def _count(limits) -> None:
    counted = []
    for item, identifiers in limits:
        counted.append((item, identifiers))
        if not _hit(item, identifiers, cost=1):
            for taken in counted:  # a refused attempt is not a failure of its own
                _hit(*taken, cost=-1)
            seconds = _seconds_to_reset(item, identifiers)
            message = _REFUSALS[identifiers[0]].format(when=_when(seconds))
            error = TooManyAttempts(message, detail={"retry_after": seconds})
            error.headers = {"Retry-After": str(seconds)}
            raise error


def count_attempt(*, email: str, address: str) -> None:
    """Count a sign-in attempt against both limits; TooManyAttempts (429) when one is full."""
    _count(_login_limits(email, address))


def forgive_attempt(*, email: str, address: str) -> None:
    """The attempt signed in: take its count back from both limits."""
    for item, identifiers in _login_limits(email, address):
        _hit(item, identifiers, cost=-1)


def clear_failures(*, email: str) -> None:
    """The password was reset: the e-mail's failed sign-ins are forgotten (no lockout)."""
    item = parse(current_app.config["LOGIN_FAILURES_PER_EMAIL"])
    identifiers = ("login-email", email.lower())
    for strategy in (_strategy, lambda: _fallback):
        try:
            strategy().clear(item, *identifiers)
        except Exception as error:
            log.warning("Rate-limit storage unreachable (%s); lockout not cleared there", error)


def count_reset_request(*, email: str, address: str) -> None:
    """Count a password-reset request (every one counts); TooManyAttempts when a limit is full."""
    _count(_reset_limits(email, address))
